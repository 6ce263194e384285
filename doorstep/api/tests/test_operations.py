"""Every operation, four ways: it works; bad input is refused with the field and the reason in
the error envelope; no token is 401; a role without its permission is 403.

The table must name every operation the API has (`test_the_table_covers_every_operation`),
so a new operation cannot ship without these four tests. An operation with a second way in
(a case opened from a contact) has a second row, named by its `variant`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings

from doorstep.api.api import api
from doorstep.api.auth import operation_permissions
from doorstep.api.tests.conftest import PDF, callers_build, world_build
from doorstep.appointments.services import appointment_book
from doorstep.cases.models import Case
from doorstep.repairs.services import ItemIn, job_raise, sor_load_csv
from doorstep.staff.models import Contractor
from doorstep.timeline.when import LONDON

BAD_REFERENCE = "String should match pattern"
TOO_SMALL = "Input should be greater than or equal to 1"


@dataclass(frozen=True)
class Op:
    op_id: str
    method: str  # GET, POST (JSON) or UPLOAD (multipart POST)
    path: str  # placeholders name the `world` fixture's references
    status: int
    body: dict[str, Any] | None = None
    bad_path: str | None = None  # the same operation, with input it must refuse
    bad_body: dict[str, Any] | None = None
    bad_field: str = ""
    bad_reason: str = ""
    denied: str = "no_role"  # a caller whose role lacks the permission
    variant: str = ""  # names a second row for an operation with another way in
    expect: dict[str, Any] = field(default_factory=dict)  # fields of a success response
    caller: str = "officer"  # who succeeds (a manager-only operation names "manager")


def _list(op_id: str, path: str, denied: str = "no_role") -> Op:
    return Op(
        op_id,
        "GET",
        path,
        200,
        bad_path=f"{path.split('?')[0]}?limit=0",
        bad_field="query.limit",
        bad_reason=TOO_SMALL,
        denied=denied,
    )


def _read(op_id: str, path: str, bad_path: str, denied: str = "no_role") -> Op:
    return Op(
        op_id,
        "GET",
        path,
        200,
        bad_path=bad_path,
        bad_field="path.reference",
        bad_reason=BAD_REFERENCE,
        denied=denied,
    )


V = "/api/v1"
OPS = [
    _list("property_list", f"{V}/properties?q=Elm", denied="contractor"),
    _read("property_read", f"{V}/properties/{{flat}}", f"{V}/properties/flat-1", "contractor"),
    Op(
        "property_create",
        "POST",
        f"{V}/properties",
        201,
        body={"kind": "flat", "address_line_1": "2 Elm Court", "part_of": "{block}"},
        bad_body={"kind": "flat"},
        bad_field="body.address_line_1",
        bad_reason="Field required",
        denied="repairs",
        expect={"part_of": "{block}", "address_line_1": "2 Elm Court"},
    ),
    _list("person_list", f"{V}/people?q=Tess", denied="contractor"),
    _read("person_read", f"{V}/people/{{tenant}}", f"{V}/people/tess", "contractor"),
    Op(
        "person_create",
        "POST",
        f"{V}/people",
        201,
        body={"full_name": "Nia New"},
        bad_body={"full_name": ""},
        bad_field="body.full_name",
        bad_reason="String should have at least 1 character",
        denied="repairs",
        expect={"full_name": "Nia New"},
    ),
    _list("household_list", f"{V}/households?q=Elm", denied="contractor"),
    _read("household_read", f"{V}/households/{{household}}", f"{V}/households/x", "contractor"),
    Op(
        "household_create",
        "POST",
        f"{V}/households",
        201,
        body={"property": "{flat}"},
        bad_body={},
        bad_field="body.property",
        bad_reason="Field required",
        denied="repairs",
    ),
    Op(
        "household_member_create",
        "POST",
        f"{V}/households/{{household}}/members",
        201,
        body={"person": "{lodger}", "relationship": "lodger"},
        bad_body={"person": "{lodger}", "relationship": "cousin"},
        bad_field="body.relationship",
        bad_reason="Input should be",
        denied="repairs",
    ),
    Op(
        "case_list",
        "GET",
        f"{V}/cases?status=open&type=repair&household={{household}}",
        200,
        bad_path=f"{V}/cases?status=pending",
        bad_field="query.status",
        bad_reason="Input should be 'open' or 'closed'",
    ),
    _read("case_read", f"{V}/cases/{{repair}}", f"{V}/cases/repair"),
    Op(
        "case_create",
        "POST",
        f"{V}/cases",
        201,
        body={"case_type": "repair", "title": "Broken window", "household": "{household}"},
        bad_body={"case_type": "ticket", "title": "Broken window"},
        bad_field="body.case_type",
        bad_reason="Input should be 'repair'",
        denied="auditor",
        expect={"household": "{household}", "status": "open"},
    ),
    Op(
        "case_create",
        "POST",
        f"{V}/cases",
        201,
        variant="from_contact",
        body={"case_type": "repair", "title": "Dripping tap", "from_contact": "{contact}"},
        bad_body={"case_type": "repair", "title": "Dripping tap", "from_contact": "{flat}"},
        bad_field="body.from_contact",
        bad_reason="Input should be a valid UUID",
        denied="auditor",
        expect={"household": "{household}", "property": "{flat}", "status": "open"},
    ),
    Op(
        "case_close",
        "POST",
        f"{V}/cases/{{complaint}}/close",
        200,
        body={"reason": "Resolved"},
        bad_body={"reason": ""},
        bad_field="body.reason",
        bad_reason="String should have at least 1 character",
        denied="contractor",
        expect={"status": "closed"},
    ),
    _list("case_event_list", f"{V}/cases/{{repair}}/events"),
    Op(
        "case_event_create",
        "POST",
        f"{V}/cases/{{repair}}/events",
        201,
        body={"kind": "note", "occurred": "2024-05", "data": {"text": "Called the resident"}},
        bad_body={"kind": "note", "data": {"text": 42}},
        bad_field="body.data.text",
        bad_reason="Input should be a valid string",
        denied="auditor",
        expect={"kind": "note", "case": "{repair}"},
    ),
    _list("household_event_list", f"{V}/households/{{household}}/events"),
    Op(
        "household_contact_create",
        "POST",
        f"{V}/households/{{household}}/contacts",
        201,
        body={
            "direction": "in",
            "channel": "phone",
            "party": "Tess Tenant",
            "text": "The tap is dripping again",
            "occurred": "2024-05",
        },
        bad_body={"direction": "sideways", "channel": "phone", "text": "Dripping"},
        bad_field="body.direction",
        bad_reason="Input should be 'in' or 'out'",
        denied="auditor",
        expect={"kind": "contact.in", "household": "{household}", "case": None},
    ),
    _list("case_document_list", f"{V}/cases/{{repair}}/documents"),
    Op(
        "case_document_create",
        "UPLOAD",
        f"{V}/cases/{{repair}}/documents",
        201,
        body={"doc_type": "photo", "title": "Tap photo"},
        bad_body={"doc_type": "selfie", "title": "Tap photo"},
        bad_field="form.doc_type",
        bad_reason="Input should be",
        denied="auditor",
        expect={"case": "{repair}", "content_type": "application/pdf"},
    ),
    _list("household_document_list", f"{V}/households/{{household}}/documents"),
    Op(
        "household_document_create",
        "UPLOAD",
        f"{V}/households/{{household}}/documents",
        201,
        body={"doc_type": "letter", "title": "Notice"},
        bad_body={"doc_type": "letter", "title": "Notice", "file": None},
        bad_field="form.file",
        bad_reason="Field required",
        denied="auditor",
        expect={"household": "{household}"},
    ),
    _read("document_read", f"{V}/documents/{{document}}", f"{V}/documents/doc"),
    _read("document_download", f"{V}/documents/{{document}}/content", f"{V}/documents/doc/content"),
    Op(
        "policy_read",
        "GET",
        f"{V}/policy?on=2024-04-01",
        200,
        bad_path=f"{V}/policy?on=2024-13-01",
        bad_field="query.on",
        bad_reason="Input should be a valid date",
        denied="contractor",
        expect={"on": "2024-04-01"},
    ),
    Op(
        "policy_override_create",
        "POST",
        f"{V}/policy/overrides",
        201,
        body={
            "key": "repairs.routine.working_days",
            "value": 15,
            "effective_from": "2025-04-01",
            "source": "Repairs policy 2025, para 4",
        },
        bad_body={
            "key": "repairs.routine.working_days",
            "value": 15,
            "effective_from": "2025-04-01",
        },
        bad_field="body.source",
        bad_reason="Field required",
        denied="officer",
        caller="manager",
        expect={"key": "repairs.routine.working_days", "value": 15, "effective_from": "2025-04-01"},
    ),
    Op(
        "case_clocks_read",
        "GET",
        f"{V}/cases/{{complaint}}/clocks?as_of=2024-06-03",
        200,
        bad_path=f"{V}/cases/{{complaint}}/clocks?as_of=2024-13-01",
        bad_field="query.as_of",
        bad_reason="Input should be a valid date",
        expect={"as_of": "2024-06-03", "case": "{complaint}"},
    ),
    Op(
        "household_findings_read",
        "GET",
        f"{V}/households/{{household}}/findings?as_of=2024-06-03",
        200,
        bad_path=f"{V}/households/{{household}}/findings?as_of=2024-13-01",
        bad_field="query.as_of",
        bad_reason="Input should be a valid date",
        denied="contractor",
        expect={"as_of": "2024-06-03", "household": "{household}"},
    ),
    Op(
        "queue_read",
        "GET",
        f"{V}/queue?as_of=2024-06-03",
        200,
        bad_path=f"{V}/queue?as_of=3 June",
        bad_field="query.as_of",
        bad_reason="Input should be a valid date",
        expect={"as_of": "2024-06-03"},
    ),
    Op(
        "finding_list",
        "GET",
        f"{V}/findings?as_of=2024-06-03&include_resolved=true&topic=complaint_handling",
        200,
        bad_path=f"{V}/findings?age=ancient",
        bad_field="query.age",
        bad_reason="Input should be 'under_30'",
        denied="contractor",
    ),
    Op(
        "finding_summary",
        "GET",
        f"{V}/findings/summary?as_of=2024-06-03&team=none",
        200,
        bad_path=f"{V}/findings/summary?as_of=3 June",
        bad_field="query.as_of",
        bad_reason="Input should be a valid date",
        denied="contractor",
        expect={"as_of": "2024-06-03", "since": "2024-03-05", "include_resolved": False},
    ),
    Op(
        "tsm_read",
        "GET",
        f"{V}/reports/tsm/2024",
        200,
        bad_path=f"{V}/reports/tsm/1999",
        bad_field="path.year",
        bad_reason="Input should be greater than or equal to 2023",
        denied="contractor",
        caller="manager",
        expect={"year": 2024, "starts": "2024-04-01", "ends": "2025-03-31"},
    ),
    Op(
        "tsm_cases",
        "GET",
        f"{V}/reports/tsm/2024/ch01-1/cases",
        200,
        bad_path=f"{V}/reports/tsm/2024/xx99/cases",
        bad_field="path.measure",
        bad_reason="Input should be 'ch01-1'",
        denied="officer",
        caller="auditor",
        expect={"year": 2024},
    ),
    Op(
        "commitment_list",
        "GET",
        f"{V}/commitments?as_of=2024-06-03",
        200,
        bad_path=f"{V}/commitments?standing=late",
        bad_field="query.standing",
        bad_reason="Input should be 'open', 'overdue'",
        expect={"count": 2},  # the tap washer, and the world's Ombudsman order (OMB2)
    ),
    Op(
        "commitment_create",
        "POST",
        f"{V}/cases/{{complaint}}/commitments",
        201,
        body={"action": "Call back with the survey date", "due": "2099-06", "owner": "olivia"},
        bad_body={"action": "Call back", "due": "next week"},
        bad_field="body.due",
        bad_reason="Give the date as YYYY, YYYY-MM, YYYY-MM-DD",
        denied="auditor",
        expect={"case": "{complaint}", "due": "2099-06", "owner": "Olivia", "standing": "open"},
    ),
    Op(
        "commitment_claim_create",
        "POST",
        f"{V}/commitments/{{commitment}}/claims",
        201,
        body={"claimed_by": "contractor", "completed_on": "2024-06-01"},
        bad_body={"claimed_by": "the fitter"},
        bad_field="body.claimed_by",
        bad_reason="Input should be 'contractor' or 'staff'",
        denied="auditor",
        caller="contractor",
        expect={"state": "claimed", "job": "J1", "items": ["washer"]},
    ),
    Op(
        "commitment_verification_create",
        "POST",
        f"{V}/commitments/{{commitment}}/verifications",
        201,
        body={"method": "post_inspection", "result": "confirmed", "evidence": "New washer fitted"},
        bad_body={"result": "confirmed", "evidence": "The contractor said so"},
        bad_field="body.method",
        bad_reason="Field required",
        denied="contractor",
        expect={"state": "kept", "standing": "kept"},
    ),
    Op(
        "commitment_drop",
        "POST",
        f"{V}/commitments/{{commitment}}/drop",
        200,
        body={"reason": "The resident fitted a new tap herself"},
        bad_body={"reason": ""},
        bad_field="body.reason",
        bad_reason="String should have at least 1 character",
        denied="officer",
        caller="manager",
        expect={"state": "dropped"},
    ),
    # Repairs (the world's job and Schedule of Rates come from `world` below).
    Op(
        "repair_create",
        "POST",
        f"{V}/repairs",
        201,
        body={
            "household": "{household}",
            "location": "Kitchen",
            "description": "The cold tap drips",
            "priority": "routine",
            "occurred": "2024-06-03",
        },
        bad_body={
            "household": "{household}",
            "location": "Kitchen",
            "description": "The cold tap drips",
            "priority": "whenever",
        },
        bad_field="body.priority",
        bad_reason="Input should be 'emergency', 'urgent', 'routine' or 'planned'",
        denied="auditor",
        expect={"household": "{household}", "property": "{flat}", "communal": False},
    ),
    Op(
        "repair_create",
        "POST",
        f"{V}/repairs",
        201,
        variant="communal",
        body={
            "property": "{block}",
            "communal": True,
            "security": True,
            "location": "Communal front door",
            "description": "The door does not lock",
            "priority": "emergency",
        },
        bad_body={
            "property": "{block}",
            "communal": "yes",
            "location": "Communal front door",
            "description": "The door does not lock",
            "priority": "emergency",
        },
        bad_field="body.communal",
        bad_reason="Input should be a valid boolean",
        denied="auditor",
        expect={"household": None, "property": "{block}", "communal": True, "security": True},
    ),
    Op(
        "job_create",
        "POST",
        f"{V}/cases/{{repair}}/jobs",
        201,
        body={
            "items": [{"description": "Replace the tap washer", "element": "kitchen tap"}],
            "priority": "routine",
            "trade": "plumbing",
            "contractor": "Fixit Ltd",
        },
        bad_body={"items": [], "priority": "routine", "trade": "plumbing"},
        bad_field="body.items",
        bad_reason="List should have at least 1 item",
        denied="auditor",
        expect={"case": "{repair}", "contractor": "Fixit Ltd", "status": "raised"},
    ),
    _read("job_read", f"{V}/jobs/{{job}}", f"{V}/jobs/job-1"),
    _list("sor_code_list", f"{V}/sor-codes?q=washer", denied="contractor"),
    # Recurring defects: the repair and the complaint are of one household.
    Op(
        "repeat_list",
        "GET",
        f"{V}/cases/{{repair}}/repeats",
        200,
        bad_path=f"{V}/cases/{{repair}}/repeats?as_of=yesterday",
        bad_field="query.as_of",
        bad_reason="Input should be a valid date",
    ),
    Op(
        "repeat_decide",
        "POST",
        f"{V}/cases/{{complaint}}/repeats",
        201,
        body={"earlier_case": "{repair}", "decision": "accept", "reason": "The same leak"},
        bad_body={"earlier_case": "{repair}", "decision": "maybe", "reason": "x"},
        bad_field="body.decision",
        bad_reason="Input should be 'accept' or 'reject'",
        denied="auditor",
        expect={"case": "{complaint}", "earlier_case": "{repair}", "linked": True},
    ),
    # Remedies: the world's complaint has an offer of £100 compensation ({offer}).
    Op(
        "compensation_read",
        "GET",
        f"{V}/cases/{{complaint}}/compensation",
        200,
        bad_path=f"{V}/cases/{{complaint}}/compensation?as_of=yesterday",
        bad_field="query.as_of",
        bad_reason="Input should be a valid date",
        denied="contractor",
        expect={"case": "{complaint}", "outstanding": 100.0},
    ),
    Op(
        "compensation_request_create",
        "POST",
        f"{V}/cases/{{complaint}}/compensation/requests",
        201,
        body={"text": "I want compensation for the delay", "amount": 250},
        bad_body={"text": "Compensation", "amount": -1},
        bad_field="body.amount",
        bad_reason="Input should be greater than or equal to 0",
        denied="auditor",
        expect={"case": "{complaint}", "amount": 250},
    ),
    Op(
        "compensation_offer_create",
        "POST",
        f"{V}/cases/{{complaint}}/compensation/offers",
        201,
        body={"components": [{"amount": 40, "for": "Overpaid rent", "kind": "refund"}]},
        bad_body={"components": [{"amount": 40, "for": "x"}], "counted_as_compensation": True},
        bad_field="body.counted_as_compensation",
        bad_reason="Extra inputs are not permitted",
        denied="repairs",
        expect={"kind": "refund", "counted_as_compensation": False, "method": "direct"},
    ),
    Op(
        "compensation_payment_create",
        "POST",
        f"{V}/cases/{{complaint}}/compensation/payments",
        201,
        body={"offer": "{offer}", "amount": 60, "occurred": "2024-06-03"},
        bad_body={"offer": "{offer}", "amount": 0},
        bad_field="body.amount",
        bad_reason="Input should be greater than 0",
        denied="officer",
        caller="manager",
        expect={"offer": "{offer}", "amount": 60.0, "method": "direct"},
    ),
    Op(
        "compensation_offer_withdraw_create",
        "POST",
        f"{V}/cases/{{complaint}}/compensation/offers/{{offer}}/withdraw",
        200,
        body={"reason": "Offered on the wrong case"},
        bad_body={"reason": ""},
        bad_field="body.reason",
        bad_reason="String should have at least 1 character",
        denied="repairs",
        expect={"offer": "{offer}"},
    ),
    # Hazards (the world's hazard case, its assessed damp and mould and its decanted cold).
    Op(
        "hazard_create",
        "POST",
        f"{V}/hazards",
        201,
        body={
            "household": "{household}",
            "hazard": "damp_mould",
            "location": "Bedroom wall",
            "description": "Black mould behind the wardrobe",
            "occurred": "2024-06-03",
        },
        bad_body={"household": "{household}", "hazard": "damp_mould", "description": "Mould"},
        bad_field="body.location",
        bad_reason="Field required",
        denied="auditor",
        expect={"household": "{household}", "hazard": "damp_mould", "prioritised": True},
    ),
    _list("hazard_list", f"{V}/cases/{{hazard_case}}/hazards", denied="contractor"),
    Op(
        "hazard_read",
        "GET",
        f"{V}/cases/{{hazard_case}}/hazards/{{mould}}",
        200,
        bad_path=f"{V}/cases/{{hazard_case}}/hazards/mould",
        bad_field="path.hazard_id",
        bad_reason="Input should be a valid integer",
        denied="contractor",
        expect={"case": "{hazard_case}", "hazard": "damp_mould", "severity": "significant"},
    ),
    Op(
        "hazard_assess_create",
        "POST",
        f"{V}/cases/{{hazard_case}}/hazards/{{mould}}/assess",
        200,
        body={"severity": "emergency", "cause": "Leak from the flat above"},
        bad_body={"severity": "dreadful", "cause": "Leak"},
        bad_field="body.severity",
        bad_reason="Input should be 'emergency', 'significant' or 'not_significant'",
        denied="auditor",
        expect={"severity": "emergency", "cause": "Leak from the flat above"},
    ),
    Op(
        "hazard_made_safe_create",
        "POST",
        f"{V}/cases/{{hazard_case}}/hazards/{{mould}}/made-safe",
        200,
        body={},
        bad_body={"occurred": "soon"},
        bad_field="body.occurred",
        bad_reason="Give the date as YYYY, YYYY-MM, YYYY-MM-DD",
        denied="auditor",
    ),
    Op(
        "hazard_summary_create",
        "POST",
        f"{V}/cases/{{hazard_case}}/hazards/{{mould}}/summary",
        200,
        body={"to": "Tess Tenant"},
        bad_body={"to": ""},
        bad_field="body.to",
        bad_reason="String should have at least 1 character",
        denied="auditor",
        expect={"summary_sent_to": "Tess Tenant"},
    ),
    Op(
        "decant_consider_create",
        "POST",
        f"{V}/cases/{{hazard_case}}/hazards/{{mould}}/decant/considered",
        200,
        body={"decision": "offered", "reason": "Treatment needs the bedroom empty"},
        bad_body={"decision": "offered", "reason": ""},
        bad_field="body.reason",
        bad_reason="String should have at least 1 character",
        denied="auditor",
        expect={"decant": "offered"},
    ),
    Op(
        "decant_start_create",
        "POST",
        f"{V}/cases/{{hazard_case}}/hazards/{{mould}}/decant/started",
        200,
        body={"reason": "Mould treatment", "where": "2 Birch Court"},
        bad_body={"reason": "Mould treatment"},
        bad_field="body.where",
        bad_reason="Field required",
        denied="auditor",
        expect={"decant": "decanted", "decant_where": "2 Birch Court"},
    ),
    Op(
        "decant_end_create",
        "POST",
        f"{V}/cases/{{hazard_case}}/hazards/{{cold}}/decant/ended",
        200,
        body={"reason": "Heating repaired; back home"},
        bad_body={"reason": ["back"]},
        bad_field="body.reason",
        bad_reason="Input should be a valid string",
        denied="auditor",
        expect={"decant": "returned"},
    ),
    # Inspections (the world's inspection without its report, on the contractor's repair case).
    Op(
        "inspection_create",
        "POST",
        f"{V}/cases/{{repair}}/inspections",
        201,
        body={
            "kind": "survey",
            "by": "Sam Surveyor",
            "done_on": "2024-06-01",
            "findings": "Wet walls at low level",
            "recommends": ["Inject a damp-proof course"],
            "report": "{document}",
        },
        bad_body={"kind": "visit", "by": "Sam", "done_on": "2024-06-01", "findings": "x"},
        bad_field="body.kind",
        bad_reason="Input should be 'inspection', 'survey' or 'post_inspection'",
        denied="auditor",
        expect={"case": "{repair}", "report": "{document}", "report_missing": False},
    ),
    _list("inspection_list", f"{V}/cases/{{repair}}/inspections"),
    Op(
        "inspection_read",
        "GET",
        f"{V}/cases/{{repair}}/inspections/{{inspection}}",
        200,
        bad_path=f"{V}/cases/{{repair}}/inspections/ins-1",
        bad_field="path.inspection",
        bad_reason=BAD_REFERENCE,
        expect={"reference": "{inspection}", "report_missing": True},
    ),
    Op(
        "inspection_report_create",
        "UPLOAD",
        f"{V}/cases/{{repair}}/inspections/{{inspection}}/report",
        201,
        body={"title": "Inspection report"},
        bad_body={"title": "Inspection report", "file": None},
        bad_field="form.file",
        bad_reason="Field required",
        denied="auditor",
        caller="contractor",
        expect={"report_missing": False},
    ),
    # Appointments (the world's appointment for its job comes from `world` below).
    Op(
        "appointment_create",
        "POST",
        f"{V}/cases/{{repair}}/appointments",
        201,
        body={"job": "{job}", "date": "2099-06-01", "slot": "am", "items": ["1"]},
        bad_body={"job": "{job}", "date": "next Tuesday"},
        bad_field="body.date",
        bad_reason="Input should be a valid date",
        denied="auditor",
        expect={"case": "{repair}", "job": "{job}", "status": "booked", "items": ["1"]},
    ),
    _list("appointment_list", f"{V}/cases/{{repair}}/appointments"),
    _read("appointment_read", f"{V}/appointments/{{appointment}}", f"{V}/appointments/apt-1"),
    Op(
        "appointment_move",
        "POST",
        f"{V}/appointments/{{appointment}}/moves",
        201,
        body={
            "date": "2099-06-02",
            "by": "landlord",
            "resident_informed": True,
            "informed_how": "doorstep",
            "notify_to": "tess@example.org",
        },
        bad_body={"date": "2099-06-02", "by": "contractor"},
        bad_field="body.by",
        bad_reason="Input should be 'landlord' or 'resident'",
        denied="auditor",
        expect={"status": "moved", "date": "2099-06-02"},
    ),
    Op(
        "appointment_cancel",
        "POST",
        f"{V}/appointments/{{appointment}}/cancellation",
        201,
        body={"by": "resident", "reason": "Away that week"},
        bad_body={"by": "landlord", "resident_informed": "maybe", "reason": "Van broke down"},
        bad_field="body.resident_informed",
        bad_reason="Input should be a valid boolean",
        denied="contractor",
        expect={"status": "cancelled"},
    ),
    Op(
        "appointment_attend",
        "POST",
        f"{V}/appointments/{{appointment}}/attendance",
        201,
        body={"outcome": "completed"},
        bad_body={"outcome": "done"},
        bad_field="body.outcome",
        bad_reason="Input should be 'completed', 'partial', 'no_access' or 'not_started'",
        denied="auditor",
        caller="contractor",
        expect={"status": "attended"},
    ),
    Op(
        "appointment_miss",
        "POST",
        f"{V}/appointments/{{appointment}}/missed",
        201,
        body={"by": "resident", "reason": "Nobody in; card left"},
        bad_body={"by": "nobody"},
        bad_field="body.by",
        bad_reason="Input should be 'landlord' or 'resident'",
        denied="auditor",
        expect={"status": "missed"},
    ),
    # Complaint responses (the world's complaint is received, with a stage 1 draft: `world`).
    Op(
        "response_list",
        "GET",
        f"{V}/cases/{{complaint}}/responses",
        200,
        bad_path=f"{V}/cases/complaint/responses",
        bad_field="path.reference",
        bad_reason=BAD_REFERENCE,
        denied="contractor",
        expect={"sent": []},
    ),
    Op(
        "response_draft_update",
        "POST",
        f"{V}/cases/{{complaint}}/responses/1/draft",
        200,
        body={
            "understood": "Repairs to the tap were slow",
            "points": [{"point": "Slow", "decision": "upheld", "reasons": "Three weeks"}],
            "outcome": "upheld",
            "posted": True,
        },
        bad_body={"outcome": "won"},
        bad_field="body.outcome",
        bad_reason="Input should be 'upheld', 'partly_upheld' or 'not_upheld'",
        denied="auditor",
        expect={"stage": 1, "outcome": "upheld", "posted": True, "sent": False},
    ),
    Op(
        "response_send_create",
        "POST",
        f"{V}/cases/{{complaint}}/responses/1/send",
        201,
        bad_path=f"{V}/cases/{{complaint}}/responses/3/send",
        bad_field="path.stage",
        bad_reason="Input should be less than or equal to 2",
        denied="auditor",
        expect={"stage": 1, "outcome": "partly_upheld", "case": "{complaint}"},
    ),
    # Complaints (the world's complaint received from the household on Monday 3 June 2024, not
    # acknowledged: under the 2024 Code its response is due on Monday 24 June 2024).
    _list("complaint_list", f"{V}/complaints?stage=1", denied="contractor"),
    Op(
        "complaint_create",
        "POST",
        f"{V}/households/{{household}}/complaints",
        201,
        body={"text": "Nobody has called me back about the tap.", "channel": "email"},
        bad_body={"text": "x", "channel": "pigeon"},
        bad_field="body.channel",
        bad_reason="Input should be",
        denied="auditor",
        expect={"household": "{household}", "stage": 1, "status": "stage1_open"},
    ),
    Op(
        "complaint_create",
        "POST",
        f"{V}/households/{{household}}/complaints",
        201,
        body={"from_contact": "{contact}"},
        bad_body={"from_contact": "not-a-uid"},
        bad_field="body.from_contact",
        bad_reason="Input should be a valid UUID",
        denied="auditor",
        variant="from_contact",
        expect={"from_contact": "{contact}", "text": "The kitchen tap is dripping again"},
    ),
    _read(
        "complaint_read",
        f"{V}/complaints/{{complaint_received}}",
        f"{V}/complaints/c 1",
        "contractor",
    ),
    Op(
        "complaint_acknowledge_create",
        "POST",
        f"{V}/complaints/{{complaint_received}}/acknowledge",
        200,
        body={"stage": 1, "occurred": "2024-06-04"},
        bad_body={"stage": 3},
        bad_field="body.stage",
        bad_reason="Input should be 1 or 2",
        denied="officer",
        caller="manager",
        expect={"status": "stage1_open", "response_due": "2024-06-18"},
    ),
    Op(
        "complaint_extend_create",
        "POST",
        f"{V}/complaints/{{complaint_received}}/extend",
        200,
        body={
            "new_due": "2024-07-01",
            "reason": "Waiting for the plumber's report",
            "agreed_with_resident": True,
            "notified_how": "letter",
            "occurred": "2024-06-10",
        },
        bad_body={"new_due": "soon", "reason": "Waiting", "notified_how": "letter"},
        bad_field="body.new_due",
        bad_reason="Input should be a valid date",
        denied="officer",
        caller="manager",
        expect={"extended_stage1_to": "2024-07-01", "response_due": "2024-07-01"},
    ),
    Op(
        "complaint_escalate_create",
        "POST",
        f"{V}/complaints/{{complaint_received}}/escalate",
        200,
        body={"text": "Still no answer. I want this looked at again."},
        bad_body={"text": ""},
        bad_field="body.text",
        bad_reason="String should have at least 1 character",
        denied="officer",
        caller="manager",
        expect={"stage": 2, "status": "stage2_open"},
    ),
    Op(
        "complaint_refuse_create",
        "POST",
        f"{V}/complaints/{{complaint_received}}/refuse",
        200,
        body={"reason_code": "legal_proceedings", "ombudsman_informed": True},
        bad_body={"reason_code": "too_busy", "ombudsman_informed": True},
        bad_field="body.reason_code",
        bad_reason="Input should be",
        denied="officer",
        caller="manager",
        expect={"status": "refused", "refusal_code": "legal_proceedings"},
    ),
    Op(
        "complaint_assign_create",
        "POST",
        f"{V}/complaints/{{complaint_received}}/officer",
        200,
        body={"officer": "mina"},
        bad_body={"officer": ""},
        bad_field="body.officer",
        bad_reason="String should have at least 1 character",
        denied="officer",
        caller="manager",
        expect={"officer": "mina", "stage1_officer": "mina"},
    ),
    # Management moves (the world's household asked to move on Monday 3 June 2024 on ASB
    # grounds; a second household, in 2 Elm Court, has no request yet: `_moves_world`).
    _list("move_list", f"{V}/moves", denied="contractor"),
    Op(
        "move_create",
        "POST",
        f"{V}/households/{{move_household}}/moves",
        201,
        body={"reason": "I am frightened of the man next door.", "grounds": ["asb", "police"]},
        bad_body={"reason": "x", "grounds": []},
        bad_field="body.grounds",
        bad_reason="List should have at least 1 item",
        denied="auditor",
        expect={
            "household": "{move_household}",
            "status": "awaiting_decision",
            "grounds": ["asb", "police"],
        },
    ),
    _read("move_read", f"{V}/moves/{{move}}", f"{V}/moves/m 1", "contractor"),
    Op(
        "move_evidence_request_create",
        "POST",
        f"{V}/moves/{{move}}/evidence/requests",
        200,
        body={"what": "A letter from her GP", "to": "{tenant}", "types": ["medical_evidence"]},
        bad_body={"what": ""},
        bad_field="body.what",
        bad_reason="String should have at least 1 character",
        denied="auditor",
        expect={"status": "awaiting_evidence", "decision_due": None},
    ),
    Op(
        "move_evidence_create",
        "POST",
        f"{V}/moves/{{move}}/evidence",
        200,
        body={"what": "Survey of the noise", "source": "{tenant}", "document": "{document}"},
        bad_body={"what": "Letter", "source": "{tenant}", "document": 5},
        bad_field="body.document",
        bad_reason="Input should be a valid string",
        denied="auditor",
        expect={"status": "awaiting_decision"},
    ),
    Op(
        "move_panel_create",
        "POST",
        f"{V}/moves/{{move}}/panel",
        200,
        body={"reason": "The police grounds need the panel."},
        bad_body={"reason": ""},
        bad_field="body.reason",
        bad_reason="String should have at least 1 character",
        denied="officer",
        caller="manager",
        expect={"status": "at_panel"},
    ),
    Op(
        "move_decision_create",
        "POST",
        f"{V}/moves/{{move}}/decision",
        200,
        body={"outcome": "declined", "reason": "The ASB is being dealt with; no risk shown."},
        bad_body={"outcome": "maybe"},
        bad_field="body.outcome",
        bad_reason="String should match pattern",
        denied="officer",
        caller="manager",
        expect={"status": "declined", "outcome": "declined"},
    ),
    Op(
        "move_routes_create",
        "POST",
        f"{V}/moves/{{move}}/routes",
        200,
        body={"routes": ["mutual_exchange"], "support": "Registered her on HomeSwapper."},
        bad_body={"routes": [], "support": "x"},
        bad_field="body.routes",
        bad_reason="List should have at least 1 item",
        denied="auditor",
    ),
]

# --- the Ombudsman and learning (the world's complaint referred twice: OMB1 fresh, with a
# request for evidence; OMB2 determined, with an order owned by the manager; an upheld
# response on the complaint, and a change learned from it) ----------------------------------
OMB = f"{V}/cases/{{omb}}/ombudsman"
OPS += [
    _list("referral_list", f"{V}/ombudsman/referrals?as_of=2024-06-03", denied="contractor"),
    Op(
        "referral_create",
        "POST",
        f"{V}/ombudsman/referrals",
        201,
        body={
            "household": "{household}",
            "complaints": ["{complaint}"],
            "ombudsman_ref": "202499999",
            "occurred": "2024-06-01",
        },
        bad_body={"household": "{household}", "complaints": [], "ombudsman_ref": "1"},
        bad_field="body.complaints",
        bad_reason="List should have at least 1 item",
        denied="officer",
        caller="manager",
        expect={"ombudsman_ref": "202499999", "complaints": ["{complaint}"]},
    ),
    _read("ombudsman_read", OMB, f"{V}/cases/omb/ombudsman", "contractor"),
    Op(
        "intervention_create",
        "POST",
        f"{OMB}/interventions",
        201,
        body={"text": "Send the stage 2 response"},
        bad_body={"text": ""},
        bad_field="body.text",
        bad_reason="String should have at least 1 character",
        denied="auditor",
        caller="manager",
    ),
    Op(
        "evidence_request_create",
        "POST",
        f"{OMB}/evidence-requests",
        201,
        body={"items": ["Photos"], "due": "2099-01-31"},
        bad_body={"items": ["Photos"], "due": "soon"},
        bad_field="body.due",
        bad_reason="is none of these",
        denied="auditor",
        caller="manager",
    ),
    Op(
        "evidence_sent_create",
        "POST",
        f"{OMB}/evidence-sent",
        201,
        body={"request": "ER1", "items": ["Repairs log"], "documents": ["{document}"]},
        bad_body={"request": "ER1", "items": []},
        bad_field="body.items",
        bad_reason="List should have at least 1 item",
        denied="auditor",
        caller="manager",
    ),
    Op(
        "determination_create",
        "POST",
        f"{OMB}/determination",
        201,
        body={
            "occurred": "2024-06-03",
            "findings": [{"topic": "complaint handling", "outcome": "maladministration"}],
            "orders": [{"action": "Apologise", "period": "28_days", "owner": "mina"}],
        },
        bad_body={
            "occurred": "2024-06-03",
            "findings": [{"topic": "repairs", "outcome": "bad"}],
        },
        bad_field="body.findings.0.outcome",
        bad_reason="Input should be",
        denied="auditor",
        caller="manager",
    ),
    Op(
        "order_complied_create",
        "POST",
        f"{V}/cases/{{determined}}/ombudsman/orders/{{order}}/complied",
        201,
        body={"evidence": "Apology letter sent"},
        bad_body={"evidence": 5},
        bad_field="body.evidence",
        bad_reason="Input should be a valid string",
        denied="auditor",
        caller="manager",
    ),
    _list("learning_list", f"{V}/learning", denied="contractor"),
    _list("learning_missing_list", f"{V}/learning/missing", denied="contractor"),
    Op(
        "learning_create",
        "POST",
        f"{V}/cases/{{upheld_complaint}}/learning",
        201,
        body={"source": "{upheld}", "change": "Log every call", "owner": "mina", "due": "2099-01"},
        bad_body={"source": "{upheld}", "change": "Log", "owner": "mina", "due": "next year"},
        bad_field="body.due",
        bad_reason="is none of these",
        denied="officer",
        caller="manager",
        expect={"change": "Log every call", "owner": "Mina", "due": "2099-01"},
    ),
    Op(
        "learning_done_create",
        "POST",
        f"{V}/learning/{{learning}}/done",
        200,
        body={"evidence": "New call logging guidance issued"},
        bad_body={"evidence": ""},
        bad_field="body.evidence",
        bad_reason="String should have at least 1 character",
        denied="auditor",
        expect={"done_evidence": "New call logging guidance issued"},
    ),
    # The evidence pack answers with the zip itself (application/zip), not JSON: a repairs
    # coordinator may not produce one.
    Op(
        "evidence_pack_create",
        "POST",
        f"{V}/cases/{{complaint}}/evidence-pack",
        201,
        body={"to": "Housing Ombudsman", "purpose": "Evidence requested", "as_of": "2024-06-03"},
        bad_body={"to": ""},
        bad_field="body.to",
        bad_reason="String should have at least 1 character",
        denied="repairs",
    ),
]

# --- anti-social behaviour (on the world's household, Tess reporting: ASB1 reported on 29 May
# 2024 with a 3-day delay, not yet decided; ASB2 opened, with two reports, so the household's
# three reports meet the ASB case review threshold) -------------------------------------------
ASB = f"{V}/asb"
RISK = {
    "vulnerability": "some",
    "repeat_victimisation": "repeated",
    "impact": "moderate",
    "hate_motivated": False,
}
OPS += [
    _list("asb_list", f"{ASB}?risk=medium", denied="contractor"),
    Op(
        "asb_report_create",
        "POST",
        f"{V}/households/{{household}}/asb",
        201,
        body={
            "category": "noise",
            "text": "Loud music from the flat above every night until 3am.",
            "reporter": "{tenant}",
            "police_involved": None,
            "delay_days": 3,
        },
        bad_body={"category": "loud", "text": "Music", "reporter": "{tenant}"},
        bad_field="body.category",
        bad_reason="Input should be",
        denied="auditor",
        expect={"household": "{household}", "status": "reported", "category": "noise"},
    ),
    Op(
        "asb_report_create",
        "POST",
        f"{V}/households/{{household}}/asb",
        201,
        body={"category": "other", "reporter": "{tenant}", "from_contact": "{contact}"},
        bad_body={"category": "other", "reporter": "{tenant}", "from_contact": "not-a-uid"},
        bad_field="body.from_contact",
        bad_reason="Input should be a valid UUID",
        denied="auditor",
        variant="from_contact",
        expect={"status": "reported", "reporter": "{tenant}"},
    ),
    _read("asb_read", f"{ASB}/{{asb_reported}}", f"{ASB}/a 1", "contractor"),
    Op(
        "asb_open_create",
        "POST",
        f"{ASB}/{{asb_reported}}/open",
        200,
        body={},
        bad_body={"occurred": "soon"},
        bad_field="body.occurred",
        denied="auditor",
        expect={"status": "open"},
    ),
    Op(
        "asb_decline_create",
        "POST",
        f"{ASB}/{{asb_reported}}/decline",
        200,
        body={"reason_code": "civil_matter", "reason": "A dispute about a shared fence."},
        bad_body={"reason_code": "too_busy", "reason": "Busy"},
        bad_field="body.reason_code",
        bad_reason="Input should be",
        denied="auditor",
        expect={"status": "declined", "decline_code": "civil_matter"},
    ),
    Op(
        "asb_assess_create",
        "POST",
        f"{ASB}/{{asb_reported}}/risk",
        200,
        body={"answers": RISK},
        bad_body={"answers": {**RISK, "impact": "dreadful"}},
        bad_field="body.answers.impact",
        bad_reason="Input should be",
        denied="auditor",
        expect={"risk_level": "medium"},
    ),
    Op(
        "asb_action_create",
        "POST",
        f"{ASB}/{{asb_opened}}/actions",
        200,
        body={
            "type": "warning",
            "against": "The tenant of 2 Elm Court",
            "next_step": "Visit Tess to check it has stopped",
            "next_step_due": "2099-06-17",
        },
        bad_body={"type": "shout"},
        bad_field="body.type",
        bad_reason="Input should be",
        denied="auditor",
    ),
    Op(
        "asb_review_create",
        "POST",
        f"{ASB}/{{asb_opened}}/reviews",
        200,
        body={
            "summary": "Quieter since the warning.",
            "answers": RISK,
            "reporter_updated": "phone",
        },
        bad_body={"summary": "", "answers": RISK, "reporter_updated": "phone"},
        bad_field="body.summary",
        bad_reason="String should have at least 1 character",
        denied="auditor",
        expect={"risk_level": "medium"},
    ),
    Op(
        "asb_close_create",
        "POST",
        f"{ASB}/{{asb_opened}}/close",
        200,
        body={
            "reason": "No incidents for three months.",
            "told": "message",
            "to": "tess@example.org",
        },
        bad_body={"reason": "Quiet", "told": "maybe"},
        bad_field="body.told",
        bad_reason="Input should be",
        denied="auditor",
        expect={"status": "closed", "close_reason": "No incidents for three months."},
    ),
    Op(
        "asb_case_review_create",
        "POST",
        f"{ASB}/{{asb_opened}}/case-review",
        200,
        body={"to": "tess@example.org"},
        bad_body={"to": ""},
        bad_field="body.to",
        bad_reason="String should have at least 1 character",
        denied="auditor",
        expect={"case_review_met_on": "2024-06-01"},
    ),
]


# --- permissions (the world's household asked to keep a dog: {permit_pending}, waiting; and a
# cat, granted with conditions: {permit_granted}) ------------------------------------------------
PRM = f"{V}/permissions"
OPS += [
    _list("permission_list", f"{PRM}?subject=pet", denied="contractor"),
    Op(
        "permission_create",
        "POST",
        f"{V}/households/{{household}}/permissions",
        201,
        body={"subject": "pet", "detail": "A dog", "pet": {"species": "dog", "number": 1}},
        bad_body={"subject": "car", "detail": "A car"},
        bad_field="body.subject",
        bad_reason="Input should be",
        denied="repairs",
        expect={"household": "{household}", "status": "pending", "subject": "pet"},
    ),
    _read("permission_read", f"{PRM}/{{permit_pending}}", f"{PRM}/p 1", "contractor"),
    Op(
        "permission_decide_create",
        "POST",
        f"{PRM}/{{permit_pending}}/decide",
        200,
        body={"outcome": "granted_with_conditions", "conditions": ["Kept on a lead"]},
        bad_body={"outcome": "maybe"},
        bad_field="body.outcome",
        bad_reason="Input should be",
        denied="auditor",
        expect={"status": "granted_with_conditions", "conditions": ["Kept on a lead"]},
    ),
    Op(
        "permission_withdraw_create",
        "POST",
        f"{PRM}/{{permit_granted}}/withdraw",
        200,
        body={"reason": "Left loose in the communal areas again"},
        bad_body={"reason": ""},
        bad_field="body.reason",
        bad_reason="String should have at least 1 character",
        denied="auditor",
        caller="manager",
        expect={"status": "withdrawn"},
    ),
    Op(
        "pet_permission_read",
        "GET",
        f"{V}/households/{{household}}/pet-permission?words=two+cats",
        200,
        bad_path=f"{V}/households/{{household}}/pet-permission?on=yesterday",
        bad_field="query.on",
        bad_reason="Input should be a valid date",
        denied="contractor",
        expect={"household": "{household}", "in_force": True, "conditions": ["Kept indoors"]},
    ),
]


def fill(value: Any, world: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**world)
    if isinstance(value, dict):
        return {k: fill(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, world) for v in value]
    return value


def send(
    caller: Any,
    op: Op,
    path: str,
    body: dict[str, Any] | None,
    world: dict[str, str],
    **headers: str,
) -> Any:
    path, body = fill(path, world), fill(body, world)
    if op.method == "GET":
        return caller.get(path, **headers)
    if op.method == "UPLOAD":
        form = {"file": SimpleUploadedFile("upload.pdf", PDF, "application/pdf"), **body}
        return caller.upload(path, {k: v for k, v in form.items() if v is not None}, **headers)
    return caller.post(path, body, **headers)


def by_id(op: Op) -> str:
    return f"{op.op_id}-{op.variant}" if op.variant else op.op_id


def test_the_table_covers_every_operation():
    assert sorted(op.op_id for op in OPS if not op.variant) == sorted(operation_permissions(api))
    assert {op.op_id for op in OPS if op.variant} <= set(operation_permissions(api))


@pytest.mark.django_db
@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_success(op, callers, world):
    response = send(callers[op.caller], op, op.path, op.body, world)
    assert response.status_code == op.status, response.content
    if op.expect:
        assert fill(op.expect, world).items() <= response.json().items()


@pytest.mark.django_db
@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_validation_error(op, callers, world):
    response = send(callers[op.caller], op, op.bad_path or op.path, op.bad_body, world)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    reasons = {f["field"]: f["reason"] for f in error["fields"]}
    assert op.bad_field in reasons, error
    assert op.bad_reason in reasons[op.bad_field]


@pytest.mark.django_db
@pytest.mark.parametrize("op", OPS, ids=by_id)
@pytest.mark.parametrize("token", [None, "dst_not-a-real-token"])
def test_unauthenticated(op, token, callers, world):
    caller = callers["officer"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    path = fill(op.path, world)
    if op.method == "GET":
        response = caller.client.get(path, **headers)
    else:
        response = caller.client.post(path, data="{}", content_type="application/json", **headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.django_db
@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_wrong_role(op, callers, world):
    response = send(callers[op.denied], op, op.path, op.body, world)
    assert response.status_code == 403, response.content
    error = response.json()["error"]
    assert error["code"] == "forbidden"
    assert operation_permissions(api)[op.op_id] in error["message"]


# --- repairs ---------------------------------------------------------------------------------


# The world is built once per module (per test worker), inside a transaction rolled back when
# the module's tests are done; each test runs in a savepoint of it, rolled back after the test
# (as Django's `TestCase.setUpTestData` does). Building it for each of the table's hundreds of
# tests was most of the suite's time. Its documents live in one folder for the module.
AT = dt.datetime(2024, 6, 3, 10, 30, tzinfo=LONDON)


@pytest.fixture(scope="module")
def _documents_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(autouse=True)
def _documents_root(settings, _documents_folder):
    """The module's documents folder for every test (the root conftest's per-test folder would
    not hold the world's documents)."""
    settings.DOCUMENTS_ROOT = _documents_folder


@pytest.fixture(scope="module")
def _built_once(django_db_setup, django_db_blocker, _documents_folder):
    with django_db_blocker.unblock(), override_settings(DOCUMENTS_ROOT=_documents_folder):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            firm = Contractor.objects.create(name="Fixit Ltd")
            callers = callers_build(AT, firm)
            world = _operations_world(world_build(AT, callers, firm), AT, callers, firm)
            yield firm, callers, world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def contractor_firm(_built_once, db):
    return _built_once[0]


@pytest.fixture
def callers(_built_once, db, at):
    assert at == AT
    return _built_once[1]


@pytest.fixture
def world(_built_once, db):
    return _built_once[2]


def _operations_world(world, at, callers, contractor_firm):
    """The shared world, with the landlord's Schedule of Rates (one code) and a job on the
    contractor's repair case, for the repairs rows above."""
    csv = "code,description,trade,unit,rate\nPL001,Replace tap washer,plumbing,each,12.50\n"
    sor_load_csv(actor=None, file=StringIO(csv), at=at - dt.timedelta(days=40))
    job = job_raise(
        actor=callers["repairs"].user,
        case=Case.objects.get(reference=world["repair"]),
        items=[ItemIn(description="Replace the tap washer", sor_code="PL001")],
        priority="routine",
        trade="plumbing",
        contractor=contractor_firm,
        estimated_minutes=45,
        target=None,
        at=at - dt.timedelta(days=29),
    )
    appointment = appointment_book(
        actor=callers["repairs"].user,
        case=job.case,
        job=job.reference,
        date=at.date(),
        at=at - dt.timedelta(days=2),
    )
    return {
        **world,
        "job": job.reference,
        "appointment": appointment.reference,
        **_hazards_world(world, at, callers),
        **_responses_world(world, at, callers),
        **_complaints_world(world, at),
        **_ombudsman_world(world, at, callers),
        **_asb_world(world, at, callers),
        **_moves_world(world, at),
        **_permits_world(world, at, callers),
    }


def _asb_world(world: dict[str, Any], at: dt.datetime, callers: Any) -> dict[str, Any]:
    """ASB on the world's household, Tess reporting: ASB1 reported on 29 May 2024 asking for a
    3-day delay, not decided; ASB2 opened, with reports on 31 May and 1 June 2024 (the third
    report meets the ASB case review threshold on 1 June)."""
    from doorstep.asb.services import asb_open, asb_report
    from doorstep.residents.models import Household, Person
    from doorstep.timeline.when import When

    officer = callers["officer"].user
    household = Household.objects.get(reference=world["household"])
    tess = Person.objects.get(reference=world["tenant"])

    def report(day: str, **extra: Any) -> Any:
        return asb_report(
            actor=officer,
            household=household,
            reporter=tess,
            category="drugs",
            text=f"Dealing on the stairs ({day}).",
            occurred=When.parse(day),
            at=at - dt.timedelta(days=1),
            **extra,
        )

    reported = report("2024-05-29", delay_days=3)
    opened = report("2024-05-31")
    report("2024-06-01", case=opened.case)
    asb_open(actor=officer, asb=opened, at=at - dt.timedelta(days=1))
    return {"asb_reported": reported.case.reference, "asb_opened": opened.case.reference}


def _responses_world(world: dict[str, Any], at: dt.datetime, callers: Any) -> dict[str, Any]:
    """The world's complaint received, and a stage 1 draft ready to send (due in 2099)."""
    from doorstep.cases.services import record_on_case
    from doorstep.responses.services import response_draft_save

    complaint = Case.objects.get(reference=world["complaint"])
    before = at - dt.timedelta(days=5)
    text = "The tap repair is taking too long"
    record_on_case(
        case=complaint,
        kind="complaint.received",
        data={"stage": 1, "text": text},
        actor=None,
        at=before,
    )
    response_draft_save(
        actor=callers["officer"].user,
        case=complaint,
        stage=1,
        at=before,
        understood="The tap repair took too long",
        points=[{"point": "Slow repair", "decision": "upheld", "reasons": "Three weeks"}],
        outcome="partly_upheld",
        remedy="Fix the tap and apologise",
        commitments=[{"action": "Fix the tap", "due": "2099-06-30", "job": "", "items": []}],
        send_to="tess@example.org",
    )
    return {}


def _complaints_world(world: dict[str, Any], at: dt.datetime) -> dict[str, Any]:
    """A complaint received by email from the world's household on Monday 3 June 2024."""
    from doorstep.complaints.services import complaint_receive
    from doorstep.residents.models import Household

    complaint = complaint_receive(
        actor=None,
        household=Household.objects.get(reference=world["household"]),
        text="The tap has dripped for a month and nobody has come.",
        channel="email",
        at=at,
    )
    return {"complaint_received": complaint.case.reference}


def _moves_world(world: dict[str, Any], at: dt.datetime) -> dict[str, Any]:
    """The world's household's request to move (Monday 3 June 2024, ASB), and a second
    household, in 2 Elm Court, with none."""
    from doorstep.moves.services import move_request
    from doorstep.properties.models import Property
    from doorstep.properties.services import property_create
    from doorstep.residents.models import Household
    from doorstep.residents.services import household_create

    move = move_request(
        actor=None,
        household=Household.objects.get(reference=world["household"]),
        reason="Drug dealing on the stairs; I am scared.",
        grounds=["asb"],
        at=at,
    )
    flat = property_create(
        kind="flat",
        address_line_1="2 Elm Court",
        part_of=Property.objects.get(reference=world["block"]),
        created_at=at - dt.timedelta(days=30),
    )
    other = household_create(actor=None, property=flat, at=at - dt.timedelta(days=30))
    return {"move": move.case.reference, "move_household": other.reference}


def _hazards_world(world: dict[str, Any], at: dt.datetime, callers: Any) -> dict[str, Any]:
    """A hazard case on the world's household (pregnancy on the register): damp and mould,
    assessed significant, and excess cold with the household decanted; an inspection without
    its report on the contractor's repair case."""
    from doorstep.hazards.services import decant_start, hazard_assess, hazard_report
    from doorstep.inspections.services import inspection_record
    from doorstep.residents.models import Household
    from doorstep.timeline.when import When

    officer = callers["officer"].user
    before = at - dt.timedelta(days=10)
    household = Household.objects.get(reference=world["household"])
    mould = hazard_report(
        actor=officer,
        household=household,
        hazard="damp_mould",
        location="Bathroom ceiling",
        description="Black mould",
        occurred=When.at(before),
        at=before,
    )
    hazard_assess(actor=officer, hazard=mould, severity="significant", cause="Leak", at=before)
    cold = hazard_report(
        actor=officer,
        case=mould.case,
        hazard="excess_cold",
        location="Whole flat",
        description="No heating",
        occurred=When.at(before),
        at=before,
    )
    decant_start(actor=officer, hazard=cold, reason="Heating works", where="Hotel", at=before)
    inspection = inspection_record(
        actor=officer,
        case=Case.objects.get(reference=world["repair"]),
        kind="inspection",
        by="Fixit Ltd",
        done_on=before.date(),
        findings="Washer worn",
        at=before,
    )
    return {
        "hazard_case": mould.case.reference,
        "mould": mould.pk,
        "cold": cold.pk,
        "inspection": inspection.reference,
    }


def _ombudsman_world(world: dict[str, Any], at: dt.datetime, callers: Any) -> dict[str, Any]:
    """The world's complaint referred to the Ombudsman twice: OMB1 with a request for evidence
    (ER1: the repairs log), OMB2 determined with one order owned by the manager (mina); an
    upheld stage 1 response on the complaint, and a change learned from it."""
    from doorstep.cases.choices import CaseType
    from doorstep.cases.services import case_open, record_on_case
    from doorstep.learning.services import learning_record
    from doorstep.ombudsman.services import (
        FindingIn,
        OrderIn,
        determination_record,
        evidence_request,
        ombudsman_refer,
    )
    from doorstep.residents.models import Household
    from doorstep.timeline.when import When

    manager = callers["manager"].user
    before = at - dt.timedelta(days=10)
    household = Household.objects.get(reference=world["household"])
    # A complaint of its own, answered and upheld (the world's complaint is left unanswered for
    # the responses' operations).
    complaint = case_open(
        actor=manager,
        case_type=CaseType.COMPLAINT,
        title="Calls never returned",
        household=household,
        at=before,
    )
    record_on_case(
        case=complaint,
        kind="complaint.received",
        data={"stage": 1, "text": "Nobody calls me back."},
        actor=manager,
        at=before,
    )

    def refer(ref: str) -> Case:
        return ombudsman_refer(
            actor=manager,
            household=household,
            complaints=[complaint],
            ombudsman_ref=ref,
            text="",
            at=before,
        )

    fresh, determined = refer("202400001"), refer("202400002")
    evidence_request(
        actor=manager, case=fresh, items=["Repairs log"], due=When.parse("2099-01-31"), at=before
    )
    found = determination_record(
        actor=manager,
        case=determined,
        occurred=When.on(before.date()),
        findings=[FindingIn("repairs", "maladministration")],
        orders=[OrderIn("Pay £300", manager, period="4_weeks")],
        at=before,
    )
    upheld = record_on_case(
        case=complaint,
        kind="complaint.response",
        data={"stage": 1, "outcome": "upheld", "text": "Sorry."},
        actor=manager,
        at=before,
    )
    learned = learning_record(
        actor=manager,
        case=complaint,
        source=upheld,
        change="Call back within a day",
        owner=manager,
        due=When.parse("2099-06"),
        at=before,
    )
    return {
        "omb": fresh.reference,
        "determined": determined.reference,
        "order": found.data["orders"][0]["commitment"],
        "upheld": str(upheld.uid),
        "upheld_complaint": complaint.reference,
        "learning": learned.ref,
    }


def _permits_world(world: dict[str, Any], at: dt.datetime, callers: Any) -> dict[str, Any]:
    """The world's household asked to keep a dog (waiting for a decision) and a cat (granted,
    on condition it is kept indoors)."""
    from doorstep.permits.services import PetIn, permission_decide, permission_request
    from doorstep.residents.models import Household

    officer = callers["officer"].user
    before = at - dt.timedelta(days=10)
    household = Household.objects.get(reference=world["household"])

    def ask(species: str) -> Any:
        return permission_request(
            actor=officer,
            household=household,
            subject="pet",
            detail=f"May I keep a {species}?",
            pet=PetIn(species, 1),
            at=before,
        )

    pending, cat = ask("dog"), ask("cat")
    permission_decide(
        actor=officer,
        permit=cat,
        outcome="granted_with_conditions",
        conditions=["Kept indoors"],
        at=before,
    )
    return {"permit_pending": pending.case.reference, "permit_granted": cat.case.reference}

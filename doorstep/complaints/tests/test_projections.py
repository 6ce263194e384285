"""`complaint_project`: the `Complaint` row is only what the case's events say, rebuilt the same
way by every writer (the services, the responses app, an import)."""

from __future__ import annotations

import datetime as dt

from django.forms.models import model_to_dict

from doorstep.complaints.choices import ComplaintStatus
from doorstep.complaints.models import Complaint
from doorstep.complaints.projections import complaint_project
from doorstep.complaints.services import (
    complaint_acknowledge,
    complaint_assign,
    complaint_escalate,
    complaint_extend,
)
from doorstep.complaints.tests.conftest import NOW
from doorstep.complaints.tests.helpers import later
from doorstep.complaints.tests.test_complaint_handling import _answer
from doorstep.interchange.services import chronology_import
from doorstep.timeline.models import Event


def test_the_row_is_rebuilt_from_the_events_alone(homes, complaint):
    complaint_acknowledge(actor=homes.handler, complaint=complaint, stage=1, at=later(NOW, days=1))
    complaint.refresh_from_db()
    complaint_assign(actor=None, complaint=complaint, officer=homes.handler, at=later(NOW, days=1))
    complaint.refresh_from_db()
    complaint_extend(
        actor=homes.handler,
        complaint=complaint,
        new_due=dt.date(2025, 11, 28),
        reason="Surveyor",
        agreed_with_resident=True,
        notified_how="letter",
        at=later(NOW, days=5),
    )
    before = model_to_dict(Complaint.objects.get(case=complaint.case))
    Complaint.objects.filter(case=complaint.case).delete()
    rebuilt = complaint_project(complaint.case)
    assert rebuilt is not None
    assert model_to_dict(rebuilt) | {"id": before["id"]} == before
    assert complaint_project(complaint.case).pk == rebuilt.pk  # twice: the same row


def test_a_response_written_by_another_app_answers_its_stage(homes, complaint):
    answered = _answer(complaint, 1, later(NOW, days=6))
    assert answered.status == ComplaintStatus.STAGE1_ANSWERED
    assert answered.answered1_at == later(NOW, days=6)
    escalated = complaint_escalate(
        actor=None, complaint=answered, text="Not fixed", at=later(NOW, days=7)
    )
    assert escalated.status == ComplaintStatus.STAGE2_OPEN
    # A late stage 1 response does not answer stage 2.
    again = _answer(escalated, 1, later(NOW, days=8))
    assert again.status == ComplaintStatus.STAGE2_OPEN
    final = _answer(again, 2, later(NOW, days=20))
    assert (final.status, final.answered2_at) == (
        ComplaintStatus.STAGE2_ANSWERED,
        later(NOW, days=20),
    )


def test_a_case_without_a_complaint_has_no_row(homes):
    from doorstep.cases.services import case_open

    case = case_open(
        actor=None, case_type="complaint", title="x", household=homes.household, at=NOW
    )
    assert complaint_project(case) is None
    assert not Complaint.objects.filter(case=case).exists()


def test_an_imported_escalation_without_its_receipt_is_projected(db):
    doc = {
        "format": "doorstep-chronology/1",
        "landlord": {"name": "Old Homes", "nation": "england"},
        "properties": [{"ref": "P1", "uprn": None, "address": "1 Old Street", "kind": "flat"}],
        "people": [{"ref": "R1", "name": "Resident", "role": "tenant"}],
        "tenancies": [{"ref": "T1", "property": "P1", "tenants": ["R1"], "start": "2018-04-30"}],
        "cases": [{"ref": "C1", "type": "complaint", "property": "P1", "people": ["R1"]}],
        "events": [
            {"id": "e1", "at": "2023-05-02", "case": "C1", "kind": "complaint.escalated",
             "by": "R1", "channel": "email", "summary": "Stage 2", "data": {"stage": 2}},
            {"id": "e2", "at": "2023-05", "case": "C1", "kind": "complaint.refused",
             "by": "landlord", "channel": "letter", "summary": "Refused",
             "data": {"stage": 2, "reason": "Legal proceedings",
                      "reason_code": "legal_proceedings"}},
        ],
    }  # fmt: skip
    chronology_import(doc=doc, source_name="old.json", at=NOW)
    row = Complaint.objects.get()
    assert (row.stage, row.status, row.refusal_code, row.received_event) == (
        2,
        ComplaintStatus.REFUSED,
        "legal_proceedings",
        None,
    )
    assert row.code_version == "2020"
    assert row.case == Event.objects.get(kind="complaint.escalated").case


def test_doorstep_rebuild_brings_back_a_lost_complaint_row(homes, complaint, capsys):
    from django.core.management import call_command

    complaint_acknowledge(actor=homes.handler, complaint=complaint, stage=1, at=later(NOW, days=1))
    before = model_to_dict(Complaint.objects.get(case=complaint.case), exclude=["id"])
    Complaint.objects.filter(case=complaint.case).delete()
    call_command("rebuild")
    assert model_to_dict(Complaint.objects.get(case=complaint.case), exclude=["id"]) == before
    assert "complaints: 1 case(s) rebuilt from their events." in capsys.readouterr().out

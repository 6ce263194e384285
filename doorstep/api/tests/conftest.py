"""Fixtures for the API tests: callers of each role with a token, and a small record.

Everything is made through the services, as a real caller's data would be.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from doorstep.cases.services import case_assign, case_open, note_add
from doorstep.commitments.services import commitment_make
from doorstep.contacts.services import contact_record
from doorstep.documents.services import document_add
from doorstep.properties.services import property_create
from doorstep.remedies.services import Part, compensation_offer
from doorstep.residents.services import (
    household_create,
    household_member_add,
    person_create,
    tenancy_start,
)
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.staff.services import api_token_create, staff_create
from doorstep.timeline.when import When
from doorstep.vulnerabilities.services import vulnerability_record

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PREGNANCY_DETAIL = "Due in September; high-risk pregnancy"


@dataclass
class Caller:
    """A user with an API token, and a test client that sends it."""

    user: User
    token: str
    client: Client

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}", **(headers or {})}

    def get(self, path: str, **headers: str) -> Any:
        return self.client.get(path, **self._headers(headers))

    def post(self, path: str, body: Any = None, **headers: str) -> Any:
        return self.client.post(
            path,
            data=json.dumps(body or {}),
            content_type="application/json",
            **self._headers(headers),
        )

    def upload(self, path: str, data: dict[str, Any], **headers: str) -> Any:
        return self.client.post(path, data=data, **self._headers(headers))


def caller_make(at: dt.datetime, username: str, role: Role | None, **extra: Any) -> Caller:
    """A member of staff with the role (None: an account not yet given one) and an API token."""
    user = staff_create(
        username=username,
        password="a long test password",
        role=role or Role.AUDITOR,
        first_name=username.title(),
        **extra,
    )
    if role is None:  # an account that has not yet been given a role
        user.groups.clear()
    _, raw = api_token_create(user=user, name="tests", at=at)
    return Caller(user=user, token=raw, client=Client())


@pytest.fixture
def make_caller(at: dt.datetime):
    def make(username: str, role: Role | None, **extra: Any) -> Caller:
        return caller_make(at, username, role, **extra)

    return make


@pytest.fixture
def contractor_firm() -> Contractor:
    return Contractor.objects.create(name="Fixit Ltd")


def callers_build(at: dt.datetime, contractor_firm: Contractor) -> dict[str, Caller]:
    """One caller of each role, and a contractor of another firm."""
    other_firm = Contractor.objects.create(name="Other Builders Ltd")
    return {
        "officer": caller_make(at, "olivia", Role.HOUSING_OFFICER),
        "manager": caller_make(at, "mina", Role.MANAGER),
        "repairs": caller_make(at, "ravi", Role.REPAIRS_COORDINATOR),
        "auditor": caller_make(at, "ada", Role.AUDITOR),
        "contractor": caller_make(at, "colin", Role.CONTRACTOR, contractor=contractor_firm),
        "other_contractor": caller_make(at, "otto", Role.CONTRACTOR, contractor=other_firm),
        "no_role": caller_make(at, "nora", None),
    }


@pytest.fixture
def callers(at: dt.datetime, contractor_firm: Contractor) -> dict[str, Caller]:
    return callers_build(at, contractor_firm)


@pytest.fixture
def world(at: dt.datetime, callers, contractor_firm) -> dict[str, Any]:
    return world_build(at, callers, contractor_firm)


def world_build(
    at: dt.datetime, callers: dict[str, Caller], contractor_firm: Contractor
) -> dict[str, Any]:
    """A block with a flat; a household of two, one pregnant; a repair assigned to the
    contractor, a complaint that is not; a communal case on the block; a note; a document;
    a contact from the tenant on the household's record, on no case; a commitment to replace
    the tap washer (job J1) on the repair; an offer of £100 compensation on the complaint."""
    officer = callers["officer"].user
    before = at - dt.timedelta(days=30)
    block = property_create(
        kind="block", address_line_1="Elm Court", postcode="E1 1AA", created_at=before
    )
    flat = property_create(
        kind="flat",
        address_line_1="1 Elm Court",
        postcode="E1 1AA",
        part_of=block,
        uprn=100023336956,
        aliases={"housing-system": "EC1"},
        created_at=before,
    )
    tenant = person_create(full_name="Tess Tenant", at=before)
    partner = person_create(full_name="Pat Partner", at=before)
    lodger = person_create(full_name="Lou Lodger", at=before)
    household = household_create(actor=officer, property=flat, at=before)
    household_member_add(
        actor=officer, household=household, person=tenant, relationship="tenant", at=before
    )
    household_member_add(
        actor=officer, household=household, person=partner, relationship="partner", at=before
    )
    tenancy_start(
        actor=officer,
        household=household,
        tenants=[tenant],
        tenure="assured",
        start=dt.date(2019, 4, 1),
        at=before,
    )
    vulnerability_record(
        actor=officer,
        household=household,
        person=partner,
        category="pregnancy",
        source="self",
        learned=When.parse("2024-04"),
        at=before,
        consent_to_record=True,
        detail=PREGNANCY_DETAIL,
    )
    repair = case_open(
        actor=officer, case_type="repair", title="Leaking tap", household=household, at=before
    )
    case_assign(actor=officer, case=repair, contractor=contractor_firm, at=before)
    complaint = case_open(
        actor=officer, case_type="complaint", title="Slow repairs", household=household, at=before
    )
    communal = case_open(
        actor=officer, case_type="repair", title="Door entry broken", property=block, at=before
    )
    note = note_add(actor=officer, case=repair, text="Tap washer ordered.", at=before)
    document = document_add(
        actor=officer,
        content=PDF,
        original_name="survey.pdf",
        doc_type="survey_report",
        title="Survey",
        case=repair,
        at=before,
    )
    household_doc = document_add(
        actor=officer,
        content=PDF,
        original_name="letter.pdf",
        doc_type="letter",
        title="Tenancy letter",
        household=household,
        at=before,
    )
    promise = commitment_make(
        actor=officer,
        case=repair,
        action="Replace the tap washer",
        due=When.parse("2024-06-28"),
        job="J1",
        items=["washer"],
        at=before,
    )
    offer = compensation_offer(
        actor=officer,
        case=complaint,
        parts=[Part(amount=Decimal(100), for_="Slow repairs")],
        at=before,
    )
    contact = contact_record(
        actor=officer,
        household=household,
        direction="in",
        channel="phone",
        party="Tess Tenant",
        text="The kitchen tap is dripping again",
        occurred=When.at(before),
        at=before,
    )
    return {
        "block": block.reference,
        "flat": flat.reference,
        "tenant": tenant.reference,
        "partner": partner.reference,
        "lodger": lodger.reference,
        "household": household.reference,
        "repair": repair.reference,
        "complaint": complaint.reference,
        "communal": communal.reference,
        "note": str(note.uid),
        "contact": str(contact.uid),
        "document": document.reference,
        "household_document": household_doc.reference,
        "commitment": str(promise.pk),
        "offer": offer.data["offer"],
    }

"""A small record for the complaints tests, made through the services: the Adeyemi household
(a pregnancy on the register, large print as a reasonable adjustment) in 1 Oak Court, with a
phone call on its record; and staff: a housing officer, two complaints officers, a manager, an
auditor and a contractor.

`now` is Monday 3 November 2025, 10:30 (the 2024 Code applies). Acknowledged on Tuesday 4
November, the stage 1 response is due 10 working days later: Tuesday 18 November; the Code's
limit for an extension is a further 10 working days: Tuesday 2 December (counted by hand; no
bank holiday between).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

# The API tests' callers (one per role, with a token) and their small record, for test_api.py.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.complaints.models import Complaint
from doorstep.complaints.services import complaint_receive
from doorstep.contacts.services import contact_record
from doorstep.properties.services import property_create
from doorstep.residents.models import Household
from doorstep.residents.services import (
    adjustment_record,
    household_create,
    household_member_add,
    person_create,
)
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON, When
from doorstep.vulnerabilities.services import vulnerability_record

NOW = dt.datetime(2025, 11, 3, 10, 30, tzinfo=LONDON)
WORDS = "Nobody came back about the mould. I have rung four times and I am fed up."


@dataclass
class Homes:
    household: Household
    other: Household
    call: Event
    officer: User
    handler: User
    second: User
    manager: User
    auditor: User
    contractor: User


@pytest.fixture
def now() -> dt.datetime:
    return NOW


def _household(address: str, name: str, at: dt.datetime) -> Household:
    flat = property_create(kind="flat", address_line_1=address, created_at=at)
    household = household_create(actor=None, property=flat, at=at)
    person = person_create(full_name=name, at=at)
    household_member_add(
        actor=None, household=household, person=person, relationship="tenant", at=at
    )
    return household


@pytest.fixture
def homes(db) -> Homes:
    before = NOW - dt.timedelta(days=60)
    household = _household("1 Oak Court", "Ada Adeyemi", before)
    ada = household.members.get().person
    vulnerability_record(
        actor=None,
        household=household,
        person=ada,
        category="pregnancy",
        source="self",
        learned=When.parse("2025-09-20"),
        at=NOW - dt.timedelta(days=30),
        consent_to_record=True,
        detail="Due in January; asthma",
    )
    adjustment_record(
        actor=None, household=household, person=ada, kind="large_print", detail="16pt", at=before
    )
    call = contact_record(
        actor=None,
        household=household,
        direction="in",
        channel="phone",
        party="Ada Adeyemi",
        text=WORDS,
        occurred=When.parse("2025-11-03T09:15"),
        at=NOW,
    )

    def staff(username: str, role: Role, **extra: object) -> User:
        return staff_create(
            username=username,
            password="a long test password",
            role=role,
            first_name=username.title(),
            **extra,
        )

    firm = Contractor.objects.create(name="Fixit Ltd")
    return Homes(
        household=household,
        other=_household("2 Oak Court", "Bo Brown", before),
        call=call,
        officer=staff("olivia", Role.HOUSING_OFFICER),
        handler=staff("cora", Role.COMPLAINTS_OFFICER),
        second=staff("carl", Role.COMPLAINTS_OFFICER),
        manager=staff("mina", Role.MANAGER),
        auditor=staff("ada", Role.AUDITOR),
        contractor=staff("colin", Role.CONTRACTOR, contractor=firm),
    )


@pytest.fixture
def complaint(homes) -> Complaint:
    """Ada's complaint, from her phone call on Monday 3 November 2025, 09:15."""
    return complaint_receive(actor=homes.officer, from_contact=homes.call, text="", at=NOW)

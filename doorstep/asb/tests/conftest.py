"""A small record for the ASB tests, made through the services: the Adeyemi household in 1 Oak
Court (Ada, the reporter, with a disability on the register; her son Femi), the Brown household
in 2 Oak Court (the alleged perpetrators), a phone call from Ada on the record; and staff: an
ASB officer, a housing officer, a manager, an auditor and a contractor.

`now` is Monday 4 March 2024, 10:00. Ada's report that morning asks for a 3-day delay, so
nothing that identifies her may be done before Thursday 7 March 2024.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

# The API tests' callers (one per role, with a token) and their small record, for test_api.py.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.asb.models import AsbCase
from doorstep.asb.services import asb_open, asb_report
from doorstep.contacts.services import contact_record
from doorstep.properties.services import property_create
from doorstep.residents.models import Household, Person
from doorstep.residents.services import household_create, household_member_add, person_create
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON, When
from doorstep.vulnerabilities.services import vulnerability_record

NOW = dt.datetime(2024, 3, 4, 10, 0, tzinfo=LONDON)
WORDS = "They are dealing drugs from the flat below most nights and threatened my son."
HIGH = {
    "vulnerability": "significant",
    "repeat_victimisation": "persistent",
    "impact": "severe",
    "hate_motivated": "no",
}
LOW = {"vulnerability": "none", "repeat_victimisation": "first", "impact": "low",
       "hate_motivated": "no"}  # fmt: skip


@dataclass
class Homes:
    household: Household
    other: Household
    ada: Person
    stranger: Person
    call: Event
    officer: User
    housing: User
    manager: User
    auditor: User
    contractor: User


@pytest.fixture
def now() -> dt.datetime:
    return NOW


def _household(address: str, names: list[str], at: dt.datetime) -> Household:
    flat = property_create(kind="flat", address_line_1=address, created_at=at)
    household = household_create(actor=None, property=flat, at=at)
    for name in names:
        person = person_create(full_name=name, at=at)
        household_member_add(
            actor=None, household=household, person=person, relationship="tenant", at=at
        )
    return household


@pytest.fixture
def homes(db) -> Homes:
    before = NOW - dt.timedelta(days=400)
    household = _household("1 Oak Court", ["Ada Adeyemi", "Femi Adeyemi"], before)
    ada = household.members.get(person__full_name="Ada Adeyemi").person
    vulnerability_record(
        actor=None,
        household=household,
        person=ada,
        category="disability",
        source="self",
        learned=When.parse("2023-09-20"),
        at=NOW - dt.timedelta(days=30),
        consent_to_record=True,
        detail="Anxiety and a heart condition",
    )
    other = _household("2 Oak Court", ["Bo Brown"], before)
    call = contact_record(
        actor=None,
        household=household,
        direction="in",
        channel="phone",
        party="Ada Adeyemi",
        text=WORDS,
        occurred=When.parse("2024-03-04T09:15"),
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
        other=other,
        ada=ada,
        stranger=other.members.get().person,
        call=call,
        officer=staff("asha", Role.ASB_OFFICER),
        housing=staff("olivia", Role.HOUSING_OFFICER),
        manager=staff("mina", Role.MANAGER),
        auditor=staff("ada", Role.AUDITOR),
        contractor=staff("colin", Role.CONTRACTOR, contractor=firm),
    )


def report(homes: Homes, **extra: object) -> AsbCase:
    """Ada's report of drug dealing on Monday 4 March 2024, 09:15, asking for 3 days' delay."""
    args: dict[str, object] = {
        "actor": homes.officer,
        "household": homes.household,
        "reporter": homes.ada,
        "category": "drugs",
        "text": WORDS,
        "alleged_perpetrator": "The tenant of 2 Oak Court",
        "alleged_perpetrator_household": homes.other,
        "location": "Stairwell",
        "communal": True,
        "police_involved": False,
        "delay_days": 3,
        "occurred": When.parse("2024-03-04T09:15"),
        "at": NOW,
    }
    args.update(extra)
    return asb_report(**args)


@pytest.fixture
def reported(homes) -> AsbCase:
    return report(homes)


@pytest.fixture
def opened(homes, reported) -> AsbCase:
    """Ada's report, opened as an ASB case at 10:00."""
    return asb_open(actor=homes.officer, asb=reported, at=NOW)

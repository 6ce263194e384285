"""A small estate for the repairs tests, made through the services: a block with two flats,
the Adeyemi household (a disclosed pregnancy, learned 20 May 2024) in flat 1 and the Brown
household in flat 2, a house on its own, two contractors, and staff of each role that matters.

`at` (conftest of the project) is Monday 3 June 2024, 10:30: routine repairs reported then are
due Monday 1 July (20 working days), urgent ones Monday 10 June (5), emergencies 24 hours later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import StringIO

import pytest

# The API tests' callers (one per role, with a token) and their small record, for test_api.py.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.policy.services import policy_override_record
from doorstep.properties.models import Property
from doorstep.properties.services import property_create
from doorstep.repairs.models import SorSchedule
from doorstep.repairs.services import sor_load_csv
from doorstep.residents.models import Household
from doorstep.residents.services import household_create, household_member_add, person_create
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.timeline.when import When
from doorstep.vulnerabilities.services import vulnerability_record

SOR_CSV = (
    "Code,Description,Trade,Unit,Rate,Notes\n"
    "PL001,Replace tap washer,plumbing,each,12.50,\n"
    "PL002,Clear blocked waste,Plumbing,each,£45.00,our note\n"
    "BR010,Rake out and repoint brickwork,brickwork,m2,38.20,\n"
)


@dataclass
class Estate:
    block: Property
    flat: Property
    other_flat: Property
    house: Property
    household: Household
    neighbours: Household
    lone: Household
    firm: Contractor
    other_firm: Contractor
    coordinator: User
    officer: User
    contractor: User
    other_contractor: User
    auditor: User


def _household(prop: Property, name: str, at: dt.datetime) -> Household:
    household = household_create(actor=None, property=prop, at=at)
    person = person_create(full_name=name, at=at)
    household_member_add(
        actor=None, household=household, person=person, relationship="tenant", at=at
    )
    return household


@pytest.fixture
def estate(db, at) -> Estate:
    before = at - dt.timedelta(days=60)
    block = property_create(kind="block", address_line_1="Oak Court", created_at=before)
    flat = property_create(
        kind="flat", address_line_1="1 Oak Court", part_of=block, created_at=before
    )
    other_flat = property_create(
        kind="flat", address_line_1="2 Oak Court", part_of=block, created_at=before
    )
    house = property_create(kind="house", address_line_1="9 Ash Lane", created_at=before)
    household = _household(flat, "Ada Adeyemi", before)
    vulnerability_record(
        actor=None,
        household=household,
        person=household.members.get().person,
        category="pregnancy",
        source="self",
        learned=When.parse("2024-05-20"),
        at=at - dt.timedelta(days=5),
        consent_to_record=True,
        detail="Due in August",
    )
    firm, other_firm = (Contractor.objects.create(name=n) for n in ("Fixit Ltd", "Other Ltd"))

    def staff(username: str, role: Role, **extra: object) -> User:
        return staff_create(username=username, password="a long test password", role=role, **extra)

    return Estate(
        block=block,
        flat=flat,
        other_flat=other_flat,
        house=house,
        household=household,
        neighbours=_household(other_flat, "Bo Brown", before),
        lone=_household(house, "Cy Cole", before),
        firm=firm,
        other_firm=other_firm,
        coordinator=staff("ravi", Role.REPAIRS_COORDINATOR, first_name="Ravi"),
        officer=staff("olivia", Role.HOUSING_OFFICER, first_name="Olivia"),
        contractor=staff("colin", Role.CONTRACTOR, contractor=firm),
        other_contractor=staff("otto", Role.CONTRACTOR, contractor=other_firm),
        auditor=staff("ada", Role.AUDITOR),
    )


@pytest.fixture
def schedule(estate, at) -> SorSchedule:
    """The landlord's Schedule of Rates, loaded the week before."""
    return sor_load_csv(
        actor=None, file=StringIO(SOR_CSV), at=at - dt.timedelta(days=7), source_name="sor.csv"
    )


@pytest.fixture
def shorter_for_vulnerable(estate, at):
    """The landlord's policy: a routine repair for a vulnerable household within 10 working
    days (Doorstep sets no such number)."""
    return policy_override_record(
        actor=None,
        key="repairs.routine.vulnerable_working_days",
        value=10,
        source="Repairs policy v5, para 6.1",
        at=at - dt.timedelta(days=30),
        effective_from=dt.date(2024, 1, 1),
    )

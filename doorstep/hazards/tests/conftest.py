"""A small record for the hazards tests, made through the services: a block with two flats,
the Adeyemi household (a pregnancy on the register) in flat 1 and the Brown household (nothing
on the register) in flat 2, and staff of the roles that matter.

`now` is Monday 3 November 2025, 10:30: Awaab's Law (in force 27 October 2025) applies to damp
and mould reported then; its investigation is due within 10 working days (Monday 17 November).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

# The API tests' callers (one per role, with a token) and their small record, for test_api.py.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.hazards.models import Hazard
from doorstep.hazards.services import hazard_report
from doorstep.properties.models import Property
from doorstep.properties.services import property_create
from doorstep.residents.models import Household
from doorstep.residents.services import household_create, household_member_add, person_create
from doorstep.staff.models import User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.timeline.when import LONDON, When
from doorstep.vulnerabilities.services import vulnerability_record

NOW = dt.datetime(2025, 11, 3, 10, 30, tzinfo=LONDON)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass
class Homes:
    block: Property
    vulnerable: Household
    other: Household
    officer: User
    coordinator: User
    auditor: User
    contractor: User


def _household(prop: Property, name: str, at: dt.datetime) -> Household:
    household = household_create(actor=None, property=prop, at=at)
    person = person_create(full_name=name, at=at)
    household_member_add(
        actor=None, household=household, person=person, relationship="tenant", at=at
    )
    return household


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def homes(db) -> Homes:
    before = NOW - dt.timedelta(days=60)
    block = property_create(kind="block", address_line_1="Oak Court", created_at=before)
    flats = [
        property_create(
            kind="flat", address_line_1=f"{n} Oak Court", part_of=block, created_at=before
        )
        for n in (1, 2)
    ]
    vulnerable = _household(flats[0], "Ada Adeyemi", before)
    vulnerability_record(
        actor=None,
        household=vulnerable,
        person=vulnerable.members.get().person,
        category="pregnancy",
        source="self",
        learned=When.parse("2025-09-20"),
        at=NOW - dt.timedelta(days=30),
        consent_to_record=True,
        detail="Due in January; asthma",
    )

    def staff(username: str, role: Role, **extra: object) -> User:
        return staff_create(username=username, password="a long test password", role=role, **extra)

    from doorstep.staff.models import Contractor

    firm = Contractor.objects.create(name="Fixit Ltd")
    return Homes(
        block=block,
        vulnerable=vulnerable,
        other=_household(flats[1], "Bo Brown", before),
        officer=staff("olivia", Role.HOUSING_OFFICER, first_name="Olivia"),
        coordinator=staff("ravi", Role.REPAIRS_COORDINATOR, first_name="Ravi"),
        auditor=staff("ada", Role.AUDITOR),
        contractor=staff("colin", Role.CONTRACTOR, contractor=firm),
    )


@pytest.fixture
def mould(homes) -> Hazard:
    """Damp and mould reported by the Adeyemi household on Monday 3 November 2025, 10:30."""
    return hazard_report(
        actor=homes.officer,
        household=homes.vulnerable,
        hazard="damp_mould",
        location="Bathroom ceiling",
        description="Black mould above the bath, spreading.",
        occurred=When.at(NOW),
        at=NOW,
    )

"""A small record for the permissions tests, made through the services: the Okafor household
in 1 Elm Court (a tenancy since 2020) who ask to keep a dog, their neighbours the Brown
household in 2 Elm Court, and staff: a housing officer, a manager, an ASB officer, an auditor
and a contractor.

`now` is Tuesday 4 November 2025, 10:30.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

# The API tests' callers (one per role, with a token) and their small record, for test_api.py.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.permits.models import TenancyPermission
from doorstep.permits.services import PetIn, permission_request
from doorstep.properties.services import property_create
from doorstep.residents.models import Household, Tenancy
from doorstep.residents.services import (
    household_create,
    household_member_add,
    person_create,
    tenancy_start,
)
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.timeline.when import LONDON, When

NOW = dt.datetime(2025, 11, 4, 10, 30, tzinfo=LONDON)
WORDS = "I would like to keep my mother's dog, a small terrier, now she has gone into care."


@dataclass
class Homes:
    household: Household
    tenancy: Tenancy
    neighbour: Household
    officer: User
    manager: User
    asb: User
    auditor: User
    contractor: User


@pytest.fixture
def now() -> dt.datetime:
    return NOW


def _household(address: str, name: str, at: dt.datetime) -> tuple[Household, Tenancy]:
    flat = property_create(kind="flat", address_line_1=address, created_at=at)
    household = household_create(actor=None, property=flat, at=at)
    person = person_create(full_name=name, at=at)
    household_member_add(
        actor=None, household=household, person=person, relationship="tenant", at=at
    )
    tenancy = tenancy_start(
        actor=None, household=household, tenants=[person], at=at, start=dt.date(2020, 4, 6)
    )
    return household, tenancy


@pytest.fixture
def homes(db) -> Homes:
    before = NOW - dt.timedelta(days=60)
    household, tenancy = _household("1 Elm Court", "Grace Okafor", before)
    neighbour, _ = _household("2 Elm Court", "Bo Brown", before)

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
        tenancy=tenancy,
        neighbour=neighbour,
        officer=staff("olivia", Role.HOUSING_OFFICER),
        manager=staff("mina", Role.MANAGER),
        asb=staff("asha", Role.ASB_OFFICER),
        auditor=staff("ada", Role.AUDITOR),
        contractor=staff("colin", Role.CONTRACTOR, contractor=firm),
    )


@pytest.fixture
def dog(homes) -> TenancyPermission:
    """Grace's request to keep one dog, by phone on Monday 3 November 2025."""
    return permission_request(
        actor=homes.officer,
        household=homes.household,
        subject="pet",
        detail=WORDS,
        pet=PetIn("dog", 1, "Small terrier"),
        occurred=When.parse("2025-11-03"),
        at=NOW,
    )

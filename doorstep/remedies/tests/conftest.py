"""A complaint case on a household, the landlord's two compensation bands, and the staff who
act on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from doorstep.cases.models import Case
from doorstep.policy.services import policy_override_record
from doorstep.remedies.services import Part
from doorstep.staff.models import User
from doorstep.staff.roles import Role
from doorstep.testing.factories import CaseFactory, StaffFactory

MINOR = {"min": 50, "max": 250, "examples": ["Not replying to letters or calls"]}
CONSIDERABLE = {"min": 250, "max": 700, "examples": ["Failing over months to act on repairs"]}


@dataclass
class Scene:
    officer: User  # a complaints officer: requests, offers and payments
    housing: User  # a housing officer: requests and offers, no payments
    case: Case
    at: dt.datetime


@pytest.fixture
def scene(db, at: dt.datetime) -> Scene:
    manager = StaffFactory(role=Role.MANAGER)
    before = at - dt.timedelta(days=60)
    for name, value in (("minor", MINOR), ("considerable", CONSIDERABLE)):
        policy_override_record(
            actor=manager,
            key=f"compensation.band.{name}",
            value=value,
            source="Compensation policy 2023, section 4",
            at=before,
            effective_from=dt.date(2023, 1, 1),
        )
    return Scene(
        officer=StaffFactory(role=Role.COMPLAINTS_OFFICER, first_name="Cara"),
        housing=StaffFactory(role=Role.HOUSING_OFFICER, first_name="Olivia"),
        case=CaseFactory(case_type="complaint", title="Slow repairs", at=before),
        at=at,
    )


def part(amount: str = "100", band: str | None = "minor", kind: str = "compensation") -> Part:
    return Part(amount=Decimal(amount), for_="Not returning calls", kind=kind, band=band)

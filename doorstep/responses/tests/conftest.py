"""A household with a stage 1 complaint received, the complaints officer who answers it, and
a draft that says everything the Code requires (`complete`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

# The API tests' callers (one per role, with a token) and their small record, for test_api.py.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.cases.models import Case
from doorstep.residents.models import Household
from doorstep.staff.models import User
from doorstep.staff.roles import Role
from doorstep.testing.complaint_cases import complaint_case
from doorstep.testing.factories import HouseholdFactory, StaffFactory


@dataclass
class Scene:
    officer: User
    reviewer: User  # a manager, not involved at stage 1
    household: Household
    case: Case


@pytest.fixture
def scene(db, at: dt.datetime) -> Scene:
    household = HouseholdFactory(at=at - dt.timedelta(days=20))
    officer = StaffFactory(role=Role.COMPLAINTS_OFFICER, first_name="Cora", last_name="Clark")
    case = complaint_case(household=household, at=at - dt.timedelta(days=10), actor=officer)
    return Scene(
        officer=officer,
        reviewer=StaffFactory(role=Role.MANAGER, first_name="Mina", last_name="Manager"),
        household=household,
        case=case,
    )


def complete(**changes: Any) -> dict[str, Any]:
    """A stage 1 draft's content that may be sent (due dates after the `at` fixture)."""
    content: dict[str, Any] = {
        "understood": "The leak under the bath was not fixed after three visits.",
        "points": [
            {"point": "The leak", "decision": "upheld", "reasons": "Three visits failed."},
            {"point": "Rude staff", "decision": "not_upheld", "reasons": "Calls were polite."},
        ],
        "outcome": "partly_upheld",
        "remedy": "We will replace the waste pipe and offer £100 for the delay.",
        "commitments": [
            {"action": "Replace the waste pipe", "due": "2024-06-14", "job": "J1", "items": "1"},
            {"action": "Call to confirm the works", "due": "2024-06-21"},
        ],
        "send_to": "tess@example.org",
    }
    return content | changes

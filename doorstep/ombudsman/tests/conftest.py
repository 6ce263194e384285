"""A small record for the Ombudsman tests, made through the services: the Okoro household with
two complaint cases and a repair case, the Ashby household with a complaint of its own, and
staff: a complaints officer (who records), a manager (who owns orders) and a contractor.

`now` is Monday 3 June 2024, 10:30.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

# The API tests' callers (one per role, with a token) and their small record, for test_api.py.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.cases.models import Case
from doorstep.cases.services import case_open
from doorstep.residents.models import Household
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.testing.factories import HouseholdFactory
from doorstep.timeline.when import LONDON

NOW = dt.datetime(2024, 6, 3, 10, 30, tzinfo=LONDON)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass
class Homes:
    household: Household
    other: Household
    complaint: Case
    second_complaint: Case
    repair: Case
    others_complaint: Case
    officer: User
    manager: User
    contractor: User


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def homes(db) -> Homes:
    before = NOW - dt.timedelta(days=200)
    household = HouseholdFactory.create(at=before)
    other = HouseholdFactory.create(at=before)

    def opened(case_type: str, title: str, home: Household = household) -> Case:
        return case_open(actor=None, case_type=case_type, title=title, household=home, at=before)

    firm = Contractor.objects.create(name="Fixit Ltd")
    return Homes(
        household=household,
        other=other,
        complaint=opened("complaint", "Damp and mould complaint"),
        second_complaint=opened("complaint", "Complaint about the complaint handling"),
        repair=opened("repair", "Leaking roof"),
        others_complaint=opened("complaint", "Noise", other),
        officer=staff_create(
            username="cara",
            password="a long test password",
            role=Role.COMPLAINTS_OFFICER,
            first_name="Cara",
            last_name="Complaints",
        ),
        manager=staff_create(
            username="maya",
            password="a long test password",
            role=Role.MANAGER,
            first_name="Maya",
            last_name="Manager",
        ),
        contractor=staff_create(
            username="colin",
            password="a long test password",
            role=Role.CONTRACTOR,
            contractor=firm,
        ),
    )


@pytest.fixture
def referral(homes, now) -> Case:
    """The Okoro household's damp and mould complaint, referred to the Ombudsman 20 days ago."""
    from doorstep.ombudsman.services import ombudsman_refer
    from doorstep.timeline.when import When

    referred = now - dt.timedelta(days=20)
    return ombudsman_refer(
        actor=homes.officer,
        household=homes.household,
        complaints=[homes.complaint],
        ombudsman_ref="202412345",
        text="Wants the mould treated and compensation.",
        occurred=When.at(referred),
        at=referred,
    )

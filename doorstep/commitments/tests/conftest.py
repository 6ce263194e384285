"""A household with a repair case worked by a contractor, and the staff who act on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from doorstep.cases.models import Case
from doorstep.cases.services import case_assign
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.testing.factories import CaseFactory, StaffFactory


@dataclass
class Scene:
    officer: User
    manager: User
    fitter: User  # works for the firm the case is assigned to
    other_fitter: User  # works for another firm
    case: Case


@pytest.fixture
def scene(db, at: dt.datetime) -> Scene:
    firm = Contractor.objects.create(name="Fixit Ltd")
    other = Contractor.objects.create(name="Other Builders Ltd")
    officer = StaffFactory(first_name="Olivia", last_name="Officer")
    case = CaseFactory(title="Bathroom floor rotten", at=at - dt.timedelta(days=30))
    case_assign(actor=officer, case=case, contractor=firm, at=at - dt.timedelta(days=30))
    return Scene(
        officer=officer,
        manager=StaffFactory(role=Role.MANAGER, first_name="Mina", last_name="Manager"),
        fitter=StaffFactory(role=Role.CONTRACTOR, contractor=firm, first_name="Colin"),
        other_fitter=StaffFactory(role=Role.CONTRACTOR, contractor=other, first_name="Otto"),
        case=case,
    )

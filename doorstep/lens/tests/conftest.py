"""Two real records imported through the chronology import (Clarion 202208650 and Bromford
202109189: two households, many findings), with teams and officers given to some of their
cases, and a manager and a contractor to read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from doorstep.cases.models import Case
from doorstep.cases.services import case_assign
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.staff.models import Contractor, Team, User
from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory

IMPORTED_AT = dt.datetime(2024, 4, 2, 9, 0, tzinfo=dt.UTC)
AS_OF = dt.date(2024, 3, 21)  # the Bromford seed's replay date; Clarion's record is over by then


@dataclass
class Record:
    clarion: list[Case]
    bromford: list[Case]
    complaints: Team
    repairs: Team
    officer: User
    manager: User
    contractor: User


def import_record(*names: str) -> dict[str, list[Case]]:
    """Each seed imported; its cases, by name."""
    out = {}
    for name in names:
        before = set(Case.objects.values_list("pk", flat=True))
        chronology_import(doc=seed(name), source_name=name, at=IMPORTED_AT)
        out[name] = list(
            Case.objects.exclude(pk__in=before)
            .select_related("household", "property")
            .order_by("pk")
        )
    return out


@pytest.fixture
def record(db) -> Record:
    cases = import_record(CLARION, BROMFORD)
    complaints = Team.objects.create(slug="complaints", name="Complaints team")
    repairs = Team.objects.create(slug="repairs", name="Repairs team")
    officer = StaffFactory.create(username="olu", first_name="Olu", last_name="Ade")
    manager = StaffFactory.create(username="mina", role=Role.MANAGER)
    firm = Contractor.objects.create(name="Fixit Ltd")
    contractor = StaffFactory.create(username="colin", role=Role.CONTRACTOR, contractor=firm)
    clarion, bromford = cases[CLARION], cases[BROMFORD]
    # Clarion's cases to the complaints team, the first with an officer; Bromford's first case
    # to the repairs team; the rest of Bromford's with no team.
    for n, case in enumerate(clarion):
        case_assign(
            actor=None,
            case=case,
            team=complaints,
            officer=officer if n == 0 else None,
            at=IMPORTED_AT,
        )
    case_assign(actor=None, case=bromford[0], team=repairs, at=IMPORTED_AT)
    return Record(
        clarion=clarion,
        bromford=bromford,
        complaints=complaints,
        repairs=repairs,
        officer=officer,
        manager=manager,
        contractor=contractor,
    )

"""A live record with clocks, made through the services: the staff world (`build_world`) with
a stage 1 complaint received on Friday 3 May 2024, whose clocks both cross a bank holiday, a
second, less urgent complaint received on 29 May 2024, and a routine repair reported on each
contractor's case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from doorstep.cases.models import Case
from doorstep.cases.services import case_open, record_on_case
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import World, build_world
from doorstep.timeline.when import When

# Received Friday 3 May 2024. Day 1 of the acknowledgement is Tuesday 7 May (the weekend and
# the Early May bank holiday, Monday 6 May, skipped): 5 working days are due Monday 13 May.
# No acknowledgement on record, so under the 2024 Code the response counts from 13 May: 10
# working days, skipping the Spring bank holiday (Monday 27 May), are due Tuesday 28 May.
RECEIVED = "2024-05-03"
ACK_DUE = dt.date(2024, 5, 13)
RESPONSE_DUE = dt.date(2024, 5, 28)
# Received Wednesday 29 May 2024: acknowledgement due Wednesday 5 June.
LATER_RECEIVED = "2024-05-29"
LATER_ACK_DUE = dt.date(2024, 6, 5)


@dataclass
class Live:
    world: World
    complaint: Case
    later: Case


def complaint_received(world: World, *, title: str, received: str, at: dt.datetime) -> Case:
    officer = world.users[Role.HOUSING_OFFICER]
    case = case_open(
        actor=officer, case_type="complaint", title=title, household=world.household, at=at
    )
    record_on_case(
        case=case,
        kind="complaint.received",
        occurred=When.parse(received),
        data={"stage": 1, "text": f"{title}: nobody has been in touch."},
        actor=officer,
        at=at,
    )
    return case


def repair_reported(case: Case, *, at: dt.datetime) -> None:
    record_on_case(
        case=case,
        kind="repair.reported",
        occurred=When.parse("2024-05-20"),
        data={
            "priority": "routine",
            "location": "kitchen",
            "description": case.title,
            "communal": False,
            "job": f"J-{case.reference}",
        },
        actor=None,
        at=at,
    )


@pytest.fixture
def live(db, at) -> Live:
    world = build_world(at=at)
    complaint = complaint_received(world, title="Slow repairs", received=RECEIVED, at=at)
    later = complaint_received(world, title="Rude operative", received=LATER_RECEIVED, at=at)
    for case in (world.case, world.other_firms_case):
        repair_reported(case, at=at)
    return Live(world=world, complaint=complaint, later=later)

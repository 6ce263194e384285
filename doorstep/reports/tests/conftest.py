"""A small landlord across the 2024 to 2025 reporting year's boundaries, made through the
services: the staff world (`build_world`: two homes, a flat each, in a block on an estate) with
complaints, repairs and anti-social behaviour cases either side of 1 April 2024 and 31 March
2025.

Complaints (stage 1 under the 2024 Code: acknowledge within 5 working days, respond within 10
working days of the acknowledgement):
- `march`: received Sunday 31 March 2024: the year before.
- `april`: received Monday 1 April 2024 (Easter Monday), answered Friday 5 April: in time.
- `extended`: received Monday 3 June 2024, acknowledged Tuesday 4 June (response due Tuesday
  18 June), extended on Monday 10 June to Tuesday 2 July with the resident told, answered Friday
  28 June: in time only thanks to the extension.
- `late`: received Monday 3 June 2024, acknowledged 4 June, answered Friday 30 August: late;
  escalated Monday 2 September, acknowledged 3 September, stage 2 answered Tuesday 10 September:
  in time.
- `refused`: received Monday 1 July 2024, refused at stage 1.

Repairs (Doorstep's default targets: emergency 24 hours, routine 20 working days):
- emergency reported Sunday 30 March 2025 09:00, completed Monday 31 March 08:00: in time.
- routine reported 1 May 2024, completed 10 May: in time; another completed 30 July: late.
- routine reported 20 March 2025, completed 2 April 2025: the year after.

ASB: noise opened 1 May 2024; a hate incident opened 1 June 2024; one reported 30 March 2025
but opened 1 April 2025 (the year after); one reported 1 August 2024 and declined.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from doorstep.asb.services import asb_decline, asb_open, asb_report
from doorstep.cases.models import Case
from doorstep.cases.services import case_open, record_on_case
from doorstep.complaints.models import Complaint
from doorstep.complaints.projections import complaint_project
from doorstep.complaints.services import complaint_acknowledge, complaint_extend
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import World, build_world
from doorstep.timeline.when import LONDON, When

BUILT = dt.datetime(2024, 6, 3, 10, 30, tzinfo=LONDON)
RECORDED = dt.datetime(2025, 5, 1, 9, 0, tzinfo=LONDON)
AS_OF = dt.date(2025, 5, 1)


@dataclass
class Landlord:
    world: World
    complaints: dict[str, Case]
    repairs: dict[str, Case]
    asb: dict[str, Case]


def _complaint(world: World, name: str, received: str) -> Case:
    officer = world.users[Role.COMPLAINTS_OFFICER]
    case = case_open(
        actor=officer, case_type="complaint", title=name, household=world.household, at=RECORDED
    )
    record_on_case(
        case=case,
        kind="complaint.received",
        occurred=When.parse(received),
        data={"stage": 1, "text": f"{name}: nobody has been in touch."},
        actor=officer,
        at=RECORDED,
    )
    complaint_project(case)
    return case


def _record(case: Case, kind: str, day: str, **data: object) -> None:
    record_on_case(
        case=case, kind=kind, occurred=When.parse(day), data=dict(data), actor=None, at=RECORDED
    )
    if kind.startswith("complaint."):
        complaint_project(case)  # as the complaints and responses services do after each


def _acknowledge(world: World, case: Case, stage: int, day: str) -> None:
    complaint_acknowledge(
        actor=world.users[Role.COMPLAINTS_OFFICER],
        complaint=Complaint.objects.get(case=case),
        stage=stage,
        at=RECORDED,
        occurred=When.parse(day),
    )


def _repair(world: World, name: str, priority: str, reported: str, completed: str) -> Case:
    case = case_open(
        actor=None, case_type="repair", title=name, household=world.household, at=RECORDED
    )
    job = f"J-{case.reference}"
    _record(
        case,
        "repair.reported",
        reported,
        priority=priority,
        location="kitchen",
        description=name,
        communal=False,
        job=job,
    )
    _record(case, "works.completed", completed, job=job)
    return case


def _asb(world: World, category: str, reported: str) -> Case:
    asb = asb_report(
        actor=world.users[Role.ASB_OFFICER],
        household=world.household,
        reporter=world.tenant,
        category=category,
        text=f"A report of {category}.",
        occurred=When.parse(reported),
        at=RECORDED,
    )
    return asb.case


@pytest.fixture
def landlord(db) -> Landlord:
    world = build_world(at=BUILT)
    officer = world.users[Role.COMPLAINTS_OFFICER]
    complaints = {
        "march": _complaint(world, "Received on 31 March", "2024-03-31"),
        "april": _complaint(world, "Received on 1 April", "2024-04-01"),
        "extended": _complaint(world, "Extended", "2024-06-03"),
        "late": _complaint(world, "Late", "2024-06-03"),
        "refused": _complaint(world, "Refused", "2024-07-01"),
    }
    _record(complaints["april"], "complaint.response", "2024-04-05", stage=1, outcome="upheld")
    _acknowledge(world, complaints["extended"], 1, "2024-06-04")
    complaint_extend(
        actor=officer,
        complaint=Complaint.objects.get(case=complaints["extended"]),
        new_due=dt.date(2024, 7, 2),
        reason="We are waiting for the surveyor's report on the damp.",
        agreed_with_resident=True,
        notified_how="letter",
        at=RECORDED,
        occurred=When.parse("2024-06-10"),
    )
    _record(complaints["extended"], "complaint.response", "2024-06-28", stage=1, outcome="upheld")
    _acknowledge(world, complaints["late"], 1, "2024-06-04")
    _record(complaints["late"], "complaint.response", "2024-08-30", stage=1, outcome="upheld")
    _record(complaints["late"], "complaint.escalated", "2024-09-02", stage=2, text="Too slow.")
    _acknowledge(world, complaints["late"], 2, "2024-09-03")
    _record(complaints["late"], "complaint.response", "2024-09-10", stage=2, outcome="upheld")
    _record(
        complaints["refused"],
        "complaint.refused",
        "2024-07-02",
        stage=1,
        reason="Raised more than 12 months after the events",
    )
    repairs = {
        "emergency": _repair(
            world, "No heating", "emergency", "2025-03-30T09:00", "2025-03-31T08:00"
        ),
        "routine_in_time": _repair(world, "Dripping tap", "routine", "2024-05-01", "2024-05-10"),
        "routine_late": _repair(world, "Loose tile", "routine", "2024-05-01", "2024-07-30"),
        "next_year": _repair(world, "Sticking door", "routine", "2025-03-20", "2025-04-02"),
    }
    asb_officer = world.users[Role.ASB_OFFICER]
    noise = _asb(world, "noise", "2024-04-29")
    hate = _asb(world, "hate", "2024-05-30")
    late = _asb(world, "harassment", "2025-03-30")
    declined = _asb(world, "pets", "2024-08-01")
    for case, day in ((noise, "2024-05-01"), (hate, "2024-06-01"), (late, "2025-04-01")):
        asb_open(actor=asb_officer, asb=case.asb, at=RECORDED, occurred=When.parse(day))
    asb_decline(
        actor=asb_officer,
        asb=declined.asb,
        reason_code="not_asb",
        reason="A dog barking once is not anti-social behaviour.",
        at=RECORDED,
        occurred=When.parse("2024-08-02"),
    )
    return Landlord(
        world=world,
        complaints=complaints,
        repairs=repairs,
        asb={"noise": noise, "hate": hate, "late": late, "declined": declined},
    )

"""Complaint cases for tests, written as the record holds them: a complaint case opened through
`cases.services.case_open`, and its `complaint.received` (and `complaint.escalated`) events
through `record_on_case`. Independent of any complaints app's services, so the responses app's
tests read a complaint's state only from the timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.cases.models import Case
from doorstep.cases.services import case_open, record_on_case
from doorstep.residents.models import Household
from doorstep.timeline.models import Event
from doorstep.timeline.when import When


def complaint_case(
    *,
    household: Household,
    at: dt.datetime,
    actor: Any = None,
    text: str = "The bathroom leak has not been fixed after three visits.",
    title: str = "Bathroom leak not fixed",
) -> Case:
    """A complaint case with its stage 1 complaint received at `at`."""
    case = case_open(actor=actor, case_type="complaint", title=title, household=household, at=at)
    record_on_case(
        case=case,
        kind="complaint.received",
        data={"stage": 1, "text": text},
        actor=actor,
        at=at,
        occurred=When.at(at),
        summary="Stage 1 complaint received",
    )
    return case


def complaint_escalate(
    *, case: Case, at: dt.datetime, actor: Any = None, text: str = "Still not fixed."
) -> Event:
    """The resident asks for the complaint to go to stage 2."""
    return record_on_case(
        case=case,
        kind="complaint.escalated",
        data={"stage": 2, "text": text},
        actor=actor,
        at=at,
        occurred=When.at(at),
        summary="Complaint escalated to stage 2",
    )


def complaint_refuse(*, case: Case, stage: int, at: dt.datetime, actor: Any = None) -> Event:
    """The landlord declines to take the complaint on at this stage."""
    return record_on_case(
        case=case,
        kind="complaint.refused",
        data={"stage": stage, "reason": "Raised more than 12 months after the events"},
        actor=actor,
        at=at,
        occurred=When.at(at),
    )

"""Homes with open cases, for the tests that a page's queries do not grow with the number of
households it reads (issue 8: no N+1 on any list or case page).

Each home is a flat in its own block, a household with a tenant, and three open cases made
through the services: a stage 1 complaint received (projected, so the complaints list and the
reports see it), a routine repair reported and completed (a clock stopped, a job on record), and
an anti-social behaviour report; and a communal repair about its block, naming the tenant.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.asb.services import asb_report
from doorstep.cases.models import Case
from doorstep.cases.services import case_assign, case_open, record_on_case
from doorstep.complaints.projections import complaint_project
from doorstep.residents.models import Household
from doorstep.testing.factories import HouseholdFactory
from doorstep.timeline.when import LONDON, When

RECORDED = dt.datetime(2025, 5, 1, 9, 0, tzinfo=LONDON)
AS_OF = dt.date(2025, 5, 1)  # in the 2024 to 2025 reporting year's aftermath: all on record


def _record(case: Case, kind: str, day: str, **data: Any) -> None:
    record_on_case(
        case=case, kind=kind, occurred=When.parse(day), data=data, actor=None, at=RECORDED
    )


def open_homes(n: int, *, officer: Any = None, team: Any = None) -> list[Household]:
    """`n` households, each with open cases and clocks (see the module), given to `officer`
    and `team` where named."""
    made = []
    for _ in range(n):
        household = HouseholdFactory.create(at=RECORDED)
        tenant = household.members.get().person
        complaint = case_open(
            actor=None,
            case_type="complaint",
            title="Nobody came",
            household=household,
            at=RECORDED,
        )
        _record(complaint, "complaint.received", "2024-06-03", stage=1, text="Nobody came.")
        complaint_project(complaint)
        repair = case_open(
            actor=None, case_type="repair", title="Tap", household=household, at=RECORDED
        )
        job = f"J-{repair.reference}"
        _record(
            repair,
            "repair.reported",
            "2024-05-01",
            priority="routine",
            location="kitchen",
            description="Tap dripping",
            communal=False,
            job=job,
        )
        _record(repair, "works.completed", "2024-07-30", job=job)
        asb_report(
            actor=officer,
            household=household,
            reporter=tenant,
            category="noise",
            text="Loud music every night.",
            occurred=When.parse("2024-08-01"),
            at=RECORDED,
        )
        communal = case_open(
            actor=None,
            case_type="repair",
            title="Door entry",
            property=household.property.part_of,
            people=[tenant],
            at=RECORDED,
        )
        _record(
            communal,
            "repair.reported",
            "2024-09-02",
            priority="routine",
            location="entrance",
            description="Door entry broken",
            communal=True,
            job=f"J-{communal.reference}",
        )
        if officer is not None or team is not None:
            for case in (complaint, repair, communal):
                case_assign(actor=None, case=case, officer=officer, team=team, at=RECORDED)
        made.append(household)
    return made


# Each test of a page's queries runs with these numbers of homes and the same ceiling.
FEW, MORE = 2, 8


def api_get(user: Any, path: str, **params: Any) -> Any:
    """`GET path` on the API as `user`, with a token made for the call."""
    from django.test import Client

    from doorstep.staff.services import api_token_create

    _, raw = api_token_create(user=user, name="queries", at=RECORDED)
    return Client().get(path, params, HTTP_AUTHORIZATION=f"Bearer {raw}")

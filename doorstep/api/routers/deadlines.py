"""Deadlines: every clock, promise and finding of a case as of a date, a household's findings,
and the work queue.

A contractor sees only its own cases: another firm's case is not found, and the queue holds
only its own.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.intake import received_at
from doorstep.api.schemas import (
    CaseClocksOut,
    HouseholdFindingsOut,
    QueueOut,
    Reference,
    responds,
)
from doorstep.clocks.redress import summary_json
from doorstep.deadlines.selectors import QUEUE_LIMIT, case_replay, household_lens, work_queue

router = Router(tags=["deadlines"])

AS_OF = "YYYY-MM-DD: the day to replay the record as of; default: today"


def _day(request: HttpRequest, as_of: dt.date | None) -> dt.date:
    return as_of or timezone.localdate(received_at(request))


@router.get(
    "/cases/{reference}/clocks",
    response=responds(200, CaseClocksOut),
    auth=requires("cases.view_case"),
)
def case_clocks_read(
    request: HttpRequest,
    reference: Reference,
    as_of: dt.date | None = Query(None, description=AS_OF),  # noqa: B008
) -> Any:
    """Every clock of the case as of `as_of`, running or stopped (when it started, when it is
    due and, where extended, was due; whether it stopped, was breached and by how much; the
    rule, its source and how the date was worked out), and each promise made on it: the
    chronology format's replay output, for the live record."""
    case = selectors.case_for(user=caller(request), reference=reference)
    return case_replay(case=case, as_of=_day(request, as_of))


@router.get(
    "/households/{reference}/findings",
    response=responds(200, HouseholdFindingsOut),
    auth=requires("lens.view_portfolio"),
)
def household_findings_read(
    request: HttpRequest,
    reference: Reference,
    as_of: dt.date | None = Query(None, description=AS_OF),  # noqa: B008
) -> Any:
    """What the Ombudsman would find across the household's record as of `as_of`: every case
    of it, open or closed, the communal cases of its building, and the household's own record
    (each finding's `case` null), oldest first; and the same findings by topic with the redress
    each pattern suggests. Not for contractors: it reads the whole household."""
    household = selectors.household_record_for(user=caller(request), reference=reference)
    lens = household_lens(household=household, as_of=_day(request, as_of))
    return {
        "as_of": lens.as_of,
        "household": household.reference,
        "findings": [dict(f.data) for f in lens.findings],
        "topics": [summary_json(t) for t in lens.topics],
        "notes": lens.notes,
    }


@router.get("/queue", response=responds(200, QueueOut), auth=requires("cases.view_case"))
def queue_read(
    request: HttpRequest,
    as_of: dt.date | None = Query(None, description=AS_OF),  # noqa: B008
    limit: int = Query(QUEUE_LIMIT, ge=1, le=1000),
) -> Any:
    """Every running clock on the open cases you may see, as of `as_of`: overdue first (the
    most overdue first), then the soonest due; the first `limit` of `total`."""
    return work_queue(user=caller(request), as_of=_day(request, as_of), limit=limit)

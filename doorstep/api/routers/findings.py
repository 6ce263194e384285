"""The Ombudsman lens across every case the caller may see: the findings, oldest first, and
their counts by topic, team, officer, finding and age, with the redress suggested per household.
The same filters as the page `/lens/`. A contractor is refused (the permission): the lens reads
whole households' records.

Each request replays the record of every household with a case the caller may see (until issue
8's projection), then pages the findings.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from doorstep.api.auth import caller, requires
from doorstep.api.intake import received_at
from doorstep.api.schemas import responds
from doorstep.lens.schemas import (
    FindingsQuery,
    FindingsSummaryOut,
    PortfolioFindingOut,
    finding_out,
    summary_out,
)
from doorstep.lens.selectors import Portfolio, portfolio

router = Router(tags=["lens"])

VIEW = "lens.view_portfolio"


def _portfolio(request: HttpRequest, filters: FindingsQuery) -> Portfolio:
    today: dt.date = timezone.localdate(received_at(request))
    return portfolio(user=caller(request), **filters.chosen(today=today))


@router.get("/findings", response=responds(200, list[PortfolioFindingOut]), auth=requires(VIEW))
@paginate(LimitOffsetPagination)
def finding_list(request: HttpRequest, filters: Query[FindingsQuery]) -> Any:
    """What the Ombudsman would find across the cases you may see, as of `as_of` (default
    today): the findings still going on and those that arose since `since`, or every one with
    `include_resolved`; by topic, team, officer, code and age; oldest first. Each is the
    replay's finding, with its case, household, team and officer. Doorstep's reading of the
    record, not the Ombudsman's judgement."""
    return [finding_out(f) for f in _portfolio(request, filters).findings]


@router.get("/findings/summary", response=responds(200, FindingsSummaryOut), auth=requires(VIEW))
def finding_summary(request: HttpRequest, filters: Query[FindingsQuery]) -> Any:
    """The same findings counted: by topic, team, officer, code and age (each facet's counts
    with the other filters applied), and the redress the Ombudsman's remedies guidance suggests
    for each household's findings by topic (a suggestion, never a verdict)."""
    return summary_out(_portfolio(request, filters))

"""The landlord's reports: a reporting year's Tenant Satisfaction Measures from records (the
same figures as the page `/reports/tsm/<year>/`), and the cases behind each figure. A manager
and an auditor; never a contractor.

Each request replays the clocks of the year's complaint and repair cases (until issue 8's
projection).
"""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router

from doorstep.api.auth import requires
from doorstep.api.intake import received_at
from doorstep.api.schemas import responds
from doorstep.reports.schemas import (
    MeasureCasesOut,
    MeasureSlug,
    TsmOut,
    measure_out,
    row_out,
    tsm_out,
)
from doorstep.reports.selectors import tsm_year

router = Router(tags=["reports"])

VIEW = "reports.view_reports"
Year = Annotated[
    int, Path(description="The reporting year, by the year of its 1 April", ge=2023, le=2100)
]


def _today(request: HttpRequest) -> dt.date:
    return timezone.localdate(received_at(request))


@router.get("/reports/tsm/{year}", response=responds(200, TsmOut), auth=requires(VIEW))
def tsm_read(request: HttpRequest, year: Year) -> Any:
    """The Tenant Satisfaction Measures from records for the reporting year 1 April `year` to
    31 March: CH01, CH02, RP02 and NM01, each with numerator, denominator, value, definition
    and source (the Regulator's technical requirements), and the complaint figures for the
    Complaint Handling Code's annual self-assessment; as the record stands today."""
    return tsm_out(tsm_year(year=year, as_of=_today(request)))


@router.get(
    "/reports/tsm/{year}/{measure}/cases",
    response=responds(200, MeasureCasesOut),
    auth=requires(VIEW),
)
def tsm_cases(request: HttpRequest, year: Year, measure: MeasureSlug) -> Any:
    """The cases behind one measure of the year: each case's reference, the day that places it
    in the year, what it is, whether it was in time (for a proportion) and whether it is in the
    figure's numerator."""
    report = tsm_year(year=year, as_of=_today(request))
    chosen = report.measure(measure)
    return MeasureCasesOut(
        year=year, measure=measure_out(chosen), cases=[row_out(r) for r in chosen.rows]
    )

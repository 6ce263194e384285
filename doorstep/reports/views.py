"""The landlord's reports (/reports/): the Tenant Satisfaction Measures from records for a
reporting year, each a summary card with a bar chart and its table, a CSV file
(`?format=csv`), and the cases behind each figure.

Only here is the clock read: the page passes today to the selector.
"""

from __future__ import annotations

import csv
import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from doorstep.core.views import staff_view
from doorstep.reports.selectors import Measure, TsmReport, tsm_year, year_of

VIEW = "reports.view_reports"
FIRST_YEAR = 2023  # the first reporting year of the measures (1 April 2023)
CHART_WIDTH = 300  # the longest bar, in the SVG's units


def today() -> dt.date:
    """Today in London: the one place these pages read the clock."""
    return timezone.localdate()


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= year_of(today()):
        raise Http404("No such reporting year")
    return year


@require_GET
@staff_view(VIEW)
def index_page(request: HttpRequest) -> HttpResponse:
    years = list(range(year_of(today()), FIRST_YEAR - 1, -1))
    return render(request, "reports/index.html", {"years": years, "nav": "reports"})


def bar(measure: Measure, widest: float) -> dict[str, object]:
    """One bar of the chart: its width in the SVG's units, proportional to the value."""
    value = float(measure.value or 0)
    width = round(CHART_WIDTH * value / widest) if widest else 0
    return {"measure": measure, "width": width}


@require_GET
@staff_view(VIEW)
def tsm_page(request: HttpRequest, year: int) -> HttpResponse:
    report = tsm_year(year=_year(year), as_of=today())
    if request.GET.get("format") == "csv":
        return tsm_csv(report)
    per_thousand = [m for m in report.measures if m.per_thousand]
    proportions = [m for m in report.measures if not m.per_thousand]
    widest = max([float(m.value or 0) for m in per_thousand] + [0.0])
    context = {
        "report": report,
        "per_thousand_bars": [bar(m, widest) for m in per_thousand],
        "proportion_bars": [bar(m, 100.0) for m in proportions],
        "nav": "reports",
    }
    return render(request, "reports/tsm.html", context)


def tsm_csv(report: TsmReport) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"tsm-{report.year.year}-{report.year.year + 1}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(["code", "title", "numerator", "denominator", "value", "unit", "source"])
    for m in report.measures:
        unit = "per 1,000 homes" if m.per_thousand else "percent"
        value = "" if m.value is None else str(m.value)
        writer.writerow([m.code, m.title, m.numerator, m.denominator, value, unit, m.source])
    return response


@require_GET
@staff_view(VIEW)
def cases_page(request: HttpRequest, year: int, measure: str) -> HttpResponse:
    report = tsm_year(year=_year(year), as_of=today())
    try:
        chosen = report.measure(measure)
    except KeyError as error:
        raise Http404("No such measure") from error
    context = {"report": report, "measure": chosen, "nav": "reports"}
    return render(request, "reports/cases.html", context)

"""What the Ombudsman would find (/lens/): the lens's findings across every case one may see,
oldest first, counted by topic, team, officer, finding and age, each count a link that narrows
the list; the redress suggested per household; and the list as a CSV file (`?format=csv`).

Only here is the clock read: the page passes today (or the date asked for) to the selector.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from doorstep.core.views import staff_view
from doorstep.lens.forms import PortfolioForm
from doorstep.lens.selectors import Count, Portfolio, PortfolioFinding, portfolio

VIEW = "lens.view_portfolio"
PAGE_SIZE = 100
CSV_COLUMNS = (
    "arose",
    "days",
    "ongoing",
    "resolved",
    "case",
    "household",
    "topic",
    "code",
    "title",
    "explanation",
    "severity",
    "team",
    "officer",
    "rests_on",
)


def today() -> dt.date:
    """Today in London: the one place this page reads the clock."""
    return timezone.localdate()


@require_GET
@staff_view(VIEW)
def portfolio_page(request: HttpRequest) -> HttpResponse:
    """The findings across every case the person may see, filtered by the GET parameters."""
    form = PortfolioForm(request.GET or None)
    found = portfolio(user=request.user, **form.chosen(today=today()))
    if request.GET.get("format") == "csv":
        return findings_csv(found)
    form.offer(found)
    page = Paginator(found.findings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "found": found,
        "page": page,
        "cards": facet_cards(request, found),
        "nav": "lens",
    }
    return render(request, "lens/portfolio.html", context)


@dataclass(frozen=True)
class FacetCard:
    """One facet's counts on the page, each with the link that narrows the list to it (or, for
    the value chosen, widens it again)."""

    title: str
    rows: list[tuple[Count, str]]


CARD_TITLES = {
    "topic": _("By topic"),
    "age": _("By how long ago it arose"),
    "team": _("By team"),
    "officer": _("By officer"),
    "code": _("By finding"),
}


def facet_cards(request: HttpRequest, found: Portfolio) -> list[FacetCard]:
    cards = []
    for facet, title in CARD_TITLES.items():
        rows = []
        for count in found.counts[facet]:
            params = request.GET.copy()
            params.pop("page", None)
            params.pop("format", None)
            if count.chosen:
                params.pop(facet, None)
            else:
                params[facet] = count.value
            rows.append((count, f"?{params.urlencode()}"))
        cards.append(FacetCard(str(title), rows))
    return cards


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula is quoted."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _row(f: PortfolioFinding) -> Iterable[object]:
    return (
        f.date.isoformat(),
        f.lasted_days,
        "yes" if f.ongoing else "no",
        f.resolved.isoformat() if f.resolved else "",
        f.case.reference if f.case else "",
        f.household.reference if f.household else "",
        f.topic_label,
        f.code,
        f.title,
        f.explanation,
        f.severity,
        f.team.name if f.team else "",
        f.officer.get_full_name() or f.officer.get_username() if f.officer else "",
        "; ".join(f.rests_on),
    )


def findings_csv(found: Portfolio) -> HttpResponse:
    """The listed findings, oldest first, one a row (every one, not a page of them)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"findings-{found.as_of.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for finding in found.findings:
        writer.writerow([_cell(value) for value in _row(finding)])
    return response

"""The clocks where staff work: a section of the case page (with the replay as of a date and
its JSON), a section of the household page, and the work queue.

Only here is the clock read: each view passes today (or the date asked for) to the selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.views import staff_view
from doorstep.deadlines.forms import AsOfForm, QueueDateForm
from doorstep.deadlines.selectors import (
    Clocks,
    case_clocks,
    case_replay,
    household_record,
    lens_of,
    work_queue,
)
from doorstep.residents.models import Household


def today() -> dt.date:
    """Today in London: the one place these pages read the clock."""
    return timezone.localdate()


def _as_of(request: HttpRequest, form_class: type[AsOfForm] = AsOfForm) -> tuple[AsOfForm, dt.date]:
    form = form_class(request.GET if "as_of" in request.GET else None)
    return form, form.day(default=today())


def clocks_for_page(request: HttpRequest, case: Case, as_of: dt.date) -> Clocks:
    """The case's replay as of `as_of`, worked out once per request: every section of the
    case page that reads it (clocks, appointments, recurring defects) shares one export."""
    cache: dict[tuple[int, dt.date], Clocks] = request.__dict__.setdefault("_case_clocks", {})
    if (case.pk, as_of) not in cache:
        cache[(case.pk, as_of)] = case_clocks(case=case, as_of=as_of)
    return cache[(case.pk, as_of)]


def page_as_of(request: HttpRequest) -> dt.date:
    """The day the case page is shown as of: today, or the replay date asked for."""
    return _as_of(request)[1]


@CASE_PAGE_SECTIONS.register(
    key="clocks",
    template="deadlines/includes/case_clocks.html",
    permission="cases.view_case",
    order=10,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """Every clock of the case and its promises, as of today or the date asked for."""
    form, as_of = _as_of(request)
    return {
        "case": case,
        "form": form,
        "as_of": as_of,
        "replaying": as_of != today(),
        "clocks": clocks_for_page(request, case, as_of),
    }


@CASE_PAGE_SECTIONS.register(
    key="findings",
    template="deadlines/includes/case_findings.html",
    permission="cases.view_case",
    order=11,
)
def case_findings_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """What the Ombudsman would find on the case, as of today or the date asked for."""
    _, as_of = _as_of(request)
    lens = lens_of(clocks_for_page(request, case, as_of), case=case)
    return {"case": case, "as_of": as_of, "lens": lens}


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="findings",
    template="deadlines/includes/household_findings.html",
    permission="cases.view_case",
    order=11,
)
def household_findings_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """What the Ombudsman would find across the household's record today."""
    return {"lens": lens_of(household_for_page(request, household))}


def household_for_page(request: HttpRequest, household: Household) -> Clocks:
    """The household's record worked out once per request, shared by its page's sections."""
    cache: dict[int, Clocks] = request.__dict__.setdefault("_household_clocks", {})
    if household.pk not in cache:
        cache[household.pk] = household_record(household=household, as_of=today())
    return cache[household.pk]


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="clocks",
    template="deadlines/includes/household_clocks.html",
    permission="cases.view_case",
    order=10,
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """The running clocks of the household's open cases, worst first."""
    return {"clocks": household_for_page(request, household).of_open_cases()}


@require_GET
@staff_view("cases.view_case")
def queue_page(request: HttpRequest) -> HttpResponse:
    form, as_of = _as_of(request, QueueDateForm)
    queue = work_queue(user=request.user, as_of=as_of)
    context = {"queue": queue, "form": form, "nav": "queue"}
    return render(request, "deadlines/queue.html", context)


@require_GET
@staff_view("cases.view_case")
def case_replay_download(request: HttpRequest, reference: str) -> HttpResponse:
    """The case's clocks and commitments as of the date asked for, as the replay's JSON."""
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    form, as_of = _as_of(request)
    if form.errors:
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    response = JsonResponse(case_replay(case=case, as_of=as_of), json_dumps_params={"indent": 2})
    name = f"{case.reference}-clocks-{as_of.isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

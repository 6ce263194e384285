"""Hazard pages: report a hazard for a household; assess it, record it made safe, the written
summary and decants; the hazards section of the case page; and the home page's hazard search
(prioritised first).

A damp and mould report in a home with a vulnerability on the register is prioritised: the case
page and the lists say so, reading only that a register entry exists. Only here is the clock
read: each view passes now to the services.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.contacts.selectors import contact_get
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm
from doorstep.core.views import actor, form_step, search_section, staff_view
from doorstep.hazards.choices import HAZARD_NAMES
from doorstep.hazards.forms import (
    AssessForm,
    DecantConsiderForm,
    DecantEndForm,
    DecantStartForm,
    HazardReportForm,
    MadeSafeForm,
    SummaryForm,
)
from doorstep.hazards.models import Hazard
from doorstep.hazards.selectors import (
    case_prioritised,
    hazard_cases,
    hazard_on_case,
    hazards_for_case,
    household_vulnerable,
)
from doorstep.hazards.services import (
    Letter,
    decant_consider,
    decant_end,
    decant_start,
    hazard_assess,
    hazard_made_safe,
    hazard_report,
    hazard_summary_send,
)
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail
from doorstep.timeline.models import Event
from doorstep.vulnerabilities.selectors import vulnerability_flags

CHANGE = ("cases.view_case", "hazards.change_hazard")


@search_section(
    key="hazards",
    title=_("Hazard cases"),
    permission="hazards.view_hazard",
    template="hazards/includes/search_results.html",
    order=35,
)
def find_hazards(*, query: str, user: Any) -> Any:
    """Hazard cases matching the search, prioritised ones first."""
    return hazard_cases(user=user, query=query)[:50]


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", "hazards.report_hazard")
def report_for_household(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    form = HazardReportForm(request.POST or None, initial=_report_initial(request, household))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            hazard = hazard_report(
                actor=actor(request),
                household=household,
                hazard=data["hazard"],
                location=data["location"],
                description=data["description"],
                occurred=data["occurred"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, _("Hazard reported: case %(ref)s.") % {"ref": hazard.case.reference}
            )
            return redirect("cases:case", hazard.case.reference)
    context = {
        "form": form,
        "household": household,
        "flags": vulnerability_flags(household=household),
    }
    return render(request, "hazards/report.html", context)


def _report_initial(request: HttpRequest, household: Household) -> dict[str, Any]:
    """The report form prefilled from a suggestion on a contact (`contacts.selectors.
    contact_suggestions`): the hazard named, and the contact's words and date (awareness runs
    from the contact). Anything unknown in the query is ignored."""
    initial: dict[str, Any] = {"occurred": timezone.localtime()}
    if request.GET.get("hazard") in HAZARD_NAMES:
        initial["hazard"] = request.GET["hazard"]
    try:
        uid = uuid.UUID(request.GET.get("contact", ""))
        contact = contact_get(household_reference=household.reference, uid=uid)
    except (ValueError, Event.DoesNotExist):
        return initial
    initial["description"] = contact.data.get("text") or ""
    if len(contact.occurred_text) >= len("2024-01-01") and contact.occurred_earliest:
        when = timezone.localtime(contact.occurred_earliest)
        full = len(contact.occurred_text) > len("2024-01-01")
        initial["occurred"] = when if full else when.date()
    return initial


def _case(request: HttpRequest, reference: str) -> Case:
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    if case.case_type != CaseType.HAZARD:
        raise Http404
    return case


def _hazard(request: HttpRequest, reference: str, hazard_id: int) -> Hazard:
    case = _case(request, reference)
    try:
        return hazard_on_case(case=case, hazard_id=hazard_id)
    except Hazard.DoesNotExist:
        raise Http404 from None


Act = Callable[[Hazard, Mapping[str, Any], Any], Hazard]


def _action(
    request: HttpRequest,
    reference: str,
    hazard_id: int,
    *,
    form_class: type[GovukForm],
    act: Act,
    heading: str,
    submit: str,
    done: str,
    prompt: bool = False,
) -> HttpResponse:
    """One action on a hazard: the form, the service, the case page on success."""
    hazard = _hazard(request, reference, hazard_id)
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, request.FILES if posted else None)
    return form_step(
        request,
        form=form,
        act=lambda data: act(hazard, data, request),
        done=done,
        then=reverse("cases:case", args=[reference]) + "#hazards",
        template="hazards/action.html",
        context={
            "hazard": hazard,
            "case": hazard.case,
            "heading": heading,
            "submit": submit,
            "vulnerable_prompt": prompt and household_vulnerable(household=hazard.case.household),
        },
    )


def _occurred(data: Mapping[str, Any]) -> Any:
    return data.get("occurred") or None


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE)
def assess_view(request: HttpRequest, reference: str, hazard_id: int) -> HttpResponse:
    def act(hazard: Hazard, data: Mapping[str, Any], request: Any) -> Hazard:
        return hazard_assess(
            actor=actor(request),
            hazard=hazard,
            severity=data["severity"],
            cause=data["cause"],
            occurred=_occurred(data),
            at=timezone.now(),
        )

    return _action(
        request,
        reference,
        hazard_id,
        form_class=AssessForm,
        act=act,
        heading=str(_("Assess the hazard")),
        submit=str(_("Record the assessment")),
        done=str(_("Assessment recorded.")),
        prompt=True,
    )


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE)
def made_safe_view(request: HttpRequest, reference: str, hazard_id: int) -> HttpResponse:
    def act(hazard: Hazard, data: Mapping[str, Any], request: Any) -> Hazard:
        return hazard_made_safe(
            actor=actor(request), hazard=hazard, occurred=_occurred(data), at=timezone.now()
        )

    return _action(
        request,
        reference,
        hazard_id,
        form_class=MadeSafeForm,
        act=act,
        heading=str(_("Record the hazard made safe")),
        submit=str(_("Record it made safe")),
        done=str(_("Recorded as made safe.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE, "documents.add_document")
def summary_view(request: HttpRequest, reference: str, hazard_id: int) -> HttpResponse:
    def act(hazard: Hazard, data: Mapping[str, Any], request: Any) -> Hazard:
        upload = data.get("letter")
        letter = Letter(upload.read(), upload.name) if upload else None
        return hazard_summary_send(
            actor=actor(request),
            hazard=hazard,
            to=data["to"],
            letter=letter,
            occurred=_occurred(data),
            at=timezone.now(),
        )

    return _action(
        request,
        reference,
        hazard_id,
        form_class=SummaryForm,
        act=act,
        heading=str(_("Record the written summary sent to the resident")),
        submit=str(_("Record the summary")),
        done=str(_("Written summary recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE)
def decant_consider_view(request: HttpRequest, reference: str, hazard_id: int) -> HttpResponse:
    def act(hazard: Hazard, data: Mapping[str, Any], request: Any) -> Hazard:
        return decant_consider(
            actor=actor(request),
            hazard=hazard,
            decision=data["decision"],
            reason=data["reason"],
            at=timezone.now(),
        )

    return _action(
        request,
        reference,
        hazard_id,
        form_class=DecantConsiderForm,
        act=act,
        heading=str(_("Record a decant considered")),
        submit=str(_("Record the decision")),
        done=str(_("Decant decision recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE)
def decant_start_view(request: HttpRequest, reference: str, hazard_id: int) -> HttpResponse:
    def act(hazard: Hazard, data: Mapping[str, Any], request: Any) -> Hazard:
        return decant_start(
            actor=actor(request),
            hazard=hazard,
            reason=data["reason"],
            where=data["where"],
            at=timezone.now(),
        )

    return _action(
        request,
        reference,
        hazard_id,
        form_class=DecantStartForm,
        act=act,
        heading=str(_("Record the household decanted")),
        submit=str(_("Record the decant")),
        done=str(_("Decant recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE)
def decant_end_view(request: HttpRequest, reference: str, hazard_id: int) -> HttpResponse:
    def act(hazard: Hazard, data: Mapping[str, Any], request: Any) -> Hazard:
        return decant_end(
            actor=actor(request), hazard=hazard, reason=data["reason"], at=timezone.now()
        )

    return _action(
        request,
        reference,
        hazard_id,
        form_class=DecantEndForm,
        act=act,
        heading=str(_("Record the decant ended")),
        submit=str(_("Record the end of the decant")),
        done=str(_("End of the decant recorded.")),
    )


@CASE_PAGE_SECTIONS.register(
    key="hazards",
    template="hazards/includes/case_hazards.html",
    permission="cases.view_case",
    order=15,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """A hazard case's hazards, each with its severity, cause, made safe, summary and decant,
    and the ways in to record them; the prioritised warning where it applies."""
    if case.case_type != CaseType.HAZARD:
        return {"case": case, "shown": False}
    return {
        "case": case,
        "shown": True,
        "hazards": hazards_for_case(case=case),
        "prioritised": case_prioritised(case=case),
    }


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="hazards",
    template="hazards/includes/household_hazards.html",
    permission="hazards.report_hazard",
    order=25,
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """The way in to report a hazard for the household."""
    return {"household": household}

"""Repair pages: report a repair (for a household, or communal for a building), the repair
page of a case (each report with its target and the rule behind it, and its jobs), raise a
job, and the job page. Also the repairs sections of the household and case pages.

Only here is the clock read: each view passes now to the services and selectors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible, cases_visible_to
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.properties.models import Property
from doorstep.properties.selectors import property_get
from doorstep.repairs.forms import JobRaiseForm, RepairReportForm
from doorstep.repairs.models import Job
from doorstep.repairs.selectors import (
    job_visible,
    jobs_for_case,
    jobs_for_household,
    repair_reports,
    repeats_of,
)
from doorstep.repairs.services import job_raise, repair_report
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail
from doorstep.vulnerabilities.selectors import vulnerability_flags

WORKS_CASE_TYPES = ("repair", "hazard")


def _report(request: HttpRequest, form: RepairReportForm, **place: Any) -> HttpResponse | None:
    """Report the repair the form describes; None where it was refused (on the form)."""
    data = form.cleaned_data
    try:
        reported = repair_report(
            actor=actor(request),
            location=data["location"],
            description=data["description"],
            element=data["element"],
            priority=data["priority"],
            communal=data.get("communal", True),
            security=data["security"],
            occurred=data["occurred"],
            at=timezone.now(),
            **place,
        )
    except DomainError as error:
        form.add_domain_error(error)
        return None
    messages.success(
        request, _("Repair reported: case %(ref)s.") % {"ref": reported.case.reference}
    )
    return redirect("repairs:case", reported.case.reference)


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", "repairs.report_repair")
def report_for_household(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    form = RepairReportForm(request.POST or None, initial={"occurred": timezone.localtime()})
    if request.method == "POST" and form.is_valid():
        done = _report(request, form, household=household)
        if done is not None:
            return done
    context = {
        "form": form,
        "household": household,
        "flags": vulnerability_flags(household=household),
        "back": ("contacts:household", household.reference),
    }
    return render(request, "repairs/report.html", context)


@require_http_methods(["GET", "POST"])
@staff_view("properties.view_property", "repairs.report_repair")
def report_communal(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        building = property_get(reference=reference)
    except Property.DoesNotExist:
        raise Http404 from None
    initial = {"occurred": timezone.localtime()}
    form = RepairReportForm(request.POST or None, communal_only=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _report(request, form, property=building)
        if done is not None:
            return done
    context = {"form": form, "building": building, "back": ("property:detail", building.reference)}
    return render(request, "repairs/report.html", context)


def _case(request: HttpRequest, reference: str) -> Case:
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    if case.case_type not in WORKS_CASE_TYPES:
        raise Http404
    return case


@require_GET
@staff_view("cases.view_case")
def repair_page(request: HttpRequest, reference: str) -> HttpResponse:
    """A repair case's reports, each with its target and the rule that sets it, and its jobs."""
    case = _case(request, reference)
    context = {
        "case": case,
        "reports": repair_reports(case=case, as_of=timezone.localdate()),
        "jobs": jobs_for_case(case=case, user=request.user),
    }
    return render(request, "repairs/repair.html", context)


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", "repairs.add_job")
def job_raise_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = JobRaiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = job_raise(
                actor=actor(request),
                case=case,
                items=form.items(),
                priority=data["priority"],
                trade=data["trade"],
                contractor=data["contractor"],
                estimated_minutes=data["estimated_minutes"],
                target=data["target"].latest_date if data["target"] else None,
                purpose=data["purpose"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Job %(ref)s raised.") % {"ref": job.reference})
            return redirect("repairs:job", job.reference)
    return render(request, "repairs/job_raise.html", {"case": case, "form": form})


@require_GET
@staff_view("repairs.view_job")
def job_page(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        job = job_visible(reference=reference, user=request.user)
    except Job.DoesNotExist:
        raise Http404 from None
    shown = request.user.has_perm("cases.view_case") and (
        cases_visible_to(user=request.user).filter(pk=job.case_id).exists()
    )
    context = {"job": job, "repeats": repeats_of(job=job), "case_shown": shown}
    return render(request, "repairs/job.html", context)


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="repairs",
    template="repairs/includes/household_repairs.html",
    permission="cases.view_case",
    order=20,
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """The jobs on the household's cases and its buildings' communal cases, and the way in to
    report a repair."""
    return {
        "household": household,
        "jobs": jobs_for_household(household=household, user=request.user),
    }


@CASE_PAGE_SECTIONS.register(
    key="repairs",
    template="repairs/includes/case_repairs.html",
    permission="cases.view_case",
    order=20,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """A repair or hazard case's jobs, and the ways in to its repair page and to raise a job."""
    if case.case_type not in WORKS_CASE_TYPES:
        return {"case": case, "shown": False}
    return {"case": case, "shown": True, "jobs": jobs_for_case(case=case, user=request.user)}

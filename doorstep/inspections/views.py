"""Inspection pages: record an inspection or survey on a hazard or repair case, attach a report
that arrives later, and the "Inspections and surveys" section of the case page, where an
inspection without its report shows as a gap. Only here is the clock read."""

from __future__ import annotations

from collections.abc import Mapping
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
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.inspections.forms import InspectionForm, ReportAttachForm
from doorstep.inspections.models import Inspection
from doorstep.inspections.selectors import inspection_get, inspections_for_case
from doorstep.inspections.services import ReportFile, inspection_record, inspection_report_attach

CASE_TYPES = (CaseType.HAZARD, CaseType.REPAIR)


def _case(request: HttpRequest, reference: str) -> Case:
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    if case.case_type not in CASE_TYPES:
        raise Http404
    return case


def _back(reference: str) -> str:
    return reverse("cases:case", args=[reference]) + "#inspections"


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", "inspections.add_inspection")
def record_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = InspectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("report_file")
        try:
            inspection = inspection_record(
                actor=actor(request),
                case=case,
                kind=data["kind"],
                by=data["by"],
                done_on=data["done_on"].latest_date,
                findings=data["findings"],
                cause=data["cause"],
                recommends=form.recommends(),
                report_file=ReportFile(upload.read(), upload.name) if upload else None,
                appointment=data["appointment"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("%(ref)s recorded.") % {"ref": inspection.reference})
            return redirect(_back(reference))
    context = {"form": form, "case": case}
    return render(request, "inspections/record.html", context)


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", "inspections.change_inspection", "documents.add_document")
def attach_view(request: HttpRequest, reference: str, inspection: str) -> HttpResponse:
    case = _case(request, reference)
    try:
        found = inspection_get(case=case, reference=inspection)
    except Inspection.DoesNotExist:
        raise Http404 from None
    form = ReportAttachForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            inspection_report_attach(
                actor=actor(request),
                inspection=found,
                file=ReportFile(upload.read(), upload.name, form.cleaned_data["title"]),
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Report attached to %(ref)s.") % {"ref": found.reference})
            return redirect(_back(reference))
    context = {"form": form, "case": case, "inspection": found}
    return render(request, "inspections/attach.html", context)


@CASE_PAGE_SECTIONS.register(
    key="inspections",
    template="inspections/includes/case_inspections.html",
    permission="cases.view_case",
    order=18,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """A hazard or repair case's inspections and surveys, each inspection without its report
    shown as a gap with the way in to attach it."""
    if case.case_type not in CASE_TYPES:
        return {"case": case, "shown": False}
    return {"case": case, "shown": True, "inspections": inspections_for_case(case=case)}

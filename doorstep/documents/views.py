"""Adding documents to a household or a case, and downloading them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.documents.forms import DocumentForm
from doorstep.documents.models import Document
from doorstep.documents.selectors import document_visible
from doorstep.documents.services import document_add, document_open
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail


def _add(
    request: HttpRequest, *, household: Household | None, case: Case | None, back: str
) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document_add(
                actor=actor(request),
                content=data["file"].read(),
                original_name=data["file"].name,
                doc_type=data["doc_type"],
                title=data["title"],
                at=timezone.now(),
                household=household,
                case=case,
                dated=data["dated"].earliest_date if data["dated"] else None,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Document added."))
            return redirect(back)
    context: dict[str, Any] = {"form": form, "household": household, "case": case, "back": back}
    return render(request, "documents/add.html", context)


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", "documents.add_document")
def add_to_household(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    back = reverse("contacts:household", args=[household.reference])
    return _add(request, household=household, case=None, back=back)


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", "documents.add_document")
def add_to_case(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    return _add(request, household=None, case=case, back=reverse("cases:case", args=[reference]))


@require_GET
@staff_view("documents.view_document")
def download(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        document = document_visible(reference=reference, user=request.user)
    except Document.DoesNotExist:
        raise Http404 from None
    try:
        content = document_open(document=document)
    except DomainError as error:
        return render(
            request,
            "documents/unavailable.html",
            {"document": document, "message": error.message},
            status=500,
        )
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=document.original_name)
        or "attachment"
    )
    response["Cache-Control"] = "private, no-store"
    return response

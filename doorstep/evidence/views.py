"""Producing an evidence pack from the case page or the household page: a small form (for
whom, why), and on sending it the pack recorded on the timeline and downloaded as a zip. Each
page's section is a link to it, for those who may produce one.

Only here is the clock read: each view passes now (and the date the page is shown as of) on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.deadlines.views import page_as_of
from doorstep.evidence.forms import ProduceForm
from doorstep.evidence.selectors import pack_name
from doorstep.evidence.services import evidence_produce
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail

PERMISSION = "evidence.produce_evidence_pack"


def _produce(
    request: HttpRequest,
    *,
    reference: str,
    as_of: dt.date,
    context: Mapping[str, Any],
    case: Case | None = None,
    household: Household | None = None,
) -> HttpResponse:
    form = ProduceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data, _ = evidence_produce(
                actor=actor(request),
                case=case,
                household=household,
                to=form.recipient(),
                purpose=form.cleaned_data["purpose"].strip(),
                as_of=as_of,
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            response = HttpResponse(data, content_type="application/zip")
            name = pack_name(reference=reference, as_of=as_of)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    context = {"form": form, "as_of": as_of, "reference": reference, **context}
    return render(request, "evidence/produce.html", context)


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", PERMISSION)
def case_pack(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    return _produce(
        request,
        reference=case.reference,
        as_of=page_as_of(request),
        context={"case": case, "title": case.title},
        case=case,
    )


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", PERMISSION)
def household_pack(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    return _produce(
        request,
        reference=household.reference,
        as_of=page_as_of(request),
        context={"household": household, "title": household.property.address},
        household=household,
    )


@CASE_PAGE_SECTIONS.register(
    key="evidence", template="evidence/includes/produce_link.html", permission=PERMISSION, order=90
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """A link to produce the case's evidence pack, as of the date the page is shown as of."""
    return {"case": case, "as_of": page_as_of(request)}


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="evidence", template="evidence/includes/produce_link.html", permission=PERMISSION, order=90
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """A link to produce the household's evidence pack."""
    return {"household": household}

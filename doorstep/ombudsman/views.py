"""Ombudsman pages: refer a household's complaint to the Housing Ombudsman; record its
interventions, the evidence it asks for and what was sent, its determination (findings and
orders with deadlines and owners) and each order complied with; the Ombudsman section of the
case page; and `/ombudsman/`, every referral with the evidence outstanding and the orders owed.

Only here is the clock read: each view passes now (or the date asked about) to the services
and selectors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible, cases_for_household
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm
from doorstep.core.views import actor, form_step, staff_view
from doorstep.deadlines.views import page_as_of
from doorstep.ombudsman.forms import (
    ComplyForm,
    DeterminationForm,
    EvidenceRequestForm,
    EvidenceSentForm,
    InterveneForm,
    ReferForm,
    upload_of,
)
from doorstep.ombudsman.selectors import ombudsman_record, ombudsman_state, referrals_page
from doorstep.ombudsman.services import (
    determination_record,
    evidence_request,
    evidence_send,
    ombudsman_intervene,
    ombudsman_refer,
    order_comply,
)
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail

CHANGE = ("cases.view_case", "ombudsman.change_referral")


@require_GET
@staff_view("ombudsman.view_referral")
def referrals_view(request: HttpRequest) -> HttpResponse:
    """Every referral, the evidence still outstanding and the orders owed, by deadline."""
    as_of = page_as_of(request)
    page = referrals_page(user=request.user, as_of=as_of)
    return render(request, "ombudsman/list.html", {"page": page, "as_of": as_of})


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", "ombudsman.add_referral")
def refer_view(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    complaints = cases_for_household(household=household).filter(case_type=CaseType.COMPLAINT)
    initial = {"complaints": [request.GET["complaint"]]} if request.GET.get("complaint") else {}
    form = ReferForm(request.POST or None, complaints=complaints, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = ombudsman_refer(
                actor=actor(request),
                household=household,
                complaints=form.chosen(),
                ombudsman_ref=data["ombudsman_ref"],
                text=data["text"],
                occurred=data["occurred"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, _("Referral recorded: case %(ref)s.") % {"ref": case.reference}
            )
            return redirect("cases:case", case.reference)
    return render(request, "ombudsman/refer.html", {"form": form, "household": household})


def _case(request: HttpRequest, reference: str) -> Case:
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    if case.case_type != CaseType.OMBUDSMAN:
        raise Http404
    return case


Act = Callable[[Case, GovukForm, HttpRequest], Any]


def _step(
    request: HttpRequest,
    case: Case,
    *,
    form: GovukForm,
    act: Act,
    heading: str,
    submit: str,
    done: str,
    template: str = "ombudsman/step.html",
    extra: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """One step on an Ombudsman case: the form, the service, the case page on success."""
    return form_step(
        request,
        form=form,
        act=lambda data: act(case, form, request),
        done=done,
        then=reverse("cases:case", args=[case.reference]) + "#ombudsman",
        template=template,
        context={"case": case, "heading": heading, "submit": submit, **(extra or {})},
    )


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE)
def intervene_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, form: GovukForm, request: HttpRequest) -> Any:
        data = form.cleaned_data
        return ombudsman_intervene(
            actor=actor(request),
            case=case,
            text=data["text"],
            occurred=data["occurred"],
            at=timezone.now(),
        )

    return _step(
        request,
        _case(request, reference),
        form=InterveneForm(*_posted(request)),
        act=act,
        heading=str(_("Record the Ombudsman's intervention")),
        submit=str(_("Record the intervention")),
        done=str(_("Intervention recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE)
def evidence_request_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, form: GovukForm, request: HttpRequest) -> Any:
        return evidence_request(
            actor=actor(request),
            case=case,
            items=cast(EvidenceRequestForm, form).item_list(),
            due=form.cleaned_data["due"],
            occurred=form.cleaned_data["occurred"],
            at=timezone.now(),
        )

    return _step(
        request,
        _case(request, reference),
        form=EvidenceRequestForm(*_posted(request)),
        act=act,
        heading=str(_("Record the evidence the Ombudsman asked for")),
        submit=str(_("Record the request")),
        done=str(_("Evidence request recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE, "documents.add_document")
def evidence_sent_view(request: HttpRequest, reference: str, request_id: str) -> HttpResponse:
    case = _case(request, reference)
    found = ombudsman_state(case=case).request(request_id)
    if found is None:
        raise Http404

    def act(case: Case, form: GovukForm, request: HttpRequest) -> Any:
        data = form.cleaned_data
        return evidence_send(
            actor=actor(request),
            case=case,
            request=request_id,
            items=data["items"],
            uploads=upload_of(data.get("document"), f"Evidence for the Ombudsman ({request_id})"),
            occurred=data["occurred"],
            at=timezone.now(),
        )

    return _step(
        request,
        case,
        form=EvidenceSentForm(*_posted(request), items=found.outstanding or found.items),
        act=act,
        heading=str(_("Record evidence sent to the Ombudsman")),
        submit=str(_("Record what was sent")),
        done=str(_("Evidence sent recorded.")),
        extra={"evidence_request": found},
    )


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", "ombudsman.record_determination")
def determination_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, form: GovukForm, request: HttpRequest) -> Any:
        determination = cast(DeterminationForm, form)
        return determination_record(
            actor=actor(request),
            case=case,
            occurred=form.cleaned_data["occurred"],
            findings=determination.findings(),
            orders=determination.orders(),
            at=timezone.now(),
        )

    return _step(
        request,
        _case(request, reference),
        form=DeterminationForm(*_posted(request)),
        act=act,
        heading=str(_("Record the Ombudsman's determination")),
        submit=str(_("Record the determination")),
        done=str(_("Determination recorded: its orders are on the commitments list.")),
        template="ombudsman/determination.html",
    )


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE, "documents.add_document")
def comply_view(request: HttpRequest, reference: str, order: str) -> HttpResponse:
    case = _case(request, reference)
    if order not in ombudsman_state(case=case).order_refs:
        raise Http404

    def act(case: Case, form: GovukForm, request: HttpRequest) -> Any:
        data = form.cleaned_data
        return order_comply(
            actor=actor(request),
            case=case,
            order=order,
            evidence=data["evidence"],
            uploads=upload_of(data.get("document"), f"Evidence of compliance with order {order}"),
            occurred=data["occurred"],
            at=timezone.now(),
        )

    return _step(
        request,
        case,
        form=ComplyForm(*_posted(request)),
        act=act,
        heading=str(_("Record compliance with order %(order)s") % {"order": order}),
        submit=str(_("Record compliance")),
        done=str(_("Compliance recorded: the order is kept.")),
    )


@CASE_PAGE_SECTIONS.register(
    key="ombudsman",
    template="ombudsman/includes/case_ombudsman.html",
    permission="cases.view_case",
    order=17,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """An Ombudsman case's referral, interventions, evidence, determination and orders; on a
    complaint case, the way to refer it."""
    if case.case_type == CaseType.COMPLAINT:
        return {"case": case, "shown": False, "complaint": case.household_id is not None}
    if case.case_type != CaseType.OMBUDSMAN:
        return {"case": case, "shown": False}
    as_of = page_as_of(request)
    return {"case": case, "shown": True, "record": ombudsman_record(case=case, as_of=as_of)}

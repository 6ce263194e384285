"""Complaint pages: the complaints list (open complaints by response due), receiving a
complaint (or a service request instead) for a household, from any channel or from a contact on
the record, each action on a complaint (acknowledge, extend, escalate, refuse, name the
officer), and the complaint's section of the case page: its stages with their clocks, the
household's reasonable adjustments and the vulnerability flag.

Only here is the clock read: each view passes now to the services; the case page's clocks come
from its one replay (`deadlines.views.clocks_for_page`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.complaints.choices import Classification
from doorstep.complaints.forms import (
    AcknowledgeForm,
    AssignForm,
    EscalateForm,
    ExtendForm,
    ListForm,
    ReceiveForm,
    RefuseForm,
)
from doorstep.complaints.models import Complaint
from doorstep.complaints.selectors import (
    adjustments_for,
    complaint_for_case,
    complaint_officers,
    complaints_list,
    contacts_to_record,
    vulnerability_flag,
)
from doorstep.complaints.services import (
    complaint_acknowledge,
    complaint_assign,
    complaint_escalate,
    complaint_extend,
    complaint_receive,
    complaint_refuse,
    service_request_record,
)
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm
from doorstep.core.views import actor, form_step, staff_view
from doorstep.deadlines.selectors import CaseClock
from doorstep.deadlines.views import clocks_for_page, page_as_of
from doorstep.deadlines.words import commitment_state
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail

VIEW = "complaints.view_complaint"
RECEIVE = ("residents.view_household", "complaints.receive_complaint")
HANDLE = ("cases.view_case", "complaints.handle_complaint")
PAGE_SIZE = 50


@require_GET
@staff_view(VIEW)
def complaints_page(request: HttpRequest) -> HttpResponse:
    """The open complaints, the soonest response due first; by stage or officer."""
    officers = list(complaint_officers())
    form = ListForm(request.GET or None, officers=officers)
    data = form.cleaned_data if form.is_valid() else {}
    stage = int(data["stage"]) if data.get("stage") else None
    found = complaints_list(user=request.user, stage=stage, officer=data.get("officer") or "")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "today": timezone.localdate(), "nav": "complaints"}
    return render(request, "complaints/list.html", context)


@require_http_methods(["GET", "POST"])
@staff_view(*RECEIVE)
def receive_view(request: HttpRequest, reference: str) -> HttpResponse:
    """Record what a resident said as a complaint, or as a service request, the officer
    deciding by the Code's definitions shown on the form."""
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    contacts = list(contacts_to_record(household=household))
    initial = {"from_contact": request.GET.get("contact", ""), "classification": None}
    form = ReceiveForm(request.POST or None, contacts=contacts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        args = {
            "actor": actor(request),
            "household": household,
            "text": data["text"],
            "occurred": data["occurred"],
            "channel": data["channel"] or "phone",
            "from_contact": form.chosen_contact(),
            "title": data["title"],
            "at": timezone.now(),
        }
        try:
            if data["classification"] == Classification.COMPLAINT:
                case = complaint_receive(**args).case
                done = _("Complaint recorded: case %(ref)s.")
            else:
                case = service_request_record(**args)
                done = _("Service request recorded: case %(ref)s.")
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, done % {"ref": case.reference})
            return redirect("cases:case", case.reference)
    context = {
        "form": form,
        "household": household,
        "flags": vulnerability_flag(household=household),
        "adjustments": adjustments_for(household=household),
    }
    return render(request, "complaints/receive.html", context)


def _complaint(request: HttpRequest, reference: str) -> Complaint:
    try:
        case = case_visible(reference=reference, user=request.user)
        if case.case_type != CaseType.COMPLAINT:
            raise Http404
        return complaint_for_case(case=case)
    except (Case.DoesNotExist, Complaint.DoesNotExist):
        raise Http404 from None


Act = Callable[[Complaint, Mapping[str, Any], HttpRequest], Complaint]


def _action(
    request: HttpRequest,
    reference: str,
    *,
    form: Callable[..., GovukForm],
    act: Act,
    heading: str,
    submit: str,
    done: str,
) -> HttpResponse:
    """One action on a complaint: the form, the service, the case page on success."""
    complaint = _complaint(request, reference)
    return form_step(
        request,
        form=form(request.POST if request.method == "POST" else None),
        act=lambda data: act(complaint, data, request),
        done=done,
        then=reverse("cases:case", args=[reference]) + "#complaint",
        template="complaints/action.html",
        context={
            "complaint": complaint,
            "case": complaint.case,
            "heading": heading,
            "submit": submit,
            "adjustments": adjustments_for(household=complaint.case.household),
            "flags": vulnerability_flag(household=complaint.case.household),
        },
    )


def _occurred(data: Mapping[str, Any]) -> Any:
    return data.get("occurred") or None


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def acknowledge_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(complaint: Complaint, data: Mapping[str, Any], request: HttpRequest) -> Complaint:
        return complaint_acknowledge(
            actor=actor(request),
            complaint=complaint,
            stage=complaint.stage,
            occurred=_occurred(data),
            at=timezone.now(),
        )

    return _action(
        request,
        reference,
        form=AcknowledgeForm,
        act=act,
        heading=str(_("Acknowledge the complaint")),
        submit=str(_("Record the acknowledgement")),
        done=str(_("Acknowledgement recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def extend_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(complaint: Complaint, data: Mapping[str, Any], request: HttpRequest) -> Complaint:
        return complaint_extend(
            actor=actor(request),
            complaint=complaint,
            new_due=data["new_due"].latest_date if data.get("new_due") else None,
            reason=data["reason"],
            good_reason=data["good_reason"],
            agreed_with_resident=data["agreed_with_resident"],
            notified_how=data["notified_how"],
            to=data["to"],
            occurred=_occurred(data),
            at=timezone.now(),
        )

    return _action(
        request,
        reference,
        form=ExtendForm,
        act=act,
        heading=str(_("Extend the response")),
        submit=str(_("Record the extension and tell the resident")),
        done=str(_("Extension recorded and the resident told.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def escalate_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(complaint: Complaint, data: Mapping[str, Any], request: HttpRequest) -> Complaint:
        return complaint_escalate(
            actor=actor(request),
            complaint=complaint,
            text=data["text"],
            occurred=_occurred(data),
            at=timezone.now(),
        )

    return _action(
        request,
        reference,
        form=EscalateForm,
        act=act,
        heading=str(_("Escalate to stage 2")),
        submit=str(_("Escalate the complaint")),
        done=str(_("Complaint escalated to stage 2.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def refuse_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(complaint: Complaint, data: Mapping[str, Any], request: HttpRequest) -> Complaint:
        return complaint_refuse(
            actor=actor(request),
            complaint=complaint,
            reason_code=data["reason_code"],
            explanation=data["explanation"],
            ombudsman_informed=data["ombudsman_informed"],
            occurred=_occurred(data),
            at=timezone.now(),
        )

    return _action(
        request,
        reference,
        form=RefuseForm,
        act=act,
        heading=str(_("Do not accept the complaint")),
        submit=str(_("Record the decision")),
        done=str(_("Decision recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def assign_view(request: HttpRequest, reference: str) -> HttpResponse:
    officers = list(complaint_officers())

    def act(complaint: Complaint, data: Mapping[str, Any], request: HttpRequest) -> Complaint:
        return complaint_assign(
            actor=actor(request),
            complaint=complaint,
            officer=form_officers[data["officer"]],
            at=timezone.now(),
        )

    form_officers = {u.username: u for u in officers}
    return _action(
        request,
        reference,
        form=lambda data: AssignForm(data, officers=officers),
        act=act,
        heading=str(_("Name the complaints officer")),
        submit=str(_("Name the officer")),
        done=str(_("Complaints officer named.")),
    )


# --- the case page and the household page ----------------------------------------------------


@dataclass(frozen=True)
class StageClocks:
    """One stage of a complaint on its page: when it opened, and its two clocks."""

    stage: int
    opened: dt.datetime | None
    acknowledgement: CaseClock | None
    response: CaseClock | None


def _stage_clocks(complaint: Complaint, clocks: list[CaseClock]) -> list[StageClocks]:
    mine = [c for c in clocks if c.case.pk == complaint.case_id]

    def last(name: str) -> CaseClock | None:
        found = [c for c in mine if c.clock == name]
        return found[-1] if found else None

    stages: list[tuple[int, dt.datetime | None]] = [(1, complaint.received_at)]
    if complaint.stage == 2:
        stages.append((2, complaint.escalated_at))
    return [
        StageClocks(
            n,
            opened,
            last(f"complaint.stage{n}.acknowledgement"),
            last(f"complaint.stage{n}.response"),
        )
        for n, opened in stages
    ]


CLAIM_STATES = {
    "verified": _("checked and confirmed"),
    "contradicted": _("found not done"),
    "claimed_not_verified": _("not checked in time"),
    "awaiting_verification": _("waiting to be checked"),
    "not_verifiable": _("nothing on record can check it"),
}


def _promise_words(promise: Mapping[str, Any]) -> dict[str, Any]:
    """A response's promise, in the page's words, where the ledger says it stands."""
    due = dt.date.fromisoformat(promise["due"]) if promise["due"] else None
    late = promise["state"] in ("overdue", "contradicted", "claimed_not_verified")
    return {
        "commitment": promise["commitment"],
        "action": promise.get("action") or "",
        "due": due,
        "state": commitment_state(str(promise["state"])),
        "late": late,
    }


def _claim_words(claim: Mapping[str, Any]) -> dict[str, Any]:
    """A response's statement that something was done, in the page's words."""
    if claim["commitment"]:
        what = str(_("promise {ref}")).format(ref=claim["commitment"])
    elif claim["job"]:
        items = ", ".join(claim["items"])
        what = str(_("job {job}")).format(job=claim["job"]) + (f" ({items})" if items else "")
    else:
        what = str(claim["action"] or "")
    verify_by = dt.date.fromisoformat(claim["verify_by"]) if claim["verify_by"] else None
    state = CLAIM_STATES.get(claim["state"], claim["state"])
    return {"what": what, "state": state, "raw": claim["state"], "verify_by": verify_by}


@CASE_PAGE_SECTIONS.register(
    key="complaint",
    template="complaints/includes/case_complaint.html",
    permission="cases.view_case",
    order=12,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """A complaint case's complaint: each stage with its clocks, the officer, the refusal, the
    household's reasonable adjustments and the vulnerability flag, and the ways in to act."""
    if case.case_type != CaseType.COMPLAINT:
        return {"case": case, "shown": False}
    try:
        complaint = complaint_for_case(case=case)
    except Complaint.DoesNotExist:
        return {"case": case, "shown": True, "complaint": None}
    as_of = page_as_of(request)
    replayed = clocks_for_page(request, case, as_of)
    read = [c for c in replayed.complaints if c.case.pk == case.pk]
    return {
        "case": case,
        "shown": True,
        "complaint": complaint,
        "stages": _stage_clocks(complaint, replayed.clocks),
        # The latest complaint on the case read whole by the replay: what its responses
        # promised and what they said was done, each with where it stands as of the page's day.
        "promised": [_promise_words(p) for p in read[-1].data["commitments"]] if read else [],
        "claims": [_claim_words(c) for c in read[-1].data["claims"]] if read else [],
        "as_of": as_of,
        "adjustments": adjustments_for(household=case.household),
        "flags": vulnerability_flag(household=case.household),
    }


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="complaints",
    template="complaints/includes/household_complaints.html",
    permission="complaints.receive_complaint",
    order=26,
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """The way in to record a complaint (or a service request) for the household."""
    return {"household": household}

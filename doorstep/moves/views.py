"""Move pages: the moves list (open requests, the soonest decision due first, flagged ones
marked), recording a request to move for a household (from any channel or from a contact on the
record), each action on a request (ask for evidence, record evidence received, refer to the
panel, decide, offer other routes), and the move's section of the case page: the request, its
grounds, the evidence asked for and received with its source, the flag, the decisions, the
routes offered and the decision clock.

Only here is the clock read: each view passes now to the services; the case page's decision
clock and flag come from its one replay (`deadlines.views.clocks_for_page`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, cast

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.forms import GovukForm
from doorstep.core.views import actor, form_step, staff_view
from doorstep.deadlines.views import clocks_for_page, page_as_of
from doorstep.moves.choices import Ground, Route, Standing
from doorstep.moves.forms import (
    DecideForm,
    EvidenceReceiveForm,
    EvidenceRequestForm,
    PanelForm,
    RequestForm,
    RoutesForm,
)
from doorstep.moves.models import MoveRequest
from doorstep.moves.selectors import (
    contacts_to_record,
    evidence_flags,
    evidence_sources,
    household_documents,
    move_for_case,
    moves_list,
    people_named,
)
from doorstep.moves.services import (
    Upload,
    move_decide,
    move_evidence_receive,
    move_evidence_request,
    move_refer_to_panel,
    move_request,
    move_routes_offer,
)
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail

VIEW = "moves.view_moverequest"
REQUEST = ("residents.view_household", "moves.request_move")
HANDLE = ("cases.view_case", "moves.handle_move")
DECIDE = ("cases.view_case", "moves.decide_move")
PAGE_SIZE = 50


@require_GET
@staff_view(VIEW)
def moves_page(request: HttpRequest) -> HttpResponse:
    """The open move requests, the soonest decision due first; flagged ones marked."""
    page = Paginator(moves_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    flags = evidence_flags(page.object_list)
    rows = [(m, flags.get(m.pk)) for m in page.object_list]
    context = {"page": page, "rows": rows, "today": timezone.localdate(), "nav": "moves"}
    return render(request, "moves/list.html", context)


@require_http_methods(["GET", "POST"])
@staff_view(*REQUEST)
def request_view(request: HttpRequest, reference: str) -> HttpResponse:
    """Record a household's request to move."""
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    form = RequestForm(
        request.POST or None,
        contacts=list(contacts_to_record(household=household)),
        documents=list(household_documents(household=household)),
        initial={"from_contact": request.GET.get("contact", "")},
    )
    made: list[MoveRequest] = []

    def act(data: Mapping[str, Any]) -> None:
        made.append(
            move_request(
                actor=actor(request),
                household=household,
                reason=data["reason"],
                grounds=data["grounds"],
                evidence=form.chosen_documents(),
                occurred=data["occurred"] or None,
                channel=data["channel"] or "phone",
                from_contact=form.chosen_contact(),
                title=data["title"],
                at=timezone.now(),
            )
        )

    response = form_step(
        request,
        form=form,
        act=act,
        done=_("Request to move recorded."),
        then=reverse("moves:list"),
        template="moves/request.html",
        context={"household": household},
    )
    if made:  # to the new case, not the list
        response["Location"] = reverse("cases:case", args=[made[0].case.reference]) + "#move"
    return response


def _move(request: HttpRequest, reference: str) -> MoveRequest:
    try:
        case = case_visible(reference=reference, user=request.user)
        if case.case_type != CaseType.TRANSFER:
            raise Http404
        return move_for_case(case=case)
    except (Case.DoesNotExist, MoveRequest.DoesNotExist):
        raise Http404 from None


Act = Callable[[MoveRequest, Mapping[str, Any], GovukForm], Any]


def _step(
    request: HttpRequest,
    reference: str,
    *,
    form: Callable[[MoveRequest], GovukForm],
    act: Act,
    heading: str,
    submit: str,
    done: str,
) -> HttpResponse:
    """One action on a move request: the form, the service, the case page on success."""
    move = _move(request, reference)
    bound = form(move)
    return form_step(
        request,
        form=bound,
        act=lambda data: act(move, data, bound),
        done=done,
        then=reverse("cases:case", args=[reference]) + "#move",
        template="moves/step.html",
        context={"move": move, "case": move.case, "heading": heading, "submit": submit},
    )


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def evidence_request_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(move: MoveRequest, data: Mapping[str, Any], form: GovukForm) -> Any:
        form = cast(EvidenceRequestForm, form)
        return move_evidence_request(
            actor=actor(request),
            move=move,
            what=data["what"],
            to=form.chosen_person(),
            to_name=data["to_name"],
            types=data["types"],
            occurred=data["occurred"] or None,
            at=timezone.now(),
        )

    return _step(
        request,
        reference,
        form=lambda move: EvidenceRequestForm(
            _posted(request)[0], people=evidence_sources(household=move.case.household)
        ),
        act=act,
        heading=str(_("Ask for evidence")),
        submit=str(_("Record the request for evidence")),
        done=str(_("Request for evidence recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def evidence_receive_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(move: MoveRequest, data: Mapping[str, Any], form: GovukForm) -> Any:
        form = cast(EvidenceReceiveForm, form)
        upload = None
        if data.get("file"):
            file = data["file"]
            upload = Upload(
                content=file.read(),
                original_name=file.name,
                doc_type=data["doc_type"] or "medical_evidence",
                title=data["title"],
            )
        return move_evidence_receive(
            actor=actor(request),
            move=move,
            what=data["what"],
            source=form.chosen_person(),
            source_name=data["source_name"],
            document=form.chosen_document(),
            upload=upload,
            occurred=data["occurred"] or None,
            at=timezone.now(),
        )

    def form(move: MoveRequest) -> GovukForm:
        post, files = _posted(request)
        household = move.case.household
        return EvidenceReceiveForm(
            post,
            files,
            people=evidence_sources(household=household),
            documents=list(household_documents(household=household)),
            initial={"document": request.GET.get("document", "")},
        )

    return _step(
        request,
        reference,
        form=form,
        act=act,
        heading=str(_("Record evidence received")),
        submit=str(_("Record the evidence")),
        done=str(_("Evidence recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*DECIDE)
def panel_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(move: MoveRequest, data: Mapping[str, Any], form: GovukForm) -> Any:
        return move_refer_to_panel(
            actor=actor(request),
            move=move,
            reason=data["reason"],
            occurred=data["occurred"] or None,
            at=timezone.now(),
        )

    return _step(
        request,
        reference,
        form=lambda move: PanelForm(_posted(request)[0]),
        act=act,
        heading=str(_("Refer to the panel")),
        submit=str(_("Refer the request")),
        done=str(_("Request referred to the panel.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*DECIDE)
def decide_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(move: MoveRequest, data: Mapping[str, Any], form: GovukForm) -> Any:
        return move_decide(
            actor=actor(request),
            move=move,
            outcome=data["outcome"],
            reason=data["reason"],
            occurred=data["occurred"] or None,
            at=timezone.now(),
        )

    return _step(
        request,
        reference,
        form=lambda move: DecideForm(_posted(request)[0]),
        act=act,
        heading=str(_("Decide the request")),
        submit=str(_("Record the decision")),
        done=str(_("Decision recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def routes_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(move: MoveRequest, data: Mapping[str, Any], form: GovukForm) -> Any:
        return move_routes_offer(
            actor=actor(request),
            move=move,
            routes=data["routes"],
            support=data["support"],
            occurred=data["occurred"] or None,
            at=timezone.now(),
        )

    return _step(
        request,
        reference,
        form=lambda move: RoutesForm(_posted(request)[0]),
        act=act,
        heading=str(_("Offer other routes to a move")),
        submit=str(_("Record the offer")),
        done=str(_("Offer recorded.")),
    )


# --- the case page and the household page ----------------------------------------------------

STANDING_WORDS = {s.value: s.label for s in Standing}
OUTCOME_WORDS = {
    "approved": _("Approved"),
    "declined": _("Declined"),
    "panel_referred": _("Referred to the panel"),
}


def _dated(item: Mapping[str, Any]) -> dict[str, Any]:
    """A projected item with its day as a date, for the page to write as '4 November 2025'."""
    return {**item, "day": dt.date.fromisoformat(item["on"])}


def _received_words(item: Mapping[str, Any], names: Mapping[str, Any]) -> dict[str, Any]:
    person = names.get(item.get("from") or "")
    return {
        **_dated(item),
        "source": item.get("from_name") or (person.full_name if person else "") or _("not named"),
        "standing_words": STANDING_WORDS.get(item.get("standing") or "", ""),
        "counts": item.get("authorised") is True,
    }


@CASE_PAGE_SECTIONS.register(
    key="move", template="moves/includes/case_move.html", permission=VIEW, order=13
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """A transfer case's request to move: the request and grounds, the evidence asked for and
    received (with its source and whether it counts), the flag, the decisions, the routes
    offered and the decision clock, and the ways in to act."""
    if case.case_type != CaseType.TRANSFER:
        return {"case": case, "shown": False}
    try:
        move = move_for_case(case=case)
    except MoveRequest.DoesNotExist:
        return {"case": case, "shown": True, "move": None}
    as_of = page_as_of(request)
    replayed = clocks_for_page(request, case, as_of)
    read = [t for t in replayed.transfers if t.case.pk == case.pk]
    clocks = [c for c in replayed.clocks if c.case.pk == case.pk and c.clock == "transfer.decision"]
    names = people_named(g.get("from") or "" for g in move.evidence_received)
    grounds = dict(Ground.choices)
    routes = dict(Route.choices)
    return {
        "case": case,
        "shown": True,
        "move": move,
        "as_of": as_of,
        "grounds": [grounds.get(g, g) for g in move.grounds],
        "received": [_received_words(g, names) for g in move.evidence_received],
        "flag": read[-1].evidence_on_record if read else None,
        "asked": [_dated(a) for a in move.evidence_requested],
        "decisions": [
            {**_dated(d), "words": OUTCOME_WORDS.get(d["outcome"], d["outcome"])}
            for d in move.decisions
        ],
        "routes": [
            {**_dated(r), "labels": [routes.get(x, x) for x in r["routes"]]} for r in move.routes
        ],
        "clock": clocks[-1] if clocks else None,
    }


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="moves",
    template="moves/includes/household_moves.html",
    permission="moves.request_move",
    order=27,
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """The way in to record a request to move for the household."""
    return {"household": household}

"""The promise ledger's pages: every commitment still owed, one commitment with what can be
recorded against it, and a new commitment on a case. Plus the case page's "Commitments"
section (`case_section`), for the case page to include.

Only here is the clock read: each view passes now (or the date asked for) to the services and
selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.commitments import services
from doorstep.commitments.forms import (
    ClaimForm,
    CommitmentForm,
    DropForm,
    ListFilterForm,
    VerifyForm,
)
from doorstep.commitments.models import Commitment
from doorstep.commitments.selectors import (
    case_commitments,
    commitment_as_of,
    commitment_visible,
    open_commitments,
)
from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm
from doorstep.core.views import actor, staff_view

VIEW = "commitments.view_commitment"
MADE = _("Commitment {ref} recorded.")
CLAIMED = _("The claim is recorded. The commitment stays open until it is checked.")
VERIFIED = _("The check is recorded.")
DROPPED = _("Commitment {ref} dropped.")


def today() -> dt.date:
    """Today in London: the one place these pages read the date."""
    return timezone.localdate()


@require_GET
@staff_view(VIEW)
def commitments_page(request: HttpRequest) -> HttpResponse:
    """Every commitment still owed, across every case this person may see, by due date."""
    form = ListFilterForm(request.GET or None)
    as_of = form.day(default=today())
    found = open_commitments(
        user=request.user, as_of=as_of, standing=form.value("standing"), team=form.value("team")
    )
    context = {"form": form, "as_of": as_of, "commitments": found, "nav": "commitments"}
    return render(request, "commitments/list.html", context)


def _commitment(request: HttpRequest, pk: int) -> Commitment:
    try:
        return commitment_visible(pk=pk, user=request.user)
    except Commitment.DoesNotExist:
        raise Http404 from None


def _render_one(request: HttpRequest, commitment: Commitment, **forms: GovukForm) -> HttpResponse:
    shown = {"claim": ClaimForm(), "verify": VerifyForm(), "drop": DropForm(), **forms}
    failed = next((f for f in forms.values() if f.errors), None)
    context = {
        "commitment": commitment,
        "now": commitment_as_of(commitment=commitment, as_of=today()),
        "forms": shown,
        "form": failed,  # the one whose errors the summary lists
        "nav": "commitments",
    }
    return render(request, "commitments/commitment.html", context)


@require_GET
@staff_view(VIEW)
def commitment_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_one(request, _commitment(request, pk))


Record = Callable[[GovukForm, Commitment, Any], Commitment]


def _record(
    request: HttpRequest, pk: int, key: str, form: GovukForm, write: Record, done: str
) -> HttpResponse:
    commitment = _commitment(request, pk)
    if form.is_valid():
        try:
            commitment = write(form, commitment, actor(request))
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, done.format(ref=commitment.ref))
            return redirect("commitments:commitment", pk=commitment.pk)
    return _render_one(request, commitment, **{key: form})


@require_POST
@staff_view(VIEW, "commitments.claim_commitment")
def claim_view(request: HttpRequest, pk: int) -> HttpResponse:
    def write(form: GovukForm, commitment: Commitment, who: Any) -> Commitment:
        return services.commitment_claim_done(
            actor=who,
            commitment=commitment,
            claimed_by=form.cleaned_data["claimed_by"],
            completed_on=form.cleaned_data["completed_on"],
            at=timezone.now(),
        )

    return _record(request, pk, "claim", ClaimForm(request.POST), write, str(CLAIMED))


@require_POST
@staff_view(VIEW, "commitments.change_commitment")
def verify_view(request: HttpRequest, pk: int) -> HttpResponse:
    def write(form: GovukForm, commitment: Commitment, who: Any) -> Commitment:
        return services.commitment_verify(
            actor=who,
            commitment=commitment,
            method=form.cleaned_data["method"],
            result=form.cleaned_data["result"],
            evidence=form.cleaned_data["evidence"],
            at=timezone.now(),
        )

    return _record(request, pk, "verify", VerifyForm(request.POST), write, str(VERIFIED))


@require_POST
@staff_view(VIEW, "commitments.drop_commitment")
def drop_view(request: HttpRequest, pk: int) -> HttpResponse:
    def write(form: GovukForm, commitment: Commitment, who: Any) -> Commitment:
        return services.commitment_drop(
            actor=who, commitment=commitment, reason=form.cleaned_data["reason"], at=timezone.now()
        )

    return _record(request, pk, "drop", DropForm(request.POST), write, str(DROPPED))


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", "commitments.add_commitment")
def commitment_new(request: HttpRequest, reference: str) -> HttpResponse:
    """Record a promise made on a case."""
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.commitment_make(
                actor=actor(request),
                case=case,
                action=form.cleaned_data["action"],
                due=form.cleaned_data["due"],
                owner=form.owner_user(),
                job=form.cleaned_data["job"],
                items=form.item_ids(),
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, str(MADE).format(ref=made.ref))
            return redirect(reverse("cases:case", args=[case.reference]) + "#commitment-ledger")
    context = {"case": case, "form": form, "nav": "commitments"}
    return render(request, "commitments/new.html", context)


@CASE_PAGE_SECTIONS.register(
    key="commitments",
    template="commitments/includes/case_commitments.html",
    permission=VIEW,
    order=15,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """The case page's "Commitments" section: every promise made on the case and where it
    stands today. Context for `commitments/includes/case_commitments.html` (as `section`)."""
    return {
        "case": case,
        "as_of": today(),
        "commitments": case_commitments(case=case, as_of=today()),
    }

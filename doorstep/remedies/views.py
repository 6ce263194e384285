"""The remedies section of the case page, and the forms to record a request for compensation,
make an offer and record a payment.

Only here is the clock read: each view passes now (or today) to the services and selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.deadlines.views import clocks_for_page, page_as_of
from doorstep.remedies.forms import OfferForm, PaymentForm, RequestForm, WithdrawForm
from doorstep.remedies.selectors import (
    bands_in_force,
    case_remedies,
    failure_choices,
    offers_on_case,
    parts_below_band,
    process_closed,
)
from doorstep.remedies.services import (
    compensation_offer,
    compensation_offer_withdraw,
    compensation_pay,
    compensation_request,
)

VIEW = ("cases.view_case", "remedies.view_compensation")


@CASE_PAGE_SECTIONS.register(
    key="remedies",
    template="remedies/includes/case_remedies.html",
    permission="remedies.view_compensation",
    order=28,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """Compensation on the case: what the resident asked for, each offer with its parts, kind,
    method and bands, the replay's flags, the payments and what is still owed."""
    clocks = clocks_for_page(request, case, page_as_of(request))
    return {"case": case, "remedies": case_remedies(case=case, clocks=clocks)}


def _case(request: HttpRequest, reference: str) -> Case:
    try:
        return case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None


def _done(request: HttpRequest, case: Case, text: Any) -> HttpResponse:
    messages.success(request, text)
    return redirect(reverse("cases:case", args=[case.reference]) + "#remedies")


@require_http_methods(["GET", "POST"])
@staff_view(*VIEW, "remedies.request_compensation")
def request_new(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        try:
            compensation_request(
                actor=actor(request),
                case=case,
                text=form.cleaned_data["text"],
                amount=form.cleaned_data["amount"],
                occurred=form.cleaned_data["occurred"],
                at=now,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _done(request, case, _("Request for compensation recorded."))
    return render(request, "remedies/request.html", {"case": case, "form": form})


def _offer_day(form: OfferForm) -> dt.date:
    """The offer's day as given (today where none, or none readable): its bands are those in
    force then."""
    if not form.is_bound:
        return timezone.localdate()
    form.is_valid()  # cleans each field: the date reads even where another field (a band) cannot
    when = form.cleaned_data.get("occurred")
    return timezone.localdate(when.earliest) if when is not None else timezone.localdate()


@require_http_methods(["GET", "POST"])
@staff_view(*VIEW, "remedies.offer_compensation")
def offer_new(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    failures = failure_choices(clocks=clocks_for_page(request, case, timezone.localdate()))
    probe = OfferForm(request.POST or None, failures=failures)
    bands = bands_in_force(on=_offer_day(probe))
    form = OfferForm(request.POST or None, failures=failures, bands=bands)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        parts = form.parts()
        warnings = parts_below_band(parts=[(p.amount, p.band) for p in parts], bands=bands)
        if not warnings or form.cleaned_data["confirm_below_band"]:
            try:
                event = compensation_offer(
                    actor=actor(request),
                    case=case,
                    parts=parts,
                    method=form.cleaned_data["method"],
                    occurred=form.cleaned_data["occurred"],
                    resident_asked_for_offset=form.cleaned_data["resident_asked_for_offset"],
                    offset_asked_on=form.cleaned_data["offset_asked_on"],
                    offset_asked_how=form.cleaned_data["offset_asked_how"],
                    at=timezone.now(),
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                ref = event.data["offer"]
                return _done(request, case, _("Offer %(ref)s recorded.") % {"ref": ref})
    context = {
        "case": case,
        "form": form,
        "bands": bands,
        "warnings": warnings,
        "closed": process_closed(case=case),
    }
    return render(request, "remedies/offer.html", context)


@require_http_methods(["GET", "POST"])
@staff_view(*VIEW, "remedies.pay_compensation")
def payment_new(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    owed = [o for o in offers_on_case(case=case) if o.outstanding > 0]
    initial = {"offer": request.GET.get("offer", "")}
    form = PaymentForm(request.POST or None, offers=owed, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            compensation_pay(
                actor=actor(request),
                case=case,
                offer=form.cleaned_data["offer"],
                amount=form.cleaned_data["amount"],
                method=form.cleaned_data["method"],
                occurred=form.cleaned_data["occurred"],
                resident_asked_for_offset=form.cleaned_data["resident_asked_for_offset"],
                offset_asked_on=form.cleaned_data["offset_asked_on"],
                offset_asked_how=form.cleaned_data["offset_asked_how"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _done(request, case, _("Payment recorded."))
    return render(request, "remedies/payment.html", {"case": case, "form": form, "owed": owed})


@require_http_methods(["GET", "POST"])
@staff_view(*VIEW, "remedies.offer_compensation")
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    owed = [o for o in offers_on_case(case=case) if o.outstanding > 0]
    form = WithdrawForm(
        request.POST or None, offers=owed, initial={"offer": request.GET.get("offer", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            compensation_offer_withdraw(
                actor=actor(request),
                case=case,
                offer=form.cleaned_data["offer"],
                reason=form.cleaned_data["reason"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _done(request, case, _("Offer withdrawn."))
    return render(request, "remedies/withdraw.html", {"case": case, "form": form})

"""The policy page: every key in force on a date, the days off announced by then, Awaab's
Law's scope, and (for a manager) the form that records the landlord's own value."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm
from doorstep.core.views import actor, staff_view
from doorstep.policy.forms import OverrideForm, PolicyDateForm
from doorstep.policy.selectors import policy_on
from doorstep.policy.services import policy_override_record

RECORDED = _("{key} recorded: {value}, in force from {day}.")


def _render(
    request: HttpRequest, on: dt.date, date_form: PolicyDateForm, override_form: OverrideForm
) -> HttpResponse:
    shown: GovukForm = override_form if override_form.errors else date_form
    context = {
        "policy": policy_on(on=on),
        "date_form": date_form,
        "override_form": override_form,
        "form": shown,  # the one whose errors the summary lists
        "nav": "policy",
    }
    return render(request, "policy/policy.html", context)


@require_GET
@staff_view("policy.view_policyoverride")
def policy_page(request: HttpRequest) -> HttpResponse:
    date_form = PolicyDateForm(request.GET or None)
    on = timezone.localdate()
    if date_form.is_valid() and date_form.cleaned_data["on"]:
        on = date_form.cleaned_data["on"]
    return _render(request, on, date_form, OverrideForm())


@require_POST
@staff_view("policy.view_policyoverride", "policy.add_policyoverride")
def override_add(request: HttpRequest) -> HttpResponse:
    form = OverrideForm(request.POST)
    if form.is_valid():
        day = form.effective_date()
        try:
            policy_override_record(
                actor=actor(request),
                key=form.cleaned_data["key"].strip(),
                value=form.cleaned_data["value"],
                source=form.cleaned_data["source"],
                effective_from=day,
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            words = {"key": form.cleaned_data["key"], "value": form.cleaned_data["value"]}
            messages.success(request, RECORDED.format(**words, day=day.isoformat()))
            return redirect(reverse("policy:page") + f"?on={day.isoformat()}")
    return _render(request, timezone.localdate(), PolicyDateForm(), form)

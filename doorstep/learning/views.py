"""Learning pages: `/learning/`, every change recorded (owner, due, done or overdue) and the
upheld complaints and Ombudsman findings of maladministration with no learning yet; the form
to record learning from one of those; and the form to record a change done.

Only here is the clock read: each view passes now (or the date asked about) on.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.deadlines.views import page_as_of
from doorstep.learning.forms import DoneForm, LearningForm
from doorstep.learning.models import Learning
from doorstep.learning.selectors import (
    Missing,
    learning_for_case,
    learning_list,
    learning_missing,
    learning_missing_on_case,
    learning_named,
)
from doorstep.learning.services import learning_done, learning_record
from doorstep.timeline.models import Event


@require_GET
@staff_view("learning.view_learning")
def learning_page(request: HttpRequest) -> HttpResponse:
    as_of = page_as_of(request)
    context = {
        "as_of": as_of,
        "learning": learning_list(user=request.user, as_of=as_of),
        "missing": learning_missing(user=request.user),
    }
    return render(request, "learning/list.html", context)


def _source(request: HttpRequest, reference: str, uid: uuid.UUID) -> tuple[Case, Event]:
    try:
        case = case_visible(reference=reference, user=request.user)
        source = Event.objects.select_related("case").get(uid=uid)
    except (Case.DoesNotExist, Event.DoesNotExist):
        raise Http404 from None
    return case, source


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", "learning.add_learning")
def record_view(request: HttpRequest, reference: str, uid: uuid.UUID) -> HttpResponse:
    case, source = _source(request, reference, uid)
    form = LearningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            learning_record(
                actor=actor(request),
                case=case,
                source=source,
                change=form.cleaned_data["change"],
                owner=form.owner_user(),
                due=form.cleaned_data["due"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Learning recorded."))
            return redirect("learning:list")
    context = {"form": form, "case": case, "source": Missing(source)}
    return render(request, "learning/record.html", context)


@require_http_methods(["GET", "POST"])
@staff_view("learning.change_learning")
def done_view(request: HttpRequest, ref: str) -> HttpResponse:
    try:
        learning = learning_named(ref=ref, user=request.user)
    except Learning.DoesNotExist:
        raise Http404 from None
    form = DoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            learning_done(
                actor=actor(request),
                learning=learning,
                evidence=form.cleaned_data["evidence"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Recorded as done."))
            return redirect("learning:list")
    return render(request, "learning/done.html", {"form": form, "learning": learning})


@CASE_PAGE_SECTIONS.register(
    key="learning",
    template="learning/includes/case_learning.html",
    permission="learning.view_learning",
    order=19,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """On a complaint or Ombudsman case: the learning recorded from it, and its upheld
    responses or findings of maladministration still without learning."""
    if case.case_type not in (CaseType.COMPLAINT, CaseType.OMBUDSMAN):
        return {"case": case, "shown": False}
    as_of = page_as_of(request)
    return {
        "case": case,
        "shown": True,
        "learning": learning_for_case(case=case, as_of=as_of),
        "missing": learning_missing_on_case(case=case),
    }

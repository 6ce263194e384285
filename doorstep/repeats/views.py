"""The recurring-defects section of the case page, and deciding a proposed repeat.

Only here is the clock read: each view passes today (or now) to the selectors and services.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.deadlines.selectors import CaseRepeat
from doorstep.deadlines.views import clocks_for_page, page_as_of
from doorstep.repeats.forms import ACCEPT, RepeatDecisionForm
from doorstep.repeats.selectors import repeats_for_case
from doorstep.repeats.services import repeat_accept, repeat_reject


@CASE_PAGE_SECTIONS.register(
    key="repeats",
    template="repeats/includes/case_repeats.html",
    permission="cases.view_case",
    order=25,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """The case's jobs and hazards that repeat a defect already on record: proposed (with the
    way to decide), accepted or rejected."""
    as_of = page_as_of(request)
    return {"case": case, "repeats": clocks_for_page(request, case, as_of).repeats}


def _proposal(request: HttpRequest, reference: str) -> CaseRepeat:
    """The proposal the query string names (`event`: the new job's or report's entry)."""
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    wanted = request.GET.get("event", "")
    for repeat in repeats_for_case(case=case, as_of=timezone.localdate()):
        if repeat.data["event"] == wanted and repeat.earlier is not None:
            return repeat
    raise Http404


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", "cases.change_case")
def decide(request: HttpRequest, reference: str) -> HttpResponse:
    repeat = _proposal(request, reference)
    form = RepeatDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = repeat_accept if form.cleaned_data["decision"] == ACCEPT else repeat_reject
        try:
            service(
                actor=actor(request),
                case=repeat.case,
                earlier=repeat.earlier,  # type: ignore[arg-type]  # _proposal ensures it
                job=repeat.data["job"],
                earlier_job=repeat.data["earlier_job"],
                reason=form.cleaned_data["reason"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Decision recorded on %(ref)s.") % {"ref": reference})
            return redirect("cases:case", reference)
    return render(request, "repeats/decide.html", {"repeat": repeat, "form": form})

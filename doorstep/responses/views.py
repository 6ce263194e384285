"""Complaint response pages: the draft of a stage's response (written and edited; at stage 2,
beside the stage 1 response and where its promises stand now), its preview as the letter, and
sending it; and the case page's section listing responses sent and drafts in progress.

Only here is the clock read: each view passes now to the services and selectors.
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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.responses.choices import STAGES
from doorstep.responses.forms import DraftForms
from doorstep.responses.selectors import (
    complaint_stages,
    draft_for,
    drafts_in_progress,
    response_sent,
    responses_sent,
    stage_one_beside,
    stages_to_answer,
)
from doorstep.responses.services import (
    response_draft_save,
    response_preview,
    response_problem,
    response_send,
)

VIEW = ("cases.view_case", "responses.view_responsedraft")
CHANGE = ("cases.view_case", "responses.change_responsedraft")
SEND = ("cases.view_case", "responses.send_response")


def today() -> dt.date:
    return timezone.localdate()


def _case(request: HttpRequest, reference: str, stage: int) -> Case:
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    if case.case_type != CaseType.COMPLAINT or stage not in STAGES:
        raise Http404
    return case


def _anchor(reference: str) -> str:
    return reverse("cases:case", args=[reference]) + "#responses"


@require_http_methods(["GET", "POST"])
@staff_view(*CHANGE)
def draft_view(request: HttpRequest, reference: str, stage: int) -> HttpResponse:
    """Write or edit the stage's response. "Save" keeps the draft; "Preview" keeps it and
    shows the letter."""
    case = _case(request, reference, stage)
    sent = response_sent(case=case, stage=stage)
    if sent is not None:
        return redirect(reverse("responses:preview", args=[reference, stage]))
    draft = draft_for(case=case, stage=stage)
    forms = DraftForms(request.POST if request.method == "POST" else None, stage=stage, draft=draft)
    if request.method == "POST" and forms.is_valid():
        try:
            response_draft_save(
                actor=actor(request), case=case, stage=stage, at=timezone.now(), **forms.content()
            )
        except DomainError as error:
            forms.main.add_domain_error(error)
        else:
            if "preview" in request.POST:
                return redirect(reverse("responses:preview", args=[reference, stage]))
            messages.success(request, _("Draft saved."))
            return redirect(reverse("responses:draft", args=[reference, stage]))
    beside = stage_one_beside(case=case, draft=draft, as_of=today()) if stage == 2 else None
    context = {
        "case": case,
        "stage": stage,
        "draft": draft,
        "forms": forms,
        "form": forms.main,
        "beside": beside,
        # The Code: stage 2 is handled by someone not involved at stage 1.
        "handled_stage_1": beside is not None and beside.response.event.actor_id == request.user.pk,
    }
    return render(request, "responses/draft.html", context)


def _preview(
    request: HttpRequest, case: Case, stage: int, error: DomainError | None = None
) -> HttpResponse:
    now = timezone.now()
    sent = response_sent(case=case, stage=stage)
    draft = draft_for(case=case, stage=stage)
    if sent is not None:
        letter, beside = str(sent.data.get("text") or ""), None
    elif draft is None:
        raise Http404
    else:
        letter = response_preview(draft=draft, at=now)
        beside = stage_one_beside(case=case, draft=draft, as_of=today()) if stage == 2 else None
    context = {
        "case": case,
        "stage": stage,
        "sent": sent,
        "draft": draft,
        "letter": letter,
        "error": error,
        "problem": None if sent or error else response_problem(case=case, stage=stage, at=now),
        "beside": beside,
    }
    return render(request, "responses/preview.html", context, status=422 if error else 200)


@require_GET
@staff_view(*VIEW)
def preview_view(request: HttpRequest, reference: str, stage: int) -> HttpResponse:
    """The letter as it will be sent (or, once sent, as it was), and the way to send it."""
    return _preview(request, _case(request, reference, stage), stage)


@require_POST
@staff_view(*SEND)
def send_view(request: HttpRequest, reference: str, stage: int) -> HttpResponse:
    """Send the drafted response; a refusal says what is missing, on the preview."""
    case = _case(request, reference, stage)
    try:
        response_send(actor=actor(request), case=case, stage=stage, at=timezone.now())
    except DomainError as error:
        return _preview(request, case, stage, error)
    messages.success(request, _("Stage %(stage)s response sent.") % {"stage": stage})
    return redirect(_anchor(reference))


@CASE_PAGE_SECTIONS.register(
    key="responses",
    template="responses/includes/case_responses.html",
    permission="responses.view_responsedraft",
    order=18,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """A complaint case's responses: each sent, with its letter, and the drafts in progress,
    with the ways in to draft the response each open stage needs."""
    if case.case_type != CaseType.COMPLAINT:
        return {"case": case, "shown": False}
    drafts = list(drafts_in_progress(case=case))
    return {
        "case": case,
        "shown": True,
        "sent": responses_sent(case=case),
        "drafts": drafts,
        "draft_stages": [d.stage for d in drafts],
        "can_draft": stages_to_answer(complaint_stages(case=case)),
    }

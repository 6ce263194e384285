"""ASB pages: the list of live ASB cases (high risk first, then by the next clock due), the
"Report ASB" start page and the report form for a household, each step of a case (open,
decline, assess, act, review, close, tell the reporter of the ASB case review) through
`core.views.form_step`, and the ASB section of the case page: the reporter's safety wishes
while a delay holds, the reports, the decision, the latest risk with its answers, the actions
with their next steps, the reviews, the closing and the ASB case review threshold.

Only here is the clock read: each view passes now to the services; the case page's clocks are
its clocks section's (the page's one replay).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.asb.choices import (
    ANSWER_WORDS,
    QUESTIONS,
    ActionType,
    Agency,
    AsbStatus,
    Category,
    ReporterUpdated,
)
from doorstep.asb.forms import (
    ActionForm,
    AssessForm,
    CaseReviewForm,
    CloseForm,
    DeclineForm,
    ListForm,
    ReportForm,
    ReviewForm,
    StartForm,
    WhenForm,
)
from doorstep.asb.models import AsbCase
from doorstep.asb.selectors import (
    asb_cases_visible_to,
    asb_for_case,
    asb_list,
    contacts_to_record,
    household_people,
    open_asb_cases,
    policy_value,
    reporter_vulnerable,
)
from doorstep.asb.services import (
    OVERRIDE,
    asb_act,
    asb_assess,
    asb_case_review_tell,
    asb_close,
    asb_decline,
    asb_open,
    asb_report,
    asb_review,
)
from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.clocks.asb import RISK_FACTORS, delay_in_force, delays_of
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm
from doorstep.core.views import actor, form_step, staff_view
from doorstep.deadlines.views import page_as_of
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail

VIEW = "asb.view_asbcase"
REPORT = ("residents.view_household", "asb.report_asb")
HANDLE = ("cases.view_case", "asb.handle_asb")
PAGE_SIZE = 50


def _day(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


@require_GET
@staff_view(VIEW)
def asb_page(request: HttpRequest) -> HttpResponse:
    """The live ASB cases: high risk first, then by the next clock due."""
    form = ListForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = asb_list(
        user=request.user, live_only=not data.get("closed"), risk=data.get("risk") or ""
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "today": timezone.localdate(), "nav": "asb"}
    return render(request, "asb/list.html", context)


@require_http_methods(["GET", "POST"])
@staff_view(*REPORT)
def start_view(request: HttpRequest) -> HttpResponse:
    """Report ASB: which household the reporter is in, then the report form."""
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["household"].strip()
        if Household.objects.filter(reference=reference).exists():
            return redirect("asb:report", reference)
        form.add_error("household", _("There is no household with that reference."))
    return render(request, "asb/start.html", {"form": form})


@require_http_methods(["GET", "POST"])
@staff_view(*REPORT)
def report_view(request: HttpRequest, reference: str) -> HttpResponse:
    """Record a report of ASB for a household: a new ASB case, or added to a live one."""
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    form = ReportForm(
        request.POST or None,
        people=household_people(household=household),
        cases=open_asb_cases(household=household),
        contacts=contacts_to_record(household=household),
        initial={"case": request.GET.get("case", "")},
    )
    made: dict[str, AsbCase] = {}

    def act(data: Mapping[str, Any]) -> None:
        chosen = form.chosen_case()
        made["asb"] = asb_report(
            actor=actor(request),
            household=household,
            case=chosen.case if chosen else None,
            reporter=form.chosen_reporter(),
            category=data["category"],
            text=data["text"],
            alleged_perpetrator=data["alleged_perpetrator"],
            location=data["location"],
            communal=data["communal"],
            incident_date=data["incident_date"],
            police_involved=form.police(),
            crime_reference=data["crime_reference"],
            delay_days=data["delay_days"],
            channel=data["channel"] or "phone",
            from_contact=form.chosen_contact(),
            occurred=data["occurred"] or None,
            at=timezone.now(),
        )

    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            case = made["asb"].case
            messages.success(
                request, str(_("ASB report recorded: case %(ref)s.")) % {"ref": case.reference}
            )
            return redirect(reverse("cases:case", args=[case.reference]) + "#asb")
    return render(request, "asb/report.html", {"form": form, "household": household})


def _asb(request: HttpRequest, reference: str) -> AsbCase:
    try:
        case = asb_cases_visible_to(user=request.user).get(reference=reference)
        return asb_for_case(case=case)
    except (Case.DoesNotExist, AsbCase.DoesNotExist):
        raise Http404 from None


def _step(
    request: HttpRequest,
    reference: str,
    *,
    form: Callable[[AsbCase, Any], GovukForm],
    act: Callable[[AsbCase, Mapping[str, Any]], Any],
    heading: str,
    submit: str,
    done: str,
) -> HttpResponse:
    """One step of an ASB case, through `form_step`, back to the case page's ASB section."""
    asb = _asb(request, reference)
    bound = form(asb, request.POST if request.method == "POST" else None)
    on = timezone.localdate()
    holding = delay_in_force(_delays(asb), on)
    return form_step(
        request,
        form=bound,
        act=lambda data: act(asb, data),
        done=done,
        then=reverse("cases:case", args=[reference]) + "#asb",
        template="asb/step.html",
        context={
            "asb": asb,
            "case": asb.case,
            "heading": heading,
            "submit": submit,
            "holding": holding,
            "delays": _delays(asb),
            "vulnerable": reporter_vulnerable(asb=asb),
            "factors": list(RISK_FACTORS),
        },
    )


def _delays(asb: AsbCase) -> list[Any]:
    return delays_of(
        (r["event"], dt.date.fromisoformat(r["day"]), r.get("delay_days")) for r in asb.reports
    )


def _occurred(data: Mapping[str, Any]) -> Any:
    return data.get("occurred") or None


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def open_view(request: HttpRequest, reference: str) -> HttpResponse:
    return _step(
        request,
        reference,
        form=lambda asb, data: WhenForm(data),
        act=lambda asb, data: asb_open(
            actor=actor(request), asb=asb, occurred=_occurred(data), at=timezone.now()
        ),
        heading=str(_("Open the ASB case")),
        submit=str(_("Open the case")),
        done=str(_("ASB case opened.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def decline_view(request: HttpRequest, reference: str) -> HttpResponse:
    return _step(
        request,
        reference,
        form=lambda asb, data: DeclineForm(data),
        act=lambda asb, data: asb_decline(
            actor=actor(request),
            asb=asb,
            reason_code=data["reason_code"],
            reason=data["reason"],
            occurred=_occurred(data),
            at=timezone.now(),
        ),
        heading=str(_("Decline the ASB case")),
        submit=str(_("Record the decision")),
        done=str(_("ASB case declined.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def assess_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(asb: AsbCase, data: Mapping[str, Any]) -> Any:
        return asb_assess(
            actor=actor(request),
            asb=asb,
            answers={f: data[f] for f in RISK_FACTORS},
            raised_to=data["raised_to"],
            raise_reason=data["raise_reason"],
            occurred=_occurred(data),
            at=timezone.now(),
        )

    return _step(
        request,
        reference,
        form=lambda asb, data: AssessForm(data),
        act=act,
        heading=str(_("Assess the reporter's risk")),
        submit=str(_("Record the risk assessment")),
        done=str(_("Risk assessment recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def act_view(request: HttpRequest, reference: str) -> HttpResponse:
    can_override = request.user.has_perm(OVERRIDE)

    def act(asb: AsbCase, data: Mapping[str, Any]) -> Any:
        return asb_act(
            actor=actor(request),
            asb=asb,
            type=data["type"],
            against=data["against"],
            details=data["details"],
            agency=data["agency"],
            agency_name=data["agency_name"],
            next_step=data["next_step"],
            next_step_due=data["next_step_due"],
            override_reason=data.get("override_reason") or "",
            occurred=_occurred(data),
            at=timezone.now(),
        )

    def form(asb: AsbCase, data: Any) -> GovukForm:
        initial = {"against": asb.alleged_perpetrator}
        return ActionForm(data, can_override=can_override, initial=initial)

    return _step(
        request,
        reference,
        form=form,
        act=act,
        heading=str(_("Record an action")),
        submit=str(_("Record the action")),
        done=str(_("Action recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def review_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(asb: AsbCase, data: Mapping[str, Any]) -> Any:
        return asb_review(
            actor=actor(request),
            asb=asb,
            summary=data["summary"],
            answers={f: data[f] for f in RISK_FACTORS},
            raised_to=data["raised_to"],
            raise_reason=data["raise_reason"],
            reporter_updated=data["reporter_updated"],
            to=data["to"],
            occurred=_occurred(data),
            at=timezone.now(),
        )

    return _step(
        request,
        reference,
        form=lambda asb, data: ReviewForm(data),
        act=act,
        heading=str(_("Review the ASB case")),
        submit=str(_("Record the review")),
        done=str(_("Review recorded.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def close_view(request: HttpRequest, reference: str) -> HttpResponse:
    return _step(
        request,
        reference,
        form=lambda asb, data: CloseForm(data),
        act=lambda asb, data: asb_close(
            actor=actor(request),
            asb=asb,
            reason=data["reason"],
            told=data["told"],
            to=data["to"],
            not_told_reason=data["not_told_reason"],
            occurred=_occurred(data),
            at=timezone.now(),
        ),
        heading=str(_("Close the ASB case")),
        submit=str(_("Close the case")),
        done=str(_("ASB case closed.")),
    )


@require_http_methods(["GET", "POST"])
@staff_view(*HANDLE)
def case_review_view(request: HttpRequest, reference: str) -> HttpResponse:
    return _step(
        request,
        reference,
        form=lambda asb, data: CaseReviewForm(data),
        act=lambda asb, data: asb_case_review_tell(
            actor=actor(request), asb=asb, to=data["to"], at=timezone.now()
        ),
        heading=str(_("Tell the reporter of the ASB case review")),
        submit=str(_("Send it")),
        done=str(_("The reporter has been told of the ASB case review.")),
    )


# --- the case page and the household page ----------------------------------------------------


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "").replace("_", " ")


def _report_words(report: Mapping[str, Any]) -> dict[str, Any]:
    police = report.get("police_involved")
    return {
        **report,
        "day": _day(report.get("day")),
        "category_label": _label(Category, report.get("category")),
        "police": _("Yes") if police is True else _("No") if police is False else _("Not known"),
        "delay_until": _day(report.get("delay_until")),
    }


def _action_words(action: Mapping[str, Any]) -> dict[str, Any]:
    agency = action.get("agency") or {}
    return {
        **action,
        "day": _day(action.get("day")),
        "type_label": _label(ActionType, action.get("type")),
        "agency_label": (
            str(agency.get("name") or _label(Agency, agency.get("kind")))
            if isinstance(agency, Mapping) and agency
            else ""
        ),
        "override": action.get("delay_override") or None,
    }


def _risk_words(risk: Mapping[str, Any]) -> list[dict[str, str]]:
    answers = risk.get("answers") or {}
    if not isinstance(answers, Mapping):
        return []
    return [
        {
            "question": str(QUESTIONS[f]),
            "answer": str(ANSWER_WORDS[f].get(str(answers.get(f)), answers.get(f) or "")),
        }
        for f in RISK_FACTORS
        if answers.get(f) is not None
    ]


@CASE_PAGE_SECTIONS.register(
    key="asb", template="asb/includes/case_asb.html", permission=VIEW, order=12
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """An ASB case's ASB: the reporter's safety wishes while a delay holds, the reports, the
    decision, the latest risk, the actions, the reviews, the closing, the case review."""
    if case.case_type != CaseType.ASB:
        return {"case": case, "shown": False}
    try:
        asb = asb_for_case(case=case)
    except AsbCase.DoesNotExist:
        return {"case": case, "shown": True, "asb": None}
    as_of = page_as_of(request)
    holding = delay_in_force(_delays(asb), as_of)
    return {
        "case": case,
        "shown": True,
        "asb": asb,
        "as_of": as_of,
        "holding": holding,
        "delays": _delays(asb),
        "reports": [_report_words(r) for r in asb.reports],
        "actions": [_action_words(a) for a in asb.actions],
        "reviews": [
            {
                **r,
                "day": _day(r.get("day")),
                "how": _label(ReporterUpdated, r.get("reporter_updated")),
            }
            for r in asb.reviews
        ],
        "risk": _risk_words(asb.risk),
        "risk_day": _day(asb.risk.get("day")),
        "high_review_days": policy_value("asb.high_risk.review_interval_days", as_of),
        "threshold": policy_value("asb.case_review.threshold_reports", as_of),
        "window": policy_value("asb.case_review.window_months", as_of),
        "vulnerable": reporter_vulnerable(asb=asb),
        "live": asb.live,
        "opened": asb.status == AsbStatus.OPEN,
        "undecided": asb.status == AsbStatus.REPORTED,
    }


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="asb", template="asb/includes/household_asb.html", permission="asb.report_asb", order=27
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """The way in to report ASB for the household."""
    return {"household": household}

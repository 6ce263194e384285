"""Anti-social behaviour cases: list the live ones (high risk first, then by the next clock
due), report ASB for a household (a new case, or added to its live one; from any channel or a
contact on its record), read one, and open, decline, assess, act on, review and close it, and
tell the reporter of the ASB case review.

An action that would reveal the reporter inside the delay they asked for is refused (422)
unless the caller holds `asb.override_delay` (managers) and gives `override_reason`. The
clocks of an ASB case (first response, risk assessment, review) are at
`GET /cases/{reference}/clocks`. A contractor never sees ASB cases.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.errors import fields_named
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.asb import selectors as asb_selectors
from doorstep.asb.models import AsbCase
from doorstep.asb.schemas import (
    AsbActionIn,
    AsbAssessIn,
    AsbCaseReviewIn,
    AsbCloseIn,
    AsbDecideIn,
    AsbDeclineIn,
    AsbOut,
    AsbReportIn,
    AsbReviewIn,
)
from doorstep.asb.services import (
    asb_act,
    asb_assess,
    asb_case_review_tell,
    asb_close,
    asb_decline,
    asb_open,
    asb_report,
    asb_review,
)
from doorstep.cases.models import Case
from doorstep.core.errors import DomainError
from doorstep.timeline.when import When

router = Router(tags=["asb"])

VIEW = "asb.view_asbcase"
HANDLE = "asb.handle_asb"
ASB = "/asb/{reference}"
UNKNOWN_CASE = "There is no live ASB case {reference} of this household."


class AsbFilters(Schema):
    risk: str | None = Field(None, pattern="^(low|medium|high)$", description="Only at this risk")
    live_only: bool = Field(True, description="Only cases reported or open")


def _asb(request: HttpRequest, reference: str) -> AsbCase:
    return asb_selectors.asb_named(user=caller(request), reference=reference)


def _same(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> AsbCase:
    """A step's retry: the case as it stands (the first request's change is on it)."""
    return _asb(request, reference)


def _reported(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    return only(asb_selectors.asb_reported_by(user=caller(request), moment=first.received_at))


@router.get("/asb", response=responds(200, list[AsbOut]), auth=requires(VIEW))
@paginate(LimitOffsetPagination)
def asb_list(request: HttpRequest, filters: Query[AsbFilters]) -> Any:
    """The ASB cases you may see: high risk first, then by the next clock due; live ones unless
    `live_only` is false; at a risk level."""
    return asb_selectors.asb_list(
        user=caller(request), live_only=filters.live_only, risk=filters.risk or ""
    )


@router.post(
    "/households/{reference}/asb",
    response=responds(201, AsbOut),
    auth=requires("asb.report_asb"),
)
@idempotent(_reported)
def asb_report_create(request: HttpRequest, reference: Reference, payload: AsbReportIn) -> Any:
    """Report anti-social behaviour from a member of the household (`reporter`): opens an ASB
    case, or with `case` adds to the household's live one; with `from_contact`, from that
    contact. `delay_days` is the delay the reporter asked for before anything identifies them.
    Whether the police were told never decides anything."""
    user, at = caller(request), received_at(request)
    household = selectors.household_for(user=user, reference=reference)
    reporter = selectors.person_named(reference=payload.reporter, field="reporter")
    perpetrators = (
        selectors.household_named(
            reference=payload.alleged_perpetrator_household, field="alleged_perpetrator_household"
        )
        if payload.alleged_perpetrator_household
        else None
    )
    case = None
    if payload.case:
        case = Case.objects.filter(reference=payload.case, household=household).first()
        if case is None:
            raise DomainError(UNKNOWN_CASE.format(reference=payload.case), field="case")
    contact = (
        selectors.event_named(user=user, uid=payload.from_contact, field="from_contact")
        if payload.from_contact
        else None
    )
    with fields_named(from_event="from_contact"):
        asb = asb_report(
            actor=user,
            household=household,
            case=case,
            reporter=reporter,
            category=payload.category,
            text=payload.text,
            alleged_perpetrator=payload.alleged_perpetrator,
            alleged_perpetrator_household=perpetrators,
            location=payload.location,
            communal=payload.communal,
            police_involved=payload.police_involved,
            crime_reference=payload.crime_reference,
            incident_date=When.parse(payload.incident_date) if payload.incident_date else None,
            delay_days=payload.delay_days,
            channel=payload.channel,
            from_contact=contact,
            title=payload.title,
            occurred=payload.when(),
            at=at,
        )
    # Read back, so a retry's answer (from the database) is the same, to the time zone.
    return Status(201, asb_selectors.asb_named(user=user, reference=asb.case.reference))


@router.get(ASB, response=responds(200, AsbOut), auth=requires(VIEW))
def asb_read(request: HttpRequest, reference: Reference) -> Any:
    """One ASB case: its reports (with the reporter's safety wishes), the decision, the latest
    risk assessment, the actions, the reviews, the closing and the ASB case review."""
    return _asb(request, reference)


@router.post(f"{ASB}/open", response=responds(200, AsbOut), auth=requires(HANDLE))
@idempotent(_same)
def asb_open_create(request: HttpRequest, reference: Reference, payload: AsbDecideIn) -> Any:
    """Open the report as an ASB case: it starts the review clock."""
    return asb_open(
        actor=caller(request),
        asb=_asb(request, reference),
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{ASB}/decline", response=responds(200, AsbOut), auth=requires(HANDLE))
@idempotent(_same)
def asb_decline_create(request: HttpRequest, reference: Reference, payload: AsbDeclineIn) -> Any:
    """Decline the ASB case, only for a reason the landlord's policy allows, explained. Not
    having reported it to the police is never one (422)."""
    return asb_decline(
        actor=caller(request),
        asb=_asb(request, reference),
        reason_code=payload.reason_code,
        reason=payload.reason,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{ASB}/risk", response=responds(200, AsbOut), auth=requires(HANDLE))
@idempotent(_same)
def asb_assess_create(request: HttpRequest, reference: Reference, payload: AsbAssessIn) -> Any:
    """Assess the reporter's risk on the matrix: the score, and its level at the policy's
    thresholds, raised above it only with a reason."""
    return asb_assess(
        actor=caller(request),
        asb=_asb(request, reference),
        answers=payload.answers.model_dump(),
        raised_to=payload.raised_to or "",
        raise_reason=payload.raise_reason,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{ASB}/actions", response=responds(200, AsbOut), auth=requires(HANDLE))
@idempotent(_same)
def asb_action_create(request: HttpRequest, reference: Reference, payload: AsbActionIn) -> Any:
    """Record an action on the open case, with the agreed next step and its date (a promise on
    the ledger). Refused inside the reporter's delay where it would reveal them, unless the
    caller holds `asb.override_delay` and gives `override_reason`."""
    return asb_act(
        actor=caller(request),
        asb=_asb(request, reference),
        type=payload.type,
        against=payload.against,
        details=payload.details,
        agency=payload.agency or "",
        agency_name=payload.agency_name,
        next_step=payload.next_step,
        next_step_due=When.on(payload.next_step_due) if payload.next_step_due else None,
        override_reason=payload.override_reason,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{ASB}/reviews", response=responds(200, AsbOut), auth=requires(HANDLE))
@idempotent(_same)
def asb_review_create(request: HttpRequest, reference: Reference, payload: AsbReviewIn) -> Any:
    """Review the open case: the reporter's risk re-assessed, a summary, and the reporter
    updated (a message sent to `to`, or told by phone or in person)."""
    return asb_review(
        actor=caller(request),
        asb=_asb(request, reference),
        summary=payload.summary,
        answers=payload.answers.model_dump(),
        raised_to=payload.raised_to or "",
        raise_reason=payload.raise_reason,
        reporter_updated=payload.reporter_updated,
        to=payload.to,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{ASB}/close", response=responds(200, AsbOut), auth=requires(HANDLE))
@idempotent(_same)
def asb_close_create(request: HttpRequest, reference: Reference, payload: AsbCloseIn) -> Any:
    """Close the case with the reason, telling the reporter (a message to `to`) or recording
    why not."""
    return asb_close(
        actor=caller(request),
        asb=_asb(request, reference),
        reason=payload.reason,
        told=payload.told,
        to=payload.to,
        not_told_reason=payload.not_told_reason,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{ASB}/case-review", response=responds(200, AsbOut), auth=requires(HANDLE))
@idempotent(_same)
def asb_case_review_create(
    request: HttpRequest, reference: Reference, payload: AsbCaseReviewIn
) -> Any:
    """Tell the reporter they may ask for an ASB case review, once the household's reports meet
    the threshold."""
    return asb_case_review_tell(
        actor=caller(request), asb=_asb(request, reference), to=payload.to, at=received_at(request)
    )

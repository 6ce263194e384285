"""ASB cases: reporting anti-social behaviour (opening a case, or adding to an open one),
opening or declining the case, assessing the reporter's risk, recording actions with their
next steps, reviewing, closing, and telling the reporter of the ASB case review.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below, on the field it concerns), appends its events, and rebuilds the `AsbCase` row from the
case's events in the same transaction (`projections.asb_project`). Time comes in as `at` (when
Doorstep is told) and `occurred` (when it happened, default `at`). The rules are
`doorstep.clocks.asb`'s, the same a replay applies: the reporter's delay (`delay_problem`), what
a case may be declined for (`decline_problem`), the risk matrix (`risk_score`, `risk_level`,
`assessed_level`) and the ASB case review threshold. Every number is the policy's in force on
the event's day, with the landlord's overrides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.text import Truncator

from doorstep.appointments.services import message_send
from doorstep.asb.choices import (
    ActionType,
    Agency,
    AsbStatus,
    Category,
    ClosingTold,
    ReporterUpdated,
)
from doorstep.asb.models import AsbCase
from doorstep.asb.projections import CASE_REVIEW_ABOUT, asb_project, asb_project_household
from doorstep.asb.selectors import household_report_days, policy_value
from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import case_close, case_open, record_on_case
from doorstep.clocks.asb import (
    Delay,
    assessed_level,
    decline_problem,
    delay_in_force,
    delay_problem,
    delays_of,
    months_before,
    reveals_reporter,
    risk_level,
    risk_score,
)
from doorstep.clocks.facts import local_date
from doorstep.commitments.services import commitment_make
from doorstep.contacts.services import CONTACT_CHANNELS, case_open_from_contact
from doorstep.core.errors import DomainError
from doorstep.residents.models import Household, Person
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.when import LONDON, When

TEXT_LIMIT = 5000
OVERRIDE = "asb.override_delay"

NO_HOUSEHOLD = "Say which household the report is from."
NO_TEXT = "Write down what the reporter said happened, in their words."
TEXT_TOO_LONG = "Keep it to 5,000 characters."
BAD_CATEGORY = "Choose what kind of behaviour it is: {allowed}."
BAD_CHANNEL = "Say how it came in: phone, email, letter, visit, portal or in person."
NO_REPORTER = "Say who in the household is reporting it."
NOT_A_MEMBER = "{name} is not a member of household {household}: choose who is reporting it."
BAD_DELAY = "A delay is a whole number of days, from 0 to 90."
NOT_A_CONTACT_IN = "Only a contact received from someone (not one sent) can be recorded as ASB."
CONTACT_OTHER_HOUSEHOLD = "That contact was recorded for another household."
NOT_ASB_CASE = "Case {reference} is not an ASB case."
OTHER_HOUSEHOLD_CASE = "Case {reference} is another household's ASB case."
CASE_FINISHED = "The ASB case is {status}: there is nothing more to {action} on it."
ALREADY_DECIDED = "The ASB case was already {status} on {when}."
NOT_OPENED = "Open the ASB case before you {action}: it is {status}."
BEFORE_REPORT = (
    "That is dated {when}, before the first report on {reported}: record it on or after then."
)
NO_DECLINE_REASON = "Explain why the case is declined, as the reporter is told it."
BAD_ANSWER = "{problem}"
RAISED_NO_REASON = "Give the reason for raising the risk level above the score's ({level})."
BAD_LEVEL = "Choose low, medium or high."
BAD_ACTION = "Choose the action: {allowed}."
NO_AGENCY = "Say who the referral is to: the police, the local authority or another agency."
NO_AGENCY_NAME = "Name the agency the referral is to."
NEXT_STEP_NO_DATE = "Give the date the next step is agreed for."
NEXT_DATE_NO_STEP = "Say what the next step is, as it was agreed."
ONLY_MANAGERS_OVERRIDE = (
    "Only a manager can override the delay the reporter asked for: ask a manager, or wait until "
    "{until}."
)
NO_SUMMARY = "Write a summary of the review: what has happened since the last one."
BAD_UPDATED = "Say how the reporter was updated: a message, by phone or in person."
NO_ADDRESS = "Give the reporter's email address or mobile number to send the message to."
NO_CLOSE_REASON = "Give the reason for closing the case, as the reporter is told it."
BAD_TOLD = "Say how the reporter is told the case is closed, or why they are not."
NO_NOT_TOLD_REASON = "Give the reason the reporter is not told the case is closed."
CASE_REVIEW_NOT_MET = (
    "The ASB case review threshold is not met: the household has made {count} of the "
    "{threshold} reports needed within {months} months."
)
CASE_REVIEW_TOLD = "The reporter was already told of the ASB case review on {when}."


def _text(value: str, *, missing: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field=field)
    return value


def _optional(value: str, field: str, limit: int = TEXT_LIMIT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(TEXT_TOO_LONG, field=field)
    return value


def _show(day: dt.date | dt.datetime) -> str:
    if isinstance(day, dt.datetime):
        day = day.astimezone(LONDON).date()
    return f"{day.day} {day:%B %Y}"


def _title(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(80)


def _project(case: Case) -> AsbCase:
    asb = asb_project(case)
    if asb is None:  # pragma: no cover - a report is always written first
        raise AsbCase.DoesNotExist(case.reference)
    return asb


# --- reporting -------------------------------------------------------------------------------


def _reporter(household: Household, reporter: Person | None) -> Person:
    if reporter is None:
        raise DomainError(NO_REPORTER, field="reporter")
    if not reporter.memberships.filter(household=household).exists():
        raise DomainError(
            NOT_A_MEMBER.format(name=reporter.full_name, household=household.reference),
            field="reporter",
        )
    return reporter


def _existing(case: Case, household: Household | None) -> Case:
    if case.case_type != CaseType.ASB:
        raise DomainError(NOT_ASB_CASE.format(reference=case.reference), field="case")
    if household is not None and case.household_id != household.pk:
        raise DomainError(OTHER_HOUSEHOLD_CASE.format(reference=case.reference), field="case")
    asb = AsbCase.objects.filter(case=case).first()
    if case.status == CaseStatus.CLOSED or (asb is not None and not asb.live):
        status = asb.get_status_display().lower() if asb else "closed"
        raise DomainError(CASE_FINISHED.format(status=status, action="add"), field="case")
    return case


@transaction.atomic
def asb_report(
    *,
    actor: Model | None,
    category: str,
    text: str,
    at: dt.datetime,
    reporter: Person | None,
    household: Household | None = None,
    case: Case | None = None,
    alleged_perpetrator: str = "",
    alleged_perpetrator_household: Household | None = None,
    location: str = "",
    communal: bool = False,
    police_involved: bool | None = None,
    crime_reference: str = "",
    incident_date: When | None = None,
    delay_days: int | None = None,
    occurred: When | None = None,
    channel: str = Channel.PHONE,
    from_contact: Event | None = None,
    title: str = "",
) -> AsbCase:
    """Record a report of anti-social behaviour from a member of a household (the reporter),
    by any channel or from a contact already on the household's record (`from_contact`, a
    `contact.in`: its words, date and channel are taken unless given, and the new case keeps it
    as its origin). It opens an ASB case on the reporter's household, or, with `case`, adds to
    that household's live ASB case: `asb.reported` with the category, the words, the police
    involvement (None: not said) and crime reference, where, who it is about, and the delay the
    reporter asked for before anything is done that could identify them (`delay_days`). Whether
    the matter was reported to the police never decides anything."""
    if from_contact is not None:
        if from_contact.kind != "contact.in":
            raise DomainError(NOT_A_CONTACT_IN, field="from_contact")
        if household is not None and from_contact.household_id != household.pk:
            raise DomainError(CONTACT_OTHER_HOUSEHOLD, field="from_contact")
        household = from_contact.household
        text = (text or "").strip() or str(from_contact.data.get("text") or "")
        occurred = occurred or When.parse(from_contact.occurred_text)
        channel = from_contact.channel
    if case is not None:
        household = household or case.household
        case = _existing(case, household)
    if household is None:
        raise DomainError(NO_HOUSEHOLD, field="household")
    if category not in Category.values:
        allowed = ", ".join(str(c.label).lower() for c in Category)
        raise DomainError(BAD_CATEGORY.format(allowed=allowed), field="category")
    text = _text(text, missing=NO_TEXT, field="text")
    reporter = _reporter(household, reporter)
    if channel not in CONTACT_CHANNELS:
        raise DomainError(BAD_CHANNEL, field="channel")
    if delay_days is not None and (isinstance(delay_days, bool) or not 0 <= int(delay_days) <= 90):
        raise DomainError(BAD_DELAY, field="delay_days")
    occurred = occurred or When.at(at)
    data: dict[str, Any] = {
        "category": category,
        "text": text,
        "police_involved": police_involved,
        "informant_delay_requested_days": int(delay_days) if delay_days else None,
        "reporter": reporter.reference,
        "communal": bool(communal),
    }
    for key, value, limit in (
        ("alleged_perpetrator", alleged_perpetrator, 300),
        ("location", location, 300),
        ("crime_reference", crime_reference, 60),
    ):
        value = _optional(value, key, limit)
        if value:
            data[key] = value
    if alleged_perpetrator_household is not None:
        data["alleged_perpetrator_household"] = alleged_perpetrator_household.reference
    if incident_date is not None:
        data["incident_date"] = incident_date.text
    if case is None:
        case = _open_case(actor, household, text, title, from_contact, occurred, channel, at)
    record_on_case(
        case=case,
        kind="asb.reported",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        channel=channel,
        summary=f"ASB reported ({Category(category).label.lower()}): {_title(text)}",
    )
    asb_project_household(household)
    return _project(case)


def _open_case(
    actor: Model | None,
    household: Household,
    text: str,
    title: str,
    contact: Event | None,
    occurred: When,
    channel: str,
    at: dt.datetime,
) -> Case:
    title = (title or "").strip() or _title(text)
    if contact is not None:
        return case_open_from_contact(
            actor=actor, contact=contact, case_type=CaseType.ASB, title=title, at=at
        )
    return case_open(
        actor=actor,
        case_type=CaseType.ASB,
        title=title,
        household=household,
        at=at,
        occurred=occurred,
        channel=channel,
    )


# --- the decision ----------------------------------------------------------------------------


def _when(asb: AsbCase, occurred: When | None, at: dt.datetime) -> When:
    occurred = occurred or When.at(at)
    if occurred.latest < asb.first_reported_at:
        raise DomainError(
            BEFORE_REPORT.format(when=occurred.display(), reported=_show(asb.first_reported_at)),
            field="occurred",
        )
    return occurred


def _check_live(asb: AsbCase, action: str) -> None:
    if not asb.live or asb.case.status == CaseStatus.CLOSED:
        status = asb.get_status_display().lower()
        raise DomainError(CASE_FINISHED.format(status=status, action=action), field="case")


def _check_opened(asb: AsbCase, action: str) -> None:
    _check_live(asb, action)
    if asb.status != AsbStatus.OPEN:
        status = asb.get_status_display().lower()
        raise DomainError(NOT_OPENED.format(action=action, status=status), field="case")


def _check_undecided(asb: AsbCase) -> None:
    _check_live(asb, "decide")
    if asb.status == AsbStatus.OPEN and asb.opened_at is not None:
        raise DomainError(
            ALREADY_DECIDED.format(status="opened", when=_show(asb.opened_at)), field="case"
        )


@transaction.atomic
def asb_open(
    *, actor: Model | None, asb: AsbCase, at: dt.datetime, occurred: When | None = None
) -> AsbCase:
    """Open the report as an ASB case (`asb.case_opened`): it answers the report and starts
    the review clock."""
    _check_undecided(asb)
    occurred = _when(asb, occurred, at)
    record_on_case(
        case=asb.case,
        kind="asb.case_opened",
        data={},
        actor=actor,
        at=at,
        occurred=occurred,
        summary="ASB case opened",
    )
    return _project(asb.case)


@transaction.atomic
def asb_decline(
    *,
    actor: Model | None,
    asb: AsbCase,
    reason_code: str,
    reason: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> AsbCase:
    """Decline to open an ASB case, only for a reason the landlord's policy in force on the
    day allows (`asb.decline_reasons_allowed`), explained: `asb.case_declined`, and the case
    closed. Not having reported it to the police is never a reason (Bromford 202109189)."""
    _check_undecided(asb)
    occurred = _when(asb, occurred, at)
    allowed = policy_value("asb.decline_reasons_allowed", occurred.latest_date)
    problem = decline_problem(reason_code, list(allowed or []))
    if problem is not None:
        raise DomainError(problem, field="reason_code")
    reason = _text(reason, missing=NO_DECLINE_REASON, field="reason")
    record_on_case(
        case=asb.case,
        kind="asb.case_declined",
        data={"reason": reason, "reason_code": reason_code},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"ASB case declined: {_title(reason)}",
    )
    case_close(actor=actor, case=asb.case, reason=f"ASB case declined: {reason}", at=at)
    return _project(asb.case)


# --- the risk assessment ---------------------------------------------------------------------


def _assessment(
    answers: Mapping[str, Any], raised_to: str, reason: str, on: dt.date
) -> dict[str, Any]:
    """The `asb.risk_assessed` data for these answers on `on`: the score, its level at the
    policy's thresholds, raised (with a reason) where the officer raised it."""
    try:
        score = risk_score(answers)
    except ValueError as error:
        raise DomainError(str(error), field="answers") from None
    scored = risk_level(
        score,
        medium_from=int(policy_value("asb.risk.medium_from_score", on)),
        high_from=int(policy_value("asb.risk.high_from_score", on)),
    )
    raised_to = (raised_to or "").strip()
    if raised_to and raised_to not in ("low", "medium", "high"):
        raise DomainError(BAD_LEVEL, field="raised_to")
    try:
        level = assessed_level(scored, raised_to or None)
    except ValueError as error:
        raise DomainError(str(error), field="raised_to") from None
    data: dict[str, Any] = {
        "level": level,
        "answers": {
            k: ("yes" if v is True else "no" if v is False else str(v)) for k, v in answers.items()
        },
        "score": score,
    }
    if level != scored:
        data["raised_from"] = scored
        data["reason"] = _text(
            reason, missing=RAISED_NO_REASON.format(level=scored), field="raise_reason"
        )
    return data


def _record_assessment(
    actor: Model | None, asb: AsbCase, data: dict[str, Any], at: dt.datetime, occurred: When
) -> Event:
    raised = f", raised from {data['raised_from']}" if data.get("raised_from") else ""
    return record_on_case(
        case=asb.case,
        kind="asb.risk_assessed",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"ASB risk assessed: {data['level']} (score {data['score']}{raised})",
    )


@transaction.atomic
def asb_assess(
    *,
    actor: Model | None,
    asb: AsbCase,
    answers: Mapping[str, Any],
    at: dt.datetime,
    raised_to: str = "",
    raise_reason: str = "",
    occurred: When | None = None,
) -> AsbCase:
    """Assess the reporter's risk on the matrix (vulnerability, repeat victimisation, impact,
    hate motivation): the score, and its level at the policy's thresholds in force on the day,
    raised above it only with a reason, never lowered (`asb.risk_assessed`). Allowed at any
    time while the case is live; a review re-assesses it (`asb_review`)."""
    _check_live(asb, "assess")
    occurred = _when(asb, occurred, at)
    data = _assessment(answers, raised_to, raise_reason, occurred.latest_date)
    _record_assessment(actor, asb, data, at, occurred)
    return _project(asb.case)


# --- actions ---------------------------------------------------------------------------------


def _delays(asb: AsbCase) -> list[Delay]:
    return delays_of(
        (r["event"], dt.date.fromisoformat(r["day"]), r.get("delay_days")) for r in asb.reports
    )


def _may_override(actor: Model | None) -> bool:
    """Whether the actor holds the permission to act inside a reporter's delay (managers)."""
    has_perm = getattr(actor, "has_perm", None)
    return bool(has_perm is not None and has_perm(OVERRIDE))


def _agency(type_: str, agency: str, agency_name: str) -> dict[str, str] | None:
    if type_ != ActionType.REFERRAL:
        return None
    if agency not in Agency.values:
        raise DomainError(NO_AGENCY, field="agency")
    name = _optional(agency_name, "agency_name", 200)
    if agency == Agency.OTHER and not name:
        raise DomainError(NO_AGENCY_NAME, field="agency_name")
    return {"kind": agency, "name": name or str(Agency(agency).label)}


@transaction.atomic
def asb_act(
    *,
    actor: Model | None,
    asb: AsbCase,
    type: str,
    at: dt.datetime,
    against: str = "",
    details: str = "",
    next_step: str = "",
    next_step_due: When | None = None,
    agency: str = "",
    agency_name: str = "",
    override_reason: str = "",
    occurred: When | None = None,
) -> AsbCase:
    """Record an action or intervention on the open ASB case (`asb.action`), dated, directed at
    someone (`against`) or not, with the agreed next step and its date, which go on the promise
    ledger as a commitment on the case.

    An action that would reveal the reporter (one directed at someone that tells them they
    were reported) inside the delay the reporter asked for is refused
    (`clocks.asb.delay_problem`, Bromford 202109189, order o5), unless a manager (permission
    `asb.override_delay`) overrides the delay with a reason, which is kept on the action
    (`delay_override` {reason, by})."""
    _check_opened(asb, "record an action")
    if type not in ActionType.values:
        allowed = ", ".join(str(t.label).lower() for t in ActionType)
        raise DomainError(BAD_ACTION.format(allowed=allowed), field="type")
    occurred = _when(asb, occurred, at)
    data: dict[str, Any] = {"type": type}
    against = _optional(against, "against", 300)
    if against:
        data["against"] = against
    details = _optional(details, "details")
    if details:
        data["details"] = details
    referral = _agency(type, agency, agency_name)
    if referral is not None:
        data["agency"] = referral
    next_step = _optional(next_step, "next_step", 500)
    if next_step and next_step_due is None:
        raise DomainError(NEXT_STEP_NO_DATE, field="next_step_due")
    if next_step_due is not None and not next_step:
        raise DomainError(NEXT_DATE_NO_STEP, field="next_step")
    if next_step:
        data["next_step"] = next_step
        data["next_step_due"] = next_step_due.text if next_step_due else None
    data["reveals_reporter"] = reveals_reporter(data)
    on = occurred.earliest_date
    holding = delay_in_force(_delays(asb), on) if data["reveals_reporter"] else None
    override_reason = _optional(override_reason, "override_reason", 1000)
    if holding is not None and override_reason:
        if not _may_override(actor):
            raise DomainError(
                ONLY_MANAGERS_OVERRIDE.format(until=_show(holding.until)), field="override_reason"
            )
        data["delay_override"] = {"reason": override_reason, "by": actor_name_of(actor)}
    problem = delay_problem(_delays(asb), data, on)
    if problem is not None:
        raise DomainError(problem, field="against")
    label = str(ActionType(type).label)
    event = record_on_case(
        case=asb.case,
        kind="asb.action",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"ASB action: {label}" + (f" ({against})" if against else ""),
    )
    if next_step and next_step_due is not None:
        commitment_make(
            actor=actor,
            case=asb.case,
            action=next_step,
            due=next_step_due,
            at=at,
            source_event=event,
        )
    return _project(asb.case)


# --- reviews, closing, the ASB case review ----------------------------------------------------


def _send(
    actor: Model | None, asb: AsbCase, to: str, subject: str, text: str, about: str, at: dt.datetime
) -> Event:
    to = (to or "").strip()
    if not to:
        raise DomainError(NO_ADDRESS, field="to")
    return message_send(
        actor=actor,
        case=asb.case,
        to=to,
        subject=subject,
        text=text,
        at=at,
        about=about,
        also={"about": about, "asb": asb.case.reference},
    )


@transaction.atomic
def asb_review(
    *,
    actor: Model | None,
    asb: AsbCase,
    summary: str,
    answers: Mapping[str, Any],
    reporter_updated: str,
    at: dt.datetime,
    to: str = "",
    message: str = "",
    raised_to: str = "",
    raise_reason: str = "",
    occurred: When | None = None,
) -> AsbCase:
    """Review the open ASB case: the reporter's risk re-assessed (required: the matrix's
    answers, `asb.risk_assessed`), a summary, and the reporter updated, by a message sent
    through Doorstep (a `contact.out` about "asb.review") or told by phone or in person
    (`asb.reviewed` says how). It restarts the review clock."""
    _check_opened(asb, "review")
    summary = _text(summary, missing=NO_SUMMARY, field="summary")
    if reporter_updated not in ReporterUpdated.values:
        raise DomainError(BAD_UPDATED, field="reporter_updated")
    occurred = _when(asb, occurred, at)
    assessment = _assessment(answers, raised_to, raise_reason, occurred.latest_date)
    if reporter_updated == ReporterUpdated.MESSAGE and not (to or "").strip():
        raise DomainError(NO_ADDRESS, field="to")
    _record_assessment(actor, asb, assessment, at, occurred)
    record_on_case(
        case=asb.case,
        kind="asb.reviewed",
        data={"summary": summary, "reporter_updated": reporter_updated},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"ASB case reviewed: {_title(summary)}",
    )
    if reporter_updated == ReporterUpdated.MESSAGE:
        text = (message or "").strip() or (
            f"About the anti-social behaviour you reported (case {asb.case.reference}): we have "
            f"reviewed your case. {summary}"
        )
        subject = f"Your ASB case {asb.case.reference}: our review"
        _send(actor, asb, to, subject, text, "asb.review", at)
    return _project(asb.case)


@transaction.atomic
def asb_close(
    *,
    actor: Model | None,
    asb: AsbCase,
    reason: str,
    told: str,
    at: dt.datetime,
    to: str = "",
    not_told_reason: str = "",
    occurred: When | None = None,
) -> AsbCase:
    """Close the ASB case with the reason (`asb.closed`, and the case closed), telling the
    reporter by a message through Doorstep (a `contact.out` about "asb.closed"), or recording
    why they are not told."""
    _check_live(asb, "close")
    reason = _text(reason, missing=NO_CLOSE_REASON, field="reason")
    if told not in ClosingTold.values:
        raise DomainError(BAD_TOLD, field="told")
    occurred = _when(asb, occurred, at)
    data: dict[str, Any] = {"reason": reason, "reporter_told": told == ClosingTold.MESSAGE}
    if told == ClosingTold.NOT_TOLD:
        data["reporter_not_told_reason"] = _text(
            not_told_reason, missing=NO_NOT_TOLD_REASON, field="not_told_reason"
        )
    elif not (to or "").strip():
        raise DomainError(NO_ADDRESS, field="to")
    record_on_case(
        case=asb.case,
        kind="asb.closed",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"ASB case closed: {_title(reason)}",
    )
    if told == ClosingTold.MESSAGE:
        text = (
            f"About the anti-social behaviour you reported (case {asb.case.reference}): we have "
            f"closed your case. The reason: {reason} If it happens again, please tell us."
        )
        subject = f"Your ASB case {asb.case.reference} is closed"
        _send(actor, asb, to, subject, text, "asb.closed", at)
    case_close(actor=actor, case=asb.case, reason=f"ASB case closed: {reason}", at=at)
    return _project(asb.case)


def case_review_text(asb: AsbCase) -> str:
    return (
        f"About the anti-social behaviour you have reported (case {asb.case.reference}): you have "
        "reported it enough times to ask for an ASB case review (sometimes called the community "
        "trigger). The council, the police and your landlord will then look again at how your "
        "reports were dealt with. Ask us, or your council, for a case review."
    )


@transaction.atomic
def asb_case_review_tell(*, actor: Model | None, asb: AsbCase, to: str, at: dt.datetime) -> AsbCase:
    """Tell the reporter they may ask for an ASB case review (Anti-social Behaviour, Crime and
    Policing Act 2014, sections 104-105): a message through Doorstep about "asb.case_review".
    Refused until the household's reports meet the threshold, and once they were told."""
    if asb.case_review_met_on is None:
        on = local_date(at)
        threshold = int(policy_value("asb.case_review.threshold_reports", on))
        months = int(policy_value("asb.case_review.window_months", on))
        since = months_before(on, months)
        days = household_report_days(household_id=asb.case.household_id)
        count = len([d for d in days if since < d <= on])
        raise DomainError(
            CASE_REVIEW_NOT_MET.format(count=count, months=months, threshold=threshold),
            field="case",
        )
    if asb.case_review_told_at is not None:
        raise DomainError(
            CASE_REVIEW_TOLD.format(when=_show(asb.case_review_told_at)), field="case"
        )
    subject = f"Your ASB case {asb.case.reference}: you can ask for a case review"
    _send(actor, asb, to, subject, case_review_text(asb), CASE_REVIEW_ABOUT, at)
    asb_project_household(asb.case.household)
    return _project(asb.case)

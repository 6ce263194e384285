"""Complaint handling under the Housing Ombudsman's Complaint Handling Code: receiving a
complaint (or recording a service request instead), acknowledging it, extending the response,
escalating to stage 2, refusing it for a reason the Code allows, and naming the complaints
officer.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below, on the field it concerns), appends its events, and rebuilds the `Complaint` row from the
case's events in the same transaction (`projections.complaint_project`). Time comes in as `at`
(when Doorstep is told) and `occurred` (when it happened, default `at`). The Code's timescales
are never counted here: the clock engine reads them from these events
(`clocks.families.complaints`); an extension is judged by the engine's own rule
(`complaints.clocks.extension_verdict`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.text import Truncator

from doorstep.appointments.services import message_send
from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import case_assign, case_open, record_on_case
from doorstep.clocks.extensions import NO_REASON, NOT_AGREED, NOT_IN_WRITING, TOO_LATE
from doorstep.complaints.choices import (
    COMPLAINT_DEFINITION,
    OMBUDSMAN_DETAILS,
    SERVICE_REQUEST_DEFINITION,
    Classification,
    ComplaintStatus,
    NotifiedHow,
    RefusalReason,
)
from doorstep.complaints.clocks import extension_verdict
from doorstep.complaints.models import Complaint
from doorstep.complaints.projections import complaint_project
from doorstep.contacts.services import CONTACT_CHANNELS, case_open_from_contact
from doorstep.core.errors import DomainError
from doorstep.residents.models import Household
from doorstep.staff.models import User
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.when import LONDON, When

TEXT_LIMIT = 5000
HANDLE = "complaints.handle_complaint"

NO_HOUSEHOLD = "Say which household the complaint is from."
NO_TEXT = "Write down the complaint as the resident put it: their words are the record."
NO_REQUEST_TEXT = "Write down what the resident asked for, in their words."
TEXT_TOO_LONG = "Keep it to 5,000 characters."
BAD_CHANNEL = "Say how it came in: phone, email, letter, visit, portal or in person."
NOT_A_CONTACT_IN = (
    "Only a contact received from someone (not one sent) can be recorded as a complaint."
)
CONTACT_OTHER_HOUSEHOLD = "That contact was recorded for another household."
CASE_CLOSED = "Case {reference} is closed: reopen it before recording more on it."
NOT_OPEN = "The complaint is {status}: there is no open stage to {action}."
WRONG_STAGE = "The complaint is at stage {current}, not stage {stage}."
ALREADY_ACKNOWLEDGED = "Stage {stage} was already acknowledged on {when}."
BEFORE_OPENED = (
    "That is dated {when}, before the complaint reached this stage on {opened}: record it on or "
    "after then."
)
NO_NEW_DUE = "Give the new date the resident will have the response by."
NO_EXTENSION_REASON = "Give the reason for the extension, as the resident was told it."
BAD_NOTIFIED_HOW = "Say how the resident was told: through Doorstep, by letter, or not in writing."
NO_ADDRESS = "Give the resident's email address or mobile number to send the notice to."
EXTENSION_REFUSED = "This extension would not be valid under the Complaint Handling Code: {why}."
ALREADY_STAGE2 = "The complaint is already at stage 2: the Code has exactly two stages."
ESCALATION_NO_TEXT = "Write down the resident's request to escalate, in their words."
STAGE1_IN_TIME = (
    "Stage 1 is neither answered nor refused and is still in time (the response is due on "
    "{due}): it can be escalated once it is answered or refused, or if the response is late."
)
BAD_REASON_CODE = "Choose a reason the Complaint Handling Code allows: {allowed}."
NO_EXPLANATION = "Explain the reason for not accepting the complaint, as the resident is told it."
OMBUDSMAN_NOT_TOLD = (
    "The resident must be told of their right to take the complaint to the Housing Ombudsman: "
    "confirm the refusal tells them."
)
NOT_COMPLAINTS_STAFF = "{name} cannot handle complaints: choose a member of staff who can."
INVOLVED_AT_STAGE1 = (
    "{name} was involved at stage 1: the Code requires stage 2 to be handled by someone who was "
    "not. Choose another officer."
)

# Where a refusal of the rule is put on the form (anything else: the new date).
EXTENSION_FIELDS = {
    NOT_IN_WRITING: "notified_how",
    NOT_AGREED: "agreed_with_resident",
    NO_REASON: "reason",
}
GIVEN_TOO_LATE = TOO_LATE.split("{", 1)[0]


def _extension_field(problem: str) -> str:
    if problem.startswith(GIVEN_TOO_LATE):
        return "occurred"
    return EXTENSION_FIELDS.get(problem, "new_due")


def _text(value: str, *, missing: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field=field)
    return value


def _show(moment: dt.datetime) -> str:
    """A moment as a housing officer writes the day: '4 November 2025' (in London)."""
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}"


def _title(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(80)


def _origin(
    contact: Event | None, household: Household | None, text: str, occurred: When | None
) -> tuple[Household, str, When | None, str | None]:
    """Where a complaint or service request came from: a contact received (its household, words,
    date and channel), or what the officer gives."""
    if contact is None:
        if household is None:
            raise DomainError(NO_HOUSEHOLD, field="household")
        return household, text, occurred, None
    if contact.kind != "contact.in":
        raise DomainError(NOT_A_CONTACT_IN, field="from_contact")
    if household is not None and contact.household_id != household.pk:
        raise DomainError(CONTACT_OTHER_HOUSEHOLD, field="from_contact")
    if contact.household is None:
        raise DomainError(NO_HOUSEHOLD, field="from_contact")
    words = (text or "").strip() or str(contact.data.get("text") or "")
    return contact.household, words, occurred or When.parse(contact.occurred_text), contact.channel


def _open_case(
    *,
    actor: Model | None,
    case_type: str,
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
            actor=actor, contact=contact, case_type=case_type, title=title, at=at
        )
    return case_open(
        actor=actor,
        case_type=case_type,
        title=title,
        household=household,
        at=at,
        occurred=occurred,
        channel=channel,
    )


# --- receiving -------------------------------------------------------------------------------


@transaction.atomic
def complaint_receive(
    *,
    actor: Model | None,
    text: str,
    at: dt.datetime,
    household: Household | None = None,
    occurred: When | None = None,
    channel: str = Channel.PHONE,
    from_contact: Event | None = None,
    title: str = "",
) -> Complaint:
    """Record a complaint (stage 1): an expression of dissatisfaction, however made, about the
    landlord's service, actions or lack of action; the resident need not say "complaint"
    (Complaint Handling Code 2024, section 1). Opens a complaint case and writes
    `complaint.received` with the complaint as the resident put it. From a contact already on
    the household's record (`from_contact`, a `contact.in`), in one step: the case keeps the
    contact as its origin, and takes its words, date and channel unless given; a contact that
    already opened a case is refused, naming it. `occurred` is when the landlord received it:
    the Code's clocks run from then."""
    household, text, occurred, contact_channel = _origin(from_contact, household, text, occurred)
    text = _text(text, missing=NO_TEXT, field="text")
    channel = contact_channel or channel
    if channel not in CONTACT_CHANNELS:
        raise DomainError(BAD_CHANNEL, field="channel")
    occurred = occurred or When.at(at)
    case = _open_case(
        actor=actor,
        case_type=CaseType.COMPLAINT,
        household=household,
        text=text,
        title=title,
        contact=from_contact,
        occurred=occurred,
        channel=channel,
        at=at,
    )
    record_on_case(
        case=case,
        kind="complaint.received",
        data={
            "stage": 1,
            "text": text,
            "classification": Classification.COMPLAINT.value,
            "definition": str(COMPLAINT_DEFINITION),
        },
        actor=actor,
        at=at,
        occurred=occurred,
        channel=channel,
        summary=f"Complaint received (stage 1): {_title(text)}",
    )
    return _project(case)


@transaction.atomic
def service_request_record(
    *,
    actor: Model | None,
    text: str,
    at: dt.datetime,
    household: Household | None = None,
    occurred: When | None = None,
    channel: str = Channel.PHONE,
    party: str = "",
    from_contact: Event | None = None,
    title: str = "",
) -> Case:
    """Record a service request (a request for action to put something right: Complaint
    Handling Code 2024, section 1) as an enquiry case, not a complaint: no complaint clock runs.
    From a contact, the case keeps it as its origin; otherwise the request is written on the
    case as a `contact.in` in the resident's words. If the resident is later unhappy with how
    it was handled, that is a complaint (`complaint_receive`)."""
    household, text, occurred, contact_channel = _origin(from_contact, household, text, occurred)
    text = _text(text, missing=NO_REQUEST_TEXT, field="text")
    channel = contact_channel or channel
    if channel not in CONTACT_CHANNELS:
        raise DomainError(BAD_CHANNEL, field="channel")
    occurred = occurred or When.at(at)
    case = _open_case(
        actor=actor,
        case_type=CaseType.ENQUIRY,
        household=household,
        text=text,
        title=title,
        contact=from_contact,
        occurred=occurred,
        channel=channel,
        at=at,
    )
    if from_contact is None:
        record_on_case(
            case=case,
            kind="contact.in",
            data={
                "from": (party or "").strip() or "the resident",
                "text": text,
                "classification": Classification.SERVICE_REQUEST.value,
                "definition": str(SERVICE_REQUEST_DEFINITION),
            },
            actor=actor,
            at=at,
            occurred=occurred,
            channel=channel,
            summary=f"Service request: {_title(text)}",
        )
    return case


# --- handling --------------------------------------------------------------------------------


def _project(case: Case) -> Complaint:
    """The case's `Complaint` row, rebuilt from its events (the services wrote a receipt)."""
    complaint = complaint_project(case)
    if complaint is None:  # pragma: no cover - a receipt is always written first
        raise Complaint.DoesNotExist(case.reference)
    return complaint


def _check_open(complaint: Complaint, action: str) -> None:
    if complaint.case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=complaint.case.reference), field="case")
    if not complaint.open:
        status = complaint.get_status_display().lower()
        raise DomainError(NOT_OPEN.format(status=status, action=action), field="stage")


def _check_stage(complaint: Complaint, stage: int) -> None:
    if stage != complaint.stage:
        raise DomainError(WRONG_STAGE.format(current=complaint.stage, stage=stage), field="stage")


def _opened_at(complaint: Complaint) -> dt.datetime:
    if complaint.stage == 2 and complaint.escalated_at is not None:
        return complaint.escalated_at
    return complaint.received_at


def _when(complaint: Complaint, occurred: When | None, at: dt.datetime) -> When:
    occurred = occurred or When.at(at)
    opened = _opened_at(complaint)
    if occurred.latest < opened:
        raise DomainError(
            BEFORE_OPENED.format(when=occurred.display(), opened=_show(opened)),
            field="occurred",
        )
    return occurred


@transaction.atomic
def complaint_acknowledge(
    *,
    actor: Model | None,
    complaint: Complaint,
    stage: int,
    at: dt.datetime,
    occurred: When | None = None,
) -> Complaint:
    """Record the complaint acknowledged at its current stage (defined, logged and the resident
    told): `complaint.acknowledged`. Under the 2024 Code the response is counted from it."""
    _check_open(complaint, "acknowledge")
    _check_stage(complaint, stage)
    done = complaint.acknowledged1_at if stage == 1 else complaint.acknowledged2_at
    if done is not None:
        raise DomainError(ALREADY_ACKNOWLEDGED.format(stage=stage, when=_show(done)), field="stage")
    occurred = _when(complaint, occurred, at)
    record_on_case(
        case=complaint.case,
        kind="complaint.acknowledged",
        data={"stage": stage},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Complaint acknowledged (stage {stage})",
    )
    return _project(complaint.case)


def notice_text(*, complaint: Complaint, stage: int, new_due: dt.date, reason: str) -> str:
    """The written notice of an extension: the reason, the new date and the Ombudsman's
    details (Complaint Handling Code 2024, sections 5.7 and 6.5)."""
    return (
        f"About your complaint {complaint.case.reference} (stage {stage}): we need more time to "
        f"give you our full response. The reason: {reason} We will respond by "
        f"{new_due.day} {new_due:%B %Y}. If you are unhappy with this, you can contact the "
        f"Housing Ombudsman: {OMBUDSMAN_DETAILS}."
    )


@transaction.atomic
def complaint_extend(
    *,
    actor: Model | None,
    complaint: Complaint,
    new_due: dt.date | None,
    reason: str,
    agreed_with_resident: bool,
    notified_how: str,
    at: dt.datetime,
    to: str = "",
    good_reason: str = "",
    occurred: When | None = None,
) -> Complaint:
    """Extend the response at the complaint's current stage to `new_due`, telling the resident
    the reason and the new date in writing: sent through the notifier (`to`, an email address or
    mobile number; logged as a `contact.out`) or by letter (recorded as a `contact.out` by
    letter). Refused, with the rule's own words, where the extension would not be valid
    (`clocks.extensions.extension_problem`): not in writing, after the original due date,
    beyond the Code's further 10 (stage 1) or 20 (stage 2) working days without a good reason,
    or without the resident's agreement where the landlord's policy asks for it."""
    _check_open(complaint, "extend")
    stage = complaint.stage
    if new_due is None:
        raise DomainError(NO_NEW_DUE, field="new_due")
    reason = _text(reason, missing=NO_EXTENSION_REASON, field="reason")
    if notified_how not in NotifiedHow.values:
        raise DomainError(BAD_NOTIFIED_HOW, field="notified_how")
    to = (to or "").strip()
    if notified_how == NotifiedHow.NOTIFIER and not to:
        raise DomainError(NO_ADDRESS, field="to")
    occurred = _when(complaint, occurred, at)
    data: dict[str, Any] = {
        "stage": stage,
        "new_due": new_due.isoformat(),
        "reason": reason,
        "agreed_with_resident": bool(agreed_with_resident),
        "in_writing": notified_how != NotifiedHow.NOT_IN_WRITING,
        "notified_how": notified_how,
    }
    if (good_reason or "").strip():
        data["good_reason"] = _text(good_reason, missing="", field="good_reason")
    verdict = extension_verdict(case=complaint.case, data=data, occurred=occurred)
    if verdict.problem is not None:
        raise DomainError(
            EXTENSION_REFUSED.format(why=verdict.problem), field=_extension_field(verdict.problem)
        )
    record_on_case(
        case=complaint.case,
        kind="complaint.extended",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Stage {stage} response extended to {new_due.day} {new_due:%B %Y}",
    )
    _send_notice(actor, complaint, stage, new_due, reason, notified_how, to, at)
    return _project(complaint.case)


def _send_notice(
    actor: Model | None,
    complaint: Complaint,
    stage: int,
    new_due: dt.date,
    reason: str,
    how: str,
    to: str,
    at: dt.datetime,
) -> None:
    text = notice_text(complaint=complaint, stage=stage, new_due=new_due, reason=reason)
    subject = f"Your complaint {complaint.case.reference}: more time needed"
    if how == NotifiedHow.NOTIFIER:
        message_send(
            actor=actor,
            case=complaint.case,
            to=to,
            subject=subject,
            text=text,
            at=at,
            also={"complaint": complaint.case.reference},
        )
    elif how == NotifiedHow.LETTER:
        record_on_case(
            case=complaint.case,
            kind="contact.out",
            data={"to": to or "the resident", "text": text, "subject": subject},
            actor=actor,
            at=at,
            channel=Channel.LETTER,
            summary=f"Letter: {subject}",
        )


@transaction.atomic
def complaint_escalate(
    *,
    actor: Model | None,
    complaint: Complaint,
    text: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> Complaint:
    """Escalate the complaint to stage 2 at the resident's request, in their words
    (`complaint.escalated`).

    What the Code allows (Complaint Handling Code 2024, sections 5 and 6): there are exactly
    two stages, so a complaint at stage 2 cannot be escalated again. Stage 2 follows a stage 1
    that did not resolve the complaint to the resident's satisfaction: once stage 1 has been
    answered (the resident need not give reasons for escalating, and the landlord must not
    refuse the request unreasonably) or refused (a refusal is the landlord's decision at stage
    1, which the resident may ask to be reviewed). Where stage 1 is not answered within the
    Code's timescale (as validly extended), the resident need not wait for an answer that is
    already late: the request to escalate is accepted. Before then, stage 1 is still running
    and the request is refused, saying when the response is due."""
    if complaint.case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=complaint.case.reference), field="case")
    if complaint.stage == 2:
        raise DomainError(ALREADY_STAGE2, field="stage")
    text = _text(text, missing=ESCALATION_NO_TEXT, field="text")
    occurred = _when(complaint, occurred, at)
    finished = complaint.status in (ComplaintStatus.STAGE1_ANSWERED, ComplaintStatus.REFUSED)
    due = complaint.response_due
    late = due is not None and occurred.earliest_date > due
    if not (finished or late):
        shown = f"{due.day} {due:%B %Y}" if due else "not yet worked out"
        raise DomainError(STAGE1_IN_TIME.format(due=shown), field="stage")
    record_on_case(
        case=complaint.case,
        kind="complaint.escalated",
        data={"stage": 2, "text": text},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Complaint escalated to stage 2: {_title(text)}",
    )
    return _project(complaint.case)


@transaction.atomic
def complaint_refuse(
    *,
    actor: Model | None,
    complaint: Complaint,
    reason_code: str,
    explanation: str,
    ombudsman_informed: bool,
    at: dt.datetime,
    occurred: When | None = None,
) -> Complaint:
    """Decline to accept the complaint at its current stage, for a reason the Code allows
    (`RefusalReason`: over 12 months old, legal proceedings started, already handled under the
    procedure, a service request rather than a complaint, or another reason explained),
    telling the resident why and of their right to go to the Housing Ombudsman (Complaint
    Handling Code 2024, section 4): `complaint.refused` records both."""
    _check_open(complaint, "refuse")
    if reason_code not in RefusalReason.values:
        allowed = "; ".join(str(r.label).lower() for r in RefusalReason)
        raise DomainError(BAD_REASON_CODE.format(allowed=allowed), field="reason_code")
    explanation = (explanation or "").strip()
    if reason_code == RefusalReason.OTHER and not explanation:
        raise DomainError(NO_EXPLANATION, field="explanation")
    if len(explanation) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field="explanation")
    if ombudsman_informed is not True:
        raise DomainError(OMBUDSMAN_NOT_TOLD, field="ombudsman_informed")
    occurred = _when(complaint, occurred, at)
    label = str(RefusalReason(reason_code).label)
    reason = f"{label}: {explanation}" if explanation else label
    record_on_case(
        case=complaint.case,
        kind="complaint.refused",
        data={
            "stage": complaint.stage,
            "reason": reason,
            "reason_code": reason_code,
            "ombudsman_informed": True,
        },
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Complaint not accepted at stage {complaint.stage}: {label}",
    )
    return _project(complaint.case)


@transaction.atomic
def complaint_assign(
    *, actor: Model | None, complaint: Complaint, officer: User, at: dt.datetime
) -> Complaint:
    """Name the complaints officer for the current stage (a `case.assigned` naming them). At
    stage 2 it must be someone not involved at stage 1 (Complaint Handling Code 2024, section
    6): not its officer, nor anyone who acknowledged, extended, refused or answered it."""
    _check_open(complaint, "assign")
    name = actor_name_of(officer)
    if not (officer.is_active and officer.has_perm(HANDLE)):
        raise DomainError(NOT_COMPLAINTS_STAFF.format(name=name), field="officer")
    if complaint.stage == 2 and officer.get_username() in complaint.stage1_involved:
        raise DomainError(INVOLVED_AT_STAGE1.format(name=name), field="officer")
    case_assign(actor=actor, case=complaint.case, officer=officer, at=at)
    return _project(complaint.case)

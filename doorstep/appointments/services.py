"""Booking, moving, cancelling, attending and missing appointments, and the messages sent
about them.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below), appends its events on the appointment's case, and updates the `Appointment` row in the
same transaction. Time comes in as `at`; nothing here reads the clock.

A landlord's move or cancellation must say whether the resident was told (never left out) and,
where they were, how. Told "through Doorstep" sends the message now, through the configured
notifier (`notify`), and logs it as a `contact.out` with the delivery status; a later status is
a new `notification.status` event. Attending with outcome `completed` is the contractor's word,
a claim (`works.completed`, through the promise ledger's `commitment_claim_done`): it never
verifies anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model

from doorstep.appointments.choices import (
    PENDING,
    By,
    InformedHow,
    Outcome,
    Purpose,
    Slot,
    Status,
)
from doorstep.appointments.models import Appointment
from doorstep.appointments.notify import Delivery, Message, notifier, send_or_fail
from doorstep.appointments.notify.base import FAILED
from doorstep.cases.choices import CaseStatus
from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.commitments.choices import ClaimedBy, Recorded
from doorstep.commitments.models import Commitment
from doorstep.commitments.projections import commitments_project
from doorstep.commitments.services import commitment_claim_done
from doorstep.core.errors import DomainError, NotPermitted
from doorstep.core.references import next_reference
from doorstep.repairs.models import Job
from doorstep.repairs.services import job_project
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.services import stream_key
from doorstep.timeline.when import LONDON, When

PREFIX = "APT"

CASE_CLOSED = "Case {reference} is closed: reopen it before booking an appointment."
BAD_PURPOSE = "Choose what the visit is for: works, an inspection or a survey."
JOB_NEEDED = "Choose the job the works appointment is for."
UNKNOWN_JOB = "There is no job {job!r} on case {case}."
ITEMS_WITHOUT_JOB = "Items belong to a job: choose the job, or leave the items out."
UNKNOWN_ITEM = "Job {job} has no item {item!r}. Its items are: {known}."
IN_THE_PAST = "The appointment date, {date}, is in the past: choose today or a later date."
BAD_SLOT = "Choose the slot: morning, afternoon, all day or a time window."
WINDOW_NEEDED = "Give the time window: when it starts and when it ends."
WINDOW_BACKWARDS = "The time window must end after it starts ({start} to {end})."
FOR_TOO_LONG = "Keep what the visit is for to 100 characters."
NOT_PENDING = (
    "Appointment {ref} is {status}: only a booked appointment can be moved, cancelled, "
    "attended or missed. Book a new one."
)
NOTHING_MOVED = "The appointment is already on {date}, {slot}: choose another date or slot."
BAD_BY = "Say who made the change: the landlord (or its contractor) or the resident."
BAD_MISSED_BY = "Say who missed it: the landlord (or its contractor) or the resident."
INFORMED_NEEDED = (
    "Say whether the resident was told: a change by the landlord must record it, yes or no."
)
HOW_NEEDED = "Say how the resident was told, or choose to send a message through Doorstep."
BAD_HOW = "Choose how the resident was told from the list."
NOTIFY_TO_NEEDED = (
    "Give the resident's email address or mobile number to send the message through Doorstep."
)
REASON_NEEDED = "Give the reason the appointment is cancelled."
BAD_OUTCOME = "Choose what happened: completed, partly done, no access or not started."
OUTCOME_REASON_NEEDED = "Say why the works were not completed."
ATTENDED_BEFORE_DATE = (
    "Appointment {ref} is on {date}: it cannot be recorded attended before its day."
)
MISSED_BEFORE_DATE = "Appointment {ref} is on {date}: it cannot be missed before its day."
NOT_YOUR_JOB = "Your firm is not doing this job, so it cannot record this appointment."


def _local(at: dt.datetime) -> dt.date:
    return at.astimezone(LONDON).date()


def _day(date: dt.date) -> str:
    return When.on(date).display()


def _check_slot(
    slot: str, window_start: dt.time | None, window_end: dt.time | None
) -> dict[str, Any]:
    if slot not in Slot.values:
        raise DomainError(BAD_SLOT, field="slot")
    if slot != Slot.WINDOW:
        return {"slot": slot}
    if window_start is None or window_end is None:
        raise DomainError(WINDOW_NEEDED, field="window_start" if not window_start else "window_end")
    if window_end <= window_start:
        raise DomainError(
            WINDOW_BACKWARDS.format(start=f"{window_start:%H:%M}", end=f"{window_end:%H:%M}"),
            field="window_end",
        )
    return {
        "slot": slot,
        "window": {"start": f"{window_start:%H:%M}", "end": f"{window_end:%H:%M}"},
    }


def _check_date(date: dt.date, at: dt.datetime) -> None:
    if date < _local(at):
        raise DomainError(IN_THE_PAST.format(date=_day(date)), field="date")


def _job(case: Case, reference: str) -> Job | None:
    reference = reference.strip()
    if not reference:
        return None
    job = Job.objects.filter(case=case, reference__iexact=reference).first()
    if job is None:
        raise DomainError(UNKNOWN_JOB.format(job=reference, case=case.reference), field="job")
    return job


def _items(job: Job | None, items: Sequence[str]) -> list[str]:
    wanted = [str(i).strip() for i in items if str(i).strip()]
    if not wanted:
        return []
    if job is None:
        raise DomainError(ITEMS_WITHOUT_JOB, field="items")
    known = list(job.items.values_list("item_id", flat=True))
    for n, item in enumerate(wanted):
        if item not in known:
            raise DomainError(
                UNKNOWN_ITEM.format(job=job.reference, item=item, known=", ".join(known)),
                field=f"items.{n}",
            )
    return wanted


@transaction.atomic
def appointment_book(
    *,
    actor: Model | None,
    case: Case,
    date: dt.date,
    at: dt.datetime,
    purpose: str = Purpose.WORKS,
    job: str = "",
    for_ref: str = "",
    slot: str = Slot.ALL_DAY,
    window_start: dt.time | None = None,
    window_end: dt.time | None = None,
    items: Sequence[str] = (),
) -> Appointment:
    """Book a visit on the case: for a job's works (`job`, its reference on this case, and
    optionally which of its items), or for an inspection or survey (`for_ref` names it; default
    the case). A date before today is refused, and so is a job the case does not have."""
    if case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=case.reference), field="case")
    if purpose not in Purpose.values:
        raise DomainError(BAD_PURPOSE, field="purpose")
    found = _job(case, job)
    if purpose == Purpose.WORKS and found is None:
        raise DomainError(JOB_NEEDED, field="job")
    listed = _items(found, items)
    _check_date(date, at)
    slot_data = _check_slot(slot, window_start, window_end)
    target = found.reference if found is not None else (for_ref.strip() or case.reference)
    if len(target) > 100:
        raise DomainError(FOR_TOO_LONG, field="for_ref")
    reference = next_reference(PREFIX, _local(at).year)
    data: dict[str, Any] = {
        "appointment": reference,
        "for": target,
        "date": date.isoformat(),
        "purpose": purpose,
        **slot_data,
        "items": listed,
    }
    if found is not None:
        data["job"] = found.reference
    event = record_on_case(
        case=case,
        kind="appointment.booked",
        data=data,
        actor=actor,
        at=at,
        summary=f"Appointment {reference} booked for {target}: {_day(date)}, "
        f"{_slot_words(slot_data)}",
    )
    return Appointment.objects.create(
        reference=reference,
        case=case,
        property=case.property,
        household=case.household,
        job=found,
        purpose=purpose,
        for_ref=target,
        date=date,
        slot=slot,
        window_start=window_start if slot == Slot.WINDOW else None,
        window_end=window_end if slot == Slot.WINDOW else None,
        items=listed,
        status=Status.BOOKED,
        booked_at=at,
        booked_by_name=event.actor_name,
    )


def _slot_words(slot_data: dict[str, Any]) -> str:
    window = slot_data.get("window")
    if window:
        return f"{window['start']} to {window['end']}"
    return str(Slot(slot_data["slot"]).label).lower()


def _pending(appointment: Appointment) -> None:
    if appointment.status not in PENDING:
        status = Status(appointment.status).label.lower()
        raise DomainError(NOT_PENDING.format(ref=appointment.reference, status=status))


def _told(
    by: str, resident_informed: bool | None, informed_how: str, notify_to: str
) -> dict[str, Any]:
    """Whether (and how) the resident was told of a change: a landlord's must say."""
    if by not in By.values:
        raise DomainError(BAD_BY, field="by")
    if resident_informed is None:
        if by == By.LANDLORD:
            raise DomainError(INFORMED_NEEDED, field="resident_informed")
        resident_informed = True  # the resident asked for it
    told: dict[str, Any] = {"by": by, "resident_informed": resident_informed}
    if not resident_informed:
        return told
    how = informed_how.strip()
    if not how:
        if by == By.LANDLORD:
            raise DomainError(HOW_NEEDED, field="informed_how")
        return told
    if how not in InformedHow.values:
        raise DomainError(BAD_HOW, field="informed_how")
    if how == InformedHow.DOORSTEP and not notify_to.strip():
        raise DomainError(NOTIFY_TO_NEEDED, field="notify_to")
    return told | {"informed_how": how}


def _contractor_check(actor: Model | None, appointment: Appointment) -> None:
    contractor_id = getattr(actor, "contractor_id", None)
    if contractor_id is None:
        return
    if appointment.job is None or appointment.job.contractor_id != contractor_id:
        raise NotPermitted(NOT_YOUR_JOB)


@transaction.atomic
def appointment_move(
    *,
    actor: Model | None,
    appointment: Appointment,
    date: dt.date,
    by: str,
    resident_informed: bool | None,
    at: dt.datetime,
    slot: str = Slot.ALL_DAY,
    window_start: dt.time | None = None,
    window_end: dt.time | None = None,
    informed_how: str = "",
    notify_to: str = "",
    reason: str = "",
) -> Appointment:
    """Move a booked appointment to another date (and slot), by the landlord or at the
    resident's request. A landlord's move must say whether the resident was told and, if so,
    how; `informed_how="doorstep"` sends the message to `notify_to` now."""
    _pending(appointment)
    _check_date(date, at)
    slot_data = _check_slot(slot, window_start, window_end)
    told = _told(by, resident_informed, informed_how, notify_to)
    same_window = (appointment.window_start, appointment.window_end) == (
        (window_start, window_end) if slot == Slot.WINDOW else (None, None)
    )
    if date == appointment.date and slot == appointment.slot and same_window:
        raise DomainError(
            NOTHING_MOVED.format(date=_day(date), slot=_slot_words(slot_data)), field="date"
        )
    data: dict[str, Any] = {
        "appointment": appointment.reference,
        "date": date.isoformat(),
        **told,
        "reason": reason.strip() or None,
        **slot_data,
        "from_date": appointment.date.isoformat(),
    }
    record_on_case(
        case=appointment.case,
        kind="appointment.moved",
        data=data,
        actor=actor,
        at=at,
        summary=f"Appointment {appointment.reference} moved by the {by} to {_day(date)}, "
        f"{_slot_words(slot_data)}",
    )
    appointment.date, appointment.slot = date, slot
    appointment.window_start = window_start if slot == Slot.WINDOW else None
    appointment.window_end = window_end if slot == Slot.WINDOW else None
    appointment.status = Status.MOVED
    appointment.save(update_fields=["date", "slot", "window_start", "window_end", "status"])
    if told.get("informed_how") == InformedHow.DOORSTEP:
        words = (
            f"Your appointment {appointment.reference} has moved to {_day(date)}, "
            f"{_slot_words(slot_data)}."
        )
        notification_send(
            actor=actor,
            appointment=appointment,
            to=notify_to,
            subject="Your appointment has moved",
            text=words + (f" Reason: {reason.strip()}" if reason.strip() else ""),
            at=at,
        )
    return appointment


@transaction.atomic
def appointment_cancel(
    *,
    actor: Model | None,
    appointment: Appointment,
    by: str,
    resident_informed: bool | None,
    reason: str,
    at: dt.datetime,
    informed_how: str = "",
    notify_to: str = "",
) -> Appointment:
    """Cancel a booked appointment, with the reason, by the landlord or the resident. A
    landlord's cancellation must say whether the resident was told and, if so, how."""
    _pending(appointment)
    told = _told(by, resident_informed, informed_how, notify_to)
    reason = reason.strip()
    if not reason:
        raise DomainError(REASON_NEEDED, field="reason")
    record_on_case(
        case=appointment.case,
        kind="appointment.cancelled",
        data={"appointment": appointment.reference, **told, "reason": reason},
        actor=actor,
        at=at,
        summary=f"Appointment {appointment.reference} cancelled by the {by}: {reason}",
    )
    appointment.status = Status.CANCELLED
    appointment.save(update_fields=["status"])
    if told.get("informed_how") == InformedHow.DOORSTEP:
        notification_send(
            actor=actor,
            appointment=appointment,
            to=notify_to,
            subject="Your appointment is cancelled",
            text=f"Your appointment {appointment.reference} on {_day(appointment.date)} is "
            f"cancelled. Reason: {reason}",
            at=at,
        )
    return appointment


def _claim_done(actor: Model | None, appointment: Appointment, at: dt.datetime) -> None:
    """The works are said to be done: a claim through the promise ledger for each commitment
    still owed for the job, or (where none is) a `works.completed` naming the job."""
    job = appointment.job
    if job is None:
        return
    contractor_id = getattr(actor, "contractor_id", None)
    claimed_by = ClaimedBy.CONTRACTOR if contractor_id is not None else ClaimedBy.STAFF
    case = appointment.case
    owed = Commitment.objects.filter(
        stream__key=stream_key(household=case.household, property=case.property),
        job=job.reference,
        state__in=(Recorded.OPEN, Recorded.CONTRADICTED),
    ).select_related("case")
    if contractor_id is not None:
        owed = owed.filter(case__contractor_id=contractor_id)
    claimed = False
    for pk in owed.values_list("pk", flat=True):
        commitment = Commitment.objects.select_related("case").get(pk=pk)
        if commitment.state not in (Recorded.OPEN, Recorded.CONTRADICTED):
            continue  # an earlier claim of the same job in this loop covered it
        commitment_claim_done(
            actor=actor,
            commitment=commitment,
            claimed_by=claimed_by,
            completed_on=When.on(_local(at)),
            at=at,
        )
        claimed = True
    if not claimed:
        who = ClaimedBy(claimed_by).label
        event = record_on_case(
            case=case,
            kind="works.completed",
            data={
                "job": job.reference,
                "items": list(appointment.items)
                or list(job.items.values_list("item_id", flat=True)),
                "completed_on": _local(at).isoformat(),
                "claimed_by": claimed_by,
                "appointment": appointment.reference,
            },
            actor=actor,
            at=at,
            summary=f"{who} says job {job.reference} is done (a claim until verified)",
        )
        commitments_project(stream=event.stream)  # the ledger reads a claim of the job
    job_project(job)


@transaction.atomic
def appointment_attend(
    *,
    actor: Model | None,
    appointment: Appointment,
    outcome: str,
    at: dt.datetime,
    reason: str = "",
) -> Appointment:
    """Record that the visit happened, and its outcome: completed (a claim that the works are
    done, never a verification), partly done, no access or not started (each with the reason).
    A contractor records only its own firm's jobs' appointments. Not before the day."""
    _contractor_check(actor, appointment)
    _pending(appointment)
    if outcome not in Outcome.values:
        raise DomainError(BAD_OUTCOME, field="outcome")
    reason = reason.strip()
    if outcome != Outcome.COMPLETED and not reason:
        raise DomainError(OUTCOME_REASON_NEEDED, field="reason")
    if _local(at) < appointment.date:
        raise DomainError(
            ATTENDED_BEFORE_DATE.format(ref=appointment.reference, date=_day(appointment.date))
        )
    words = Outcome(outcome).label.lower()
    record_on_case(
        case=appointment.case,
        kind="appointment.attended",
        data={"appointment": appointment.reference, "outcome": outcome, "reason": reason or None},
        actor=actor,
        at=at,
        summary=f"Appointment {appointment.reference} attended: {words}"
        + (f": {reason}" if reason else ""),
    )
    appointment.status = Status.ATTENDED
    appointment.save(update_fields=["status"])
    if outcome == Outcome.COMPLETED:
        _claim_done(actor, appointment, at)
    return appointment


@transaction.atomic
def appointment_miss(
    *, actor: Model | None, appointment: Appointment, by: str, at: dt.datetime, reason: str = ""
) -> Appointment:
    """Record that the appointment was missed: by the landlord or its contractor (nobody
    came) or by the resident (nobody was in). Not before the day."""
    _contractor_check(actor, appointment)
    _pending(appointment)
    if by not in By.values:
        raise DomainError(BAD_MISSED_BY, field="by")
    if _local(at) < appointment.date:
        raise DomainError(
            MISSED_BEFORE_DATE.format(ref=appointment.reference, date=_day(appointment.date))
        )
    reason = reason.strip()
    record_on_case(
        case=appointment.case,
        kind="appointment.missed",
        data={"appointment": appointment.reference, "by": by, "reason": reason or None},
        actor=actor,
        at=at,
        summary=f"Appointment {appointment.reference} missed by the {by}"
        + (f": {reason}" if reason else ""),
    )
    appointment.status = Status.MISSED
    appointment.save(update_fields=["status"])
    return appointment


# --- messages to residents -------------------------------------------------------------------


def message_send(
    *,
    actor: Model | None,
    case: Case,
    to: str,
    subject: str,
    text: str,
    at: dt.datetime,
    about: str = "",
    also: Mapping[str, Any] | None = None,
) -> Event:
    """Send a message to the resident through the configured notifier (ADR 10), and log it on
    the case as a `contact.out` with what the provider said (status, its id). `about` is the
    reference the message concerns (an appointment, a letter), kept with the message; `also`
    adds fields to the logged `notification` (what a later delivery status names).

    Used for appointment messages (`notification_send`) and complaint responses
    (`responses.services.response_send`)."""
    message = Message(to=to.strip(), text=text, subject=subject, appointment=about)
    delivery: Delivery = notifier().send(message, at=at)
    channel = Channel.EMAIL if message.channel == "email" else Channel.PHONE
    sent = record_on_case(
        case=case,
        kind="contact.out",
        data={
            "to": message.to,
            "text": text,
            "subject": subject,
            # What the message concerns (an appointment's reference, `asb.case_review`...): the
            # replay reads it to know what the resident was told.
            **({"about": about} if about else {}),
            "notification": {
                "provider": delivery.provider,
                "channel": message.channel,
                "status": delivery.status,
                "provider_id": delivery.provider_id or None,
                "detail": delivery.detail or None,
                **(also or {}),
            },
        },
        actor=actor,
        at=at,
        channel=channel,
        summary=f"Message to {message.to} ({delivery.provider}, {delivery.status}): {text[:120]}",
    )
    if delivery.status == FAILED:
        _retry_later(sent, attempt=2, at=at)
    return sent


GAVE_UP = "gave_up"
ATTEMPT = "Attempt {attempt} of {attempts}"
RETRY_AT = "sent again after {when}"
GIVEN_UP = (
    "Not sent after {attempts} attempts over {over}; the last: {detail}. Reach the resident "
    "another way and record it."
)
SUPERSEDED = "superseded"
SUPERSEDED_BY = (
    "Not sent again: a later message about the same thing was sent on {when:%-d %B %Y at %H:%M}."
)
NOT_SENT_ALREADY = "The message {uid} was delivered or given up on already: nothing to send."


def _attempts() -> int:
    """Every attempt a message gets: the first, then one after each retry delay."""
    return 1 + len(settings.DOORSTEP_NOTIFY_RETRY_MINUTES)


def _retry_later(contact: Event, *, attempt: int, at: dt.datetime) -> None:
    """Queue attempt number `attempt` of a message the provider refused, after the configured
    delay (`DOORSTEP_NOTIFY_RETRY_MINUTES`), for the worker (ADR 22). The task's row is
    written in the caller's transaction: the refusal on the record and the retry it owes
    are kept together or not at all."""
    delays = settings.DOORSTEP_NOTIFY_RETRY_MINUTES
    if attempt - 2 >= len(delays):
        return
    from doorstep.appointments.tasks import notification_retry

    run_after = at + dt.timedelta(minutes=delays[attempt - 2])
    notification_retry.using(run_after=run_after).enqueue(str(contact.uid), attempt)


def _final_status(contact: Event) -> str | None:
    """The latest delivery status recorded of a message: its own, or a later event's."""
    statuses = Event.objects.filter(
        case=contact.case, kind="notification.status", data__contact=str(contact.uid)
    ).order_by("-id")
    latest = statuses.values_list("data__status", flat=True).first()
    if latest is not None:
        return str(latest)
    notification = contact.data.get("notification") or {}
    return str(notification.get("status") or "")


@transaction.atomic
def notification_retry_send(*, uid: str, attempt: int, at: dt.datetime) -> Event | None:
    """Send again a message the provider refused (the worker's task): the attempt's outcome
    is a `notification.status` naming the message, with the attempt's number; a refusal
    queues the next attempt, or after the last says it was given up on, and why, so the
    case shows that the resident must be reached another way. Nothing is sent where the
    message was since delivered or given up on (a status recorded by hand, or a callback)."""
    contact = Event.objects.select_for_update().filter(uid=uid, kind="contact.out").first()
    notification = contact.data.get("notification") if contact is not None else None
    if contact is None or not isinstance(notification, dict) or contact.case is None:
        raise DomainError(NOT_A_NOTIFICATION, field="contact")
    if _final_status(contact) != FAILED:
        return None
    newer = _newer_message(contact)
    if newer is not None:
        return notification_status_record(
            actor=None,
            contact=contact,
            status=SUPERSEDED,
            at=at,
            detail=SUPERSEDED_BY.format(when=newer.recorded_at.astimezone(LONDON)),
        )
    message = Message(
        to=str(contact.data.get("to") or ""),
        text=str(contact.data.get("text") or ""),
        subject=str(contact.data.get("subject") or ""),
        appointment=str(contact.data.get("about") or ""),
    )
    provider = str(notification.get("provider") or "unknown")
    delivery = send_or_fail(notifier, message, at=at, provider=provider)
    attempts = _attempts()
    detail = ATTEMPT.format(attempt=attempt, attempts=attempts)
    if delivery.detail:
        detail += f": {delivery.detail}"
    recorded = notification_status_record(
        actor=None,
        contact=contact,
        status=delivery.status,
        at=at,
        detail=detail,
        provider_id=delivery.provider_id,
    )
    if delivery.status != FAILED:
        return recorded
    if attempt < attempts:
        _retry_later(contact, attempt=attempt + 1, at=at)
        return recorded
    return notification_status_record(
        actor=None,
        contact=contact,
        status=GAVE_UP,
        at=at,
        detail=GIVEN_UP.format(
            attempts=attempts,
            over=_spoken(sum(settings.DOORSTEP_NOTIFY_RETRY_MINUTES)),
            detail=delivery.detail or "no reason given",
        ),
    )


def _spoken(minutes: int) -> str:
    if minutes < 120:
        return f"{minutes} minute{'' if minutes == 1 else 's'}"
    return f"{minutes / 60:.0f} hours"


def _newer_message(contact: Event) -> Event | None:
    """A later message on the case about the same thing (an appointment moved again, a
    letter sent anew): sending the refused one again would tell the resident what is no
    longer so."""
    about = contact.data.get("about")
    if not about:
        return None
    return (
        Event.objects.filter(case=contact.case, kind="contact.out", data__about=about)
        .filter(id__gt=contact.id)
        .order_by("id")
        .first()
    )


def notification_send(
    *,
    actor: Model | None,
    appointment: Appointment,
    to: str,
    subject: str,
    text: str,
    at: dt.datetime,
) -> Event:
    """Send a message about the appointment through the configured notifier, and log it on
    the case as a `contact.out` with what the provider said (status, its id)."""
    return message_send(
        actor=actor,
        case=appointment.case,
        to=to,
        subject=subject,
        text=text,
        at=at,
        about=appointment.reference,
        also={"appointment": appointment.reference},
    )


NOT_A_NOTIFICATION = "That entry is not a message Doorstep sent, so it has no delivery status."
STATUS_NEEDED = "Give the delivery status the provider reported."


@transaction.atomic
def notification_status_record(
    *,
    actor: Model | None,
    contact: Event,
    status: str,
    at: dt.datetime,
    detail: str = "",
    provider_id: str = "",
) -> Event:
    """Record a later delivery status of a message Doorstep sent (a Notify callback, or a
    check with the provider): a new event naming the `contact.out`; the contact is never
    edited."""
    notification = contact.data.get("notification") if contact.kind == "contact.out" else None
    if not isinstance(notification, dict) or contact.case is None:
        raise DomainError(NOT_A_NOTIFICATION, field="contact")
    status = status.strip()
    if not status:
        raise DomainError(STATUS_NEEDED, field="status")
    return record_on_case(
        case=contact.case,
        kind="notification.status",
        data={
            "contact": str(contact.uid),
            "provider": notification.get("provider") or "unknown",
            # A message sent again has the provider's new id, to ask about it later by.
            "provider_id": provider_id or notification.get("provider_id"),
            "status": status,
            "detail": detail.strip() or None,
            "appointment": notification.get("appointment"),
        },
        actor=actor,
        at=at,
        summary=f"Message to {contact.data.get('to')}: {status}",
    )

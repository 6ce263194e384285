"""Appointments: book a visit on a case (for a job's works, or an inspection or survey), list a
case's, read one with its history; move, cancel, and record it attended or missed.

A landlord's move or cancellation must say whether the resident was told, and how; told
through Doorstep, the message is sent and logged. A contractor sees, and records, only the
appointments of its own firm's jobs; any other is reported as not found.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.appointments import selectors as appointments
from doorstep.appointments import services
from doorstep.appointments.schemas import (
    AppointmentIn,
    AppointmentOut,
    AttendIn,
    CancelIn,
    MissIn,
    MoveIn,
)

router = Router(tags=["appointments"])


def _shown(request: HttpRequest, reference: str) -> Any:
    found = appointments.appointment_visible(reference=reference, user=caller(request))
    return appointments.appointment_view(appointment=found)


def _booked(request: HttpRequest, first: IntakeRecord, reference: Reference, **_: Any) -> Any:
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    found = only(
        appointments.appointments_booked_by(user=user, case=case, moment=first.received_at)
    )
    return appointments.appointment_view(appointment=found)


@router.post(
    "/cases/{reference}/appointments",
    response=responds(201, AppointmentOut),
    auth=requires("appointments.add_appointment"),
)
@idempotent(_booked)
def appointment_create(request: HttpRequest, reference: Reference, payload: AppointmentIn) -> Any:
    """Book a visit on the case: for a job's works (`job`, a job of this case, and optionally
    which of its items), or an inspection or survey (`for_ref`). A date before today, or a job
    the case does not have, is refused naming the field."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    booked = services.appointment_book(
        actor=user,
        case=case,
        purpose=payload.purpose,
        job=payload.job,
        for_ref=payload.for_ref,
        date=payload.date,
        slot=payload.slot,
        window_start=payload.window_start,
        window_end=payload.window_end,
        items=payload.items,
        at=received_at(request),
    )
    return Status(201, appointments.appointment_view(appointment=booked))


@router.get(
    "/cases/{reference}/appointments",
    response=responds(200, list[AppointmentOut]),
    auth=requires("appointments.view_appointment"),
)
@paginate(LimitOffsetPagination)
def appointment_list(request: HttpRequest, reference: Reference) -> Any:
    """The case's appointments, soonest first, each with its history."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    return appointments.appointments_for_case(case=case, user=user)


@router.get(
    "/appointments/{reference}",
    response=responds(200, AppointmentOut),
    auth=requires("appointments.view_appointment"),
)
def appointment_read(request: HttpRequest, reference: Reference) -> Any:
    """An appointment, where it stands, and its history (and the messages sent about it)."""
    return _shown(request, reference)


def _again(request: HttpRequest, first: IntakeRecord, reference: Reference, **_: Any) -> Any:
    return _shown(request, reference)


def _visible(request: HttpRequest, reference: str) -> Any:
    return appointments.appointment_visible(reference=reference, user=caller(request))


@router.post(
    "/appointments/{reference}/moves",
    response=responds(201, AppointmentOut),
    auth=requires("appointments.change_appointment"),
)
@idempotent(_again)
def appointment_move(request: HttpRequest, reference: Reference, payload: MoveIn) -> Any:
    """Move the appointment to another day (and slot). A landlord's move must say whether the
    resident was told (`resident_informed`) and, if so, how (`informed_how`)."""
    moved = services.appointment_move(
        actor=caller(request),
        appointment=_visible(request, reference),
        date=payload.date,
        slot=payload.slot,
        window_start=payload.window_start,
        window_end=payload.window_end,
        by=payload.by,
        resident_informed=payload.resident_informed,
        informed_how=payload.informed_how or "",
        notify_to=payload.notify_to,
        reason=payload.reason,
        at=received_at(request),
    )
    return Status(201, appointments.appointment_view(appointment=moved))


@router.post(
    "/appointments/{reference}/cancellation",
    response=responds(201, AppointmentOut),
    auth=requires("appointments.change_appointment"),
)
@idempotent(_again)
def appointment_cancel(request: HttpRequest, reference: Reference, payload: CancelIn) -> Any:
    """Cancel the appointment, with the reason. A landlord's cancellation must say whether the
    resident was told and, if so, how."""
    cancelled = services.appointment_cancel(
        actor=caller(request),
        appointment=_visible(request, reference),
        by=payload.by,
        resident_informed=payload.resident_informed,
        informed_how=payload.informed_how or "",
        notify_to=payload.notify_to,
        reason=payload.reason,
        at=received_at(request),
    )
    return Status(201, appointments.appointment_view(appointment=cancelled))


@router.post(
    "/appointments/{reference}/attendance",
    response=responds(201, AppointmentOut),
    auth=requires("appointments.attend_appointment"),
)
@idempotent(_again)
def appointment_attend(request: HttpRequest, reference: Reference, payload: AttendIn) -> Any:
    """Record that the visit happened and its outcome (not before its day). `completed` is a
    claim that the job's works are done, never a verification."""
    attended = services.appointment_attend(
        actor=caller(request),
        appointment=_visible(request, reference),
        outcome=payload.outcome,
        reason=payload.reason,
        at=received_at(request),
    )
    return Status(201, appointments.appointment_view(appointment=attended))


@router.post(
    "/appointments/{reference}/missed",
    response=responds(201, AppointmentOut),
    auth=requires("appointments.attend_appointment"),
)
@idempotent(_again)
def appointment_miss(request: HttpRequest, reference: Reference, payload: MissIn) -> Any:
    """Record that the appointment was missed, and by whom (not before its day)."""
    missed = services.appointment_miss(
        actor=caller(request),
        appointment=_visible(request, reference),
        by=payload.by,
        reason=payload.reason,
        at=received_at(request),
    )
    return Status(201, appointments.appointment_view(appointment=missed))

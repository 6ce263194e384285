"""Reading appointments: those a person may see, a case's with their history, one by
reference, and the outbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from doorstep.appointments.models import Appointment
from doorstep.cases.models import Case
from doorstep.timeline.models import Event

HISTORY_KINDS = (
    "appointment.booked",
    "appointment.moved",
    "appointment.cancelled",
    "appointment.attended",
    "appointment.missed",
    "contact.out",
    "notification.status",
)


def _appointments() -> QuerySet[Appointment]:
    return Appointment.objects.select_related("case", "property", "household", "job")


def appointments_visible_to(*, user: Any) -> QuerySet[Appointment]:
    """A contractor's staff see only the appointments of their firm's jobs; every other staff
    role sees them all."""
    contractor_id = getattr(user, "contractor_id", None)
    if contractor_id is not None:
        return _appointments().filter(job__contractor_id=contractor_id)
    return _appointments()


def appointment_visible(*, reference: str, user: Any) -> Appointment:
    """Raises `Appointment.DoesNotExist` where there is none this person may see."""
    return appointments_visible_to(user=user).get(reference=reference)


def _about(event: Event, reference: str) -> bool:
    data = event.data
    if event.kind == "contact.out":
        notification = data.get("notification")
        return isinstance(notification, dict) and notification.get("appointment") == reference
    return str(data.get("appointment")) == reference


@dataclass(frozen=True)
class AppointmentView:
    """An appointment with its history: its own events, and the messages sent about it."""

    appointment: Appointment
    history: list[Event]


def appointment_history(*, appointment: Appointment) -> list[Event]:
    events = appointment.case.events.filter(kind__in=HISTORY_KINDS).order_by("seq")
    return [e for e in events if _about(e, appointment.reference)]


def appointments_for_case(*, case: Case, user: Any) -> list[AppointmentView]:
    appointments = list(appointments_visible_to(user=user).filter(case=case))
    if not appointments:
        return []
    events = list(case.events.filter(kind__in=HISTORY_KINDS).order_by("seq"))
    return [AppointmentView(a, [e for e in events if _about(e, a.reference)]) for a in appointments]


def appointments_booked_by(*, user: Any, case: Case, moment: dt.datetime) -> QuerySet[Appointment]:
    """The appointments this person booked on the case at this moment (an API retry)."""
    return appointments_visible_to(user=user).filter(case=case, booked_at=moment)


def appointment_view(*, appointment: Appointment) -> AppointmentView:
    return AppointmentView(appointment, appointment_history(appointment=appointment))

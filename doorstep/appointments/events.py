"""Event kinds owned by appointments: booked, moved, cancelled, attended, missed, and the later
delivery status of a message Doorstep sent (`notification.status`).

The five `appointment.*` kinds are the chronology format's (`shared/domain/chronology.md`,
"Repairs and hazards"), so their data accepts everything the published schema accepts for them
(an imported record is kept whole: no date, no `by`, a null reason). What staff must give
(whether the resident was told of a landlord's change, and how) is insisted on by the services,
not here. Doorstep's own events carry a few fields more: `purpose`, `slot`, `window`,
`informed_how`, `job`. Unknown fields are kept, as for every kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import ConfigDict, Field, StrictBool, ValidationError

from doorstep.repairs.events import FormatPayload, ItemPayload, Ref, Text, WhenText
from doorstep.timeline.kinds import EventKind, Payload, PayloadInvalid, errors_from, register
from doorstep.timeline.when import When

ByName = Literal["landlord", "resident"]
OutcomeName = Literal["completed", "partial", "no_access", "not_started"]
OUTCOME_WORDS = {
    "completed": "completed",
    "partial": "partly done",
    "no_access": "no access",
    "not_started": "not started",
}


def _day(data: Mapping[str, Any]) -> str:
    date = data.get("date")
    return When.parse(str(date)).display() if date else "no date on record"


def _slot(data: Mapping[str, Any]) -> str:
    window = data.get("window")
    if isinstance(window, Mapping) and window.get("start") and window.get("end"):
        return f", {window['start']} to {window['end']}"
    slot = data.get("slot")
    return {"am": ", morning", "pm": ", afternoon", "all_day": ", all day"}.get(str(slot), "")


def _told(data: Mapping[str, Any]) -> str:
    informed = data.get("resident_informed")
    if informed is None:
        return ""
    if not informed:
        return "; the resident was not told"
    how = data.get("informed_how")
    return f"; the resident was told ({str(how).replace('_', ' ')})" if how else "; resident told"


class BookedPayload(FormatPayload):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    appointment: Ref
    for_: Ref | None = Field(None, alias="for")
    date: WhenText | None = None
    items: list[ItemPayload] = Field(default_factory=list)


@register
class AppointmentBooked(EventKind):
    """A visit was booked: for a job's works, or for an inspection or survey (`for` names the
    job or the inspection), on a date (and, in Doorstep, a slot or time window). Booking an
    appointment for further work starts that work under Awaab's Law; booking alone never stops
    an investigation clock (only an attendance does)."""

    kind = "appointment.booked"
    label = "Appointment booked"
    payload = BookedPayload
    example = {
        "appointment": "APT-2024-000001",
        "for": "JOB-2024-000001",
        "date": "2024-06-10",
        "purpose": "works",
        "slot": "am",
        "items": ["1"],
    }
    invalid_example = {"for": "JOB-2024-000001", "date": "next Tuesday"}

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        """As every kind, but `for` (a Python keyword) is kept by its own name."""
        try:
            model = BookedPayload.model_validate(dict(data))
        except ValidationError as exc:
            raise PayloadInvalid(cls.kind, errors_from(exc, prefix="data")) from exc
        return model.model_dump(mode="json", exclude_unset=True, by_alias=True)

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or (
            f"Appointment {data.get('appointment')} booked for {data.get('for') or 'unknown'}: "
            f"{_day(data)}{_slot(data)}"
        )


class MovedPayload(FormatPayload):
    appointment: Ref
    date: WhenText | None = None
    by: ByName | None = None
    resident_informed: StrictBool | None = None
    reason: Text = None


@register
class AppointmentMoved(EventKind):
    """An appointment was moved to another date, by the landlord (or its contractor) or at the
    resident's request, and whether the resident was told (and, in Doorstep, how). A landlord's
    move the resident was not told of is a failure the lens reports; the original slot of a
    moved appointment is not also missed."""

    kind = "appointment.moved"
    label = "Appointment moved"
    payload = MovedPayload
    example = {
        "appointment": "APT-2024-000001",
        "date": "2024-06-12",
        "by": "landlord",
        "resident_informed": True,
        "informed_how": "phone",
        "reason": "The plumber is off sick",
    }
    invalid_example = {"appointment": "APT-2024-000001", "by": "contractor"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        by = f" by the {data['by']}" if data.get("by") else ""
        return summary or (
            f"Appointment {data.get('appointment')} moved{by} to {_day(data)}{_slot(data)}"
            f"{_told(data)}"
        )


class CancelledPayload(FormatPayload):
    appointment: Ref
    by: ByName | None = None
    resident_informed: StrictBool | None = None
    reason: Text = None


@register
class AppointmentCancelled(EventKind):
    """An appointment was cancelled, by the landlord or the resident, with the reason and
    whether the resident was told (and, in Doorstep, how)."""

    kind = "appointment.cancelled"
    label = "Appointment cancelled"
    payload = CancelledPayload
    example = {
        "appointment": "APT-2024-000001",
        "by": "resident",
        "resident_informed": True,
        "reason": "The resident is in hospital that week",
    }
    invalid_example = {"appointment": "APT-2024-000001", "resident_informed": "yes"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        by = f" by the {data['by']}" if data.get("by") else ""
        reason = f": {data['reason']}" if data.get("reason") else ""
        return (
            summary or f"Appointment {data.get('appointment')} cancelled{by}{reason}{_told(data)}"
        )


class AttendedPayload(FormatPayload):
    appointment: Ref
    outcome: OutcomeName
    reason: Text = None


@register
class AppointmentAttended(EventKind):
    """Someone attended: the works were completed, partly done or not started, or there was no
    access, with the reason. An attendance of any outcome stops an investigation clock before
    Awaab's Law. `completed` is the contractor's word: it is a claim, never a verification."""

    kind = "appointment.attended"
    label = "Appointment attended"
    payload = AttendedPayload
    example = {
        "appointment": "APT-2024-000001",
        "outcome": "partial",
        "reason": "Wrong materials on the van",
    }
    invalid_example = {"appointment": "APT-2024-000001", "outcome": "done"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        outcome = OUTCOME_WORDS.get(str(data.get("outcome")), str(data.get("outcome")))
        reason = f": {data['reason']}" if data.get("reason") else ""
        return summary or f"Appointment {data.get('appointment')} attended, {outcome}{reason}"


class MissedPayload(FormatPayload):
    appointment: Ref
    by: ByName
    reason: Text = None


@register
class AppointmentMissed(EventKind):
    """An appointment was missed: by the landlord or its contractor (nobody came), or by the
    resident (nobody was in). A landlord's missed appointment is a failure the lens reports."""

    kind = "appointment.missed"
    label = "Appointment missed"
    payload = MissedPayload
    example = {"appointment": "APT-2024-000001", "by": "landlord", "reason": "Nobody came"}
    invalid_example = {"appointment": "APT-2024-000001"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        reason = f": {data['reason']}" if data.get("reason") else ""
        return (
            summary or f"Appointment {data.get('appointment')} missed by the {data['by']}{reason}"
        )


class StatusPayload(Payload):
    contact: Ref = Field(description="uid of the contact.out event that sent the message")
    provider: Ref
    provider_id: str | None = None
    status: Ref
    detail: str | None = None


@register
class NotificationStatus(EventKind):
    """A later word on a message Doorstep sent (a `contact.out` with a `notification`): the
    provider's delivery status (GOV.UK Notify's `delivered`, `permanent-failure`...). The
    contact is never edited: each status is a new event naming it."""

    kind = "notification.status"
    label = "Message status"
    payload = StatusPayload
    example = {
        "contact": "6f1c4a52-1f34-4b8e-9a57-1b2a3c4d5e6f",
        "provider": "govuk_notify",
        "provider_id": "740e5834-3a29-46b4-9a6f-16142fde533a",
        "status": "delivered",
    }
    invalid_example = {"provider": "govuk_notify", "status": ""}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        detail = f": {data['detail']}" if data.get("detail") else ""
        return summary or f"Message status ({data.get('provider')}): {data.get('status')}{detail}"

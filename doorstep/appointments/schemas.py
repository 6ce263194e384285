"""What the API accepts for appointments (`...In`) and returns (`...Out`).

Inputs refuse fields they do not know; outputs name related records by their human reference.
Served by `doorstep/api/routers/appointments.py` (appointments never import the API).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Schema
from pydantic import Field, StrictBool

from doorstep.appointments.choices import By, InformedHow, Outcome, Purpose, Slot
from doorstep.appointments.selectors import AppointmentView
from doorstep.timeline.schemas import In

INFORMED = (
    "Whether the resident was told of the change. Required for a change by the landlord "
    "(true or false, never left out)."
)
HOW = (
    "How the resident was told. `doorstep` sends a message now, through the landlord's "
    "notifier, to `notify_to`."
)


class AppointmentIn(In):
    purpose: Purpose = Field(Purpose.WORKS, description="works (for a job), inspection or survey")
    job: str = Field("", max_length=30, description="The job's reference on this case (works)")
    for_ref: str = Field(
        "", max_length=100, description="What an inspection or survey is for; default: the case"
    )
    date: dt.date = Field(description="The day of the visit: today or later")
    slot: Slot = Slot.ALL_DAY
    window_start: dt.time | None = Field(None, description="With slot `window`: from")
    window_end: dt.time | None = Field(None, description="With slot `window`: until")
    items: list[str] = Field(
        default_factory=list, description="The job's item ids the visit covers; empty: all"
    )


class MoveIn(In):
    date: dt.date = Field(description="The new day: today or later")
    slot: Slot = Slot.ALL_DAY
    window_start: dt.time | None = None
    window_end: dt.time | None = None
    by: By = Field(description="Who moved it")
    resident_informed: StrictBool | None = Field(None, description=INFORMED)
    informed_how: InformedHow | None = Field(None, description=HOW)
    notify_to: str = Field("", max_length=320, description="Email address or mobile number")
    reason: str = Field("", max_length=2000)


class CancelIn(In):
    by: By = Field(description="Who cancelled it")
    resident_informed: StrictBool | None = Field(None, description=INFORMED)
    informed_how: InformedHow | None = Field(None, description=HOW)
    notify_to: str = Field("", max_length=320, description="Email address or mobile number")
    reason: str = Field(min_length=1, max_length=2000)


class AttendIn(In):
    outcome: Outcome
    reason: str = Field(
        "", max_length=2000, description="Why it was not completed (required unless completed)"
    )


class MissIn(In):
    by: By = Field(description="Who missed it: the landlord (nobody came) or the resident")
    reason: str = Field("", max_length=2000)


class EntryOut(Schema):
    """An entry of the appointment's history (its events and the messages sent about it)."""

    uid: uuid.UUID
    kind: str
    recorded_at: dt.datetime
    sentence: str
    data: dict[str, Any]


class AppointmentOut(Schema):
    reference: str
    case: str
    household: str | None
    property: str
    job: str | None
    purpose: Purpose
    for_ref: str = Field(description="The job, or what the inspection or survey is for")
    date: dt.date
    slot: Slot
    window_start: dt.time | None
    window_end: dt.time | None
    items: list[str]
    status: str = Field(description="booked, moved, cancelled, attended or missed")
    booked_at: dt.datetime
    booked_by: str
    history: list[EntryOut]

    @staticmethod
    def resolve_reference(obj: AppointmentView) -> str:
        return obj.appointment.reference

    @staticmethod
    def resolve_case(obj: AppointmentView) -> str:
        return obj.appointment.case.reference

    @staticmethod
    def resolve_household(obj: AppointmentView) -> str | None:
        household = obj.appointment.household
        return household.reference if household else None

    @staticmethod
    def resolve_property(obj: AppointmentView) -> str:
        return obj.appointment.property.reference

    @staticmethod
    def resolve_job(obj: AppointmentView) -> str | None:
        job = obj.appointment.job
        return job.reference if job else None

    @staticmethod
    def resolve_purpose(obj: AppointmentView) -> str:
        return obj.appointment.purpose

    @staticmethod
    def resolve_for_ref(obj: AppointmentView) -> str:
        return obj.appointment.for_ref

    @staticmethod
    def resolve_date(obj: AppointmentView) -> dt.date:
        return obj.appointment.date

    @staticmethod
    def resolve_slot(obj: AppointmentView) -> str:
        return obj.appointment.slot

    @staticmethod
    def resolve_window_start(obj: AppointmentView) -> dt.time | None:
        return obj.appointment.window_start

    @staticmethod
    def resolve_window_end(obj: AppointmentView) -> dt.time | None:
        return obj.appointment.window_end

    @staticmethod
    def resolve_items(obj: AppointmentView) -> list[str]:
        return [str(i) for i in obj.appointment.items]

    @staticmethod
    def resolve_status(obj: AppointmentView) -> str:
        return obj.appointment.status

    @staticmethod
    def resolve_booked_at(obj: AppointmentView) -> dt.datetime:
        return obj.appointment.booked_at

    @staticmethod
    def resolve_booked_by(obj: AppointmentView) -> str:
        return obj.appointment.booked_by_name

    @staticmethod
    def resolve_history(obj: AppointmentView) -> list[dict[str, Any]]:
        from doorstep.timeline import kinds

        return [
            {
                "uid": e.uid,
                "kind": e.kind,
                "recorded_at": e.recorded_at,
                "sentence": kinds.get(e.kind).sentence(e.data, e.summary),
                "data": e.data,
            }
            for e in obj.history
        ]

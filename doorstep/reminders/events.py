"""The event kind owned by reminders: `reminder.sent`, the landlord's own warning to a case's
officer (or its team) that a clock falls due soon. Doorstep's own kind: the chronology format
does not carry it (an export leaves it out), but the case's history keeps it, so a reader can
see the landlord was warned, when, and whom it told."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field, NonNegativeInt

from doorstep.timeline.kinds import EventKind, Payload, register


class DeliveryPayload(Payload):
    to: str = Field(description="the member of staff's username")
    provider: str
    status: str
    detail: str | None = None


class ReminderPayload(Payload):
    clock: str = Field(min_length=1, description="the clock's code (`complaint.stage1.response`)")
    subject: str | None = Field(None, description="what the clock is about, where it says")
    name: str = Field(min_length=1, description="the clock's name in plain English")
    due: str = Field(min_length=10, description="the day it falls due (ISO 8601)")
    working_days_left: NonNegativeInt
    working_days_before: NonNegativeInt = Field(
        description="the policy's `reminders.working_days_before` in force that day"
    )
    team: str | None = Field(None, description="the owning team's slug")
    sent: list[DeliveryPayload] = Field(
        description="each member of staff told, and what the notifier said; empty where the "
        "case has no officer and its team no member with an email address"
    )


@register
class ReminderSent(EventKind):
    """A reminder that a running clock on the case falls due within the policy's
    `reminders.working_days_before` working days: sent by the worker to the case's officer,
    or, where it has none, to its team's members. One per clock and due date."""

    kind = "reminder.sent"
    label = "Reminder sent"
    payload = ReminderPayload
    example = {
        "clock": "complaint.stage1.acknowledgement",
        "subject": None,
        "name": "Stage 1 acknowledgement",
        "due": "2024-06-05",
        "working_days_left": 2,
        "working_days_before": 2,
        "team": "complaints",
        "sent": [{"to": "officer", "provider": "outbox", "status": "stored"}],
    }
    invalid_example = {"clock": "", "due": "soon", "sent": "everyone"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        told = ", ".join(str(d.get("to")) for d in data.get("sent") or []) or "no one"
        left = data.get("working_days_left")
        when = "today" if left == 0 else f"in {left} working day{'' if left == 1 else 's'}"
        return f"Reminder: {data.get('name')}, due {data.get('due')} ({when}); told {told}"

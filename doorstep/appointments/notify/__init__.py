"""Sending a message to a resident, through the landlord's chosen notifier (ADR 10).

`notifier()` returns the one configured by `DOORSTEP_NOTIFIER`: `outbox` (the default: each
message is kept in `OutboxMessage`, sent nowhere), `smtp` (Django's email backend) or
`govuk_notify` (GOV.UK Notify, through its official Python client). Each `send` returns a
`Delivery`: the status the provider gave, its id for the message, and any detail. Services
log every send on the timeline (`contact.out`); nothing here writes an event.
"""

from __future__ import annotations

from doorstep.appointments.notify.base import (
    Delivery,
    Message,
    Notifier,
    NotifierMisconfigured,
    send_or_fail,
)
from doorstep.appointments.notify.registry import notifier

__all__ = ["Delivery", "Message", "Notifier", "NotifierMisconfigured", "notifier", "send_or_fail"]

"""Which notifier the landlord uses: `DOORSTEP_NOTIFIER` (default `outbox`)."""

from __future__ import annotations

from django.conf import settings

from doorstep.appointments.notify.adapters import (
    GovukNotifyNotifier,
    OutboxNotifier,
    SmtpNotifier,
)
from doorstep.appointments.notify.base import Notifier, NotifierMisconfigured

NOTIFIERS: dict[str, type[Notifier]] = {
    "outbox": OutboxNotifier,
    "smtp": SmtpNotifier,
    "govuk_notify": GovukNotifyNotifier,
}
UNKNOWN_NOTIFIER = "DOORSTEP_NOTIFIER is {name!r}; it must be one of: {known}."


def notifier() -> Notifier:
    """The configured notifier."""
    name = getattr(settings, "DOORSTEP_NOTIFIER", "outbox") or "outbox"
    try:
        return NOTIFIERS[name]()
    except KeyError:
        known = ", ".join(NOTIFIERS)
        raise NotifierMisconfigured(UNKNOWN_NOTIFIER.format(name=name, known=known)) from None

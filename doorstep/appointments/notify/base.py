"""The notifier interface: a message in, a delivery out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from doorstep.core.errors import DomainError

EMAIL = "email"
SMS = "sms"


class NotifierMisconfigured(DomainError):
    """The configured notifier cannot send: a setting is missing (named in the message)."""


@dataclass(frozen=True)
class Message:
    """What to send: to an email address or a mobile number (`channel`), the subject (email
    only) and the words. `appointment` is the reference it is about, kept with the message."""

    to: str
    text: str
    subject: str = ""
    appointment: str = ""

    @property
    def channel(self) -> str:
        return EMAIL if "@" in self.to else SMS


@dataclass(frozen=True)
class Delivery:
    """What the provider said: `status` (`stored`, `sent`, `accepted`, `failed`), its id for
    the message (to ask about it later) and any detail (the provider's error)."""

    provider: str
    status: str
    provider_id: str = ""
    detail: str = ""


class Notifier(Protocol):
    name: str

    def send(self, message: Message, *, at: dt.datetime) -> Delivery: ...


FAILED = "failed"


def send_or_fail(
    make: Callable[[], Notifier], message: Message, *, at: dt.datetime, provider: str = "unknown"
) -> Delivery:
    """Send through the notifier `make` gives, never raising: a notifier without its settings
    (`DomainError`) or any error of the provider's (a refused address, a timeout) is a failed
    delivery saying why, for the worker's sends, which have no officer to show an error to."""
    try:
        return make().send(message, at=at)
    except DomainError as error:
        return Delivery(provider, FAILED, detail=str(error))
    except Exception as error:
        return Delivery(provider, FAILED, detail=f"{type(error).__name__}: {error}"[:500])

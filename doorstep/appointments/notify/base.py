"""The notifier interface: a message in, a delivery out."""

from __future__ import annotations

import datetime as dt
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

"""Contact event kinds (names from the chronology format)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from doorstep.timeline.kinds import EventKind, Payload, register


class InPayload(Payload):
    # The chronology format names the sender `from`, a Python keyword: aliased here.
    # Legacy records may not say who it came from, or what was said: the fact of the contact
    # is kept all the same (the chronology format allows null). New contacts need the words:
    # `contacts.services.contact_record` insists.
    from_: str | None = Field(default="", alias="from", max_length=300)
    text: str | None = Field(default=None, max_length=50000)


@register
class ContactIn(EventKind):
    """Anything received from anyone on any channel: a call, an email, a letter, a word at the
    door. It is on the record the moment it arrives, whether or not a case is opened from it."""

    kind = "contact.in"
    label = "Contact received"
    payload = InPayload
    example = {"from": "R1", "text": "There is black mould in the bathroom again."}
    invalid_example = {"from": "R1", "text": ["not", "words"]}

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        clean = super().validate(data)
        clean.setdefault("from", clean.pop("from_", ""))
        clean.pop("from_", None)
        return clean

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        words = data.get("text") or "(what was said is not on record)"
        return summary or f"Received from {data.get('from') or 'unknown'}: {words[:160]}"


class OutPayload(Payload):
    to: str | None = Field(default="", max_length=300)
    text: str | None = Field(default=None, max_length=50000)


@register
class ContactOut(EventKind):
    """Anything the landlord sent or said to anyone: a letter, a call back, an email."""

    kind = "contact.out"
    label = "Contact sent"
    payload = OutPayload
    example = {"to": "R1", "text": "Confirming the surveyor will visit on 4 April."}
    invalid_example = {"to": "R1", "text": 42}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        words = data.get("text") or "(what was said is not on record)"
        return summary or f"Sent to {data.get('to') or 'unknown'}: {words[:160]}"

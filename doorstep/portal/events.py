"""Event kinds for the residents' portal: what the landlord did to let someone in, on the
household's timeline. What a resident does through the portal is written by the services
that own it, as the same events a member of staff would write."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field

from doorstep.portal.choices import AccountKind, KeyKind
from doorstep.timeline.kinds import EventKind, Payload, register


class KeySentPayload(Payload):
    person: str = Field(min_length=1)
    to: Literal["email", "sms"]
    status: str = Field(min_length=1)  # what the notifier said: stored, sent, accepted, failed


@register
class PortalInvited(EventKind):
    """The landlord invited a member of the household to the residents' portal: a link that
    works once, sent by email or text message."""

    kind = "portal.invited"
    label = "Invited to the residents' portal"
    payload = KeySentPayload
    example = {"person": "PER-2026-000001", "to": "email", "status": "stored"}
    invalid_example = {"person": "PER-2026-000001", "to": "pigeon", "status": "stored"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        how = "email" if data.get("to") == "email" else "text message"
        return summary or f"{data.get('person')} invited to the residents' portal by {how}"


@register
class PortalCodeSent(EventKind):
    """Someone asked to register for the portal with the household's tenancy reference and a
    contact on record for a tenant, and a one-time code went to that contact."""

    kind = "portal.code_sent"
    label = "Code to register for the portal sent"
    payload = KeySentPayload
    example = {"person": "PER-2026-000001", "to": "sms", "status": "stored"}
    invalid_example = {"person": "", "to": "sms", "status": "stored"}


class AccountOpenedPayload(Payload):
    person: str = Field(min_length=1)
    account: AccountKind
    how: KeyKind


@register
class PortalAccountOpened(EventKind):
    """A member of the household (or a representative they authorised) opened an account on
    the residents' portal."""

    kind = "portal.account_opened"
    label = "Portal account opened"
    payload = AccountOpenedPayload
    example = {"person": "PER-2026-000001", "account": "resident", "how": "invitation"}
    invalid_example = {"person": "PER-2026-000001", "account": "landlord", "how": "invitation"}

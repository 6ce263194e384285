"""Event kinds every case type shares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from doorstep.cases.choices import CaseType
from doorstep.timeline.kinds import EventKind, Payload, register


class OpenedPayload(Payload):
    reference: str = Field(min_length=1)
    case_type: CaseType
    title: str = Field(min_length=1)
    from_event: str | None = None
    team: str | None = None


@register
class CaseOpened(EventKind):
    """A case was opened: from a contact (`from_event` names it), or directly by staff."""

    kind = "case.opened"
    label = "Case opened"
    payload = OpenedPayload
    example = {"reference": "REP-2024-000001", "case_type": "repair", "title": "Leaking tap"}
    invalid_example = {"reference": "REP-2024-000001", "case_type": "ticket", "title": "x"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Case {data['reference']} opened: {data['title']}"


class ReasonPayload(Payload):
    reason: str = Field(min_length=1, max_length=2000)


@register
class CaseClosed(EventKind):
    """The case was closed, with the reason."""

    kind = "case.closed"
    label = "Case closed"
    payload = ReasonPayload
    example = {"reason": "Repair completed and confirmed by the resident"}
    invalid_example = {"reason": ""}


@register
class CaseReopened(EventKind):
    """A closed case was reopened, with the reason (the defect came back, a claim was untrue)."""

    kind = "case.reopened"
    label = "Case reopened"
    payload = ReasonPayload
    example = {"reason": "Resident reports the leak has returned"}
    invalid_example = {}


class AssignedPayload(Payload):
    team: str | None = None
    officer: str | None = None
    contractor: str | None = None


@register
class CaseAssigned(EventKind):
    """The owning team, the named officer or the contractor changed."""

    kind = "case.assigned"
    label = "Case assigned"
    payload = AssignedPayload
    example = {"team": "repairs", "officer": "Sam Officer"}
    invalid_example = {"team": ["not", "a", "name"]}


class LinkedPayload(Payload):
    other: str = Field(min_length=1)
    reason: str = ""


@register
class CaseLinked(EventKind):
    """This case was linked to another about the same matter (a complaint about a repair)."""

    kind = "case.linked"
    label = "Case linked"
    payload = LinkedPayload
    example = {"other": "CMP-2024-000002", "reason": "Complaint about this repair"}
    invalid_example = {"other": ""}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        """A case opened from a contact carries the contact's words, so the case says it."""
        words = str(data.get("contact_text") or "")
        if words:
            return f"Opened from a contact: “{words[:300]}”"
        return summary or f"Linked to {data['other']}"

"""Event kinds owned by the timeline itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from doorstep.timeline.kinds import EventKind, Payload, register


class NotePayload(Payload):
    # A legacy note may be empty in the source; `cases.services.note_add` insists on words.
    text: str | None = Field(default=None, max_length=20000)


@register
class Note(EventKind):
    """An internal note by a member of staff: what they did, saw or decided."""

    kind = "note"
    label = "Note"
    payload = NotePayload
    example = {"text": "Called the resident; no answer. Left a voicemail."}
    invalid_example = {"text": {"not": "words"}}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or str(data.get("text") or "Note (no text on record)")[:200]


class CorrectionPayload(Payload):
    reason: str = Field(min_length=1, max_length=2000)


@register
class Correction(EventKind):
    """A correction of an earlier entry: the record is never edited, so the correction says
    what was wrong and why, and points at the entry it corrects (`supersedes`)."""

    kind = "record.corrected"
    label = "Entry corrected"
    payload = CorrectionPayload
    example = {
        "reason": "The visit was on the 4th, not the 3rd.",
        "corrected": {"at": "2022-03-04"},
    }
    invalid_example = {"reason": ""}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Entry corrected: {data.get('reason', '')}"

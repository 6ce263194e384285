"""Event kinds for documents (names from the chronology format)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from doorstep.documents.choices import DocumentType
from doorstep.timeline.kinds import EventKind, Payload, register


class AddedPayload(Payload):
    document: str = Field(min_length=1)
    type: DocumentType
    title: str | None = None  # legacy records may lack one; document_add insists
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


@register
class DocumentAdded(EventKind):
    """A document was added to the record: a report, a photo, a letter, evidence."""

    kind = "document.added"
    label = "Document added"
    payload = AddedPayload
    example = {
        "document": "DOC-2024-000001",
        "type": "inspection_report",
        "title": "Damp survey, April 2021",
    }
    invalid_example = {"document": "DOC-2024-000001", "type": "selfie", "title": "x"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return (
            summary
            or f"{DocumentType(data['type']).label} added: {data.get('title') or '(untitled)'}"
        )

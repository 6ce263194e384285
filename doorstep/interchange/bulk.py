"""What a bulk import read, imported and refused (`services.chronologies_import`).

A refused record is kept as received: its text (or, if it is not UTF-8, its bytes in base64)
and its sha256 travel with the reason in the `BulkRefusal`, so the command's `--report` file
holds every refused record exactly as it came, beside where it came from and why.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# A record as received: its bytes or text, or a document already parsed.
Record = bytes | str | Mapping[str, Any]

NOT_UTF8 = "not UTF-8 text: {reason}"
NOT_JSON = "not JSON: {reason} (line {line}, column {column})"
NOT_AN_OBJECT = "not a chronology: it holds {found}, not a JSON object"
ROOT = "$"


@dataclass(frozen=True)
class BulkRefusal:
    """One record refused whole: where it came from, the JSON path and reason, what it names
    (where it could be read that far) and the record as received."""

    source: str
    path: str
    reason: str
    received: str
    encoding: str  # "utf-8", or "base64" for bytes that are not UTF-8 text
    sha256: str
    landlord: str | None = None
    tenancies: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "landlord": self.landlord,
            "tenancies": list(self.tenancies),
            "path": self.path,
            "reason": self.reason,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "received": self.received,
        }


@dataclass
class BulkReport:
    """The counts of a bulk import, and every refusal in the order read."""

    read: int = 0
    imported: int = 0
    unchanged: int = 0
    new_events: int = 0
    existing_events: int = 0
    households: list[str] = field(default_factory=list)
    refused: list[BulkRefusal] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "read": self.read,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "refused": len(self.refused),
            "new_events": self.new_events,
            "existing_events": self.existing_events,
        }


class RecordRefused(Exception):
    """A record that could not be read as a chronology (before any check of its content)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def as_received(raw: bytes | str | Mapping[str, Any]) -> tuple[str, str, str]:
    """The record as received (text, or base64 where it is not UTF-8), its encoding and the
    sha256 of its bytes."""
    if isinstance(raw, Mapping):
        raw = json.dumps(raw, ensure_ascii=False, sort_keys=True)
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    digest = hashlib.sha256(data).hexdigest()
    try:
        return data.decode("utf-8"), "utf-8", digest
    except UnicodeDecodeError:
        return base64.b64encode(data).decode("ascii"), "base64", digest


def parsed(raw: bytes | str | Mapping[str, Any]) -> Mapping[str, Any]:
    """The record as a document, or `RecordRefused` saying why it is not one."""
    if isinstance(raw, Mapping):
        return raw
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordRefused(NOT_UTF8.format(reason=exc)) from None
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RecordRefused(
            NOT_JSON.format(reason=exc.msg, line=exc.lineno, column=exc.colno)
        ) from None
    if not isinstance(doc, dict):
        raise RecordRefused(NOT_AN_OBJECT.format(found=type(doc).__name__))
    return doc


def named(doc: Mapping[str, Any] | None) -> tuple[str | None, tuple[str, ...]]:
    """The landlord and the tenancy (household) references a record names, where readable."""
    if not isinstance(doc, Mapping):
        return None, ()
    landlord = doc.get("landlord")
    name = landlord.get("name") if isinstance(landlord, Mapping) else None
    tenancies = doc.get("tenancies")
    refs = tuple(
        t["ref"]
        for t in (tenancies if isinstance(tenancies, list) else [])
        if isinstance(t, Mapping) and isinstance(t.get("ref"), str)
    )
    return (name if isinstance(name, str) else None), refs

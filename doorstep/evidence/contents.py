"""What an evidence pack says, as plain data: read from the record by `selectors.py`, set out as
a PDF by `pdf.py`, and packed with the chronology and the documents by `pack.py`.

Nothing here reads the database or the clock: the same contents give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ChainHead:
    """Where the record's hash chain stood when the pack was made: the history (a household's,
    or a property's for communal cases), how many entries it holds, its last entry and the hash
    that seals every entry up to it (`doorstep verify` recomputes it)."""

    stream: str
    length: int
    last_event: str
    head_hash: str


@dataclass(frozen=True)
class ChronologyRow:
    """One entry of the record: when (at its own precision), what happened, who did it and who
    recorded it, its id (as in `chronology.json`, where the format carries it)."""

    when: str
    precision: str
    imprecise: bool
    case: str
    label: str
    sentence: str
    by: str
    recorded_by: str
    event_id: str


@dataclass(frozen=True)
class ClockRow:
    case: str
    name: str
    subject: str
    started: str
    due: str
    stopped: str
    status: str
    late_by: str
    imprecise: bool


@dataclass(frozen=True)
class CommitmentRow:
    case: str
    action: str
    made: str
    due: str
    state: str
    imprecise: bool


@dataclass(frozen=True)
class VulnerabilityRow:
    """A vulnerability on the register: its category and dates for everyone; its detail only
    where the person the pack is produced by may read special category data."""

    person: str
    category: str
    disclosed: str
    recorded: str
    ended: str
    detail: str | None


@dataclass(frozen=True)
class FindingRow:
    case: str
    code: str
    topic: str
    title: str
    arose: str
    resolved: str
    explanation: str
    rule: str
    severity: str
    caveats: str


@dataclass(frozen=True)
class TopicRow:
    """The lens's findings on one topic: how many, how long, and the redress the Ombudsman's
    remedies guidance suggests for that pattern (a suggestion, not a verdict)."""

    topic: str
    findings: str
    cases: str
    period: str
    longest: str
    guidance: str


@dataclass(frozen=True)
class CompensationRow:
    """An offer (or a payment against one) and its parts, each beside the landlord's band."""

    case: str
    offered: str
    kind: str
    amount: str
    method: str
    parts: tuple[str, ...]
    paid: str
    failures: tuple[str, ...]


@dataclass(frozen=True)
class DocumentRow:
    """A document on the record: held as a file (in the pack under `file`), or only named on
    the timeline (no file held)."""

    reference: str
    title: str
    doc_type: str
    dated: str
    sha256: str
    file: str


@dataclass
class PackContents:
    """Everything one evidence pack says, read from the record as of `as_of`."""

    landlord: str
    subject: str  # "case" or "household"
    reference: str
    title: str
    address: str
    household: str
    as_of: dt.date
    produced_for: str
    purpose: str
    head: ChainHead
    detail_shown: bool
    chronology: list[ChronologyRow] = field(default_factory=list)
    later_events: int = 0
    clocks: list[ClockRow] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)
    vulnerabilities: list[VulnerabilityRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    topics: list[TopicRow] = field(default_factory=list)
    compensation: list[CompensationRow] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # What goes beside the PDF: the chronology document and each document's bytes.
    chronology_doc: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

"""Event kinds owned by the Ombudsman app: a complaint referred to the Housing Ombudsman, the
Ombudsman intervening, evidence asked for and sent, the determination with its findings and
orders, and an order complied with.

All are kinds of the chronology format (`shared/domain/chronology.md`, "Records and the
Ombudsman"), so each payload accepts everything the published schema
(`interchange/schema/doorstep-chronology-1.schema.json`) accepts for it: an imported
determination is kept whole, its findings' outcomes in the Ombudsman's own words ("significant
failing (no separate determination)") and its orders with or without a deadline. What staff
must give (an outcome of paragraph 52, each order's deadline and owner) is insisted on by the
services, not here. Doorstep adds a few fields of its own: the Ombudsman's reference and the
complaint cases a referral is about, an evidence request's id (`request`) and the documents
sent, each order's owner and period, and the evidence of compliance.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field

from doorstep.repairs.events import FormatPayload, Ref, Text, WhenText
from doorstep.timeline.kinds import EventKind, Payload, register

RefOrNull = Annotated[str | None, Field(strict=True, min_length=1)]


def _short(value: Any, limit: int = 200) -> str:
    return str(value or "")[:limit]


def _listed(items: Any) -> str:
    if not isinstance(items, list) or not items:
        return ""
    return "; ".join(_short(i, 120) for i in items[:5]) + ("…" if len(items) > 5 else "")


class ReferredPayload(FormatPayload):
    text: Text = None
    ombudsman_ref: Text = None
    complaints: list[Ref] = Field(default_factory=list)


@register
class OmbudsmanReferred(EventKind):
    """The household took its complaint to the Housing Ombudsman: what it asked for (`text`),
    the Ombudsman's own reference (`ombudsman_ref`, Doorstep's) and the complaint cases it is
    about (`complaints`, Doorstep's)."""

    kind = "ombudsman.referred"
    label = "Referred to the Housing Ombudsman"
    payload = ReferredPayload
    example = {
        "text": "Seeking a full investigation and redress for the distress caused.",
        "ombudsman_ref": "202208650",
        "complaints": ["CMP-2024-000001"],
    }
    invalid_example = {"text": 7}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        ref = f" (reference {data['ombudsman_ref']})" if data.get("ombudsman_ref") else ""
        text = f": {_short(data.get('text'))}" if data.get("text") else ""
        return f"Referred to the Housing Ombudsman{ref}{text}"


class IntervenedPayload(FormatPayload):
    text: Text = None


@register
class OmbudsmanIntervened(EventKind):
    """The Ombudsman asked the landlord to act or to respond (before any determination)."""

    kind = "ombudsman.intervened"
    label = "Ombudsman intervened"
    payload = IntervenedPayload
    example = {"text": "Asked the landlord to send its stage 2 response within 5 working days."}
    invalid_example = {"text": ["respond"]}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"The Ombudsman intervened: {_short(data.get('text'))}"


class EvidenceRequestedPayload(FormatPayload):
    items: list[Any] = Field(default_factory=list)
    due: WhenText | None = None
    request: RefOrNull = None


@register
class OmbudsmanEvidenceRequested(EventKind):
    """The Ombudsman asked the landlord for evidence: the items, and by when (`due`). Doorstep
    names each request (`request`) so what was sent can say which request it answers."""

    kind = "ombudsman.evidence_requested"
    label = "Ombudsman asked for evidence"
    payload = EvidenceRequestedPayload
    example = {
        "request": "ER1",
        "items": ["Repairs log since 2021", "Stage 2 response letter"],
        "due": "2024-07-01",
    }
    invalid_example = {"items": "the repairs log", "due": "soon"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        due = f" by {data['due']}" if data.get("due") else ""
        return f"The Ombudsman asked for evidence{due}: {_listed(data.get('items'))}"


class EvidenceSentPayload(FormatPayload):
    items: list[Any] = Field(default_factory=list)
    request: RefOrNull = None
    documents: list[Ref] = Field(default_factory=list)


@register
class OmbudsmanEvidenceSent(EventKind):
    """The landlord sent the Ombudsman evidence: the items (of the request named, Doorstep's
    `request`) and the documents sent (Doorstep's `documents`, by reference)."""

    kind = "ombudsman.evidence_sent"
    label = "Evidence sent to the Ombudsman"
    payload = EvidenceSentPayload
    example = {
        "request": "ER1",
        "items": ["Repairs log since 2021"],
        "documents": ["DOC-2024-000001"],
    }
    invalid_example = {"items": {"log": True}}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Evidence sent to the Ombudsman: {_listed(data.get('items'))}"


class Finding(Payload):
    """A finding of the determination on one topic."""

    topic: Text = None
    outcome: Text = None


class Order(Payload):
    """An order of the determination: a commitment of the promise ledger (kind order)."""

    commitment: Ref
    action: Text = None
    due: WhenText | None = None
    job: RefOrNull = None
    items: list[Any] | None = None
    owner: Text = None
    owner_username: Text = None


class DeterminationPayload(FormatPayload):
    findings: list[Finding] = Field(default_factory=list)
    orders: list[Order] = Field(default_factory=list)


@register
class OmbudsmanDetermination(EventKind):
    """The Ombudsman's determination: a finding per topic (Scheme paragraph 52: maladministration,
    severe maladministration, service failure, no maladministration, reasonable redress; or
    outside jurisdiction, paragraph 42) and its orders, each a commitment with its deadline
    counted from the determination (28 days, 4, 6 or 8 weeks in the seeds) and, where Doorstep
    recorded it, its owner. Each order runs the `ombudsman.order` clock."""

    kind = "ombudsman.determination"
    label = "Ombudsman's determination"
    payload = DeterminationPayload
    example = {
        "findings": [
            {"topic": "complaint handling", "outcome": "maladministration"},
            {"topic": "damp and mould", "outcome": "severe maladministration"},
        ],
        "orders": [
            {
                "commitment": "ORD-2024-000001",
                "action": "Apologise to the resident in writing",
                "due": "2024-07-01",
                "owner": "Mina Manager",
                "owner_username": "mina",
            }
        ],
    }
    invalid_example = {"orders": [{"action": "Apologise"}]}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        found = "; ".join(
            f"{f.get('topic') or 'topic not given'}: {f.get('outcome') or 'no outcome given'}"
            for f in data.get("findings") or ()
        )
        orders = len(data.get("orders") or ())
        return f"The Ombudsman's determination: {found or 'no findings listed'}; {orders} order(s)"


class CompliedPayload(FormatPayload):
    commitment: Ref
    evidence: Text = None
    documents: list[Ref] = Field(default_factory=list)


@register
class OmbudsmanOrderComplied(EventKind):
    """The landlord complied with an order (`commitment`), with its evidence of compliance
    (Doorstep's `evidence` and `documents`). It keeps the order on the ledger and stops its
    `ombudsman.order` clock."""

    kind = "ombudsman.order_complied"
    label = "Ombudsman order complied with"
    payload = CompliedPayload
    example = {
        "commitment": "ORD-2024-000001",
        "evidence": "Apology letter sent 20 June 2024; copy sent to the Ombudsman.",
        "documents": ["DOC-2024-000002"],
    }
    invalid_example = {"evidence": "Sent"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        evidence = f": {_short(data.get('evidence'))}" if data.get("evidence") else ""
        return f"Complied with order {data.get('commitment')}{evidence}"

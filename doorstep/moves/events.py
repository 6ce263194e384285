"""Event kinds owned by management moves: a request to move, evidence asked for and received,
a decision (a panel referral is one, the panel's decision another), and other routes offered.

All are kinds of the chronology format (`shared/domain/chronology.md`, "Moves and
permissions"), so each payload accepts everything the published schema
(`interchange/schema/doorstep-chronology-1.schema.json`) accepts for it: an imported request is
kept whole, nulls and all, unknown members kept. What staff must give (a reason, the grounds, a
defensible reason for a decline, the support given with other routes) is insisted on by the
services, not here. Doorstep's own optional members:

- `transfer.requested`: `grounds` (medical, asb, police, support_worker, other) and `evidence`
  (references of documents on record the request rests on);
- `transfer.evidence_requested`: `to` (the person asked, by reference), `to_name` (who was
  asked, in words) and `types` (the document types that would answer it);
- `transfer.evidence_received`: `document` (its reference), `from_name` (the source in words,
  where it is no person on record), `from_authorised` (whether the source's evidence counts:
  a household member, or a third party the household authorised for moves, in force then),
  `source_standing` (authorised_third_party, household or not_authorised), `authority_scope`
  (the authority's scope) and `requested` (false where nothing was asked for);
- `transfer.decided`: `panel` (the decision is the panel's);
- `transfer.support_offered`: `support` (what the landlord did to help).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictBool

from doorstep.repairs.events import FormatPayload, Text
from doorstep.timeline.kinds import EventKind, register

RefOrNull = Annotated[str | None, Field(strict=True, min_length=1)]
Words = Annotated[str, Field(strict=True)]


def _short(value: Any, limit: int = 200) -> str:
    return str(value or "")[:limit]


def _listed(value: Any) -> str:
    if isinstance(value, str):
        return value.replace("_", " ")
    if isinstance(value, list):
        return ", ".join(str(v).replace("_", " ") for v in value if v is not None)
    return ""


class RequestedPayload(FormatPayload):
    reason: Text = None
    grounds: list[Words] = Field(default_factory=list)
    evidence: list[Words] = Field(default_factory=list)


@register
class TransferRequested(EventKind):
    """The household asked to move (a management move or transfer): the reason in their words,
    the grounds (medical, ASB, police, a support worker's advice) and the documents on record it
    rests on. It starts the decision clock (`transfers.decision_working_days`)."""

    kind = "transfer.requested"
    label = "Move requested"
    payload = RequestedPayload
    example = {
        "reason": "Intimidation by a neighbour: I am frightened to leave the flat.",
        "grounds": ["asb", "medical"],
        "evidence": ["DOC-2025-000001"],
    }
    invalid_example = {"reason": ["afraid"], "grounds": "asb"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        grounds = f" ({_listed(data.get('grounds'))})" if data.get("grounds") else ""
        return f"Move requested{grounds}: {_short(data.get('reason'))}"


class EvidenceRequestedPayload(FormatPayload):
    what: Text = None
    to: RefOrNull = None
    to_name: Text = None
    types: list[Words] = Field(default_factory=list)


@register
class TransferEvidenceRequested(EventKind):
    """The landlord asked for evidence for a move request: what, and of whom. While it is
    awaited no decision clock runs; it runs again from the evidence received."""

    kind = "transfer.evidence_requested"
    label = "Evidence for a move asked for"
    payload = EvidenceRequestedPayload
    example = {
        "what": "A letter from her GP or mental health team about the effect of the ASB",
        "to_name": "Mental health support worker",
        "types": ["medical_evidence"],
    }
    invalid_example = {"what": 7}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        who = f" of {data['to_name']}" if data.get("to_name") else ""
        return f"Evidence asked for{who}: {_short(data.get('what'))}"


class EvidenceReceivedPayload(FormatPayload):
    what: Text = None
    from_: RefOrNull = Field(default=None, alias="from")
    document: RefOrNull = None
    from_name: Text = None
    from_authorised: StrictBool | None = None
    source_standing: Text = None
    authority_scope: list[Words] = Field(default_factory=list)
    requested: StrictBool | None = None


@register
class TransferEvidenceReceived(EventKind):
    """Evidence for a move request was received: what, from whom (`from`), the document, and
    whether its source counts (a household member, or a third party the household authorised
    for moves). Where evidence had been asked for, the decision clock runs from here."""

    kind = "transfer.evidence_received"
    label = "Evidence for a move received"
    payload = EvidenceReceivedPayload
    example = {
        "what": "Letter from the mental health team",
        "from": "PER-2025-000002",
        "document": "DOC-2025-000003",
        "from_authorised": True,
        "source_standing": "authorised_third_party",
    }
    invalid_example = {"what": "Letter", "from": 3}

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        clean = super().validate(data)
        if "from_" in clean:
            clean["from"] = clean.pop("from_")
        return clean

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        source = data.get("from_name") or data.get("from")
        who = f" from {source}" if source else ""
        return f"Evidence received{who}: {_short(data.get('what'))}"


class DecidedPayload(FormatPayload):
    outcome: Literal["approved", "declined", "panel_referred"]
    reason: Text = None
    panel: StrictBool | None = None


@register
class TransferDecided(EventKind):
    """A decision on a move request: approved, declined (with a reason a housing officer can
    defend), or referred to the panel (whose own decision is a later `transfer.decided`). It
    stops the decision clock."""

    kind = "transfer.decided"
    label = "Decision on a move"
    payload = DecidedPayload
    example = {"outcome": "declined", "reason": "No evidence of risk to the household yet."}
    invalid_example = {"outcome": "maybe"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        outcome = _listed(data.get("outcome")) or "decided"
        reason = f": {_short(data.get('reason'))}" if data.get("reason") else ""
        return f"Move request {outcome}{reason}"


ROUTES_SHAPE = "routes are a list of routes, or one route as text"


def _routes(value: Any) -> Any:
    """The format's routes: a list, or one route as text (as the schema says)."""
    if value is None or isinstance(value, str | list):
        return value
    raise ValueError(ROUTES_SHAPE)


class SupportOfferedPayload(FormatPayload):
    routes: Annotated[Any, BeforeValidator(_routes)] = None
    support: Text = None


@register
class TransferSupportOffered(EventKind):
    """Other routes to a move offered (mutual exchange, the housing register, another), with
    the support the landlord gave (`support`)."""

    kind = "transfer.support_offered"
    label = "Other routes to a move offered"
    payload = SupportOfferedPayload
    example = {
        "routes": ["mutual_exchange", "housing_register"],
        "support": "Registered her on HomeSwapper and sent the council's application form.",
    }
    invalid_example = {"routes": 3}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        support = f"; {_short(data.get('support'))}" if data.get("support") else ""
        return f"Other routes offered: {_listed(data.get('routes'))}{support}"

"""Event kinds owned by hazards: a hazard reported, assessed, made safe, its written summary
sent to the resident, and a decant (alternative accommodation) considered, started and ended.

All but `decant.considered` are kinds of the chronology format (`shared/domain/chronology.md`,
"Repairs and hazards" and "Moves and permissions"), so their data accepts everything the
published schema (`interchange/schema/doorstep-chronology-1.schema.json`) accepts for them: an
imported record is kept whole, nulls and all, and a hazard name outside the 29 HHSRS names is
kept as given (the format asks only for snake_case). What staff must give (an HHSRS hazard, a
severity with its cause, a decant's reason) is insisted on by the services, not here.
`decant.considered` is Doorstep's own: the format has no kind for a decision not to decant.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field

from doorstep.hazards.choices import DecantDecision, Severity, hazard_label
from doorstep.repairs.events import FormatPayload, Ref, Text
from doorstep.timeline.kinds import EventKind, register

# The format's `hazard`: an HHSRS hazard name in snake_case.
HazardName = Annotated[str, Field(strict=True, pattern=r"^[a-z][a-z0-9_]*$")]
SeverityName = Literal["emergency", "significant", "not_significant"]
DecisionName = Literal["offered", "not_needed", "declined"]
RefOrNull = Annotated[str | None, Field(strict=True, min_length=1)]


def _hazard(data: Mapping[str, Any]) -> str:
    name = data.get("hazard")
    return hazard_label(str(name)) if name else "Hazard"


class ReportedPayload(FormatPayload):
    hazard: HazardName
    location: Text = None
    description: Text = None


@register
class HazardReported(EventKind):
    """A hazard in a home was reported (the landlord became aware of it): one of the 29 HHSRS
    hazards, where, and what. It starts Awaab's Law's clocks for a hazard in its scope on the
    day (investigation; 24 hours where it is an emergency), or, before Awaab's Law or outside
    its phase, the landlord's appointment timescale for the investigation."""

    kind = "hazard.reported"
    label = "Hazard reported"
    payload = ReportedPayload
    example = {
        "hazard": "damp_mould",
        "location": "bathroom ceiling",
        "description": "Black mould spreading from the corner above the bath.",
    }
    invalid_example = {"hazard": "Damp and mould", "location": 3}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        where = data.get("location") or "location not recorded"
        what = str(data.get("description") or "no description on record")[:200]
        return f"{_hazard(data)} reported: {where}: {what}"


class AssessedPayload(FormatPayload):
    severity: SeverityName
    hazard: HazardName | None = None
    cause: Text = None


@register
class HazardAssessed(EventKind):
    """The hazard was assessed (the investigation concluded): its severity as Awaab's Law sorts
    them (emergency, significant, not significant) and its cause. The written summary,
    safety-work and further-work clocks run from the investigation's conclusion."""

    kind = "hazard.assessed"
    label = "Hazard assessed"
    payload = AssessedPayload
    example = {
        "hazard": "damp_mould",
        "severity": "significant",
        "cause": "Failed extractor fan and condensation",
    }
    invalid_example = {"severity": "quite bad"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        severity = Severity(data["severity"]).label.lower() if data.get("severity") else ""
        cause = f"; cause: {str(data['cause'])[:200]}" if data.get("cause") else ""
        return f"{_hazard(data)} assessed: {severity}{cause}"


class MadeSafePayload(FormatPayload):
    hazard: HazardName | None = None


@register
class HazardMadeSafe(EventKind):
    """The hazard was made safe: the relevant safety work is done. It stops Awaab's Law's
    emergency and safety-work clocks."""

    kind = "hazard.made_safe"
    label = "Hazard made safe"
    payload = MadeSafePayload
    example = {"hazard": "damp_mould"}
    invalid_example = {"hazard": "Damp!"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"{_hazard(data)} made safe"


class SummarySentPayload(FormatPayload):
    to: RefOrNull = None
    hazard: HazardName | None = None
    document: Ref | None = None


@register
class HazardSummarySent(EventKind):
    """The written summary of the investigation's findings was sent to the resident (`to`),
    with the letter where it is on record (`document`, Doorstep's). It stops Awaab's Law's
    written summary clock."""

    kind = "hazard.summary_sent"
    label = "Written summary sent"
    payload = SummarySentPayload
    example = {"to": "Ada Adeyemi", "hazard": "damp_mould", "document": "DOC-2026-000001"}
    invalid_example = {"to": ""}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        to = f" to {data['to']}" if data.get("to") else ""
        return f"Written summary of the findings sent{to}"


class ConsideredPayload(FormatPayload):
    decision: DecisionName
    reason: Annotated[str, Field(strict=True, min_length=1)]
    hazard: HazardName | None = None


@register
class DecantConsidered(EventKind):
    """A decant (a temporary move to suitable alternative accommodation while the home is made
    safe) was considered, and what was decided: offered, not needed, or declined by the
    resident, always with the reason. Doorstep's own kind: Awaab's Law expects alternative
    accommodation to be offered where a home cannot be made safe in time, so the decision
    not to decant is on the record too."""

    kind = "decant.considered"
    label = "Decant considered"
    payload = ConsideredPayload
    example = {
        "decision": "not_needed",
        "reason": "Mould wash can be done room by room; the bedroom is unaffected.",
        "hazard": "damp_mould",
    }
    invalid_example = {"decision": "maybe"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        decision = DecantDecision(data["decision"]).label.lower()
        return f"Decant considered: {decision}: {str(data.get('reason') or '')[:200]}"


class StartedPayload(FormatPayload):
    reason: Text = None
    where: Text = None


@register
class DecantStarted(EventKind):
    """The household moved out to alternative accommodation for works (a decant): why, and
    where to. A temporary move: a permanent one is a transfer."""

    kind = "decant.started"
    label = "Decant started"
    payload = StartedPayload
    example = {"reason": "Damp treatment to every room", "where": "2 Birch Court (furnished)"}
    invalid_example = {"reason": 5}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        where = f" to {data['where']}" if data.get("where") else ""
        reason = f": {str(data['reason'])[:200]}" if data.get("reason") else ""
        return f"Household decanted{where}{reason}"


class EndedPayload(FormatPayload):
    reason: Text = None


@register
class DecantEnded(EventKind):
    """The decant ended: the household is back home (or the move ended for the reason given)."""

    kind = "decant.ended"
    label = "Decant ended"
    payload = EndedPayload
    example = {"reason": "Works complete; the household moved back."}
    invalid_example = {"reason": ["back"]}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        reason = f": {str(data['reason'])[:200]}" if data.get("reason") else ""
        return f"Decant ended{reason}"

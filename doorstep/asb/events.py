"""Event kinds owned by ASB cases: a report of anti-social behaviour, the case opened or
declined, the reporter's risk assessed, an action taken, a review, and the case closed.

All are kinds of the chronology format (`shared/domain/chronology.md`, "Anti-social
behaviour"), so their data accepts everything the published schema
(`interchange/schema/doorstep-chronology-1.schema.json`) accepts for them: an imported record is
kept whole, nulls and all, unknown members kept. Only format kinds are exported and replayed,
so Doorstep's own facts are extra members of these kinds:

- `asb.reported`: `reporter` (person reference), `alleged_perpetrator` (words),
  `alleged_perpetrator_household` (household reference), `location`, `communal`,
  `crime_reference`, `incident_date`;
- `asb.risk_assessed`: `answers` (the matrix's four answers), `score`, `raised_from` (the
  score's level, where the officer raised it) and `reason`;
- `asb.action`: `reveals_reporter`, `delay_override` {reason, by}, `next_step`,
  `next_step_due`, `agency` {kind: police|local_authority|other, name};
- `asb.reviewed`: `summary`, `reporter_updated` (how);
- `asb.closed`: `reporter_told`, `reporter_not_told_reason`.

What staff must give (a reason the policy allows, the matrix answered, a manager's reason to act
inside the reporter's delay) is insisted on by the services, not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from doorstep.repairs.events import FormatPayload, Text, WhenText
from doorstep.timeline.kinds import EventKind, register

CategoryName = Literal[
    "noise", "drugs", "fly_tipping", "harassment", "violence", "threats", "pets", "hate", "other"
]
DeclineCode = Literal[
    "not_reported_to_police",
    "insufficient_evidence",
    "not_asb",
    "civil_matter",
    "out_of_time",
    "other",
]
LevelName = Literal["low", "medium", "high"]
ActionName = Literal[
    "letter",
    "visit",
    "interview",
    "warning",
    "acceptable_behaviour_agreement",
    "mediation",
    "referral",
    "injunction",
    "notice",
]
RefOrNull = Annotated[str | None, Field(strict=True, min_length=1)]
NOT_A_WHOLE_NUMBER = "a number of days is a whole number, 0 or more"


def _whole(value: Any) -> Any:
    """The format's integer: 3 or 3.0, never "3" or true."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(NOT_A_WHOLE_NUMBER)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(NOT_A_WHOLE_NUMBER)
        return int(value)
    return value


Days = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_whole)]


def _words(data: Mapping[str, Any], field: str = "text") -> str:
    text = str(data.get(field) or "").strip()
    return f": {text[:200]}" if text else ""


def _label(value: Any) -> str:
    return str(value or "").replace("_", " ")


class ReportedPayload(FormatPayload):
    category: CategoryName
    text: Text = None
    police_involved: StrictBool | None = None
    informant_delay_requested_days: Days = None
    reporter: Text = None
    alleged_perpetrator: Text = None
    alleged_perpetrator_household: Text = None
    location: Text = None
    communal: StrictBool | None = None
    crime_reference: Text = None
    incident_date: WhenText | None = None


@register
class AsbReported(EventKind):
    """Anti-social behaviour was reported: its category, the reporter's words, whether the
    police are involved (null: the source does not say) and any delay the reporter asked for
    before the landlord acts in a way that could identify them. Each report starts its own
    first-response and risk-assessment clocks; a report is never to be ignored because the
    reporter had not gone to the police (Bromford 202109189)."""

    kind = "asb.reported"
    label = "ASB reported"
    payload = ReportedPayload
    example = {
        "category": "drugs",
        "text": "People are dealing from the flat below most nights.",
        "police_involved": False,
        "informant_delay_requested_days": 3,
        "reporter": "P1",
        "alleged_perpetrator": "The tenant of flat 2",
        "location": "Stairwell",
        "communal": True,
    }
    invalid_example = {"category": "loud", "informant_delay_requested_days": -1}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        delay = data.get("informant_delay_requested_days")
        asked = f" (the reporter asked for {delay} days' delay)" if delay else ""
        return f"ASB reported ({_label(data.get('category'))}){asked}{_words(data)}"


class OpenedPayload(FormatPayload):
    pass


@register
class AsbCaseOpened(EventKind):
    """The report was opened as an ASB case. It answers the report (its first response) and
    starts the review clock."""

    kind = "asb.case_opened"
    label = "ASB case opened"
    payload = OpenedPayload
    example: ClassVar[dict[str, Any]] = {}
    invalid_example = {"disputed": "perhaps"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or "ASB case opened"


class DeclinedPayload(FormatPayload):
    reason: Text = None
    reason_code: DeclineCode | None = None


@register
class AsbCaseDeclined(EventKind):
    """The landlord declined to open an ASB case, for a reason its policy allows
    (`asb.decline_reasons_allowed`). Not having reported the matter to the police is never one
    (Bromford 202109189, ASB 8 and 12.2): a replay flags such a decline."""

    kind = "asb.case_declined"
    label = "ASB case declined"
    payload = DeclinedPayload
    example = {
        "reason": "Two neighbours disagree about a fence: a civil matter.",
        "reason_code": "civil_matter",
    }
    invalid_example = {"reason_code": "too_busy"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"ASB case declined{_words(data, 'reason')}"


class Answers(BaseModel):
    model_config = ConfigDict(extra="allow")

    vulnerability: Text = None
    repeat_victimisation: Text = None
    impact: Text = None
    hate_motivated: StrictBool | str | None = None


class RiskAssessedPayload(FormatPayload):
    level: LevelName
    answers: Answers | None = None
    score: int | None = Field(None, strict=True, ge=0)
    raised_from: LevelName | None = None
    reason: Text = None


@register
class AsbRiskAssessed(EventKind):
    """The reporter's risk was assessed (low, medium or high), from the matrix's answers
    (vulnerability, repeat victimisation, impact, hate motivation), raised above the score's
    level only with a reason. It stops the report's risk-assessment clock; a high risk shortens
    the review interval (`asb.high_risk.review_interval_days`). Re-assessed at each review."""

    kind = "asb.risk_assessed"
    label = "ASB risk assessed"
    payload = RiskAssessedPayload
    example = {
        "level": "high",
        "answers": {
            "vulnerability": "significant",
            "repeat_victimisation": "persistent",
            "impact": "severe",
            "hate_motivated": "no",
        },
        "score": 6,
    }
    invalid_example = {"level": "very high"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        raised = f", raised from {data['raised_from']}" if data.get("raised_from") else ""
        return f"ASB risk assessed: {data.get('level')}{raised}{_words(data, 'reason')}"


class Override(BaseModel):
    model_config = ConfigDict(extra="allow")

    reason: Text = None
    by: Text = None


class AgencyData(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: Text = None
    name: Text = None


class ActionPayload(FormatPayload):
    type: ActionName
    against: RefOrNull = None
    details: Text = None
    reveals_reporter: StrictBool | None = None
    delay_override: Override | None = None
    next_step: Text = None
    next_step_due: WhenText | None = None
    agency: AgencyData | None = None


@register
class AsbAction(EventKind):
    """An action or intervention on the ASB case (letter, visit, interview, warning, acceptable
    behaviour agreement, mediation, referral, injunction, notice), directed at someone
    (`against`) or not, with the agreed next step and its date. One that would reveal the
    reporter inside a delay they asked for is refused unless a manager overrides it with a
    reason (`delay_override`)."""

    kind = "asb.action"
    label = "ASB action"
    payload = ActionPayload
    example = {
        "type": "warning",
        "against": "The tenant of flat 2",
        "details": "Warning letter about visitors at night.",
        "next_step": "Visit the reporter to check things have calmed down",
        "next_step_due": "2024-03-21",
    }
    invalid_example = {"type": "shout", "against": ""}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        against = f" ({data['against']})" if data.get("against") else ""
        return f"ASB action: {_label(data.get('type'))}{against}{_words(data, 'details')}"


class ReviewedPayload(FormatPayload):
    summary: Text = None
    reporter_updated: Text = None


@register
class AsbReviewed(EventKind):
    """The open ASB case was reviewed (with the reporter's risk re-assessed and the reporter
    updated). It restarts the review clock."""

    kind = "asb.reviewed"
    label = "ASB case reviewed"
    payload = ReviewedPayload
    example = {"summary": "Quieter since the warning.", "reporter_updated": "phone"}
    invalid_example = {"summary": 4}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"ASB case reviewed{_words(data, 'summary')}"


class ClosedPayload(FormatPayload):
    reason: Text = None
    reporter_told: StrictBool | None = None
    reporter_not_told_reason: Text = None


@register
class AsbClosed(EventKind):
    """The ASB case was closed, with the reason, and the reporter told (or why not). It stops
    the review clock."""

    kind = "asb.closed"
    label = "ASB case closed"
    payload = ClosedPayload
    example = {"reason": "No further incidents in three months.", "reporter_told": True}
    invalid_example = {"reason": ["quiet"]}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"ASB case closed{_words(data, 'reason')}"

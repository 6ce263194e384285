"""What the API accepts for the portfolio of findings (the filters, `FindingsQuery`) and returns
(`...Out`). Served by `doorstep/api/routers/findings.py` (the lens never imports the API).
Outputs name records by their human reference, a team by its slug and an officer by username.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from doorstep.clocks.redress import summary_json
from doorstep.lens.selectors import NONE, Count, Portfolio, PortfolioFinding

TopicName = Literal[
    "complaint_handling",
    "repairs",
    "hazards",
    "asb",
    "records",
    "moves",
    "compensation",
    "commitments",
]
AgeName = Literal["under_30", "30_to_90", "90_to_365", "over_365"]
FACET_VALUE = r"^[\w.@+-]{1,150}$"


class FindingsQuery(Schema):
    """Which findings: as `GET /lens/` asks."""

    as_of: dt.date | None = Field(None, description="The day to read the record as of; today")
    since: dt.date | None = Field(
        None,
        description="Findings still going on are always listed; the others if they arose on "
        "or after this day. Default: 90 days before `as_of`",
    )
    include_resolved: bool = Field(False, description="Every finding, whenever it arose")
    topic: TopicName | None = None
    team: str | None = Field(
        None, pattern=FACET_VALUE, description=f"A team's slug; '{NONE}': no team"
    )
    officer: str | None = Field(
        None, pattern=FACET_VALUE, description=f"An officer's username; '{NONE}': no officer"
    )
    code: str | None = Field(None, pattern=FACET_VALUE, description="A finding code")
    age: AgeName | None = Field(
        None, description="How long ago it arose: under 30 days, 30-89, 90-364, a year or more"
    )

    def chosen(self, *, today: dt.date) -> dict[str, Any]:
        return {**self.model_dump(), "as_of": self.as_of or today}


class PortfolioFindingOut(Schema):
    """One finding of the Ombudsman lens (the replay's JSON for it), with where it sits."""

    code: str
    topic: str
    title: str
    date: dt.date = Field(description="The day it arose")
    resolved: dt.date | None = Field(description="The day the failure ended, where it has")
    ongoing: bool
    lasted_days: int = Field(description="To its resolution or to `as_of`; 0: a single event")
    case: str | None = Field(description="Reference of the case; null: about the household")
    household: str | None = Field(description="null: a communal case")
    property: str | None
    team: str | None = Field(description="The slug of the team owning the case")
    officer: str | None = Field(description="The username of the case's officer")
    age: AgeName
    subject: str | None
    events: list[str]
    explanation: str
    rule: str
    source: str
    severity: Literal["low", "medium", "high"]
    imprecise: bool
    assumed: bool
    disputed: bool
    absence_of_records: bool
    inferred: bool
    rests_on: list[str] = Field(description="What it rests on beyond the record's plain facts")
    key: str


class FindingCountOut(Schema):
    value: str = Field(description="The filter's value for it ('none': no team or officer)")
    label: str
    count: int


class RedressSuggestionOut(Schema):
    low: float
    high: float | None
    guidance: str
    reasoning: str
    landlord_band: str | None
    landlord_low: float | None
    landlord_high: float | None
    landlord_source: str | None


class RedressTopicOut(Schema):
    topic: str
    label: str
    count: int
    ongoing: int
    cases: list[str]
    first: dt.date
    last: dt.date
    longest_days: int
    total_days: int
    codes: dict[str, int]
    imprecise: int
    suggestion: RedressSuggestionOut


class RedressOut(Schema):
    """The redress suggested for one household's listed findings, by topic."""

    household: str | None = Field(description="null: the communal cases of a building")
    label: str
    topics: list[RedressTopicOut]


class FindingsSummaryOut(Schema):
    as_of: dt.date
    since: dt.date
    include_resolved: bool
    total: int = Field(description="How many findings the filters list")
    ongoing: int
    by_topic: list[FindingCountOut]
    by_team: list[FindingCountOut]
    by_officer: list[FindingCountOut]
    by_code: list[FindingCountOut]
    by_age: list[FindingCountOut]
    redress: list[RedressOut]
    notes: list[str] = Field(description="Any household whose record could not be read, and why")


def finding_out(finding: PortfolioFinding) -> dict[str, Any]:
    return finding.as_json()


def _counts(counts: list[Count]) -> list[dict[str, Any]]:
    return [{"value": c.value, "label": c.label, "count": c.count} for c in counts]


def summary_out(found: Portfolio) -> dict[str, Any]:
    return {
        "as_of": found.as_of,
        "since": found.since,
        "include_resolved": found.include_resolved,
        "total": len(found.findings),
        "ongoing": found.ongoing,
        "by_topic": _counts(found.by_topic),
        "by_team": _counts(found.by_team),
        "by_officer": _counts(found.by_officer),
        "by_code": _counts(found.by_code),
        "by_age": _counts(found.by_age),
        "redress": [
            {
                "household": r.household.reference if r.household else None,
                "label": r.label,
                "topics": [summary_json(t) for t in r.topics],
            }
            for r in found.redress
        ],
        "notes": found.notes,
    }

"""What the API accepts for the Ombudsman (`...In`) and returns (`...Out`): separate, even where
alike. Inputs refuse fields they do not know; outputs name records by their human reference.
Served by `doorstep/api/routers/ombudsman.py` (this app never imports the API).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.ombudsman.choices import Outcome, Period
from doorstep.ombudsman.selectors import OmbudsmanRecord
from doorstep.timeline.schemas import OCCURRED, In, when_text
from doorstep.timeline.when import When

Item = Field(min_length=1, max_length=5000)


class WhenIn(In):
    occurred: str | None = Field(None, description=OCCURRED)

    _when = field_validator("occurred")(when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class ReferIn(WhenIn):
    """A household's complaint taken to the Housing Ombudsman."""

    household: str = Field(min_length=1, description="Reference of the household")
    complaints: list[str] = Field(
        min_length=1, description="References of the complaint cases the Ombudsman looks at"
    )
    ombudsman_ref: str = Field(min_length=1, max_length=60, description="The Ombudsman's reference")
    text: str = Field("", max_length=5000, description="What the resident asked the Ombudsman for")


class InterventionIn(WhenIn):
    text: str = Field(min_length=1, max_length=5000, description="What the Ombudsman asked for")


class EvidenceRequestIn(WhenIn):
    items: list[str] = Field(min_length=1, description="The evidence asked for, one item each")
    due: str = Field(description="The date the Ombudsman wants it by (YYYY-MM-DD)")

    _due = field_validator("due")(when_text)


class EvidenceSentIn(WhenIn):
    request: str = Field(min_length=1, max_length=30, description="The request answered: ER1...")
    items: list[str] = Field(min_length=1, description="The items of that request sent")
    documents: list[str] = Field(
        default_factory=list, description="References of the documents sent, already on record"
    )


class FindingBody(In):
    topic: str = Field(min_length=1, max_length=300, description="e.g. complaint handling")
    outcome: Outcome = Field(description="Housing Ombudsman Scheme, paragraph 52 (or 42)")


class OrderBody(In):
    action: str = Field(min_length=1, max_length=5000, description="What the landlord must do")
    period: Period | None = Field(None, description="Deadline counted from the determination")
    due: str | None = Field(None, description="Or the deadline as a date")
    owner: str | None = Field(None, description="Username of the member of staff who owns it")

    _due = field_validator("due")(when_text)


class DeterminationIn(In):
    occurred: str = Field(description="The date of the determination (YYYY-MM-DD)")
    findings: list[FindingBody] = Field(min_length=1)
    orders: list[OrderBody] = Field(default_factory=list)

    _when = field_validator("occurred")(when_text)


class ComplyIn(WhenIn):
    evidence: str = Field("", max_length=5000, description="What was done to comply")
    documents: list[str] = Field(
        default_factory=list, description="References of the evidence, already on record"
    )


class InterventionOut(Schema):
    occurred: str
    text: str | None


class EvidenceRequestOut(Schema):
    request: str
    requested: str
    due: str | None
    items: list[str]
    sent: list[str]
    outstanding: list[str]
    overdue: bool


class FindingOut(Schema):
    topic: str
    outcome: str


class DeterminationOut(Schema):
    occurred: str
    findings: list[FindingOut]


class OrderOut(Schema):
    order: str
    action: str
    due: dt.date | None
    owner: str | None
    standing: str


class OmbudsmanOut(Schema):
    """An Ombudsman case as of a date (`as_of`)."""

    case: str
    household: str | None
    as_of: dt.date
    ombudsman_ref: str | None
    referred: str | None
    complaints: list[str]
    interventions: list[InterventionOut]
    evidence_requests: list[EvidenceRequestOut]
    determination: DeterminationOut | None
    orders: list[OrderOut]


def ombudsman_out(record: OmbudsmanRecord) -> dict[str, Any]:
    """The record as the API returns it."""
    determination = record.determination
    return {
        "case": record.case.reference,
        "household": record.case.household.reference if record.case.household else None,
        "as_of": record.as_of,
        "ombudsman_ref": record.ombudsman_ref or None,
        "referred": record.referred.occurred_text if record.referred else None,
        "complaints": record.complaints,
        "interventions": [
            {"occurred": e.occurred_text, "text": e.data.get("text")} for e in record.interventions
        ],
        "evidence_requests": [
            {
                "request": r.id,
                "requested": r.event.occurred_text,
                "due": r.due_text,
                "items": r.items,
                "sent": [item for item, _ in r.sent],
                "outstanding": r.outstanding,
                "overdue": r.overdue,
            }
            for r in record.requests
        ],
        "determination": None
        if determination is None
        else {
            "occurred": determination.event.occurred_text,
            "findings": [{"topic": f.topic, "outcome": f.outcome} for f in determination.findings],
        },
        "orders": [
            {
                "order": o.commitment.ref,
                "action": o.commitment.action,
                "due": o.commitment.due_date,
                "owner": o.commitment.owner_name or None,
                "standing": o.standing,
            }
            for o in record.orders
        ],
    }

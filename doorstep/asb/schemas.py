"""What the API accepts for ASB cases (`...In`) and returns (`...Out`): separate, even where
alike. Inputs refuse fields they do not know; outputs name related records by their human
reference. Served by `doorstep/api/routers/asb.py` (ASB never imports the API).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.asb.choices import ActionType, Agency, Category, ClosingTold, ReporterUpdated
from doorstep.timeline.models import Channel
from doorstep.timeline.schemas import OCCURRED, In, when_text
from doorstep.timeline.when import When

TEXT = 5000
Vulnerability = Literal["none", "some", "significant"]
Repeat = Literal["first", "repeated", "persistent"]
Impact = Literal["low", "moderate", "severe"]
Level = Literal["low", "medium", "high"]


class AsbWhenIn(In):
    occurred: str | None = Field(None, description=OCCURRED)

    _when = field_validator("occurred")(when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class AsbReportIn(AsbWhenIn):
    """A report of anti-social behaviour from a member of the household: a new ASB case, or
    added to the household's live ASB case (`case`)."""

    category: Category
    text: str = Field(
        "",
        max_length=TEXT,
        description="What happened, in the reporter's words (may be empty "
        "with from_contact: the contact's words are taken)",
    )
    reporter: str = Field(
        min_length=1, max_length=30, description="The reporter's person reference"
    )
    case: str | None = Field(
        None, max_length=30, description="A live ASB case of the household to add the report to"
    )
    alleged_perpetrator: str = Field("", max_length=300)
    alleged_perpetrator_household: str | None = Field(
        None, max_length=30, description="The alleged perpetrator's household reference"
    )
    location: str = Field("", max_length=300)
    communal: bool = False
    police_involved: bool | None = Field(None, description="null: not known")
    crime_reference: str = Field("", max_length=60)
    incident_date: str | None = Field(None, description="When it happened, at any precision")
    delay_days: int | None = Field(
        None,
        ge=0,
        le=90,
        description="The delay the reporter asked for before anything identifies them",
    )
    channel: Channel = Field(
        Channel.PHONE, description="How it came in (ignored with from_contact)"
    )
    from_contact: uuid.UUID | None = Field(
        None, description="uid of the contact (contact.in) the report came in"
    )
    title: str = Field("", max_length=120, description="Default: the start of the words")

    _incident = field_validator("incident_date")(when_text)


class AsbDecideIn(AsbWhenIn):
    pass


class AsbDeclineIn(AsbWhenIn):
    reason_code: Literal[
        "insufficient_evidence",
        "not_asb",
        "civil_matter",
        "out_of_time",
        "not_reported_to_police",
        "other",
    ] = Field(description="A reason the landlord's ASB policy allows (never the police one)")
    reason: str = Field(min_length=1, max_length=TEXT, description="As the reporter is told it")


class AsbRiskIn(In):
    vulnerability: Vulnerability
    repeat_victimisation: Repeat
    impact: Impact
    hate_motivated: bool


class AsbAssessIn(AsbWhenIn):
    answers: AsbRiskIn
    raised_to: Level | None = Field(None, description="A level above the score's, with a reason")
    raise_reason: str = Field("", max_length=TEXT)


class AsbActionIn(AsbWhenIn):
    type: ActionType
    against: str = Field("", max_length=300, description="Who it is directed at (empty: no one)")
    details: str = Field("", max_length=TEXT)
    agency: Agency | None = Field(None, description="For a referral: who to")
    agency_name: str = Field("", max_length=200)
    next_step: str = Field("", max_length=500, description="The agreed next step (a promise)")
    next_step_due: dt.date | None = None
    override_reason: str = Field(
        "",
        max_length=1000,
        description="A manager's reason to act inside the reporter's delay (asb.override_delay)",
    )


class AsbReviewIn(AsbWhenIn):
    summary: str = Field(min_length=1, max_length=TEXT)
    answers: AsbRiskIn = Field(description="The reporter's risk, re-assessed at each review")
    raised_to: Level | None = None
    raise_reason: str = Field("", max_length=TEXT)
    reporter_updated: ReporterUpdated
    to: str = Field("", max_length=320, description="Email address or mobile number (message)")


class AsbCloseIn(AsbWhenIn):
    reason: str = Field(min_length=1, max_length=TEXT)
    told: ClosingTold
    to: str = Field("", max_length=320, description="Email address or mobile number (message)")
    not_told_reason: str = Field("", max_length=TEXT)


class AsbCaseReviewIn(In):
    to: str = Field(min_length=1, max_length=320, description="Email address or mobile number")


class AsbOut(Schema):
    case: str
    household: str | None
    reporter: str | None
    category: str
    status: str = Field(description="reported, open, declined or closed")
    first_reported: dt.datetime
    reports: list[dict[str, Any]]
    alleged_perpetrator: str
    delay_until: dt.date | None = Field(
        description="The first day an action identifying the reporter may be taken"
    )
    opened: dt.datetime | None
    declined: dt.datetime | None
    decline_code: str | None
    decline_reason: str
    risk_level: str | None
    risk: dict[str, Any]
    actions: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    closed: dt.datetime | None
    close_reason: str
    case_review_met_on: dt.date | None
    case_review_told: dt.datetime | None
    next_due: dt.date | None

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return obj.case.household.reference if obj.case.household else None

    @staticmethod
    def resolve_reporter(obj: Any) -> str | None:
        return obj.reporter.reference if obj.reporter_id else None

    @staticmethod
    def resolve_first_reported(obj: Any) -> dt.datetime:
        return obj.first_reported_at

    @staticmethod
    def resolve_opened(obj: Any) -> dt.datetime | None:
        return obj.opened_at

    @staticmethod
    def resolve_declined(obj: Any) -> dt.datetime | None:
        return obj.declined_at

    @staticmethod
    def resolve_decline_code(obj: Any) -> str | None:
        return obj.decline_code or None

    @staticmethod
    def resolve_risk_level(obj: Any) -> str | None:
        return obj.risk_level or None

    @staticmethod
    def resolve_closed(obj: Any) -> dt.datetime | None:
        return obj.closed_at

    @staticmethod
    def resolve_case_review_told(obj: Any) -> dt.datetime | None:
        return obj.case_review_told_at

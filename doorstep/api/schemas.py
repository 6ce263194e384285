"""What the API accepts (`...In`) and what it returns (`...Out`): separate, even where alike.

Inputs refuse fields they do not know (a misspelt `adress_line_1` is an error, not silently
dropped; the intake log keeps the raw body regardless). Outputs name related records by their
human reference. Special category data never leaves through an output unless the caller's
role may read it: event data is redacted by its kind's `redact()`, and a household shows only
the vulnerability flags (that a person is vulnerable, and in what way), never the detail.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from ninja import Path, Schema
from pydantic import (
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)
from pydantic_core import PydanticCustomError

from doorstep.api.selectors import household_open_cases
from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.documents.choices import DocumentType
from doorstep.lens.schemas import RedressTopicOut
from doorstep.properties.choices import PropertyKind
from doorstep.residents.choices import Relationship
from doorstep.timeline import kinds
from doorstep.timeline.models import Channel
from doorstep.timeline.schemas import In, when_text
from doorstep.timeline.when import When
from doorstep.vulnerabilities.selectors import can_see_detail, vulnerability_flags

REFERENCE_PATTERN = r"^[A-Z]{2,8}-\d{4}-\d{6,}$"

# A record's human reference in a path: PRP-2024-000001, HH-2024-000001, REP-2024-000001.
Reference = Annotated[
    str, Path(pattern=REFERENCE_PATTERN, description="The record's reference, e.g. HH-2024-000001")
]


def _ref(obj: Any) -> str | None:
    return obj.reference if obj is not None else None


OCCURRED_DESCRIPTION = (
    "When it happened, as precisely as known: 2021, 2021-03, 2021-03-04 or an ISO 8601 date "
    "and time. Default: now."
)


_when_text = when_text


# Properties ----------------------------------------------------------------------------------


class PropertyIn(In):
    kind: PropertyKind
    address_line_1: str = Field(min_length=1, max_length=200)
    address_line_2: str = Field("", max_length=200)
    town: str = Field("", max_length=100)
    postcode: str = Field("", max_length=10)
    name: str = Field("", max_length=200, description="e.g. 'Elm Court'")
    uprn: int | None = Field(None, description="Unique Property Reference Number, if known")
    bedrooms: int | None = Field(None, ge=0, le=50)
    part_of: str | None = Field(None, description="Reference of the block or estate it is in")
    aliases: dict[str, str] = Field(
        default_factory=dict, description="Other systems' references: {scheme: value}"
    )


class PropertyRefOut(Schema):
    reference: str
    address: str


class PropertyOut(Schema):
    reference: str
    kind: str
    name: str
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    address: str
    uprn: int | None
    bedrooms: int | None
    part_of: str | None
    aliases: dict[str, str]

    @staticmethod
    def resolve_part_of(obj: Any) -> str | None:
        return _ref(obj.part_of)

    @staticmethod
    def resolve_aliases(obj: Any) -> dict[str, str]:
        return {a.scheme: a.value for a in obj.aliases.all()}


# People and households -----------------------------------------------------------------------


class PersonIn(In):
    full_name: str = Field(min_length=1, max_length=200)
    preferred_name: str = Field("", max_length=100)
    date_of_birth: dt.date | None = None
    email: str = Field("", max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str = Field("", max_length=40)
    organisation: str = Field("", max_length=200, description="For a third party")


class PersonOut(Schema):
    reference: str
    full_name: str
    preferred_name: str
    date_of_birth: dt.date | None
    email: str
    phone: str
    organisation: str


class HouseholdIn(In):
    property: str = Field(min_length=1, description="Reference of the home")


class MemberIn(In):
    person: str = Field(min_length=1, description="Reference of the person")
    relationship: Relationship
    joined_on: dt.date | None = None


class MemberOut(Schema):
    person: str
    full_name: str
    relationship: str
    joined_on: dt.date | None
    left_on: dt.date | None

    @staticmethod
    def resolve_person(obj: Any) -> str:
        return str(obj.person.reference)

    @staticmethod
    def resolve_full_name(obj: Any) -> str:
        return str(obj.person.full_name)


class TenancyOut(Schema):
    reference: str
    tenure: str
    start: dt.date | None
    end: dt.date | None
    rent_weekly: float | None
    tenants: list[str]

    @staticmethod
    def resolve_tenants(obj: Any) -> list[str]:
        return [p.reference for p in obj.tenants.all()]


class VulnerabilityFlagOut(Schema):
    """That a person is vulnerable, and in what way: never the detail."""

    person_reference: str
    person_name: str
    category: str
    category_label: str
    recorded_on: dt.date


class CaseSummaryOut(Schema):
    reference: str
    case_type: str
    title: str
    status: str
    opened_at: dt.datetime


class HouseholdSummaryOut(Schema):
    reference: str
    property: PropertyRefOut


class HouseholdOut(Schema):
    reference: str
    property: PropertyRefOut
    members: list[MemberOut]
    tenancies: list[TenancyOut]
    vulnerabilities: list[VulnerabilityFlagOut]
    open_cases: list[CaseSummaryOut]

    @staticmethod
    def resolve_members(obj: Any) -> list[Any]:
        return list(obj.members.all())

    @staticmethod
    def resolve_tenancies(obj: Any) -> list[Any]:
        return list(obj.tenancies.all())

    @staticmethod
    def resolve_vulnerabilities(obj: Any) -> list[Any]:
        return vulnerability_flags(household=obj)

    @staticmethod
    def resolve_open_cases(obj: Any) -> list[Any]:
        return list(household_open_cases(household=obj))


# Cases ---------------------------------------------------------------------------------------


CONTACT_NOT_WITH_PROPERTY = (
    "A case opened from a contact is about the contact's household: leave out property."
)


class CaseIn(In):
    case_type: CaseType
    title: str = Field(min_length=1, max_length=300)
    household: str | None = Field(None, description="Reference of the household")
    property: str | None = Field(
        None, description="Reference of the property: the building, for a communal case"
    )
    from_contact: uuid.UUID | None = Field(
        None,
        description="uid of the contact (an event contact.in or contact.out) the case is "
        "opened from, keeping the link. The case is for the contact's household: `household` "
        "may be left out, and `property` must be.",
    )

    @field_validator("from_contact")
    @classmethod
    def _from_contact_alone(cls, value: uuid.UUID | None, info: ValidationInfo) -> uuid.UUID | None:
        if value is not None and info.data.get("property"):
            raise PydanticCustomError("from_contact", CONTACT_NOT_WITH_PROPERTY)
        return value


class CaseCloseIn(In):
    reason: str = Field(min_length=1, max_length=2000)


class CaseFilters(Schema):
    status: CaseStatus | None = None
    type: CaseType | None = None
    household: str | None = Field(None, description="Reference of a household")


class CaseOut(Schema):
    reference: str
    case_type: str
    title: str
    status: str
    communal: bool
    household: str | None
    property: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return _ref(obj.household)

    @staticmethod
    def resolve_property(obj: Any) -> str:
        return str(obj.property.reference)


# Timeline ------------------------------------------------------------------------------------


class EntryIn(In):
    kind: Literal["note", "contact.in", "contact.out", "record.corrected"]
    occurred: str | None = Field(None, description=OCCURRED_DESCRIPTION)
    data: dict[str, Any] = Field(description="The entry's data, as its kind declares")
    channel: Channel = Channel.INTERNAL
    summary: str = Field("", max_length=500)
    by: str = Field("", max_length=200, description="Who did it, if not the caller")
    supersedes: uuid.UUID | None = Field(None, description="uid of the entry this corrects")

    _when = field_validator("occurred")(_when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class ContactIn(In):
    """A contact received from, or sent to, anyone about the household, on no case yet."""

    direction: Literal["in", "out"] = Field(description="Received (in) or sent (out)")
    channel: Channel = Field(
        description="How it came or went: phone, email, letter, visit, portal or in_person"
    )
    party: str = Field("", max_length=300, description="Who it was from (in) or to (out)")
    text: str = Field(min_length=1, max_length=50000, description="What was said or written")
    occurred: str | None = Field(None, description=OCCURRED_DESCRIPTION)

    _when = field_validator("occurred")(_when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class OccurredOut(Schema):
    text: str
    precision: str
    earliest: dt.datetime
    latest: dt.datetime


def _shown(obj: Any, context: Any) -> dict[str, Any]:
    """The event's data as the caller may see it."""
    user = getattr(context["request"], "auth", None)
    if can_see_detail(user):
        return dict(obj.data)
    return kinds.get(obj.kind).redact(obj.data)


class EventOut(Schema):
    uid: uuid.UUID
    seq: int
    kind: str
    label: str
    sentence: str
    occurred: OccurredOut
    recorded_at: dt.datetime
    actor_name: str
    by: str
    channel: str
    summary: str
    data: dict[str, Any]
    case: str | None
    household: str | None
    supersedes: uuid.UUID | None

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return kinds.get(obj.kind).label

    @staticmethod
    def resolve_sentence(obj: Any, context: Any) -> str:
        return kinds.get(obj.kind).sentence(_shown(obj, context), obj.summary)

    @staticmethod
    def resolve_occurred(obj: Any) -> dict[str, Any]:
        # In UTC, as read back from the database, whether or not the event is fresh.
        return {
            "text": obj.occurred_text,
            "precision": obj.occurred_precision,
            "earliest": obj.occurred_earliest.astimezone(dt.UTC),
            "latest": obj.occurred_latest.astimezone(dt.UTC),
        }

    @staticmethod
    def resolve_data(obj: Any, context: Any) -> dict[str, Any]:
        return _shown(obj, context)

    @staticmethod
    def resolve_case(obj: Any) -> str | None:
        return _ref(obj.case)

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return _ref(obj.household)

    @staticmethod
    def resolve_supersedes(obj: Any) -> uuid.UUID | None:
        return obj.supersedes.uid if obj.supersedes_id else None


class PageIn(Schema):
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class EventPageOut(Schema):
    items: list[EventOut]
    count: int


# Documents -----------------------------------------------------------------------------------


class DocumentIn(In):
    doc_type: DocumentType
    title: str = Field(min_length=1, max_length=300)
    dated: dt.date | None = Field(None, description="The document's own date")


class DocumentOut(Schema):
    reference: str
    doc_type: str
    title: str
    case: str | None
    household: str | None
    property: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by_name: str
    uploaded_at: dt.datetime
    dated: dt.date | None

    @staticmethod
    def resolve_case(obj: Any) -> str | None:
        return _ref(obj.case)

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return _ref(obj.household)

    @staticmethod
    def resolve_property(obj: Any) -> str:
        return str(obj.property.reference)


# Policy --------------------------------------------------------------------------------------

# Strict: JSON `true` or `1.5` is refused here, not quietly read as 1.
NOT_A_POLICY_VALUE = (
    "Give a whole number, true or false, a list of codes, or a band {min, max, examples}: "
    "whichever the key takes"
)
# A yes-or-no key (complaints.extension.resident_agreement_required) takes true or false.
PolicyValue = StrictBool | StrictInt | list[StrictStr] | dict[str, Any]


class PolicyValueOut(Schema):
    """One policy key as in force on the date asked."""

    key: str
    unit: str
    meaning: str
    in_force: bool = Field(description="False: not in force on this date, or not set")
    value: PolicyValue | None
    source: str | None
    effective_from: dt.date | None = Field(description="null: in force throughout")
    overridden: bool = Field(description="Whether the value is the landlord's own")
    overridable: bool
    note: str = Field(description="Why the value applies, where that needs saying")

    @staticmethod
    def resolve_source(obj: Any) -> str | None:
        return obj.resolved.source if obj.resolved else None

    @staticmethod
    def resolve_effective_from(obj: Any) -> dt.date | None:
        return obj.resolved.effective_from if obj.resolved else None

    @staticmethod
    def resolve_overridden(obj: Any) -> bool:
        return bool(obj.resolved and obj.resolved.overridden)

    @staticmethod
    def resolve_note(obj: Any) -> str:
        return obj.resolved.note if obj.resolved else ""


class CalendarDayOut(Schema):
    day: dt.date
    name: str
    kind: Literal["bank_holiday", "closure"]
    announced_on: dt.date
    source: str


class AwaabPhaseOut(Schema):
    number: int
    in_force_from: dt.date | None = Field(description="null: commencement not yet confirmed")
    expected: str
    significant: list[str] = Field(description="Hazards whose significant hazards are in scope")
    emergency_all_but: list[str] | None = Field(
        description="Emergencies of every hazard but these are in scope; null: as phase 1"
    )
    source: str

    @staticmethod
    def resolve_significant(obj: Any) -> list[str]:
        return sorted(obj.significant)

    @staticmethod
    def resolve_emergency_all_but(obj: Any) -> list[str] | None:
        return sorted(obj.emergency_all_but) if obj.emergency_all_but is not None else None


class PolicyOut(Schema):
    on: dt.date
    keys: list[PolicyValueOut] = Field(alias="rows")
    calendar_days: list[CalendarDayOut] = Field(
        description="Days off announced after the published bank holidays, known on this date"
    )
    awaab_phases: list[AwaabPhaseOut]


class PolicyOverrideIn(In):
    key: str = Field(min_length=1, max_length=100, examples=["repairs.routine.working_days"])
    value: PolicyValue = Field(
        description="A whole number; true or false; a list of codes; or a band {min, max, examples}"
    )
    effective_from: dt.date = Field(description="The first day the value is in force")
    source: str = Field(min_length=1, max_length=300, examples=["Repairs policy v4, para 3.2"])

    @field_validator("value", mode="wrap")
    @classmethod
    def _one_reason(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """One reason for a value of no accepted shape, not one per shape tried."""
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError("policy_value", NOT_A_POLICY_VALUE) from None


class PolicyOverrideOut(Schema):
    key: str
    value: PolicyValue
    effective_from: dt.date | None
    source: str
    recorded_at: dt.datetime
    recorded_by_name: str


# Deadlines -----------------------------------------------------------------------------------


class HolidaySkippedOut(Schema):
    date: dt.date
    name: str


class ClockExplanationOut(Schema):
    lines: list[str] = Field(description="How the due date was worked out, in sentences")
    day_one: dt.date | None = Field(description="The first working day after the start")
    holidays_skipped: list[HolidaySkippedOut]
    weekend_days_skipped: int


class ClockOut(Schema):
    """One clock, as the chronology format's replay output says it."""

    case: str = Field(description="Reference of the case")
    clock: str = Field(description="The format's clock name, e.g. complaint.stage1.response")
    name: str = Field(description="What must be done, in plain English")
    status: str = Field(description="'due in 3 working days', 'overdue by 60 working days', 'met'")
    subject: str
    started: dt.date
    start_event: str
    due: dt.date
    due_at: dt.datetime | None = Field(description="An hour clock's due moment")
    original_due: dt.date | None = Field(description="The due date before an extension")
    stopped: dt.date | None = Field(description="null: still running")
    stop_event: str | None
    stop_outcome: str | None
    breached: bool
    arises: dt.date | None = Field(description="The day a breach's finding arises")
    overdue_working_days: int
    overdue_days: int
    overdue_hours: int | None
    unit: Literal["working_days", "calendar_days", "hours", "weeks", "date"]
    used: int
    remaining: int | None
    rule: str
    imprecise: bool
    extension_valid: bool | None
    flags: list[str]
    events: list[str]
    explanation: ClockExplanationOut


class CommitmentOut(Schema):
    """One promise made on the case, and its state as of the date."""

    case: str
    commitment: str
    kind: str
    action: str
    made: dt.date
    due: dt.date | None
    state: Literal["open", "kept", "overdue", "claimed_not_verified", "contradicted", "dropped"]
    job: str | None
    items: list[str]
    imprecise: bool
    events: list[str]


class LensFindingOut(Schema):
    """A finding of the Ombudsman lens: Doorstep's reading of the record as the Ombudsman
    would read it, never a verdict of maladministration (`shared/domain/findings.md`)."""

    code: str = Field(description="Stable code, e.g. complaint.stage1_late")
    topic: str
    title: str
    date: dt.date = Field(description="The day it arose (a clock's: the day after it was due)")
    resolved: dt.date | None = Field(description="The day the failure ended; null: not ended")
    ongoing: bool = Field(description="The failure goes on as of the date asked")
    lasted_days: int
    case: str | None = Field(description="The case; null: the household's own record")
    subject: str
    events: list[str] = Field(description="The events it rests on")
    explanation: str
    rule: str
    source: str
    severity: Literal["low", "medium", "high"]
    imprecise: bool
    assumed: bool
    disputed: bool
    absence_of_records: bool
    inferred: bool = Field(description="Rests on the triage rules' reading of a contact's words")
    key: str = Field(description="Stable identity of the finding across replays")


class CaseClocksOut(Schema):
    as_of: dt.date
    case: str
    clocks: list[ClockOut]
    commitments: list[CommitmentOut]
    findings: list[LensFindingOut] = Field(description="What the Ombudsman would find on the case")
    topics: list[RedressTopicOut]
    notes: list[str] = Field(description="Anything that could not be worked out, and why")


class HouseholdFindingsOut(Schema):
    as_of: dt.date
    household: str
    findings: list[LensFindingOut]
    topics: list[RedressTopicOut]
    notes: list[str] = Field(description="Anything that could not be worked out, and why")


class QueueItemOut(Schema):
    """A running clock on an open case."""

    case: str
    case_title: str
    case_type: str
    household: str | None = Field(description="null: a communal case")
    property: str
    clock: str
    name: str
    subject: str
    status: str
    started: dt.date
    due: dt.date
    due_at: dt.datetime | None
    breached: bool
    overdue_working_days: int
    overdue_days: int
    overdue_hours: int | None
    remaining: int | None
    unit: str
    officer: str | None
    team: str | None

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_case_title(obj: Any) -> str:
        return str(obj.case.title)

    @staticmethod
    def resolve_case_type(obj: Any) -> str:
        return str(obj.case.case_type)

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return _ref(obj.case.household)

    @staticmethod
    def resolve_property(obj: Any) -> str:
        return str(obj.case.property.reference)

    @staticmethod
    def resolve_officer(obj: Any) -> str | None:
        officer = obj.case.officer
        return (officer.get_full_name() or officer.get_username()) if officer else None

    @staticmethod
    def resolve_team(obj: Any) -> str | None:
        return str(obj.case.owner_team) if obj.case.owner_team else None

    @staticmethod
    def resolve_overdue_working_days(obj: Any) -> int:
        return int(obj.data["overdue_working_days"])

    @staticmethod
    def resolve_overdue_days(obj: Any) -> int:
        return int(obj.data["overdue_days"])

    @staticmethod
    def resolve_overdue_hours(obj: Any) -> int | None:
        return obj.data["overdue_hours"]

    @staticmethod
    def resolve_remaining(obj: Any) -> int | None:
        return obj.data["remaining"]

    @staticmethod
    def resolve_unit(obj: Any) -> str:
        return str(obj.data["unit"])


class QueueOut(Schema):
    as_of: dt.date
    total: int = Field(description="How many clocks are running; `items` are the first `limit`")
    items: list[QueueItemOut]
    notes: list[str]


# The error envelope --------------------------------------------------------------------------


class ErrorFieldOut(Schema):
    field: str = Field(description="Dotted path to the input at fault: body.address_line_1")
    reason: str


class ErrorDetailOut(Schema):
    code: str
    message: str
    fields: list[ErrorFieldOut]


class ErrorOut(Schema):
    """Every refusal, whatever its cause, has this shape."""

    error: ErrorDetailOut


ERROR_STATUSES = (400, 401, 403, 404, 409, 422)


def responds(status: int, schema: Any) -> dict[Any, Any]:
    """An operation's responses: its success, and the error envelope for every refusal."""
    return {status: schema, ERROR_STATUSES: ErrorOut}

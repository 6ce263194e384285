"""Event kinds owned by repairs: a repair reported, and works (a job) raised.

Both are kinds of the chronology format (`shared/domain/chronology.md`, "Repairs and hazards"),
so their data accepts everything the published schema
(`interchange/schema/doorstep-chronology-1.schema.json`) accepts for them: an imported record is
kept whole, nulls and all (`priority: null`, `location: null`, an item given only by its id).
What staff must give (a location, a description, a priority) is insisted on by the services,
not here. Unknown fields are kept, as for every kind; the members every event of the format may
carry (`date_bounds`, `priority_assumed`, `disputed`, `sources`, `<field>_basis`) are checked
to the schema's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    StrictBool,
    model_serializer,
    model_validator,
)

from doorstep.timeline.kinds import EventKind, Payload, register
from doorstep.timeline.when import When

PriorityName = Literal["emergency", "urgent", "routine", "planned"]
BASIS_NOT_TEXT = "a field ending in _basis holds free text or null"


def _when(value: str) -> str:
    When.parse(value)  # ValueError names the accepted shapes
    return value


# The format's `ref` (a non-empty string), `text` (string or null) and `when` (a date of any
# precision). Strict: a number is not quietly read as text, as the schema refuses it too.
Ref = Annotated[str, Field(min_length=1, strict=True)]
Text = Annotated[str | None, Field(strict=True)]
WhenText = Annotated[str, Field(strict=True), AfterValidator(_when)]


class DateBounds(BaseModel):
    """A window where the source gives no single date (`chronology.md`, "Events")."""

    model_config = ConfigDict(extra="allow")

    after: WhenText | None = None
    not_after: WhenText


class FormatPayload(Payload):
    """The members any event of the chronology format may carry."""

    date_bounds: DateBounds | None = None
    priority_assumed: StrictBool | None = None
    disputed: StrictBool | None = None
    sources: Any = None

    @model_validator(mode="after")
    def _basis_is_text(self) -> FormatPayload:
        for name, value in (self.model_extra or {}).items():
            if name.endswith("_basis") and value is not None and not isinstance(value, str):
                raise ValueError(f"{name}: {BASIS_NOT_TEXT}")
        return self


class ReportedPayload(FormatPayload):
    priority: PriorityName | None = None
    location: Text = None
    description: Text = None
    communal: StrictBool = False
    security: StrictBool = False
    job: Ref | None = None
    element: Text = None


def _flags(data: Mapping[str, Any]) -> str:
    shown = [
        word for word, key in (("communal", "communal"), ("insecure", "security")) if data.get(key)
    ]
    return "".join(f", {word}" for word in shown)


@register
class RepairReported(EventKind):
    """A repair was reported: by the resident, a neighbour, staff or a contractor, on any
    channel. It starts the `repair.target` clock: due at the priority's target in the
    landlord's policy in force on the day (shorter for a household in which a vulnerability
    was disclosed before, where the policy says so), or within the communal security make-safe
    hours where the fault leaves a home or block insecure (`security: true`). A communal repair
    is on the building's record and shows on every household inside it."""

    kind = "repair.reported"
    label = "Repair reported"
    payload = ReportedPayload
    example = {
        "priority": "urgent",
        "location": "bathroom floor",
        "description": "Vinyl lifting; water coming through to the flat below.",
        "communal": False,
        "security": False,
    }
    invalid_example = {"priority": "whenever", "communal": "yes"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        priority = str(data.get("priority") or "no priority given")
        where = data.get("location") or "location not recorded"
        what = str(data.get("description") or "no description on record")[:200]
        return f"Repair reported ({priority}{_flags(data)}): {where}: {what}"


class ItemPayload(BaseModel):
    """An item of a job: what is to be done, and (for matching repeats) to which element of
    the home. Doorstep's own items also carry a Schedule of Rates code and a quantity. The
    format also allows an item given by its id alone (`"2"`): it is kept as given."""

    model_config = ConfigDict(extra="allow")

    id: Ref
    description: Text = None
    element: Text = None
    _plain: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _from_id(cls, value: Any, handler: ModelWrapValidatorHandler[ItemPayload]) -> ItemPayload:
        if isinstance(value, str):
            item = handler({"id": value})
            item._plain = True
            return item
        return handler(value)

    @model_serializer(mode="wrap")
    def _as_given(self, handler: SerializerFunctionWrapHandler) -> Any:
        return self.id if self._plain else handler(self)


class RaisedPayload(FormatPayload):
    job: Ref
    items: list[ItemPayload] = Field(default_factory=list)
    priority: PriorityName | None = None
    target: WhenText | None = None
    purpose: Literal["safety", "further", "repair"] = "repair"


@register
class WorksRaised(EventKind):
    """Works were ordered: a job (work order) with its items, priority and, where the order
    gives one, its own target date, which then replaces the priority's policy target. Its
    `purpose` says whether it is an ordinary repair, relevant safety work or further work
    (Awaab's Law clocks tell them apart). `element` on an item names the part of the home
    ("rear wall pointing") so repeated jobs for the same element can be found."""

    kind = "works.raised"
    label = "Works raised"
    payload = RaisedPayload
    example = {
        "job": "JOB-2024-000001",
        "items": [
            {"id": "1", "description": "Replace the bathroom floor vinyl", "element": "floor"},
            "2",
        ],
        "priority": "routine",
        "target": "2024-07-01",
        "purpose": "repair",
    }
    invalid_example = {"items": [{"description": "No id"}], "priority": "soon"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        items = data.get("items") or []
        count = f"{len(items)} item{'' if len(items) == 1 else 's'}"
        priority = str(data.get("priority") or "no priority given")
        due = f", target {When.parse(str(data['target'])).display()}" if data.get("target") else ""
        return f"Job {data.get('job')} raised ({priority}): {count}{due}"

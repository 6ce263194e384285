"""What the API accepts for repairs (`...In`) and returns (`...Out`): separate, even where alike.

Inputs refuse fields they do not know; outputs name related records by their human reference.
Served by `doorstep/api/routers/repairs.py` (repairs never import the API).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field, StrictBool, field_validator

from doorstep.repairs.choices import Priority, Purpose, Trade
from doorstep.timeline.models import Channel
from doorstep.timeline.schemas import In, when_text
from doorstep.timeline.when import When

OCCURRED = (
    "When the repair was reported, as precisely as known: 2021, 2021-03, 2021-03-04 or an ISO "
    "8601 date and time. Default: now."
)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


class RepairIn(In):
    """A repair reported for a household's home, or (communal) for a building."""

    household: str | None = Field(None, description="Reference of the household")
    property: str | None = Field(
        None,
        description="Reference of the block, estate or communal area, for a communal repair "
        "(from a household, default: the nearest block or estate its home is in)",
    )
    location: str = Field(min_length=1, max_length=200, description="e.g. 'bathroom ceiling'")
    description: str = Field(min_length=1, max_length=5000, description="What is wrong")
    element: str = Field(
        "", max_length=200, description="The part of the home, named the same way each time"
    )
    priority: Priority
    communal: StrictBool = Field(False, description="In a communal part of a building")
    security: StrictBool = Field(False, description="The fault leaves a home or block insecure")
    occurred: str | None = Field(None, description=OCCURRED)
    channel: Channel = Field(Channel.INTERNAL, description="How the repair was reported")
    from_contact: uuid.UUID | None = Field(
        None, description="uid of the contact (contact.in) the repair was reported in"
    )

    _when = field_validator("occurred")(when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class TargetOut(Schema):
    """When the repair is due, the rule and its source, and how it was worked out."""

    due: dt.date
    due_at: dt.datetime | None = Field(description="An hour target's due moment")
    rule: str
    source: str
    vulnerable: str = Field(
        description="Why the target is shorter for a vulnerable household; empty where it is not"
    )
    explanation: list[str] = Field(alias="lines")


class RepairOut(Schema):
    case: str = Field(description="Reference of the repair case opened")
    event: uuid.UUID = Field(description="uid of the repair.reported entry")
    household: str | None = Field(description="null: a communal repair, on the building's record")
    property: str
    communal: bool
    security: bool
    priority: str
    location: str
    description: str
    occurred: str
    target: TargetOut | None

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_event(obj: Any) -> uuid.UUID:
        return obj.event.uid

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return obj.case.household.reference if obj.case.household else None

    @staticmethod
    def resolve_property(obj: Any) -> str:
        return str(obj.case.property.reference)

    @staticmethod
    def resolve_occurred(obj: Any) -> str:
        return str(obj.event.occurred_text)

    @staticmethod
    def resolve_communal(obj: Any) -> bool:
        return bool(obj.event.data.get("communal"))

    @staticmethod
    def resolve_security(obj: Any) -> bool:
        return bool(obj.event.data.get("security"))

    @staticmethod
    def resolve_priority(obj: Any) -> str:
        return str(obj.event.data.get("priority"))

    @staticmethod
    def resolve_location(obj: Any) -> str:
        return str(obj.event.data.get("location"))

    @staticmethod
    def resolve_description(obj: Any) -> str:
        return str(obj.event.data.get("description"))


class JobItemIn(In):
    description: str = Field(min_length=1, max_length=1000, description="What is to be done")
    element: str = Field("", max_length=200, description="The part of the home")
    sor_code: str = Field("", max_length=30, description="A code of the Schedule of Rates")
    quantity: Decimal = Field(Decimal(1), gt=0, max_digits=10, decimal_places=2)


class JobIn(In):
    items: list[JobItemIn] = Field(min_length=1)
    priority: Priority
    trade: Trade
    contractor: str | None = Field(None, description="The contractor's name; null: own operatives")
    estimated_minutes: int | None = Field(None, ge=1, le=100000)
    target: dt.date | None = Field(
        None, description="The order's own target date; null: the priority's policy target"
    )
    purpose: Purpose = Purpose.REPAIR


class JobItemOut(Schema):
    item_id: str
    description: str
    element: str
    sor_code: str | None
    sor_description: str | None
    unit: str | None
    rate: str | None = Field(description="Pounds per unit, as the schedule in force gave it")
    quantity: str

    @staticmethod
    def resolve_sor_code(obj: Any) -> str | None:
        return obj.sor_code.code if obj.sor_code else None

    @staticmethod
    def resolve_sor_description(obj: Any) -> str | None:
        return obj.sor_code.description if obj.sor_code else None

    @staticmethod
    def resolve_unit(obj: Any) -> str | None:
        return obj.sor_code.unit if obj.sor_code else None

    @staticmethod
    def resolve_rate(obj: Any) -> str | None:
        return _money(obj.sor_code.rate) if obj.sor_code else None

    @staticmethod
    def resolve_quantity(obj: Any) -> str:
        return format(obj.quantity.normalize(), "f")


class JobOut(Schema):
    reference: str
    case: str
    property: str
    household: str | None = Field(description="null: a job on a communal case")
    priority: str
    trade: str
    purpose: str
    contractor: str | None = Field(description="null: the landlord's own operatives")
    estimated_minutes: int | None
    ordered_target: dt.date | None = Field(description="The order's own target, if it gave one")
    target: dt.date = Field(description="When the job is due: the order's, else the policy's")
    target_at: dt.datetime | None = Field(description="An hour target's due moment")
    target_rule: str
    status: str
    raised_at: dt.datetime
    raised_by_name: str
    items: list[JobItemOut]

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_property(obj: Any) -> str:
        return str(obj.property.reference)

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return obj.case.household.reference if obj.case.household_id else None

    @staticmethod
    def resolve_contractor(obj: Any) -> str | None:
        return obj.contractor.name if obj.contractor else None

    @staticmethod
    def resolve_items(obj: Any) -> list[Any]:
        return list(obj.items.all())


class SorFilters(Schema):
    q: str = Field("", description="A code, or words of its description")
    trade: Trade | None = None


class SorCodeOut(Schema):
    code: str
    description: str
    trade: str
    unit: str
    rate: str = Field(description="Pounds per unit")
    schedule: str = Field(description="The file the schedule in force was loaded from")
    loaded_at: dt.datetime

    @staticmethod
    def resolve_rate(obj: Any) -> str:
        return f"{obj.rate:.2f}"

    @staticmethod
    def resolve_schedule(obj: Any) -> str:
        return str(obj.schedule.source_name)

    @staticmethod
    def resolve_loaded_at(obj: Any) -> dt.datetime:
        return obj.schedule.loaded_at

"""The remedies' event kinds: compensation asked for, offered, and paid.

Names and fields are the chronology format's (`shared/domain/chronology.md`, "Complaints").
Each payload accepts everything the published schema accepts for its kind (both seed
chronologies import through these classes) and names a few optional fields more: an offer's
own reference (`offer`), and on a payment the offer it pays; on a component, its own `kind`
and the `failure` it remedies (a clock, an appointment failure, a commitment: as the replay
names it); on an offer, when and how the resident asked for the rent account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StringConstraints

from doorstep.commitments.events import WhenText
from doorstep.timeline.kinds import EventKind, Payload, register

# The format's `amount`: a number, 0 or more (never a string, never true/false).
Amount = Annotated[float, Field(ge=0, strict=True)]
Text = str | None
KindName = Literal["compensation", "goodwill", "refund"]
MethodName = Literal["direct", "rent_account", "rent_account_if_arrears"]
Name = Annotated[str, StringConstraints(min_length=1)]


def money(value: Any) -> str:
    """£12, £12.50: an amount as a person reads it."""
    try:
        return f"£{float(value):,.2f}".removesuffix(".00")
    except (TypeError, ValueError):
        return "£?"


class RequestedPayload(Payload):
    text: Text = None
    amount: Amount | None = None


@register
class CompensationRequested(EventKind):
    """The resident asked for compensation: her words, and the amount where she named one.
    The next response at the stage the complaint is at should answer it with an offer, or the
    lens finds `compensation.request_unanswered`."""

    kind = "compensation.requested"
    label = "Compensation asked for"
    payload = RequestedPayload
    example = {"text": "I want compensation for the months of mould", "amount": 500}
    invalid_example = {"text": "Compensation please", "amount": -5}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        amount = data.get("amount")
        return "The resident asked for compensation" + (
            f" of {money(amount)}" if amount is not None else ""
        )


class Component(Payload):
    """One part of an offer: how much, for what, and the landlord's band it names."""

    amount: Amount
    for_: Text = Field(default=None, alias="for")
    band: Name | None = None
    kind: KindName | None = None
    failure: str | None = None

    model_config = {"populate_by_name": True, "extra": "allow"}


class OfferedPayload(Payload):
    amount: Amount
    components: list[Component] = Field(default_factory=list)
    kind: KindName = "compensation"
    counted_as_compensation: StrictBool = False
    method: MethodName = "direct"
    resident_asked_for_offset: StrictBool = False
    offer: Name | None = None
    offset_asked_on: WhenText | None = None
    offset_asked_how: str | None = None


@register
class CompensationOffered(EventKind):
    """The landlord offered money: its parts (each for a failure, naming the landlord's band),
    what it is (compensation, goodwill, or a refund of the resident's own money, which is
    never compensation), and how it will be paid (directly, unless she asked for the rent
    account). Offered after the complaint process closed, it is outside the process."""

    kind = "compensation.offered"
    label = "Compensation offered"
    payload = OfferedPayload
    example = {
        "offer": "OFR-2024-000001",
        "amount": 300,
        "components": [
            {"amount": 250, "for": "Delay in repairs", "band": "considerable_service_failure"},
            {"amount": 50, "for": "Late stage 1 response", "band": "minor_service_failure"},
        ],
        "kind": "compensation",
        "counted_as_compensation": True,
        "method": "direct",
        "resident_asked_for_offset": False,
    }
    invalid_example = {"amount": 300, "method": "cheque"}

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        out = super().validate(data)
        # Keep each component's `for` under the format's name, never the Python alias.
        for part in out.get("components", ()):
            if "for_" in part:
                part["for"] = part.pop("for_")
        return out

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        kind = {"goodwill": "A goodwill payment", "refund": "A refund"}.get(
            str(data.get("kind")), "Compensation"
        )
        return f"{kind} of {money(data.get('amount'))} offered"


class PaidPayload(Payload):
    amount: Amount
    method: MethodName = "direct"
    offer: Name | None = None


@register
class CompensationPaid(EventKind):
    """Money offered was paid: how much, how (directly, or to the rent account), and which
    offer it pays."""

    kind = "compensation.paid"
    label = "Compensation paid"
    payload = PaidPayload
    example = {"amount": 300, "method": "direct", "offer": "OFR-2024-000001"}
    invalid_example = {"amount": "three hundred"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        how = "to the rent account" if data.get("method") != "direct" else "directly"
        return f"{money(data.get('amount'))} paid {how}"

"""Properties: the landlord's homes, blocks and estates, keyed by reference (and UPRN)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.pagination import Keyset
from doorstep.api.schemas import PropertyIn, PropertyOut, Reference, responds
from doorstep.properties import services as properties
from doorstep.properties.models import Property
from doorstep.properties.selectors import property_get

router = Router(tags=["properties"])


@router.get(
    "/properties",
    response=responds(200, list[PropertyOut]),
    auth=requires("properties.view_property"),
)
@paginate(Keyset, ordering=("reference",))
def property_list(request: HttpRequest, q: str = "") -> Any:
    """Properties, or those matching `q` (reference, UPRN, address, postcode, alias)."""
    return selectors.property_list(q=q)


@router.get(
    "/properties/{reference}",
    response=responds(200, PropertyOut),
    auth=requires("properties.view_property"),
)
def property_read(request: HttpRequest, reference: Reference) -> Any:
    return property_get(reference=reference)


def _created(request: HttpRequest, first: IntakeRecord, **_: Any) -> Property:
    return only(selectors.created_at(Property, moment=first.received_at))


@router.post(
    "/properties", response=responds(201, PropertyOut), auth=requires("properties.add_property")
)
@idempotent(_created)
def property_create(request: HttpRequest, payload: PropertyIn) -> Any:
    """Add a property to the stock, with its place in the hierarchy and its aliases."""
    part_of = (
        selectors.property_named(reference=payload.part_of, field="part_of")
        if payload.part_of
        else None
    )
    prop = properties.property_create(
        **payload.dict(exclude={"part_of"}), part_of=part_of, created_at=received_at(request)
    )
    return Status(201, prop)

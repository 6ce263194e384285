"""Writing properties."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.properties.choices import ALLOWED_PARENTS, PropertyKind
from doorstep.properties.models import Property, PropertyAlias

BAD_PARENT = "A {kind} cannot be part of {parent}."


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


UPRN_TAKEN = "UPRN {uprn} already belongs to {reference}."
UPRN_RANGE = "A UPRN is a whole number from 1 to 999999999999."
ALIAS_TAKEN = "The {scheme} reference {value} already belongs to {reference}."


@transaction.atomic
def property_create(
    *,
    kind: str,
    address_line_1: str,
    created_at: dt.datetime,
    uprn: int | None = None,
    name: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    bedrooms: int | None = None,
    part_of: Property | None = None,
    aliases: dict[str, str] | None = None,
) -> Property:
    """Add a property to the landlord's stock, with its place in the hierarchy."""
    parent_kind = part_of.kind if part_of else None
    if parent_kind not in ALLOWED_PARENTS[PropertyKind(kind)]:
        parent = _a(PropertyKind(parent_kind).label.lower()) if parent_kind else "nothing"
        raise DomainError(
            BAD_PARENT.format(kind=PropertyKind(kind).label.lower(), parent=parent),
            field="part_of",
        )
    if uprn is not None:
        if not 0 < uprn < 10**12:
            raise DomainError(UPRN_RANGE, field="uprn")
        existing = Property.objects.filter(uprn=uprn).first()
        if existing:
            raise DomainError(
                UPRN_TAKEN.format(uprn=uprn, reference=existing.reference), field="uprn"
            )
    prop = Property.objects.create(
        reference=next_reference("PRP", created_at.year),
        kind=kind,
        uprn=uprn,
        name=name,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        town=town,
        postcode=postcode.upper().strip(),
        bedrooms=bedrooms,
        part_of=part_of,
        created_at=created_at,
    )
    for scheme, value in (aliases or {}).items():
        property_alias_add(property=prop, scheme=scheme, value=value)
    return prop


def property_alias_add(*, property: Property, scheme: str, value: str) -> PropertyAlias:
    taken = PropertyAlias.objects.filter(scheme=scheme, value=value).select_related("property")
    if taken.exists():
        raise DomainError(
            ALIAS_TAKEN.format(scheme=scheme, value=value, reference=taken[0].property.reference),
            field="aliases",
        )
    return PropertyAlias.objects.create(property=property, scheme=scheme, value=value)

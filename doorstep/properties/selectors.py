"""Reading properties and the hierarchy."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from doorstep.properties.models import Property


def property_ancestors(*, property: Property) -> list[Property]:
    """The buildings and estate a property sits in, nearest first (at most a few levels)."""
    out: list[Property] = []
    current = property.part_of
    while current is not None and len(out) < 10:
        out.append(current)
        current = current.part_of
    return out


def property_descendant_ids(*, property: Property) -> list[int]:
    """Every property inside this one, breadth first, one query per level."""
    ids: list[int] = []
    frontier = [property.pk]
    while frontier:
        frontier = list(
            Property.objects.filter(part_of_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def property_search(*, query: str, limit: int = 50) -> QuerySet[Property]:
    q = query.strip()
    if not q:
        return Property.objects.none()
    match = (
        Q(reference__iexact=q)
        | Q(address_line_1__icontains=q)
        | Q(name__icontains=q)
        | Q(postcode__iexact=q.upper())
        | Q(aliases__value__iexact=q)
        | Q(postcode__istartswith=q.upper().replace(" ", "")[:4])
    )
    if q.isdigit():
        match |= Q(uprn=int(q))
    return Property.objects.filter(match).distinct().order_by("reference")[:limit]


def property_get(*, reference: str) -> Property:
    return Property.objects.select_related("part_of").get(reference=reference)

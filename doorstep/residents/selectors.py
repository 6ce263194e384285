"""Reading people and households."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from doorstep.properties.models import Property
from doorstep.properties.selectors import property_descendant_ids
from doorstep.residents.models import Household, HouseholdMember, Tenancy, ThirdPartyAuthority


def household_search(*, query: str, limit: int = 50) -> QuerySet[Household]:
    q = query.strip()
    if not q:
        return Household.objects.none()
    match = (
        Q(reference__iexact=q)
        | Q(members__person__full_name__icontains=q)
        | Q(property__address_line_1__icontains=q)
        | Q(property__postcode__iexact=q.upper())
        | Q(property__reference__iexact=q)
        | Q(tenancies__reference__iexact=q)
        | Q(property__aliases__value__iexact=q)
    )
    if q.isdigit():
        match |= Q(property__uprn=int(q))
    ids = Household.objects.filter(match).values("pk").distinct()
    return (
        Household.objects.filter(pk__in=ids)
        .select_related("property")
        .prefetch_related("members__person")
        .order_by("reference")[:limit]
    )


def household_detail(*, reference: str) -> Household:
    """A household with what its page shows, in a fixed number of queries."""
    return (
        Household.objects.select_related("property__part_of__part_of")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=HouseholdMember.objects.select_related("person")
                .prefetch_related("person__adjustments", "person__contact_preference")
                .order_by("pk"),
            ),
            Prefetch("tenancies", queryset=Tenancy.objects.prefetch_related("tenants")),
            Prefetch(
                "third_parties",
                queryset=ThirdPartyAuthority.objects.select_related(
                    "third_party", "consent_given_by"
                ),
            ),
        )
        .get(reference=reference)
    )


def households_at(*, property: Property) -> QuerySet[Household]:
    """Every household living in the property or anything inside it (a block's flats)."""
    ids = [property.pk, *property_descendant_ids(property=property)]
    return Household.objects.filter(property_id__in=ids).select_related("property")


def authority_in_force(*, authority: ThirdPartyAuthority, on: dt.date) -> bool:
    if authority.withdrawn_on and authority.withdrawn_on <= on:
        return False
    return not (authority.expires_on and authority.expires_on < on)

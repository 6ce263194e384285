"""Reading cases."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from doorstep.cases.models import Case
from doorstep.properties.selectors import property_ancestors
from doorstep.residents.models import Household


def cases_for_household(*, household: Household, open_only: bool = False) -> QuerySet[Case]:
    """The household's own cases and the communal cases of the buildings it lives in."""
    ancestor_ids = [p.pk for p in property_ancestors(property=household.property)]
    match = Q(household=household) | Q(
        household__isnull=True, property_id__in=[household.property_id, *ancestor_ids]
    )
    qs = Case.objects.filter(match)
    if open_only:
        qs = qs.filter(status="open")
    return qs.select_related("property", "owner_team", "officer").order_by("-opened_at")


def case_detail(*, reference: str) -> Case:
    return (
        Case.objects.select_related(
            "household__property", "property", "owner_team", "officer", "contractor"
        )
        .prefetch_related("people", "links")
        .get(reference=reference)
    )


def cases_visible_to(*, user: object) -> QuerySet[Case]:
    """A contractor sees only its own cases; every other staff role sees every case."""
    contractor_id = getattr(user, "contractor_id", None)
    if contractor_id is not None:
        return Case.objects.filter(contractor_id=contractor_id)
    return Case.objects.all()

"""Reading cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.core.batches import in_chunks
from doorstep.properties.models import Property
from doorstep.properties.selectors import property_ancestors, property_descendant_ids
from doorstep.residents.models import Household
from doorstep.timeline.selectors import TimelineEntry, events_for_case, timeline_entries
from doorstep.vulnerabilities.selectors import (
    VulnerabilityFlag,
    can_see_detail,
    special_category_read,
    vulnerability_flags,
)


def cases_for_household(*, household: Household, open_only: bool = False) -> QuerySet[Case]:
    """The household's own cases and the communal cases of the buildings it lives in."""
    ancestor_ids = [p.pk for p in property_ancestors(property=household.property)]
    match = Q(household=household) | Q(
        household__isnull=True, property_id__in=[household.property_id, *ancestor_ids]
    )
    qs = Case.objects.filter(match)
    if open_only:
        qs = qs.filter(status="open")
    return qs.select_related("property", "owner_team", "officer").order_by("-opened_at", "-pk")


def case_references(ids: Iterable[int]) -> dict[int, str]:
    """The reference of each of these cases, by pk (a query for each 10,000: `in_chunks`)."""
    found: dict[int, str] = {}
    for chunk in in_chunks(sorted(set(ids))):
        found.update(Case.objects.filter(pk__in=chunk).values_list("pk", "reference"))
    return found


def case_detail(*, reference: str) -> Case:
    return (
        Case.objects.select_related(
            "household__property", "property", "owner_team", "officer", "contractor"
        )
        .prefetch_related("people", "links")
        .get(reference=reference)
    )


def cases_visible_to(*, user: object) -> QuerySet[Case]:
    """A contractor sees only its own cases, and never an ASB case (ASB data is sensitive: a
    reporter must not be identified); every other staff role sees every case."""
    contractor_id = getattr(user, "contractor_id", None)
    if contractor_id is not None:
        return Case.objects.filter(contractor_id=contractor_id).exclude(case_type=CaseType.ASB)
    return Case.objects.all()


def case_visible(*, reference: str, user: Any) -> Case:
    """The case with what its page shows, if this person may see it. Raises
    `Case.DoesNotExist` otherwise: a contractor asking for another firm's case is told it
    does not exist, not that it is forbidden."""
    return (
        cases_visible_to(user=user)
        .select_related("household__property", "property", "owner_team", "officer", "contractor")
        .prefetch_related("people", "links")
        .get(reference=reference)
    )


def case_search(*, query: str, user: Any, limit: int = 50) -> QuerySet[Case]:
    """Cases this person may see: by case, household or property reference, or title words."""
    q = query.strip()
    if not q:
        return Case.objects.none()
    return (
        cases_visible_to(user=user)
        .filter(
            Q(reference__iexact=q)
            | Q(title__icontains=q)
            | Q(property__reference__iexact=q)
            | Q(household__reference__iexact=q)
        )
        .select_related("property", "household")
        .order_by("-opened_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class CaseDocument:
    """A document on a case, as its `document.added` event recorded it."""

    reference: str
    title: str
    added: str
    added_by: str


@dataclass(frozen=True)
class CaseRecord:
    """What the case page shows: the case, its household's vulnerability flags, its timeline."""

    case: Case
    flags: list[VulnerabilityFlag]
    timeline: list[TimelineEntry]
    documents: list[CaseDocument]


def case_record(*, reference: str, user: Any, at: dt.datetime) -> CaseRecord:
    """The case page for this person. Special category detail on the timeline is redacted for
    roles without the detail permission; for roles with it, the read is logged."""
    case = case_visible(reference=reference, user=user)
    flags = []
    if case.household is not None and user.has_perm("vulnerabilities.view_vulnerability"):
        flags = vulnerability_flags(household=case.household)
    show = can_see_detail(user)
    entries = timeline_entries(events=events_for_case(case=case), show_special_category=show)
    if show:
        special_category_read(
            user=user,
            at=at,
            purpose=f"Case page {case.reference}",
            person_references=[
                str(e.data["person"]) for e in entries if e.special_fields and e.data.get("person")
            ],
        )
    documents = [
        CaseDocument(
            reference=str(e.data["document"]),
            title=str(e.data.get("title", "")),
            added=e.when,
            added_by=e.event.actor_name,
        )
        for e in entries
        if e.event.kind == "document.added" and e.data.get("document")
    ]
    return CaseRecord(case=case, flags=flags, timeline=entries, documents=documents)


@dataclass(frozen=True)
class PropertyRecord:
    """What the property page shows: the place, where it sits, what is inside it, who lives
    there, and the cases about it (its own and the communal cases of the buildings it is in)."""

    property: Property
    ancestors: list[Property]
    parts: list[Property]
    households: list[Household]
    cases: list[Case]


def property_record(*, reference: str, user: Any) -> PropertyRecord:
    prop = (
        Property.objects.select_related("part_of")
        .prefetch_related("aliases")
        .get(reference=reference)
    )
    ancestors = property_ancestors(property=prop)
    inside = [prop.pk, *property_descendant_ids(property=prop)]
    about_here = Q(property_id__in=inside) | Q(
        household__isnull=True, property_id__in=[p.pk for p in ancestors]
    )
    cases = (
        cases_visible_to(user=user)
        .filter(about_here)
        .select_related("property", "household")
        .order_by("status", "-opened_at", "-pk")[:200]
    )
    households = (
        Household.objects.filter(property_id__in=inside)
        .select_related("property")
        .prefetch_related("members__person")
        .order_by("property__reference", "reference")
    )
    return PropertyRecord(
        property=prop,
        ancestors=ancestors,
        parts=list(prop.parts.order_by("reference")),
        households=list(households),
        cases=list(cases),
    )

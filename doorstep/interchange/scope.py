"""What an export of a household (or a case) says: which records go in.

For a household: its tenancies and members, its cases, the communal cases about its home's
block or estate (or their communal areas) that are linked to one of its cases or name one of
its members, every property those are about with the buildings they are in, the people they
name, and the events of those cases and the household's own. Where the household came from an
import, everything that import brought goes in too, so a file imported and exported again says
what it said. For a communal case: the cases about its property. Only events of the format's
kinds go in: Doorstep's own bookkeeping (a household record opened, a case linked) is not part
of the format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from doorstep.cases.models import Case
from doorstep.clocks.facts import moments
from doorstep.core.errors import DomainError
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.validate import KNOWN_KINDS
from doorstep.properties.models import Property
from doorstep.residents.models import (
    Household,
    HouseholdMember,
    Person,
    Tenancy,
)
from doorstep.timeline.models import Event

NO_HOUSEHOLD = "There is no household {reference}."
NO_CASE = "There is no case {reference}."
NOTHING_NAMED = "Name a household or a case to export."


@dataclass
class Scope:
    """The records one export says, each list in the order they were made."""

    households: list[Household] = field(default_factory=list)
    tenancies: list[Tenancy] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    properties: list[Property] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- which household or case -----------------------------------------------------------------


def export_subject(
    *, household: str | None = None, case: str | None = None
) -> tuple[Household | None, Case | None]:
    """The household or case a reference names: Doorstep's reference, or (for a case or a
    tenancy) the reference of the file it was imported from, where only one import used it."""
    if household is not None:
        found = Household.objects.filter(reference=household).first()
        row = _imported(RefKind.TENANCY, household)
        found = found or (row.household if row is not None else None)
        if found is None:
            raise DomainError(NO_HOUSEHOLD.format(reference=household), field="household")
        return found, None
    if case is not None:
        found_case = Case.objects.filter(reference=case).first()
        row = _imported(RefKind.CASE, case)
        found_case = found_case or (row.case if row is not None else None)
        if found_case is None:
            raise DomainError(NO_CASE.format(reference=case), field="case")
        return None, found_case
    raise DomainError(NOTHING_NAMED)


def _imported(kind: str, ref: str) -> ExternalRef | None:
    rows = list(ExternalRef.objects.filter(kind=kind, ref=ref)[:2])
    return rows[0] if len(rows) == 1 else None


# --- what goes in -------------------------------------------------------------------------------


def _ancestors(prop: Property) -> list[Property]:
    found, current = [], prop.part_of
    while current is not None:
        found.append(current)
        current = current.part_of
    return found


def _batches(households: Iterable[Household]) -> set[Any]:
    """The imports that brought these households or anything recorded for them."""
    rows = ExternalRef.objects.filter(
        Q(household__in=households) | Q(case__household__in=households)
    )
    return set(rows.values_list("batch", flat=True))


def _near_cases(household: Household, own: list[Case]) -> list[Case]:
    """Communal cases about the home's buildings (or their communal areas) that are linked to
    one of the household's cases or name one of its members."""
    buildings = _ancestors(household.property)
    areas = Property.objects.filter(part_of__in=buildings, kind="communal_area")
    near = Case.objects.filter(
        household=None, property__in=[household.property, *buildings, *areas]
    )
    members = HouseholdMember.objects.filter(household=household).values("person")
    return list(
        near.filter(Q(links__in=own) | Q(people__in=members)).distinct().order_by("opened_at", "pk")
    )


def export_scope(*, household: Household | None = None, case: Case | None = None) -> Scope:
    """The records an export of a household (or of a case: its household, or for a communal
    case its property) says."""
    scope = Scope()
    if household is None and case is not None and case.household is not None:
        household = case.household
    if household is not None:
        _household_scope(scope, household)
    elif case is not None:
        scope.cases = list(
            Case.objects.filter(household=None, property=case.property).order_by("opened_at", "pk")
        )
    _places_and_people(scope)
    _events(scope)
    return scope


def _household_scope(scope: Scope, household: Household) -> None:
    batches = _batches([household])
    imported = ExternalRef.objects.filter(batch__in=batches)
    households = {household.pk: household}
    for row in imported.filter(kind=RefKind.TENANCY).select_related("household"):
        if row.household is not None:
            households.setdefault(row.household.pk, row.household)
    scope.households = list(households.values())
    scope.tenancies = list(
        Tenancy.objects.filter(household__in=scope.households).order_by("pk").distinct()
    )
    own = list(Case.objects.filter(household__in=scope.households).order_by("opened_at", "pk"))
    cases = {c.pk: c for c in own}
    for near in _near_cases(household, own):
        cases.setdefault(near.pk, near)
    for row in imported.filter(kind=RefKind.CASE).select_related("case"):
        if row.case is not None:
            cases.setdefault(row.case.pk, row.case)
    scope.cases = sorted(cases.values(), key=lambda c: c.pk)
    scope.properties = [
        row.property
        for row in imported.filter(kind=RefKind.PROPERTY).select_related("property")
        if row.property is not None
    ]
    scope.people = [
        row.person
        for row in imported.filter(kind=RefKind.PERSON).select_related("person")
        if row.person is not None
    ]


def _places_and_people(scope: Scope) -> None:
    props = {p.pk: p for p in scope.properties}
    for prop in [h.property for h in scope.households] + [c.property for c in scope.cases]:
        props.setdefault(prop.pk, prop)
    for prop in list(props.values()):
        for ancestor in _ancestors(prop):
            props.setdefault(ancestor.pk, ancestor)
    scope.properties = sorted(props.values(), key=lambda p: p.pk)
    people = {p.pk: p for p in scope.people}
    named = Person.objects.filter(
        Q(memberships__household__in=scope.households)
        | Q(tenancies__in=scope.tenancies)
        | Q(cases__in=scope.cases)
    ).distinct()
    for person in named:
        people.setdefault(person.pk, person)
    scope.people = sorted(people.values(), key=lambda p: p.pk)


def _events(scope: Scope) -> None:
    rows = Event.objects.filter(
        Q(case__in=scope.cases) | Q(household__in=scope.households, case=None),
        kind__in=KNOWN_KINDS,
    ).select_related("case")

    def order(event: Event) -> tuple[dt.datetime, int]:
        return moments(event.occurred_text, (event.data or {}).get("date_bounds"))[0], event.pk

    scope.events = sorted(rows, key=order)

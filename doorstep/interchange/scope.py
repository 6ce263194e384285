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

from django.db.models import Q, QuerySet, prefetch_related_objects

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
    ThirdPartyAuthority,
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
    # Where the scope was worked out for many homes at once (`export_scopes_and_refs`): the
    # people who are members of its households, and the authorities given for them not
    # withdrawn (pk order), which the export would otherwise ask the database for.
    member_people: set[int] | None = None
    authorities: list[ThirdPartyAuthority] | None = None


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


def any_of(rows: QuerySet[ExternalRef], *conditions: Q) -> list[ExternalRef]:
    """The rows matching any of the conditions, in pk order, each once: a query a condition,
    so each is read by its own index (PostgreSQL reads one OR across joined tables by scanning
    every mapping: a third of a second a household at 5,000 homes)."""
    found: dict[int, ExternalRef] = {}
    for condition in conditions:
        for row in rows.filter(condition):
            found.setdefault(row.pk, row)
    return [found[pk] for pk in sorted(found)]


def _batches(households: Iterable[Household]) -> set[Any]:
    """The imports that brought these households or anything recorded for them."""
    households = list(households)
    rows = any_of(
        ExternalRef.objects.only("batch"),
        Q(household__in=households),
        Q(case__household__in=households),
    )
    return {row.batch for row in rows}


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
    scope.events = sorted(rows, key=_event_order)


def _event_order(event: Event) -> tuple[dt.datetime, int]:
    return moments(event.occurred_text, (event.data or {}).get("date_bounds"))[0], event.pk


# --- many homes at once -------------------------------------------------------------------------

Home = tuple[str, int]  # ("household", pk) or ("property", pk): a communal case's property
# What an export reads of a reference (not its digest, source or when it was imported).
REF_FIELDS = (
    "scheme",
    "kind",
    "ref",
    "property",
    "person",
    "household",
    "tenancy",
    "case",
    "event",
    "record",
    "batch",
)
# What an export reads of an event (the rest, the hash chain and the bookkeeping, is left in
# the database: most of a chunk's rows are events).
EVENT_FIELDS = (
    "uid",
    "kind",
    "occurred_text",
    "by",
    "channel",
    "summary",
    "data",
    "household",
    "case",
    "stream",  # what the export read, for the stamp (`interchange.stamps`)
)


@dataclass
class _Loaded:
    """The records of a chunk of homes, loaded with a bounded number of queries (whatever the
    number of homes) and indexed, so each home's scope is worked out in memory exactly as
    `export_scope` works it out with its queries."""

    households: dict[int, Household] = field(default_factory=dict)
    properties: dict[int, Property] = field(default_factory=dict)
    cases: dict[int, Case] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    batches: dict[int, set[Any]] = field(default_factory=dict)  # household -> its imports
    imported: dict[Any, list[ExternalRef]] = field(default_factory=dict)  # batch -> its refs
    tenancies: dict[int, list[Tenancy]] = field(default_factory=dict)  # household -> tenancies
    own: dict[int, list[Case]] = field(default_factory=dict)  # household -> its cases
    communal: dict[int, list[Case]] = field(default_factory=dict)  # property -> communal cases
    members: dict[int, set[int]] = field(default_factory=dict)  # household -> member people
    areas: dict[int, list[Property]] = field(default_factory=dict)  # building -> communal areas
    events_of_case: dict[int, list[Event]] = field(default_factory=dict)
    events_of_household: dict[int, list[Event]] = field(default_factory=dict)  # without a case
    authorities: dict[int, list[Any]] = field(default_factory=dict)  # household -> active ones
    communal_naming: dict[int, set[int]] = field(default_factory=dict)  # person -> communal cases

    def imported_ids(self, kind: str, attname: str) -> set[int]:
        """The records of a kind the imports read brought (by their id attribute)."""
        return {
            getattr(row, attname)
            for rows in self.imported.values()
            for row in rows
            if row.kind == kind and getattr(row, attname) is not None
        }

    def load_properties(self, pks: Iterable[int]) -> None:
        """These properties and every building they are in (a query per level of the tree)."""
        wanted = {pk for pk in pks if pk is not None and pk not in self.properties}
        while wanted:
            for prop in Property.objects.filter(pk__in=wanted):
                self.properties[prop.pk] = prop
            wanted = {
                p.part_of_id
                for p in self.properties.values()
                if p.part_of_id is not None and p.part_of_id not in self.properties
            }
        for prop in self.properties.values():
            if prop.part_of_id is not None:
                prop.part_of = self.properties[prop.part_of_id]

    def ancestors(self, prop: Property) -> list[Property]:
        found, current = [], prop.part_of_id
        while current is not None:
            found.append(self.properties[current])
            current = self.properties[current].part_of_id
        return found

    def load_cases(self, rows: Iterable[Case]) -> list[Case]:
        """Cases, each kept once (the first instance loaded), with their people and links."""
        fresh = [c for c in rows if c.pk not in self.cases]
        prefetch_related_objects(fresh, "people", "links")
        for case in fresh:
            self.cases[case.pk] = case
        return fresh


def export_scopes_and_refs(
    homes: Iterable[Home],
) -> tuple[dict[Home, Scope], list[ExternalRef], set[Any]]:
    """`export_scope` of many homes (each a household, or a communal case's property), from a
    bounded number of queries: some twenty for the chunk, not some twenty per home. Each scope
    is the one `export_scope` gives, list for list (the same records, in the same order). With
    them, every reference of the imports that brought the households (read on the way,
    `REF_FIELDS` only) and those imports (their batches): the export need not read them
    again."""
    homes = list(dict.fromkeys(homes))
    got = _Loaded()
    home_households = [pk for kind, pk in homes if kind == "household"]
    home_properties = [pk for kind, pk in homes if kind != "household"]
    got.households = Household.objects.in_bulk(home_households)
    # The imports that brought each household, and every reference those imports made.
    for household_id, case_household_id, batch in [
        row
        for condition in (Q(household__in=home_households), Q(case__household__in=home_households))
        for row in ExternalRef.objects.filter(condition).values_list(
            "household_id", "case__household_id", "batch"
        )
    ]:
        for pk in {household_id, case_household_id} - {None}:
            if pk in got.households:
                got.batches.setdefault(pk, set()).add(batch)
    all_batches = set().union(*got.batches.values()) if got.batches else set()
    imported = ExternalRef.objects.filter(batch__in=all_batches).only(*REF_FIELDS)
    for row in imported.order_by("scheme", "kind", "pk"):
        got.imported.setdefault(row.batch, []).append(row)
    extra = got.imported_ids(RefKind.TENANCY, "household_id") - set(got.households)
    if extra:
        got.households.update(Household.objects.in_bulk(extra))
    households = list(got.households)
    for tenancy in Tenancy.objects.filter(household__in=households).order_by("pk"):
        got.tenancies.setdefault(tenancy.household_id, []).append(tenancy)
    tenancies = [t for rows in got.tenancies.values() for t in rows]
    prefetch_related_objects(tenancies, "tenants")
    for member in HouseholdMember.objects.filter(household__in=households).values_list(
        "household_id", "person_id"
    ):
        got.members.setdefault(member[0], set()).add(member[1])
    for case in got.load_cases(Case.objects.filter(household__in=households).order_by("pk")):
        if case.household_id is not None:
            got.own.setdefault(case.household_id, []).append(case)
    # The buildings of each home, their communal areas, and the communal cases about them.
    got.load_properties([h.property_id for h in got.households.values()] + home_properties)
    buildings = {
        b.pk
        for pk in home_households
        if pk in got.households
        for b in got.ancestors(got.properties[got.households[pk].property_id])
    }
    for area in Property.objects.filter(part_of__in=buildings, kind="communal_area"):
        if area.part_of_id is not None:
            got.areas.setdefault(area.part_of_id, []).append(area)
    got.load_properties(a.pk for rows in got.areas.values() for a in rows)
    places = (
        buildings
        | {a.pk for rows in got.areas.values() for a in rows}
        | {got.households[pk].property_id for pk in home_households if pk in got.households}
        | set(home_properties)
    )
    communal = Case.objects.filter(household=None, property__in=places).order_by("pk")
    got.load_cases(communal)
    for case in sorted(got.cases.values(), key=lambda c: c.pk):
        if case.household_id is None:
            got.communal.setdefault(case.property_id, []).append(case)
            for person in case.people.all():
                got.communal_naming.setdefault(person.pk, set()).add(case.pk)
    imported_cases = got.imported_ids(RefKind.CASE, "case_id") - set(got.cases)
    if imported_cases:
        got.load_cases(Case.objects.filter(pk__in=imported_cases))
    got.load_properties(
        [c.property_id for c in got.cases.values()]
        + [t.property_id for t in tenancies]
        + list(got.imported_ids(RefKind.PROPERTY, "property_id"))
    )
    for case in got.cases.values():
        case.property = got.properties[case.property_id]
    for tenancy in tenancies:
        tenancy.property = got.properties[tenancy.property_id]
    for household in got.households.values():
        household.property = got.properties[household.property_id]
    # The people: members, tenants, people of cases, people imported.
    people = set().union(*got.members.values()) if got.members else set()
    people |= {p.pk for t in tenancies for p in t.tenants.all()}
    people |= {p.pk for c in got.cases.values() for p in c.people.all()}
    people |= got.imported_ids(RefKind.PERSON, "person_id")
    got.people = Person.objects.in_bulk(people)
    for authority in (
        ThirdPartyAuthority.objects.filter(household__in=households, withdrawn_on=None)
        .select_related("consent_given_by")
        .order_by("pk")
    ):
        got.authorities.setdefault(authority.household_id, []).append(authority)
    # The events of the format's kinds: of the cases, and of the households without a case.
    events = Event.objects.filter(
        Q(case__in=list(got.cases)) | Q(household__in=households, case=None),
        kind__in=KNOWN_KINDS,
    )
    for event in events.only(*EVENT_FIELDS).order_by("pk"):
        if event.case_id is not None:
            event.case = got.cases[event.case_id]
            got.events_of_case.setdefault(event.case_id, []).append(event)
        else:
            got.events_of_household.setdefault(event.household_id, []).append(event)
    scopes = {}
    for home in homes:
        kind, pk = home
        if kind == "household" and pk not in got.households:
            continue
        scopes[home] = _scope_of(got, home)
    refs = [row for rows in got.imported.values() for row in rows]
    return scopes, refs, all_batches


def _scope_of(got: _Loaded, home: Home) -> Scope:
    kind, pk = home
    scope = Scope()
    if kind == "household":
        household = got.households[pk]
        imported = sorted(
            (row for batch in got.batches.get(pk, ()) for row in got.imported[batch]),
            key=lambda row: (row.scheme, row.kind, row.pk),
        )
        households = {household.pk: household}
        for row in imported:
            if row.kind == RefKind.TENANCY and row.household_id is not None:
                households.setdefault(row.household_id, got.households[row.household_id])
        scope.households = list(households.values())
        scope.tenancies = sorted(
            {t.pk: t for h in households for t in got.tenancies.get(h, [])}.values(),
            key=lambda t: t.pk,
        )
        own = [c for h in households for c in got.own.get(h, [])]
        cases = {c.pk: c for c in own}
        for near in _near_cases_loaded(got, household, own):
            cases.setdefault(near.pk, near)
        for row in imported:
            if row.kind == RefKind.CASE and row.case_id is not None:
                cases.setdefault(row.case_id, got.cases[row.case_id])
        scope.cases = sorted(cases.values(), key=lambda c: c.pk)
        scope.properties = [
            got.properties[row.property_id]
            for row in imported
            if row.kind == RefKind.PROPERTY and row.property_id is not None
        ]
        scope.people = [
            got.people[row.person_id]
            for row in imported
            if row.kind == RefKind.PERSON and row.person_id is not None
        ]
    else:
        scope.cases = list(got.communal.get(pk, []))  # in pk order, as `opened_at` ties break
        scope.cases.sort(key=lambda c: (c.opened_at, c.pk))
    # The places and people (`_places_and_people`).
    props = {p.pk: p for p in scope.properties}
    for prop in [h.property for h in scope.households] + [c.property for c in scope.cases]:
        props.setdefault(prop.pk, prop)
    for prop in list(props.values()):
        for ancestor in got.ancestors(prop):
            props.setdefault(ancestor.pk, ancestor)
    scope.properties = sorted(props.values(), key=lambda p: p.pk)
    people = {p.pk: p for p in scope.people}
    named: set[int] = set()
    for h in scope.households:
        named |= got.members.get(h.pk, set())
    named |= {p.pk for t in scope.tenancies for p in t.tenants.all()}
    named |= {p.pk for c in scope.cases for p in c.people.all()}
    for person_pk in sorted(named):
        people.setdefault(person_pk, got.people[person_pk])
    scope.people = sorted(people.values(), key=lambda p: p.pk)
    # What `_role` would ask of the database.
    scope.member_people = set()
    scope.authorities = []
    for h in scope.households:
        scope.member_people |= got.members.get(h.pk, set())
        scope.authorities += got.authorities.get(h.pk, [])
    scope.authorities.sort(key=lambda a: a.pk)
    # The events (`_events`).
    events = [e for c in scope.cases for e in got.events_of_case.get(c.pk, [])]
    events += [e for h in scope.households for e in got.events_of_household.get(h.pk, [])]
    scope.events = sorted(events, key=_event_order)
    return scope


def _near_cases_loaded(got: _Loaded, household: Household, own: list[Case]) -> list[Case]:
    """`_near_cases`, from what is loaded: the communal cases linked to one of `own` (links
    go both ways) or naming a member, about the home, its buildings or their communal areas."""
    buildings = got.ancestors(household.property)
    areas = [a for b in buildings for a in got.areas.get(b.pk, [])]
    places = {household.property_id, *(b.pk for b in buildings), *(a.pk for a in areas)}
    candidates = {link.pk for case in own for link in case.links.all()}
    for person in got.members.get(household.pk, set()):
        candidates |= got.communal_naming.get(person, set())
    near = [got.cases[pk] for pk in candidates if pk in got.cases]
    near = [c for c in near if c.household_id is None and c.property_id in places]
    return sorted(near, key=lambda c: (c.opened_at, c.pk))

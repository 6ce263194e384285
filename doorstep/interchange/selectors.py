"""Exporting a household (or a case) as a chronology (`doorstep-chronology/1`).

Which records go in is `scope.py`'s. Here is how they are said: with the references of the
file they were imported from (`ExternalRef`), else Doorstep's own (`HH-2026-000001`, event
uids); values from Doorstep's columns, in the file's spelling where it says the same
(`records.py`); events in timeline order, each with its date at its own precision, who did it,
the channel, the summary and its data whole (unknown members kept).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from doorstep.cases.models import Case
from doorstep.core.batches import in_chunks
from doorstep.core.errors import DomainError
from doorstep.interchange import records
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.scope import (
    REF_FIELDS,
    Home,
    Scope,
    any_of,
    export_scope,
    export_scopes_and_refs,
)
from doorstep.interchange.stamps import Read
from doorstep.interchange.validate import FORMAT, first_problem, load_schema, passes_gate
from doorstep.policy.models import PolicyOverride
from doorstep.properties.models import Property
from doorstep.residents.models import (
    Household,
    HouseholdMember,
    Person,
    Tenancy,
    ThirdPartyAuthority,
)
from doorstep.timeline.models import Event

EXPORT_BROKEN = "The export would break the format at {problem}; nothing was written."
_DEFS = load_schema()["$defs"]
# The channels and case types the format names (Doorstep has more: "api", "import", "enquiry").
FORMAT_CHANNELS = frozenset(c for c in _DEFS["event"]["properties"]["channel"]["enum"] if c)
FORMAT_CASE_TYPES = frozenset(_DEFS["case"]["properties"]["type"]["enum"])
# Doorstep's property kinds the format does not name, said as the nearest kind it does.
FORMAT_KINDS = {"estate": "block", "maisonette": "flat"}
# Members of an event's data that name a person or a tenancy (by reference).
DATA_NAMES = ("person", "tenancy", "from", "to", "against", "by")


class ExportBroken(DomainError):
    """What Doorstep holds cannot be said in the format (a bug to report, not a user error)."""


# --- how it is said -----------------------------------------------------------------------------


class _Names:
    """The reference each exported record goes by: the file's, where it came from one."""

    scheme: str | None
    rows: dict[tuple[str, int], ExternalRef]

    def __init__(self, scope: Scope, rows: Iterable[ExternalRef] | None = None) -> None:
        """From the database, or (`rows`) from the references already loaded for many homes:
        every one naming a record of the scope or an event of the chronology, in pk order."""
        if rows is None:
            self._from_database(scope)
        else:
            self._from_rows(scope, rows)
        self.by_ref = {(row.kind, row.ref): pk for (_, pk), row in self.rows.items()}

    def _from_database(self, scope: Scope) -> None:
        rows = ExternalRef.objects.filter(
            Q(case__in=scope.cases)
            | Q(tenancy__in=scope.tenancies)
            | Q(person__in=scope.people)
            | Q(property__in=scope.properties)
        )
        schemes = Counter(rows.values_list("scheme", flat=True))
        self.scheme = schemes.most_common(1)[0][0] if schemes else None
        self.rows = {}
        mine = ExternalRef.objects.filter(scheme=self.scheme)
        # The events' references by the events in hand, not through a join to the events of
        # the scope's cases and households, which PostgreSQL may plan as a scan of every
        # reference (docs/performance.md, "a scan of every reference").
        events = [event.pk for event in scope.events]
        for row in any_of(
            mine,
            Q(case__in=scope.cases),
            Q(tenancy__in=scope.tenancies),
            Q(person__in=scope.people),
            Q(property__in=scope.properties),
            *(Q(event__in=chunk) for chunk in in_chunks(events)),
        ):
            key = (row.kind, _object_id(row))
            self.rows.setdefault(key, row)

    def _from_rows(self, scope: Scope, rows: Iterable[ExternalRef]) -> None:
        cases = {c.pk for c in scope.cases}
        tenancies = {t.pk for t in scope.tenancies}
        people = {p.pk for p in scope.people}
        properties = {p.pk for p in scope.properties}
        events = {e.pk for e in scope.events}

        def records(row: ExternalRef) -> bool:
            return (
                row.case_id in cases
                or row.tenancy_id in tenancies
                or row.person_id in people
                or row.property_id in properties
            )

        rows = list(rows)
        # Counted in the database's order (scheme, kind, pk): of two schemes used as often,
        # the first wins, as in `_from_database`.
        schemes = Counter(
            row.scheme
            for row in sorted(rows, key=lambda r: (r.scheme, r.kind, r.pk))
            if records(row)
        )
        self.scheme = schemes.most_common(1)[0][0] if schemes else None
        self.rows = {}
        for row in rows:
            if row.scheme == self.scheme and (records(row) or row.event_id in events):
                self.rows.setdefault((row.kind, _object_id(row)), row)

    def row(self, kind: str, pk: int) -> ExternalRef | None:
        return self.rows.get((kind, pk))

    def record(self, kind: str, pk: int) -> Mapping[str, Any]:
        row = self.row(kind, pk)
        return row.record if row is not None else {}

    def ref(self, kind: str, obj: Any) -> str:
        row = self.row(kind, obj.pk)
        if row is not None:
            return row.ref
        return str(obj.uid) if kind == RefKind.EVENT else str(obj.reference)


def _object_id(row: ExternalRef) -> int:
    ids = {
        RefKind.PROPERTY: row.property_id,
        RefKind.PERSON: row.person_id,
        RefKind.TENANCY: row.tenancy_id,
        RefKind.CASE: row.case_id,
        RefKind.EVENT: row.event_id,
    }
    return ids.get(RefKind(row.kind)) or 0


def chronology_export(
    *, landlord: str, household: Household | None = None, case: Case | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The household (or the case's household or property) as a `doorstep-chronology/1`
    document, and notes on anything that could not be said in the format."""
    doc, notes, _ = chronology_export_with_cases(landlord=landlord, household=household, case=case)
    return doc, notes


def chronology_export_with_cases(
    *, landlord: str, household: Household | None = None, case: Case | None = None
) -> tuple[dict[str, Any], list[str], dict[str, int]]:
    """`chronology_export`, and the Doorstep case (its primary key) each of the document's case
    refs names, so a replay of the document can be read back onto the live record: an imported
    case goes by its file's ref in the scheme this export chose, which only the export knows."""
    scope = export_scope(household=household, case=case)
    return _export(scope, _Names(scope), landlord, _policy())


@dataclass(frozen=True)
class HomeExport:
    """One home's chronology from `chronologies_of_homes`: what `chronology_export_with_cases`
    gives for it, or the problem that kept it from being said in the format."""

    doc: dict[str, Any]
    notes: list[str]
    cases: dict[str, int]
    problem: str | None = None
    # What it read beyond the home's own stream and buildings' (`interchange.stamps`).
    read: Read = field(default_factory=Read)


def chronologies_of_homes(homes: Iterable[Home], *, landlord: str) -> dict[Home, HomeExport]:
    """The chronologies of many homes (each ("household", pk), or a communal case's
    ("property", pk)), each exactly as `chronology_export_with_cases` exports it (the household,
    or a communal case of the property), from a bounded number of queries whatever the number
    of homes (`scope.export_scopes_and_refs`, the references, the policy). Pass homes in chunks of a
    few hundred: each chunk's records are held in memory. A household that does not exist is
    left out."""
    scopes, imported, batches = export_scopes_and_refs(homes)
    cases = {c.pk for scope in scopes.values() for c in scope.cases}
    tenancies = {t.pk for scope in scopes.values() for t in scope.tenancies}
    people = {p.pk for scope in scopes.values() for p in scope.people}
    properties = {p.pk for scope in scopes.values() for p in scope.properties}
    # The events' references by the events themselves, not by a join to the events of the
    # cases and households: PostgreSQL plans that join as a scan of every reference (13 million
    # at 125,000 homes: 6 s a chunk of 200 homes, a third of its export). Only a reference to
    # an event of a scope is ever used (`keys` below).
    events = sorted({e.pk for scope in scopes.values() for e in scope.events})
    found = any_of(
        ExternalRef.objects.exclude(batch__in=batches).only(*REF_FIELDS),  # read already
        Q(case__in=cases),
        Q(tenancy__in=tenancies),
        Q(person__in=people),
        Q(property__in=properties),
        *(Q(event__in=chunk) for chunk in in_chunks(events)),
    )
    by_record: dict[tuple[str, int], list[ExternalRef]] = {}
    for row in [*imported, *found]:
        for key in _record_keys(row):
            by_record.setdefault(key, []).append(row)
    policy = _policy()
    out: dict[Home, HomeExport] = {}
    for home, scope in scopes.items():
        keys = (
            [("case", c.pk) for c in scope.cases]
            + [("tenancy", t.pk) for t in scope.tenancies]
            + [("person", p.pk) for p in scope.people]
            + [("property", p.pk) for p in scope.properties]
            + [("event", e.pk) for e in scope.events]
        )
        rows = {row.pk: row for key in keys for row in by_record.get(key, ())}
        names = _Names(scope, sorted(rows.values(), key=lambda r: r.pk))
        read = Read(
            frozenset(h.pk for h in scope.households)
            | {c.household_id for c in scope.cases if c.household_id is not None},
            frozenset(e.stream_id for e in scope.events),
            frozenset(p.pk for p in scope.properties),
        )
        try:
            doc, notes, refs = _export(scope, names, landlord, policy)
        except ExportBroken as error:
            out[home] = HomeExport({}, scope.notes, {}, error.message, read)
        else:
            out[home] = HomeExport(doc, notes, refs, None, read)
    return out


def _record_keys(row: ExternalRef) -> list[tuple[str, int]]:
    """The records (kind, pk) a reference names: any of which being in a scope brings it in."""
    pairs = (
        ("case", row.case_id),
        ("tenancy", row.tenancy_id),
        ("person", row.person_id),
        ("property", row.property_id),
        ("event", row.event_id),
    )
    return [(kind, pk) for kind, pk in pairs if pk is not None]


def _export(
    scope: Scope, names: _Names, landlord: str, policy: dict[str, Any]
) -> tuple[dict[str, Any], list[str], dict[str, int]]:
    exported_cases = [c for c in scope.cases if c.case_type in FORMAT_CASE_TYPES]
    for left_out in sorted(set(scope.cases) - set(exported_cases), key=lambda c: c.pk):
        scope.notes.append(
            f"{left_out.reference} is a {left_out.get_case_type_display().lower()} case, which "
            "the format has no type for: its events are exported without a case."
        )
    by_pk = {c.pk: c for c in exported_cases}  # an event's case found by key, not by scan
    landlord_doc: dict[str, Any] = {"name": landlord, "nation": "england"}
    if policy:
        landlord_doc["policy"] = policy
    doc = {
        "format": FORMAT,
        "landlord": landlord_doc,
        "properties": [_property(p, scope, names) for p in scope.properties],
        "people": [_person(p, scope, names) for p in scope.people],
        "tenancies": [_tenancy(t, names) for t in scope.tenancies],
        "cases": [_case(c, exported_cases, names) for c in exported_cases],
        "events": [_event(e, by_pk, scope, names) for e in scope.events],
    }
    # The fast gate first: a document built from the database has only text member names, so
    # the walk `first_problem` makes for others is not needed unless the gate fails.
    problem = None if passes_gate(doc) else first_problem(doc)
    if problem is not None:
        raise ExportBroken(EXPORT_BROKEN.format(problem=problem))
    return doc, scope.notes, {names.ref(RefKind.CASE, c): c.pk for c in exported_cases}


def _policy() -> dict[str, Any]:
    """The landlord's own values: for each key, the one the clocks would apply now (the latest
    `effective_from`; of two from the same date, the last recorded, as `policy.resolve`)."""
    chosen: dict[str, PolicyOverride] = {}
    for row in PolicyOverride.objects.order_by("recorded_at", "pk"):
        held = chosen.get(row.key)
        if held is None or (row.effective_from or dt.date.min) >= (
            held.effective_from or dt.date.min
        ):
            chosen[row.key] = row
    kept = {
        row.policy_override_id: row.record
        for row in ExternalRef.objects.filter(
            kind=RefKind.POLICY, policy_override__in=list(chosen.values())
        )
    }
    out: dict[str, Any] = {}
    for key, row in sorted(chosen.items()):
        if row.effective_from is None:
            out[key] = row.value
            continue
        since = records.spelled(
            kept.get(row.pk, {}), "effective_from", row.effective_from, records.same_date
        )
        out[key] = {"value": row.value, "effective_from": str(since)}
    return out


def _property(prop: Property, scope: Scope, names: _Names) -> dict[str, Any]:
    record = names.record(RefKind.PROPERTY, prop.pk)
    ref = names.ref(RefKind.PROPERTY, prop)
    placeholder = records.not_given("address", ref)
    parent = prop.part_of if prop.part_of in scope.properties else None
    entry = {
        "ref": ref,
        "uprn": records.spelled(record, "uprn", prop.uprn, records.same_uprn),
        "address": records.text_out(record, "address", prop.address, placeholder),
        "kind": FORMAT_KINDS.get(prop.kind, prop.kind),
        "part_of": names.ref(RefKind.PROPERTY, parent) if parent is not None else None,
        "bedrooms": prop.bedrooms,
    }
    return records.drop_absent(record, entry)


def _person(person: Person, scope: Scope, names: _Names) -> dict[str, Any]:
    record = names.record(RefKind.PERSON, person.pk)
    ref = names.ref(RefKind.PERSON, person)
    acting_for = record.get("acting_for")
    if acting_for is not None and (RefKind.PERSON, acting_for) not in names.by_ref:
        acting_for = None  # the person it names is not in this export
    role = record.get("role")
    if role is None:
        role, acting_for = _role(person, scope, names)
    entry = {
        "ref": ref,
        "name": records.text_out(record, "name", person.full_name, records.not_given("name", ref)),
        "role": role,
        "organisation": records.text_out(record, "organisation", person.organisation),
        "acting_for": acting_for,
    }
    return records.drop_absent(record, entry)


def _role(person: Person, scope: Scope, names: _Names) -> tuple[str, str | None]:
    """A role for a person Doorstep recorded itself (the format's roles are not a column)."""
    if any(person in t.tenants.all() for t in scope.tenancies):
        return "tenant", None
    if scope.member_people is not None:
        if person.pk in scope.member_people:
            return "household_member", None
        authority = next(
            (a for a in scope.authorities or () if a.third_party_id == person.pk), None
        )
    else:
        if HouseholdMember.objects.filter(household__in=scope.households, person=person).exists():
            return "household_member", None
        authority = (
            ThirdPartyAuthority.objects.filter(
                household__in=scope.households, third_party=person, withdrawn_on=None
            )
            .select_related("consent_given_by")
            .first()
        )
    if authority is not None:
        return "third_party", names.ref(RefKind.PERSON, authority.consent_given_by)
    return "third_party", None


def _tenancy(tenancy: Tenancy, names: _Names) -> dict[str, Any]:
    record = names.record(RefKind.TENANCY, tenancy.pk)

    def when(name: str, day: dt.date | None) -> str | None:
        return records.spelled(
            record, name, day.isoformat() if day else None, lambda s, _: records.same_date(s, day)
        )

    rent = tenancy.rent_weekly
    entry = {
        "ref": names.ref(RefKind.TENANCY, tenancy),
        "property": names.ref(RefKind.PROPERTY, tenancy.property),
        "tenants": [
            names.ref(RefKind.PERSON, p) for p in sorted(tenancy.tenants.all(), key=lambda p: p.pk)
        ],
        "start": when("start", tenancy.start),
        "end": when("end", tenancy.end),
        "tenure": tenancy.tenure or None,
        "rent_weekly": records.spelled(
            record,
            "rent_weekly",
            float(rent) if rent is not None else None,
            lambda s, _: records.same_amount(s, rent),
        ),
    }
    return records.drop_absent(record, entry)


def _case(case: Case, exported: list[Case], names: _Names) -> dict[str, Any]:
    record = names.record(RefKind.CASE, case.pk)
    ref = names.ref(RefKind.CASE, case)
    entry = {
        "ref": ref,
        "type": case.case_type,
        "property": names.ref(RefKind.PROPERTY, case.property),
        "people": [
            names.ref(RefKind.PERSON, p) for p in sorted(case.people.all(), key=lambda p: p.pk)
        ],
        "title": records.text_out(
            record, "title", case.title, records.not_given("title", ref, case.case_type)
        ),
        "links": _links(case, exported, names),
    }
    return records.drop_absent(record, entry)


def _links(case: Case, exported: list[Case], names: _Names) -> list[str]:
    """The cases this one links to, as the file listed them: a link Doorstep holds only
    because another case of the file listed this one is left to that case's list."""
    by_pk = {c.pk: c for c in exported}
    linked = [c for c in case.links.all() if c.pk in by_pk]
    ref_of = {c.pk: names.ref(RefKind.CASE, c) for c in exported}
    listed = names.record(RefKind.CASE, case.pk).get("links")
    if listed is None:
        return [ref_of[c.pk] for c in sorted(linked, key=lambda c: c.pk)]
    own = ref_of[case.pk]
    implied = {
        ref_of[c.pk] for c in linked if own in (names.record(RefKind.CASE, c.pk).get("links") or ())
    }
    held = {ref_of[c.pk] for c in linked}
    out = [ref for ref in listed if ref in held]
    out += [
        ref_of[c.pk]
        for c in sorted(linked, key=lambda c: c.pk)
        if ref_of[c.pk] not in listed and ref_of[c.pk] not in implied
    ]
    return out


def _event(
    event: Event, exported: Mapping[int, Case], scope: Scope, names: _Names
) -> dict[str, Any]:
    row = names.row(RefKind.EVENT, event.pk)
    record = row.record if row is not None else {}
    case = exported.get(event.case_id) if event.case_id is not None else None
    data = dict(event.data or {})
    by = event.by or "landlord"
    if row is None:  # recorded in Doorstep: its data names records by Doorstep's references
        data = {k: _said(v, names, scope) if k in DATA_NAMES else v for k, v in data.items()}
        data = _case_refs_said(data, exported, names)
        by = _said(by, names, scope)
    entry = {
        "id": row.ref if row is not None else str(event.uid),
        "at": event.occurred_text,
        "case": names.ref(RefKind.CASE, case) if case is not None else None,
        "kind": event.kind,
        "by": by,
        "channel": event.channel if event.channel in FORMAT_CHANNELS else None,
        "summary": event.summary,
        "data": data,
    }
    return records.drop_absent(record, entry)


# Members of Doorstep's own entries whose `of_case` names another case by its Doorstep
# reference: a repeat accepted or rejected (`clocks.repeats`).
CASE_NAMING_MEMBERS = ("repeat_of", "not_repeat_of")


def _case_refs_said(
    data: dict[str, Any], exported: Mapping[int, Case], names: _Names
) -> dict[str, Any]:
    """A repeat decision's `of_case` (a Doorstep reference) as the export names that case."""
    if not any(isinstance(data.get(m), Mapping) for m in CASE_NAMING_MEMBERS):
        return data
    refs = {c.reference: names.ref(RefKind.CASE, c) for c in exported.values()}
    out = dict(data)
    for member in CASE_NAMING_MEMBERS:
        said = data.get(member)
        if isinstance(said, Mapping) and said.get("of_case") in refs:
            out[member] = {**said, "of_case": refs[said["of_case"]]}
    return out


def _said(value: Any, names: _Names, scope: Scope) -> Any:
    """A Doorstep reference (PER-..., TEN-...) as the export names that record."""
    if not isinstance(value, str):
        return value
    for person in scope.people:
        if person.reference == value:
            return names.ref(RefKind.PERSON, person)
    for tenancy in scope.tenancies:
        if tenancy.reference == value:
            return names.ref(RefKind.TENANCY, tenancy)
    return value

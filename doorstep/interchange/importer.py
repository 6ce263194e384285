"""How an import writes a chronology, part by part (`services.chronology_import` is the way in).

The landlord's policy first, then properties (each after the building it is part of), people,
households with their members and tenancies, cases and their links, and last every event in
file order. Each part goes through the service of the app that owns it; each reference becomes
an `ExternalRef`, or is found as one already imported (and refused if the file now says
something else under it). A service's refusal becomes the file's, at the JSON path of the
member that gave the value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from doorstep.cases.models import Case
from doorstep.cases.services import CaseDraft, case_link, cases_open
from doorstep.core.errors import DomainError, ItemRefused
from doorstep.hazards.services import IMPORTED_KINDS as HAZARD_KINDS
from doorstep.hazards.services import hazard_from_record
from doorstep.inspections.services import inspection_from_record
from doorstep.interchange import records
from doorstep.interchange.checks import rent_of, uprn_of
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.plan import Plan
from doorstep.interchange.register import vulnerability_register
from doorstep.interchange.validate import json_path
from doorstep.policy.services import policy_override_record
from doorstep.properties.models import Property, PropertyAlias
from doorstep.properties.services import property_alias_add, property_create
from doorstep.residents.models import Household, Person, Tenancy
from doorstep.residents.services import (
    household_create,
    household_member_add,
    person_create,
    tenancy_start,
)
from doorstep.timeline.models import Channel
from doorstep.timeline.services import EventDraft, events_append
from doorstep.timeline.when import LONDON, When

SCHEME = "chronology:{landlord}"
# References looked up a query at a time (well inside SQLite's limit on parameters).
KNOWN_CHUNK = 500
# PropertyAlias.scheme holds 50 characters; a longer scheme would not fit beside the property.
SCHEME_LIMIT = 50
SCHEME_TOO_LONG = "A scheme is 1 to {limit} characters: {scheme!r} is {length}."
ACTOR_NAME = "Import: {name}"
POLICY_SOURCE = "{landlord}'s own policy, from the imported chronology {name}"
LINK_REASON = "Linked in the imported chronology {name}"
CHANGED = (
    "{what} {ref!r} was imported before (from {name} on {day}) and said something else then; "
    "an imported entry is never changed (the record is append-only): send the change as a new "
    "event"
)
WHAT = {
    RefKind.PROPERTY: "Property",
    RefKind.PERSON: "Person",
    RefKind.TENANCY: "Tenancy",
    RefKind.CASE: "Case",
    RefKind.EVENT: "Event",
    RefKind.POLICY: "Policy key",
}
# A service names the input at fault; these are the file's members that gave it.
PROPERTY_FIELDS = {"part_of": "part_of", "uprn": "uprn", "aliases": "ref"}
TENANCY_FIELDS = {"property": "property", "tenants": "tenants", "end": "end"}
CASE_FIELDS = {"property": "property", "household": "property"}
EVENT_FIELDS = {"occurred": "at", "channel": "channel", "kind": "kind"}


class ChronologyRefused(DomainError):
    """The file is refused whole: `path` (a JSON path) and `reason` say where and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}", field=path, code="refused")
        self.path = path
        self.reason = reason


@dataclass
class ImportReport:
    """What an import did: what it added, what was already on record, which households."""

    source_name: str
    scheme: str
    batch: uuid.UUID
    new: Counter[str] = field(default_factory=Counter)
    existing: Counter[str] = field(default_factory=Counter)
    households: list[str] = field(default_factory=list)
    # The histories the import's own events went into (what its projections bring into line).
    streams: set[int] = field(default_factory=set)

    @property
    def new_events(self) -> int:
        return self.new[RefKind.EVENT]


def scheme_for(landlord: str) -> str:
    """Whose references a landlord's chronology uses: `chronology:<landlord name>`, shortened
    (with a fingerprint of the full name) where it would not fit beside a property's alias."""
    scheme = SCHEME.format(landlord=landlord)
    if len(scheme) <= SCHEME_LIMIT:
        return scheme
    tag = "~" + hashlib.sha256(landlord.encode("utf-8")).hexdigest()[:8]
    room = SCHEME_LIMIT - len(SCHEME.format(landlord="")) - len(tag)
    return SCHEME.format(landlord=landlord[:room]) + tag


@contextmanager
def _refusing(path: tuple[str | int, ...], fields: Mapping[str, str]) -> Iterator[None]:
    """Turn a service's refusal into the file's refusal, at the member that gave the value."""
    try:
        yield
    except ChronologyRefused:
        raise
    except DomainError as error:
        name = error.field or ""
        member: tuple[str | int, ...] = ()
        if name in fields:
            member = (fields[name],)
        elif name == "data" or name.startswith("data."):
            member = tuple(name.split("."))
        raise ChronologyRefused(json_path((*path, *member)), error.message) from error


class Importer:
    """One import: the file, where each part goes, and what each reference became."""

    def __init__(
        self,
        *,
        doc: Mapping[str, Any],
        plan: Plan,
        scheme: str,
        source_name: str,
        at: dt.datetime,
    ) -> None:
        self.doc = doc
        self.plan = plan
        self.scheme = scheme
        self.source_name = source_name
        self.at = at
        self.report = ImportReport(source_name, scheme, uuid.uuid4())
        # The landlord's policy is the landlord's, whichever file (and scheme) brings it.
        self.policy_scheme = scheme_for(doc["landlord"]["name"])
        self.known = {(row.kind, row.ref): row for row in self._known_refs()}
        self.properties: dict[str, Property] = {}
        self.people: dict[str, Person] = {}
        self.tenancies: dict[str, Tenancy] = {}
        self.households: dict[str, Household] = {}
        self.cases: dict[str, Case] = {}

    def all(self) -> None:
        self.policy()
        self.places()
        self.persons()
        self.homes()
        self.matters()
        self.links()
        self.events()

    # --- the mapping ---------------------------------------------------------------------

    def _known_refs(self) -> Iterator[ExternalRef]:
        """The mappings of the references this file names, already imported: by kind and
        reference, a chunk at a time, so the cost follows the file, not everything imported
        before it under the scheme (a bulk import of a whole landlord reads each once)."""
        doc = self.doc
        named = {
            RefKind.POLICY: list((doc["landlord"].get("policy") or {}).keys()),
            RefKind.PROPERTY: [p["ref"] for p in doc["properties"]],
            RefKind.PERSON: [p["ref"] for p in doc["people"]],
            RefKind.TENANCY: [t["ref"] for t in doc["tenancies"]],
            RefKind.CASE: [c["ref"] for c in doc["cases"]],
            RefKind.EVENT: [e["id"] for e in doc["events"]],
        }
        for kind, refs in named.items():
            scheme = self.policy_scheme if kind == RefKind.POLICY else self.scheme
            for start in range(0, len(refs), KNOWN_CHUNK):
                yield from ExternalRef.objects.filter(
                    scheme=scheme, kind=kind, ref__in=refs[start : start + KNOWN_CHUNK]
                ).select_related("property", "person", "household", "tenancy", "case", "event")

    def mapped(
        self, kind: str, ref: str, entry: Any, path: tuple[str | int, ...]
    ) -> ExternalRef | None:
        """The mapping of a reference already imported, refusing one that now differs."""
        row = self.known.get((kind, ref))
        if row is None:
            return None
        if row.digest != records.digest(entry):
            reason = CHANGED.format(
                what=WHAT[RefKind(kind)],
                ref=ref,
                name=row.source_name,
                day=row.imported_at.astimezone(LONDON).date().isoformat(),
            )
            raise ChronologyRefused(json_path(path), reason)
        self.report.existing[kind] += 1
        return row

    def map(self, kind: str, ref: str, entry: Any, record: dict[str, Any], **objects: Any) -> None:
        self.map_many(kind, [(ref, entry, record, objects)])

    def map_many(
        self, kind: str, rows: list[tuple[str, Any, dict[str, Any], dict[str, Any]]]
    ) -> None:
        """Record what each reference became (ref, the entry as given, what is kept of it,
        the objects it maps to), in one insert."""
        made = [
            ExternalRef(
                scheme=self.policy_scheme if kind == RefKind.POLICY else self.scheme,
                kind=kind,
                ref=ref,
                record=record,
                digest=records.digest(entry),
                batch=self.report.batch,
                source_name=self.source_name,
                imported_at=self.at,
                **objects,
            )
            for ref, entry, record, objects in rows
        ]
        if len(made) == 1:
            made[0].save()
        elif made:
            ExternalRef.objects.bulk_create(made)
        for row in made:
            self.known[(kind, row.ref)] = row
        self.report.new[kind] += len(made)

    # --- the landlord's policy -----------------------------------------------------------

    def policy(self) -> None:
        landlord = self.doc["landlord"]
        for key, raw in (landlord.get("policy") or {}).items():
            path = ("landlord", "policy", key)
            if self.mapped(RefKind.POLICY, key, raw, path):
                continue
            dated = isinstance(raw, Mapping) and "value" in raw and "effective_from" in raw
            value, since = (raw["value"], raw["effective_from"]) if dated else (raw, None)
            with _refusing(path, {}):
                override = policy_override_record(
                    actor=None,
                    key=key,
                    value=value,
                    source=POLICY_SOURCE.format(landlord=landlord["name"], name=self.source_name),
                    at=self.at,
                    effective_from=records.first_day(since),
                )
            record = {"effective_from": since} if since else {}
            self.map(RefKind.POLICY, key, raw, record, policy_override=override)

    # --- properties, people, households and tenancies ------------------------------------

    def places(self) -> None:
        entries = {p["ref"]: (i, p) for i, p in enumerate(self.doc["properties"])}
        for ref in _parents_first(self.doc["properties"]):
            i, entry = entries[ref]
            row = self.mapped(RefKind.PROPERTY, ref, entry, ("properties", i))
            if row is not None and row.property is not None:
                self.properties[ref] = row.property
                continue
            prop = self.place_on_record(ref, entry)
            if prop is None:
                with _refusing(("properties", i), PROPERTY_FIELDS):
                    prop = property_create(
                        kind=entry["kind"],
                        address_line_1=entry.get("address") or records.not_given("address", ref),
                        created_at=self.at,
                        uprn=uprn_of(entry["uprn"]) if entry.get("uprn") is not None else None,
                        bedrooms=entry.get("bedrooms"),
                        part_of=self.properties.get(entry.get("part_of") or ""),
                        aliases={self.scheme: ref},
                    )
            self.properties[ref] = prop
            self.map(RefKind.PROPERTY, ref, entry, records.kept("property", entry), property=prop)

    def place_on_record(self, ref: str, entry: Mapping[str, Any]) -> Property | None:
        """A property Doorstep already holds: by this scheme's alias, or by its UPRN."""
        alias = PropertyAlias.objects.filter(scheme=self.scheme, value=ref).first()
        if alias is not None:
            return alias.property
        uprn = uprn_of(entry["uprn"]) if entry.get("uprn") is not None else None
        prop = Property.objects.filter(uprn=uprn).first() if uprn else None
        if prop is not None:
            property_alias_add(property=prop, scheme=self.scheme, value=ref)
        return prop

    def persons(self) -> None:
        for i, entry in enumerate(self.doc["people"]):
            ref = entry["ref"]
            row = self.mapped(RefKind.PERSON, ref, entry, ("people", i))
            if row is not None and row.person is not None:
                self.people[ref] = row.person
                continue
            person = person_create(
                full_name=entry.get("name") or records.not_given("name", ref),
                at=self.at,
                organisation=entry.get("organisation") or "",
            )
            self.people[ref] = person
            self.map(RefKind.PERSON, ref, entry, records.kept("person", entry), person=person)

    def homes(self) -> None:
        for i, entry in enumerate(self.doc["tenancies"]):
            ref = entry["ref"]
            row = self.mapped(RefKind.TENANCY, ref, entry, ("tenancies", i))
            if row is not None and row.tenancy is not None and row.household is not None:
                self.tenancies[ref], self.households[ref] = row.tenancy, row.household
                self.report.households.append(row.household.reference)
                continue
            with _refusing(("tenancies", i), TENANCY_FIELDS):
                household, tenancy = self.tenancy(ref, entry)
            self.tenancies[ref], self.households[ref] = tenancy, household
            self.report.households.append(household.reference)
            self.map(
                RefKind.TENANCY,
                ref,
                entry,
                records.kept("tenancy", entry),
                tenancy=tenancy,
                household=household,
            )

    def tenancy(self, ref: str, entry: Mapping[str, Any]) -> tuple[Household, Tenancy]:
        household = household_create(
            actor=None, property=self.properties[entry["property"]], at=self.at
        )
        for person, relationship in self.plan.members[ref]:
            household_member_add(
                actor=None,
                household=household,
                person=self.people[person],
                relationship=relationship,
                at=self.at,
            )
        rent = entry.get("rent_weekly")
        tenancy = tenancy_start(
            actor=None,
            household=household,
            tenants=[self.people[t] for t in dict.fromkeys(entry.get("tenants", ()))],
            at=self.at,
            tenure=entry.get("tenure") or "",
            start=records.first_day(entry.get("start")),
            end=records.first_day(entry.get("end")),
            rent_weekly=rent_of(rent) if rent is not None else None,
        )
        return household, tenancy

    # --- cases ---------------------------------------------------------------------------

    def matters(self) -> None:
        """Every case not already on record, opened in one go (`cases_open`)."""
        todo = []
        for i, entry in enumerate(self.doc["cases"]):
            ref = entry["ref"]
            row = self.mapped(RefKind.CASE, ref, entry, ("cases", i))
            if row is not None and row.case is not None:
                self.cases[ref] = row.case
            else:
                todo.append((i, entry))
        drafts = []
        for _, entry in todo:
            place = self.plan.cases[entry["ref"]]
            drafts.append(
                CaseDraft(
                    case_type=entry["type"],
                    title=entry.get("title")
                    or records.not_given("title", entry["ref"], entry["type"]),
                    at=self.at,
                    household=self.households[place.tenancy] if place.tenancy else None,
                    property=self.properties[place.property],
                    people=[self.people[p] for p in dict.fromkeys(entry.get("people", ()))],
                    channel=Channel.IMPORT,
                )
            )
        try:
            cases = cases_open(actor=None, drafts=drafts)
        except ItemRefused as refused:
            with _refusing(("cases", todo[refused.index][0]), CASE_FIELDS):
                raise refused.original from None
        for (_, entry), case in zip(todo, cases, strict=True):
            self.cases[entry["ref"]] = case
        self.map_many(
            RefKind.CASE,
            [
                (entry["ref"], entry, records.kept("case", entry), {"case": case})
                for (_, entry), case in zip(todo, cases, strict=True)
            ],
        )

    def links(self) -> None:
        done: set[frozenset[str]] = set()
        for i, entry in enumerate(self.doc["cases"]):
            for j, other in enumerate(entry.get("links", ())):
                pair = frozenset((entry["ref"], other))
                if pair in done:
                    continue
                done.add(pair)
                case, linked = self.cases[entry["ref"]], self.cases[other]
                if case.links.filter(pk=linked.pk).exists():
                    continue
                with _refusing(("cases", i, "links", j), {}):
                    case_link(
                        actor=None,
                        case=case,
                        other=linked,
                        reason=LINK_REASON.format(name=self.source_name),
                        at=self.at,
                    )

    # --- events --------------------------------------------------------------------------

    def events(self) -> None:
        """Every event not already on record, in file order, appended in one go (each history
        locked once, one insert), then their mappings, then what some kinds add beside the
        history (an inspection, a hazard, a register entry)."""
        todo = [
            (i, entry)
            for i, entry in enumerate(self.doc["events"])
            if not self.mapped(RefKind.EVENT, entry["id"], entry, ("events", i))
        ]
        drafts = []
        for i, entry in todo:
            with _refusing(("events", i), EVENT_FIELDS):
                drafts.append(self.draft(i, entry))
        try:
            events = events_append(drafts)
        except ItemRefused as refused:
            with _refusing(("events", todo[refused.index][0]), EVENT_FIELDS):
                raise refused.original from None
        self.report.streams.update(event.stream_id for event in events)
        self.map_many(
            RefKind.EVENT,
            [
                (entry["id"], entry, records.kept("event", entry), {"event": event})
                for (_, entry), event in zip(todo, events, strict=True)
            ],
        )
        for (_, entry), event in zip(todo, events, strict=True):
            if entry["kind"] == "inspection.done" and event.case is not None:
                inspection_from_record(event=event)
            if entry["kind"] in HAZARD_KINDS and event.case is not None:
                hazard_from_record(event=event)
            if entry["kind"] == "vulnerability.recorded":
                vulnerability_register(
                    event=event,
                    entry=entry,
                    person=self.people[entry["data"]["person"]],
                    doc=self.doc,
                )

    def draft(self, i: int, entry: Mapping[str, Any]) -> EventDraft:
        case = self.cases[entry["case"]] if entry.get("case") else None
        if case is not None:
            household, prop = case.household, case.property
        else:
            place = self.plan.events[i]
            household = self.households[place.tenancy] if place.tenancy else None
            prop = household.property if household else self.properties[place.property]
        return EventDraft(
            kind=entry["kind"],
            occurred=When.parse(entry["at"]),
            recorded_at=self.at,
            actor=None,
            actor_name=ACTOR_NAME.format(name=self.source_name),
            # The format's null channel ("the source does not say") is Doorstep's "import".
            channel=entry.get("channel") or Channel.IMPORT,
            data=entry.get("data") or {},
            summary=entry["summary"],
            household=household,
            property=prop,
            case=case,
            by=entry["by"],
            source_id=entry["id"],
            batch=self.report.batch,
        )


def _parents_first(properties: list[Mapping[str, Any]]) -> list[str]:
    """Property refs ordered so that each comes after the property it is part of."""
    parent = {p["ref"]: p.get("part_of") for p in properties}
    ordered: list[str] = []

    def visit(ref: str) -> None:
        if ref in ordered:
            return
        if parent.get(ref) in parent:
            visit(str(parent[ref]))
        ordered.append(ref)

    for ref in parent:
        visit(ref)
    return ordered

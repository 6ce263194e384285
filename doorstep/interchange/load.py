"""The bulk loader: many new households' chronologies written a run at a time (ADR 16).

`chronologies_import` sends here each run of chronologies that are wholly new to Doorstep: one
tenancy, every case the household's, every reference of the file not yet imported (the
building a flat is in may be, as it is for every flat after the first), and the landlord's
policy already on record unchanged. Anything else goes through the importer
(`importer.Importer`), one chronology at a time, as before.

A run is written as the importer would write its chronologies one after another, with the
same rows, references, events, hashes and mappings (`tests/test_load.py` holds the two to
that, table by table): the rows are built in memory, their ids taken from the database's
sequences, the events drafted by the same functions as the services' and chained by
`timeline.services.chain`, and then each table is written in one statement: PostgreSQL's
`COPY`, SQLite's `executemany`. What some events add beside the history (an inspection, a
hazard, a register entry) and the projections (complaints, ASB, moves, promises) are then made
by the same functions as the importer's, in the same transaction.

A run is one transaction: all of it lands or none. If any part is refused (a rule the file
breaks that only writing shows), the run is undone and each of its chronologies goes through
the importer on its own, so each is imported or refused whole, with the importer's reason.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

from doorstep.cases.choices import PREFIX, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import CaseDraft, case_opened_draft
from doorstep.core.references import next_references
from doorstep.hazards.services import IMPORTED_KINDS as HAZARD_KINDS
from doorstep.hazards.services import hazard_from_record
from doorstep.inspections.services import PREFIX as INSPECTION_PREFIX
from doorstep.inspections.services import inspection_from_record
from doorstep.interchange import records
from doorstep.interchange.checks import rent_of
from doorstep.interchange.importer import (
    ACTOR_NAME,
    ImportReport,
    _parents_first,
    scheme_for,
)
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.plan import Plan
from doorstep.interchange.register import vulnerability_register
from doorstep.properties.choices import ALLOWED_PARENTS, DWELLING_KINDS, PropertyKind
from doorstep.properties.models import Property, PropertyAlias
from doorstep.residents.models import Household, HouseholdMember, Person, Tenancy
from doorstep.residents.services import (
    household_created_draft,
    member_added_draft,
    tenancy_started_draft,
)
from doorstep.timeline.actors import writing_as
from doorstep.timeline.hashing import GENESIS
from doorstep.timeline.models import Channel, Event, Stream
from doorstep.timeline.services import EventDraft, chain_row
from doorstep.timeline.when import When

# Chronologies a run holds at most: big enough that each table is one statement for many
# households, small enough that a run undone costs little.
RUN = 200


@dataclass
class Chronology:
    """One parsed, checked and planned chronology waiting to be written."""

    source: str
    doc: Mapping[str, Any]
    plan: Plan


# The tables a run writes, in the order it writes them (each after those it refers to).
TABLES: tuple[type[models.Model], ...] = (
    Property,
    PropertyAlias,
    Person,
    Household,
    Stream,
    HouseholdMember,
    Tenancy,
    Tenancy.tenants.through,
    Case,
    Case.people.through,
    Event,
    ExternalRef,
)


# A row to write: a model instance, or (for the many events and their mappings) its fields
# by attribute name.
Row = models.Model | dict[str, Any]


@dataclass
class Rows:
    """What a run writes, table by table."""

    by_model: dict[type[models.Model], list[Row]] = field(
        default_factory=lambda: {model: [] for model in TABLES}
    )


def runs(
    waiting: Sequence[Chronology], *, scheme: str | None
) -> Iterator[tuple[bool, list[Chronology]]]:
    """The waiting chronologies in order, cut into runs: (True, a run the loader can write)
    or (False, one chronology for the importer). What is on record is read once; what the
    chronologies before one take (a run's, or the importer's) is kept as they go."""
    known = _Known(waiting, scheme=scheme)
    claimed: dict[tuple[str, str, str], str] = {}
    run: list[Chronology] = []
    for item in waiting:
        if known.fresh(item, claimed):
            run.append(item)
            continue
        if run:
            yield True, run
            run = []
        yield False, [item]
        # What the importer recorded of it (and the landlord's policy, with a landlord's first
        # file) is read again: a building it made is found by the flats after it.
        known.read_again(item, waiting)
    if run:
        yield True, run


class _Known:
    """The mappings already on record of every reference some waiting chronologies name (a
    query per kind), and the aliases their properties would take."""

    def __init__(self, waiting: Sequence[Chronology], *, scheme: str | None) -> None:
        self.scheme = scheme
        wanted: dict[tuple[str, str], set[str]] = {}
        aliases: dict[str, set[str]] = {}
        for item in waiting:
            mine = self._scheme(item.doc)
            for kind, entries in _entries(item.doc).items():
                wanted.setdefault((mine, kind), set()).update(ref for ref, _ in entries)
            aliases.setdefault(mine, set()).update(p["ref"] for p in item.doc["properties"])
        self.rows: dict[tuple[str, str, str], ExternalRef] = {}
        self._read(wanted)
        self.read_policy(waiting)
        self.aliases: set[tuple[str, str]] = set()
        for scheme_name, values in aliases.items():
            for chunk in _chunks(sorted(values)):
                self.aliases.update(
                    PropertyAlias.objects.filter(scheme=scheme_name, value__in=chunk).values_list(
                        "scheme", "value"
                    )
                )

    def read_policy(self, waiting: Sequence[Chronology]) -> None:
        """(Again) the landlords' policy keys on record."""
        wanted: dict[tuple[str, str], set[str]] = {}
        for item in waiting:
            landlord = item.doc["landlord"]
            keys = wanted.setdefault((scheme_for(landlord["name"]), RefKind.POLICY), set())
            keys.update((landlord.get("policy") or {}).keys())
        self._read(wanted)

    def _read(self, wanted: Mapping[tuple[str, str], set[str]]) -> None:
        for (scheme_name, kind), refs in wanted.items():
            for chunk in _chunks(sorted(refs)):
                for row in ExternalRef.objects.filter(
                    scheme=scheme_name, kind=kind, ref__in=chunk
                ).select_related("property"):
                    self.rows[(row.scheme, row.kind, row.ref)] = row

    def _scheme(self, doc: Mapping[str, Any]) -> str:
        return self.scheme or scheme_for(doc["landlord"]["name"])

    def fresh(self, item: Chronology, claimed: dict[tuple[str, str, str], str]) -> bool:
        """Whether the loader may write this chronology after the run's earlier ones, whose
        references `claimed` holds (scheme, kind, ref: digest); it grows by this one's."""
        doc, plan = item.doc, item.plan
        mine = self._scheme(doc)
        policy = scheme_for(doc["landlord"]["name"])
        for key, raw in (doc["landlord"].get("policy") or {}).items():
            row = self.rows.get((policy, RefKind.POLICY, key))
            if row is None or row.digest != records.digest(raw):
                return False
        if not _one_household(doc, plan):
            return False
        home = doc["tenancies"][0]["property"]
        kinds = {p["ref"]: p["kind"] for p in doc["properties"]}
        mine_new: dict[tuple[str, str, str], str] = {}
        for kind, entries in _entries(doc).items():
            for ref, entry in entries:
                key, digest = (mine, kind, ref), records.digest(entry)
                row = self.rows.get(key)
                held = row.digest if row is not None else claimed.get(key)
                if held is None:
                    if kind == RefKind.PROPERTY and not self._new_place(mine, entry, kinds):
                        return False
                    mine_new[key] = digest
                elif kind != RefKind.PROPERTY or held != digest or ref == home:
                    # Only a building already on record (or made earlier in the run), the
                    # same as then, is found rather than made.
                    return False
                elif row is not None and row.property is None:
                    return False
        claimed.update(mine_new)
        return True

    def read_again(self, item: Chronology, waiting: Sequence[Chronology]) -> None:
        """After the importer took `item`: its references and the landlords' policy, read
        again (a query per kind)."""
        mine = self._scheme(item.doc)
        self._read(
            {
                (mine, kind): {ref for ref, _ in entries}
                for kind, entries in _entries(item.doc).items()
            }
        )
        self.read_policy(waiting)

    def _new_place(self, scheme: str, entry: Mapping[str, Any], kinds: Mapping[str, str]) -> bool:
        """Whether a property new to Doorstep can be made by the loader (`property_create`'s
        rules hold, and no alias or UPRN ties it to one on record: the importer's case)."""
        if (scheme, entry["ref"]) in self.aliases or entry.get("uprn") is not None:
            return False
        parent = entry.get("part_of")
        parent_kind = kinds.get(parent) if parent else None
        return parent_kind in ALLOWED_PARENTS[PropertyKind(entry["kind"])]


def _one_household(doc: Mapping[str, Any], plan: Plan) -> bool:
    """One tenancy of a home, every case its household's, no links, dates in order."""
    tenancies = doc["tenancies"]
    if len(tenancies) != 1 or any(place.tenancy is None for place in plan.cases.values()):
        return False
    tenancy = tenancies[0]
    kinds = {p["ref"]: p["kind"] for p in doc["properties"]}
    if kinds.get(tenancy["property"]) not in DWELLING_KINDS:
        return False
    start, end = records.first_day(tenancy.get("start")), records.first_day(tenancy.get("end"))
    if start and end and end < start:
        return False
    return not any(case.get("links") for case in doc["cases"])


def _entries(doc: Mapping[str, Any]) -> dict[str, list[tuple[str, Any]]]:
    """The entries whose references `_Known` looks up. Not the events (a hundred a household):
    an event's id already imported is caught by the mappings' unique constraint, which undoes
    the run, and the importer then finds it (`test_load`)."""
    return {
        RefKind.PROPERTY: [(p["ref"], p) for p in doc["properties"]],
        RefKind.PERSON: [(p["ref"], p) for p in doc["people"]],
        RefKind.TENANCY: [(t["ref"], t) for t in doc["tenancies"]],
        RefKind.CASE: [(c["ref"], c) for c in doc["cases"]],
    }


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --- writing a run ------------------------------------------------------------------------


class Loader:
    """One run: its chronologies' rows built in memory, then written a table at a time."""

    def __init__(self, run: Sequence[Chronology], *, at: dt.datetime, scheme: str | None) -> None:
        self.run = run
        self.at = at
        self.scheme = scheme
        self.rows = Rows()
        self.reports: list[ImportReport] = []
        # Each chronology, its people, and its events that add something beside the history
        # (the entry, and the event's id once written).
        self.after: list[
            tuple[Chronology, dict[str, Person], list[tuple[Mapping[str, Any], int]]]
        ] = []
        # The properties the run makes, by scheme and reference, as it builds them.
        self.made: set[tuple[str, str]] = set()

    def load(self) -> list[ImportReport]:
        """Write the run; then what the events add beside the history. The caller projects."""
        self.known_places = self._known_places()
        counts = self._counts()
        self.ids = {model: iter(_reserve(model, n)) for model, n in counts.items()}
        wanted = self._people_and_cases()
        wanted["PRP"] = counts[Property]
        self.references = {
            prefix: iter(next_references(prefix, self.at.year, n))
            for prefix, n in wanted.items()
            if n
        }
        for item in self.run:
            self._chronology(item)
        for model, objs in self.rows.by_model.items():
            _write(model, objs)
        self._afterwards()
        return self.reports

    def _people_and_cases(self) -> Counter[str]:
        """The references the run's households, tenancies, people and cases take."""
        wanted: Counter[str] = Counter(HH=len(self.run), TEN=len(self.run))
        for item in self.run:
            wanted["PER"] += len(item.doc["people"])
            for case in item.doc["cases"]:
                wanted[PREFIX[CaseType(case["type"])]] += 1
        return wanted

    def references_at_most(self) -> dict[tuple[str, int], int]:
        """The most references of each prefix (and the year) writing the run can take, read
        from the files alone: every property new (a building already on record takes none),
        and an inspection for each `inspection.done` of a case. For
        `core.references.references_reserve`, before the run's transaction begins."""
        wanted = self._people_and_cases()
        for item in self.run:
            wanted["PRP"] += len(item.doc["properties"])
            wanted[INSPECTION_PREFIX] += sum(
                1 for e in item.doc["events"] if e["kind"] == "inspection.done" and e.get("case")
            )
        return {(prefix, self.at.year): n for prefix, n in wanted.items() if n}

    def _scheme(self, doc: Mapping[str, Any]) -> str:
        return self.scheme or scheme_for(doc["landlord"]["name"])

    def _known_places(self) -> dict[tuple[str, str], Property]:
        """The run's properties already imported (the buildings flats are in), by scheme and
        reference: a query per scheme."""
        wanted: dict[str, set[str]] = {}
        for item in self.run:
            refs = wanted.setdefault(self._scheme(item.doc), set())
            refs.update(p["ref"] for p in item.doc["properties"])
        found: dict[tuple[str, str], Property] = {}
        for scheme, refs in wanted.items():
            rows = ExternalRef.objects.filter(
                scheme=scheme, kind=RefKind.PROPERTY, ref__in=sorted(refs)
            ).select_related("property")
            found.update({(scheme, r.ref): r.property for r in rows if r.property is not None})
        return found

    def _new_places(self, doc: Mapping[str, Any], made: set[tuple[str, str]]) -> list[str]:
        """The file's properties this run makes (neither imported before nor made by an
        earlier chronology of the run), parents first; `made` grows by them."""
        scheme = self._scheme(doc)
        new = [
            ref
            for ref in _parents_first(doc["properties"])
            if (scheme, ref) not in self.known_places and (scheme, ref) not in made
        ]
        made.update((scheme, ref) for ref in new)
        return new

    def _counts(self) -> Counter[type[models.Model]]:
        """How many rows of each table the run writes (its ids are taken up front)."""
        counts: Counter[type[models.Model]] = Counter()
        made: set[tuple[str, str]] = set()
        for item in self.run:
            doc = item.doc
            places = len(self._new_places(doc, made))
            members = sum(len(m) for m in item.plan.members.values())
            tenants = len(dict.fromkeys(doc["tenancies"][0].get("tenants", ())))
            on_cases = sum(len(dict.fromkeys(c.get("people", ()))) for c in doc["cases"])
            cases, events = len(doc["cases"]), len(doc["events"])
            counts.update(
                {
                    Property: places,
                    PropertyAlias: places,
                    Person: len(doc["people"]),
                    Household: 1,
                    Stream: 1,
                    HouseholdMember: members,
                    Tenancy: 1,
                    Tenancy.tenants.through: tenants,
                    Case: cases,
                    Case.people.through: on_cases,
                    # household.created, each member added, tenancy.started, each case opened
                    Event: 2 + members + cases + events,
                    ExternalRef: places + len(doc["people"]) + 1 + cases + events,
                }
            )
        return counts

    def _id(self, model: type[models.Model]) -> int:
        return next(self.ids[model])

    def _reference(self, prefix: str) -> str:
        return next(self.references[prefix])

    def _new(self, obj: models.Model) -> Any:
        obj.pk = self._id(type(obj))
        self.rows.by_model[type(obj)].append(obj)
        return obj

    def _new_row(self, model: type[models.Model], row: dict[str, Any]) -> dict[str, Any]:
        row["id"] = self._id(model)
        self.rows.by_model[model].append(row)
        return row

    def _map(
        self,
        report: ImportReport,
        kind: str,
        ref: str,
        entry: Any,
        **objects: Any,
    ) -> None:
        row = {
            **_blank(ExternalRef),
            "scheme": report.scheme,
            "kind": kind,
            "ref": ref,
            "record": records.kept(kind, entry),
            "digest": records.digest(entry),
            "batch": report.batch,
            "source_name": report.source_name,
            "imported_at": self.at,
        }
        row.update({f"{name}_id": _id_of(obj) for name, obj in objects.items()})
        self._new_row(ExternalRef, row)
        report.new[kind] += 1

    def _chronology(self, item: Chronology) -> None:
        doc, plan, at = item.doc, item.plan, self.at
        source = item.source[:190]
        scheme = self.scheme or scheme_for(doc["landlord"]["name"])
        report = ImportReport(source, scheme, uuid.uuid4())
        self.reports.append(report)
        actor_name = ACTOR_NAME.format(name=source)
        report.existing[RefKind.POLICY] += len(doc["landlord"].get("policy") or {})

        # Properties, each after the building it is part of; a building already on record
        # (or made by an earlier chronology of the run) is found, as the importer finds it.
        entries = {p["ref"]: p for p in doc["properties"]}
        new = set(self._new_places(doc, self.made))
        places: dict[str, Property] = {}
        for ref in _parents_first(doc["properties"]):
            entry = entries[ref]
            if ref not in new:
                places[ref] = self.known_places[(scheme, ref)]
                report.existing[RefKind.PROPERTY] += 1
                continue
            prop = self._new(
                Property(
                    reference=self._reference("PRP"),
                    kind=entry["kind"],
                    uprn=None,
                    address_line_1=entry.get("address") or records.not_given("address", ref),
                    bedrooms=entry.get("bedrooms"),
                    part_of=places.get(entry.get("part_of") or ""),
                    created_at=at,
                )
            )
            self._new(PropertyAlias(property=prop, scheme=scheme, value=ref))
            self.known_places[(scheme, ref)] = prop
            places[ref] = prop
            self._map(
                report,
                RefKind.PROPERTY,
                ref,
                entry,
                property=prop,
            )

        people: dict[str, Person] = {}
        for entry in doc["people"]:
            person = self._new(
                Person(
                    reference=self._reference("PER"),
                    full_name=(
                        entry.get("name") or records.not_given("name", entry["ref"])
                    ).strip(),
                    created_at=at,
                    organisation=entry.get("organisation") or "",
                )
            )
            people[entry["ref"]] = person
            self._map(
                report,
                RefKind.PERSON,
                entry["ref"],
                entry,
                person=person,
            )

        tenancy_entry = doc["tenancies"][0]
        home = places[tenancy_entry["property"]]
        household = self._new(
            Household(reference=self._reference("HH"), property=home, created_at=at)
        )
        stream = self._new(Stream(key=f"household:{household.pk}", household=household))
        stream.length, stream.head_hash = 0, GENESIS
        drafts: list[EventDraft] = []
        with writing_as(actor_name):
            drafts.append(household_created_draft(household, actor=None, at=at))
            for person_ref, relationship in plan.members[tenancy_entry["ref"]]:
                member = self._new(
                    HouseholdMember(
                        household=household, person=people[person_ref], relationship=relationship
                    )
                )
                drafts.append(member_added_draft(member, actor=None, at=at))
            rent = tenancy_entry.get("rent_weekly")
            tenancy = self._new(
                Tenancy(
                    reference=self._reference("TEN"),
                    household=household,
                    property=home,
                    tenure=tenancy_entry.get("tenure") or "",
                    start=records.first_day(tenancy_entry.get("start")),
                    end=records.first_day(tenancy_entry.get("end")),
                    rent_weekly=rent_of(rent) if rent is not None else None,
                )
            )
            tenants = [people[t] for t in dict.fromkeys(tenancy_entry.get("tenants", ()))]
            for tenant in tenants:
                self._new(Tenancy.tenants.through(tenancy=tenancy, person=tenant))
            drafts.append(tenancy_started_draft(tenancy, tenants, actor=None, at=at))
        report.households.append(household.reference)
        self._map(
            report,
            RefKind.TENANCY,
            tenancy_entry["ref"],
            tenancy_entry,
            tenancy=tenancy,
            household=household,
        )

        cases: dict[str, Case] = {}
        with writing_as(actor_name):
            for entry in doc["cases"]:
                ref = entry["ref"]
                kind = CaseType(entry["type"])
                draft = CaseDraft(
                    case_type=entry["type"],
                    title=entry.get("title") or records.not_given("title", ref, entry["type"]),
                    at=at,
                    household=household,
                    property=places[plan.cases[ref].property],
                    channel=Channel.IMPORT,
                )
                case = self._new(
                    Case(
                        reference=self._reference(PREFIX[kind]),
                        case_type=kind,
                        title=draft.title.strip(),
                        household=household,
                        property=draft.property,
                        opened_at=at,
                    )
                )
                for person_ref in dict.fromkeys(entry.get("people", ())):
                    self._new(Case.people.through(case=case, person=people[person_ref]))
                drafts.append(case_opened_draft(case, draft, actor=None))
                cases[ref] = case
        for entry in doc["cases"]:
            self._map(
                report,
                RefKind.CASE,
                entry["ref"],
                entry,
                case=cases[entry["ref"]],
            )

        file_drafts = [
            EventDraft(
                kind=entry["kind"],
                occurred=When.parse(entry["at"]),
                recorded_at=at,
                actor=None,
                actor_name=actor_name,
                channel=entry.get("channel") or Channel.IMPORT,
                data=entry.get("data") or {},
                summary=entry["summary"],
                household=household,
                property=cases[entry["case"]].property if entry.get("case") else home,
                case=cases[entry["case"]] if entry.get("case") else None,
                by=entry["by"],
                source_id=entry["id"],
                batch=report.batch,
            )
            for entry in doc["events"]
        ]
        events = [
            self._new_row(Event, chain_row(draft, stream)) for draft in [*drafts, *file_drafts]
        ]
        report.streams.add(stream.pk)
        written = events[len(drafts) :]
        for entry, event in zip(doc["events"], written, strict=True):
            self._map(report, RefKind.EVENT, entry["id"], entry, event=event)
        later = [
            (entry, event["id"])
            for entry, event in zip(doc["events"], written, strict=True)
            if _adds_beside(entry)
        ]
        self.after.append((item, people, later))

    def _afterwards(self) -> None:
        """What some events add beside the history, then the projections: by the importer's
        functions, once the run's rows are written."""
        wanted = [pk for _, _, later in self.after for _, pk in later]
        saved = Event.objects.select_related("case", "household", "property").in_bulk(wanted)
        for item, people, later in self.after:
            with writing_as(ACTOR_NAME.format(name=item.source[:190])):
                for entry, pk in later:
                    found = saved[pk]
                    if entry["kind"] == "inspection.done":
                        inspection_from_record(event=found)
                    if entry["kind"] in HAZARD_KINDS:
                        hazard_from_record(event=found)
                    if entry["kind"] == "vulnerability.recorded":
                        vulnerability_register(
                            event=found,
                            entry=entry,
                            person=people[entry["data"]["person"]],
                            doc=item.doc,
                        )


def _adds_beside(entry: Mapping[str, Any]) -> bool:
    """Whether the importer makes something beside the history of this event (every event
    the loader writes is its household's: a case's where the file names one)."""
    kind = entry["kind"]
    with_case = bool(entry.get("case"))
    return (
        (kind == "inspection.done" and with_case)
        or (kind in HAZARD_KINDS and with_case)
        or kind == "vulnerability.recorded"
    )


def _blank(model: type[models.Model]) -> dict[str, Any]:
    """A row of the model with every field at its default."""
    return {f.attname: f.get_default() for f in model._meta.concrete_fields}


def _id_of(obj: Any) -> Any:
    return obj["id"] if isinstance(obj, dict) else obj.pk


def refresh_statistics() -> None:
    """Have PostgreSQL count the tables a bulk import grows (`ANALYZE`), so that its plans for
    the next runs' look-ups use the indexes: tables that grew from nothing in one import are
    otherwise planned as the empty tables they were (a scan of every row per look-up)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _reserve(model: type[models.Model], count: int) -> list[int]:
    """`count` new ids for the model's table, from its sequence (PostgreSQL) or past its
    highest (SQLite, one writer at a time)."""
    if count == 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # Identifiers from the model's own metadata, quoted: no input reaches this text.
        quoted_pk, quoted_table = connection.ops.quote_name(pk), connection.ops.quote_name(table)
        cursor.execute(f"SELECT COALESCE(MAX({quoted_pk}), 0) FROM {quoted_table}")  # noqa: S608
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + count))


def _write(model: type[models.Model], objs: Sequence[Row]) -> None:
    """Write rows in one statement: `COPY` on PostgreSQL, `executemany` elsewhere."""
    if not objs:
        return
    fields = list(model._meta.concrete_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg's own cursor, its errors made Django's (an IntegrityError undoes a run).
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                for row in _copy_rows(fields, objs):
                    copy.write_row(row)
            return
        rows = [
            tuple(f.get_db_prep_save(_value(obj, f.attname), connection) for f in fields)
            for obj in objs
        ]
        marks = ", ".join(["%s"] * len(fields))
        # Identifiers from the model's own metadata, quoted; the values are parameters.
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def _value(obj: Row, attname: str) -> Any:
    return obj[attname] if isinstance(obj, dict) else getattr(obj, attname)


def _copy_rows(fields: Sequence[models.Field], objs: Sequence[Row]) -> Iterator[tuple]:
    """Each row as `COPY` takes it: the attributes as they are (psycopg adapts dates, times,
    UUIDs and decimals itself), JSON as its text."""
    names = [f.attname for f in fields]
    as_json = {i for i, f in enumerate(fields) if isinstance(f, models.JSONField)}
    for obj in objs:
        if isinstance(obj, dict):
            values = [obj[name] for name in names]
        else:
            values = [getattr(obj, name) for name in names]
        for i in as_json:
            values[i] = None if values[i] is None else json.dumps(values[i])
        yield tuple(values)

"""A home's stamp: a digest of everything its export reads, cheap to work out (ADR 19).

A replay is a pure function of a home's chronology, the policy and the day (ADR 1), so a
replay kept from earlier may be used again while the chronology is the same. Exporting the
chronology to find out would cost what the replay saves; the stamp says it for a few narrow
queries a chunk of homes instead. Every entry on the history moves its stream's head (`length`,
`head_hash`) in the entry's own transaction, and Doorstep records every change to a household,
a case or the people on it as an entry (a case opened, linked, closed; a member added; a
tenancy started or ended; an authority given or withdrawn), so the heads of the streams an
export could read say whether it has changed:

- the home's own stream (a household's, or a communal property's);
- the streams of the buildings the household's home is in and of their communal areas, where
  a communal case that would come into the export is opened or named;
- the streams its last export read: those of the households it took in (the others an import
  brought with it, and the households of every case it said), of every event it said, and of
  every place it said (a communal case's entries go on its building's stream, even a case
  with no entry of the format's kinds yet);
- the number of references made to each place it said: the one record an import adds with no
  entry, where it finds a place already on record by its UPRN or alias and names it anew.

To those the stamp adds the policy (every override and announced day: `salt`, from the
caller) and the engine: a digest of Doorstep's own source, so a new release never reads a
replay the old one made. `doorstep.deadlines.tests.test_stamps_hold` holds the promise this
rests on: every public service, run while the demo loads, the seed scenarios import and more,
leaves a changed stamp on every home whose export it changed. A change made beside the
services (SQL typed into the database by hand) is not seen: empty `deadlines_keptreplay` after
one (docs/operations.md).

A stamp and the export it vouches for must be read in one snapshot of the database (`snapshot`):
a stamp read after the export could vouch for entries the export never saw.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import Count, Q

import doorstep
from doorstep.interchange.models import ExternalRef
from doorstep.interchange.scope import Home
from doorstep.properties.models import Property
from doorstep.residents.models import Household
from doorstep.timeline.models import Stream

# What the engine's digest covers: the code and the schemas beside it, and the calendar's
# bank holidays (a package of their own).
ENGINE_SUFFIXES = (".py", ".json")
ENGINE_PACKAGES = ("holidays",)


@functools.cache
def engine_version() -> str:
    """A digest of Doorstep's source (its tests left out; its migrations in, as a migration
    may rewrite what an export reads) and of the packages whose data the replay reads: read
    once a process, when Django starts (`InterchangeConfig.ready`), so that it names the code
    the process loaded, not files replaced under it by a later release."""
    digest = hashlib.sha256()
    root = Path(doorstep.__file__).parent
    for path in sorted(root.rglob("*")):
        parts = set(path.relative_to(root).parts)
        if path.suffix not in ENGINE_SUFFIXES or parts & {"tests", "__pycache__"}:
            continue
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for package in ENGINE_PACKAGES:
        digest.update(f"{package}=={version(package)}".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Read:
    """What a home's export read beyond its own stream and its buildings' (stored beside a kept
    replay): the households it took in (an import's others, and the households of every case
    it said), the streams of the events it said, and the properties it said (a communal case's
    building, where the case's entries go; every place named, whose references an import that
    finds it on record by its UPRN adds to)."""

    households: frozenset[int] = frozenset()
    streams: frozenset[int] = frozenset()
    properties: frozenset[int] = frozenset()

    def as_json(self) -> dict[str, list[int]]:
        return {
            "households": sorted(self.households),
            "streams": sorted(self.streams),
            "properties": sorted(self.properties),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Iterable[int]]) -> Read:
        return cls(
            frozenset(data.get("households", ())),
            frozenset(data.get("streams", ())),
            frozenset(data.get("properties", ())),
        )


@contextmanager
def snapshot() -> Iterator[bool]:
    """One snapshot of the database the history is read from (the primary, or inside
    `core.replica.replica_reads` the replica) for everything read inside, and whether it is one:
    a transaction, on PostgreSQL at REPEATABLE READ. Inside a transaction already begun, as in a
    service or a test, PostgreSQL's is one only if it was begun at that level or above (each
    statement at READ COMMITTED sees what committed before it); SQLite's always is (a reader's
    snapshot holds until it ends). Keep nothing read where it is not."""
    alias = router.db_for_read(Stream) or DEFAULT_DB_ALIAS
    connection = connections[alias]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=alias):
        consistent = connection.vendor != "postgresql"
        if not consistent:
            with connection.cursor() as cursor:
                if outermost:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    consistent = True
                else:
                    cursor.execute("SHOW transaction_isolation")
                    row = cursor.fetchone()
                    consistent = row is not None and row[0] in {"repeatable read", "serializable"}
        yield consistent


def _buildings(households: Iterable[int]) -> dict[int, set[int]]:
    """Each household's home, the buildings it is in and their communal areas (the properties
    whose communal cases its export may take in): a query a level of the tree, and one more."""
    households = list(households)
    if not households:
        return {}
    homes = dict(Household.objects.filter(pk__in=households).values_list("pk", "property"))
    parent: dict[int, int | None] = {}
    wanted = set(homes.values())
    while wanted:
        rows = Property.objects.filter(pk__in=wanted).values_list("pk", "part_of")
        parent.update(rows)
        wanted = {p for p in parent.values() if p is not None and p not in parent}
    ancestors: dict[int, list[int]] = {}
    for household, prop in homes.items():
        chain, current = [], parent.get(prop)
        while current is not None:
            chain.append(current)
            current = parent.get(current)
        ancestors[household] = [prop, *chain]
    buildings = {pk for chain in ancestors.values() for pk in chain[1:]}
    areas: dict[int, list[int]] = {}
    for pk, part_of in Property.objects.filter(
        part_of__in=buildings, kind="communal_area"
    ).values_list("pk", "part_of"):
        if part_of is not None:
            areas.setdefault(part_of, []).append(pk)
    return {
        household: {*chain, *(a for b in chain[1:] for a in areas.get(b, ()))}
        for household, chain in ancestors.items()
    }


def home_stamps(
    homes: Iterable[Home], *, salt: str, read: Mapping[Home, Read] | None = None
) -> dict[Home, str]:
    """Each home's stamp now, from a bounded number of queries whatever the number of homes:
    the heads of its own stream, of its buildings' and their communal areas', and of the
    streams `read[home]` names (what its export read when the replay was kept), with `salt`
    (the policy) and the engine's version. Read it in the same `snapshot` as any export it is
    to vouch for."""
    homes = list(dict.fromkeys(homes))
    if not homes:
        return {}
    read = read or {}
    households = [pk for kind, pk in homes if kind == "household"]
    places = _buildings(households)
    taken_in = {pk for r in read.values() for pk in r.households}
    places_said = {pk for r in read.values() for pk in r.properties}
    properties = {pk for kind, pk in homes if kind != "household"} | places_said
    properties |= {pk for chain in places.values() for pk in chain}
    streams = {pk for r in read.values() for pk in r.streams}
    # The references made to each place said (an import that finds a place on record by its
    # UPRN or alias names it anew, and writes no entry): append-only, so a count says it.
    named_by: dict[int, int] = (
        dict(
            ExternalRef.objects.filter(property__in=places_said)
            .values_list("property")
            .annotate(count=Count("pk"))
            .values_list("property", "count")
        )
        if places_said
        else {}
    )
    rows = Stream.objects.filter(
        Q(household__in={*households, *taken_in}) | Q(property__in=properties) | Q(pk__in=streams)
    ).values_list("pk", "household", "property", "length", "head_hash")
    by_pk: dict[int, tuple[int, str]] = {}
    of_household: dict[int, int] = {}
    of_property: dict[int, int] = {}
    for pk, household, prop, length, head in rows:
        by_pk[pk] = (length, head)
        if household is not None:
            of_household[household] = pk
        if prop is not None:
            of_property[prop] = pk
    engine = engine_version()
    out: dict[Home, str] = {}
    for home in homes:
        kind, pk = home
        mine = read.get(home, Read())
        if kind == "household":
            named = {f"h{h}": of_household.get(h) for h in {pk, *mine.households}}
            named |= {f"p{p}": of_property.get(p) for p in places.get(pk, ())}
        else:
            named = {f"p{pk}": of_property.get(pk)}
        named |= {f"p{p}": of_property.get(p) for p in mine.properties}
        said = sorted({*(s for s in named.values() if s is not None), *mine.streams} & set(by_pk))
        digest = hashlib.sha256(f"{engine}|{salt}|{kind}{pk}".encode())
        # Which of the places have a stream at all (one made later moves the stamp too).
        digest.update(",".join(sorted(k for k, s in named.items() if s is not None)).encode())
        for place in sorted(mine.properties):
            digest.update(f"|r{place}:{named_by.get(place, 0)}".encode())
        for stream in said:
            length, head = by_pk[stream]
            digest.update(f"|{stream}:{length}:{head}".encode())
        # A stream the last export read that is gone (never, on an append-only history) moves it.
        digest.update(
            f"|{len(said)}/{len(mine.streams | {s for s in named.values() if s})}".encode()
        )
        out[home] = digest.hexdigest()
    return out

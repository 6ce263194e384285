"""Replays kept for a day (ADR 19): read back while the home's stamp holds, kept on a miss.

A cache, not the record (`deadlines.models.KeptReplay`): `clocks_of` asks `kept_for` for the
homes of a chunk, uses a row only where the home's stamp now (`interchange.stamps.home_stamps`,
read in one snapshot with any export) equals the row's, and `keep`s the replays it had to make,
with the stamp read in the same snapshot as their export. `DOORSTEP_KEEP_REPLAYS = False` turns
it off (every replay made afresh, as before). The nightly sweep forgets the days before
yesterday (`forget_before`).

Beside each replay, its clocks are kept one row each (`KeptClock`), for the reports: from the
day a home's facts settle (`clocks.replay.settled_from`) its clocks' starts, due dates, stops
and breaches do not change with the day, so a year's figures read them in SQL (`settled_for`,
`clocks_kept`) wherever the home's stamp holds, from a replay of that day or of an earlier day
on or after the one its facts settled on (ADR 19, slice 3).
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import F, Q
from django.utils import timezone

from doorstep.deadlines.models import KeptClock, KeptReplay
from doorstep.interchange.scope import Home
from doorstep.interchange.stamps import Read
from doorstep.timeline.when import LONDON

# What a replay kept again for the same home and day replaces.
REPLACED = ["stamp", "read", "cases", "disclosed", "settled_from", "replay", "made_at"]


# A kept clock's columns, in the order `_add_clocks` is given them: the home and day, then a
# `ClockVerdict`'s fields in its order.
CLOCK_COLUMNS = (
    "home_kind",
    "home_id",
    "as_of",
    "case_id",
    "clock",
    "subject",
    "started",
    "due",
    "stopped",
    "breached",
    "due_at",
)


@dataclass(frozen=True)
class Kept:
    """A home's replay as of a day, with the stamp it was made under."""

    stamp: str
    read: Read
    cases: Mapping[str, int]
    disclosed: dt.date | None
    replay: Mapping[str, Any]
    # The first day from which its clocks are as on any later day (`settled_from`).
    settled_from: dt.date | None = None


@dataclass(frozen=True)
class Settled:
    """A kept replay whose clocks answer for a later day: its day, and the stamp and reads to
    test it by (`settled_for`)."""

    as_of: dt.date
    stamp: str
    read: Read


@dataclass(frozen=True)
class ClockVerdict:
    """A clock as the reports read it: the Doorstep case (its pk), the clock and its subject,
    when it started, was due and stopped (None: running), and whether it was breached; an
    hour clock's due moment too."""

    case: int
    clock: str
    subject: str
    started: dt.date | None
    due: dt.date | None
    stopped: dt.date | None
    breached: bool
    due_at: dt.datetime | None = None

    @property
    def due_moment(self) -> dt.datetime:
        return due_moment(self.due, self.due_at)


def due_moment(due: dt.date | None, due_at: dt.datetime | None) -> dt.datetime:
    """When a clock falls due: the hour for an hour clock, else the end of the due day."""
    if due_at is not None:
        return due_at
    return dt.datetime.combine(due or dt.date.max, dt.time.max, tzinfo=LONDON)


def keeping() -> bool:
    return bool(getattr(settings, "DOORSTEP_KEEP_REPLAYS", True))


def _of(homes: Iterable[Home]) -> Q:
    """These homes, as a condition on a kept row (a list of ids for each kind of home)."""
    homes = list(homes)
    wanted = Q(pk__in=[])
    for kind in {kind for kind, _ in homes}:
        wanted |= Q(home_kind=kind, home_id__in=[pk for k, pk in homes if k == kind])
    return wanted


def kept_for(homes: Iterable[Home], *, as_of: dt.date) -> dict[Home, Kept]:
    """The replays kept of these homes as of `as_of` (one query), stamps not yet checked."""
    homes = list(homes)
    if not homes or not keeping():
        return {}
    rows = KeptReplay.objects.filter(_of(homes), as_of=as_of).values_list(
        "home_kind", "home_id", "stamp", "read", "cases", "disclosed", "replay", "settled_from"
    )
    return {
        (kind, pk): Kept(
            stamp, Read.from_json(read), cases, disclosed, _unpacked(replay), settled_from
        )
        for kind, pk, stamp, read, cases, disclosed, replay, settled_from in rows
    }


def settled_for(homes: Iterable[Home], *, as_of: dt.date) -> dict[Home, Settled]:
    """Of each of these homes, the latest replay kept whose clocks are those a replay as of
    `as_of` would show (one query, the replays themselves not read; stamps not yet checked):
    one kept as of `as_of`, or as of an earlier day on or after the day its facts settled on
    (`clocks.replay.settled_from`)."""
    homes = list(homes)
    if not homes or not keeping():
        return {}
    rows = (
        KeptReplay.objects.filter(_of(homes), as_of__lte=as_of)
        .filter(Q(as_of=as_of) | Q(settled_from__lte=F("as_of")) | Q(settled_from__isnull=True))
        .order_by("as_of")
        .values_list("home_kind", "home_id", "as_of", "stamp", "read")
    )
    # In order of day: the latest of each home stays.
    return {
        (kind, pk): Settled(day, stamp, Read.from_json(read)) for kind, pk, day, stamp, read in rows
    }


def clocks_kept(
    kept: Mapping[Home, dt.date],
    *,
    cases: Mapping[Home, Collection[int]],
    running: bool = False,
) -> list[ClockVerdict]:
    """The clocks kept of these cases (`running`: only those not stopped), each home's from its
    replay as of the day given (one query a day among them). The homes' rows are read and the
    cases chosen here: a list of every case wanted, in the query, cost more than the rows."""
    found: list[ClockVerdict] = []
    by_day: dict[dt.date, list[Home]] = {}
    for home, day in kept.items():
        by_day.setdefault(day, []).append(home)
    for day, homes in sorted(by_day.items()):
        rows = KeptClock.objects.filter(_of(homes), as_of=day).order_by("pk")
        if running:
            rows = rows.filter(stopped__isnull=True)
        for kind, pk, *verdict in rows.values_list("home_kind", "home_id", *CLOCK_COLUMNS[3:]):
            # A communal case's clocks are kept with its property's replay and with each of
            # its building's households': each is read from its own home's.
            if verdict[0] in cases.get((kind, pk), ()):
                found.append(ClockVerdict(*verdict))
    return found


def _packed(replay: Mapping[str, Any]) -> bytes:
    """A replay as stored: its JSON, compressed (level 1: a fifth of the time of the default
    for nearly the same size). Stored as bytes, not `jsonb`: PostgreSQL would parse and
    compress 68 KB of text a home on every write, and turn it back into text on every read."""
    return zlib.compress(json.dumps(replay, separators=(",", ":")).encode(), 1)


def _unpacked(stored: bytes | memoryview) -> dict[str, Any]:
    return dict(json.loads(zlib.decompress(stored)))


def keep(replays: Mapping[Home, Kept], *, as_of: dt.date) -> None:
    """Keep these replays as of `as_of`, each replacing any kept of its home for that day, with
    their clocks (three statements in one transaction: the replays' upsert takes their rows'
    locks first, so two requests keeping the same home at once both succeed and the last one's
    replay and clocks stay, never a mixture)."""
    if not replays or not keeping():
        return
    made = timezone.now()  # bookkeeping of the copy, not a time the record reads
    with transaction.atomic(using=router.db_for_write(KeptReplay)):
        _keep(replays, as_of=as_of, made=made)


def _keep(replays: Mapping[Home, Kept], *, as_of: dt.date, made: dt.datetime) -> None:
    KeptReplay.objects.bulk_create(
        [
            KeptReplay(
                home_kind=kind,
                home_id=pk,
                as_of=as_of,
                stamp=one.stamp,
                read=one.read.as_json(),
                cases=dict(one.cases),
                disclosed=one.disclosed,
                settled_from=one.settled_from,
                replay=_packed(one.replay),
                made_at=made,
            )
            for (kind, pk), one in sorted(replays.items())
        ],
        update_conflicts=True,
        unique_fields=["home_kind", "home_id", "as_of"],
        update_fields=REPLACED,
    )
    KeptClock.objects.filter(_of(replays), as_of=as_of).delete()
    _add_clocks(
        [
            (
                kind,
                pk,
                as_of,
                one.cases[clock["case"]],
                clock["clock"],
                str(clock["subject"] or ""),
                _day(clock["started"]),
                _day(clock["due"]),
                _day(clock["stopped"]),
                bool(clock["breached"]),
                _moment(clock["due_at"]),
            )
            for (kind, pk), one in sorted(replays.items())
            for clock in one.replay["clocks"]
            if clock["case"] in one.cases
        ]
    )


def _add_clocks(rows: list[tuple[Any, ...]]) -> None:
    """Add kept clocks in one statement: `COPY` on PostgreSQL (some 37 a home; building a model
    instance for each cost more than the replay's own keeping; Django's query capture does not
    see it), `executemany` elsewhere."""
    if not rows:
        return
    connection = connections[router.db_for_write(KeptClock)]
    table = connection.ops.quote_name(KeptClock._meta.db_table)
    # The columns are the fields' names (none has a column of another name).
    columns = ", ".join(connection.ops.quote_name(name) for name in CLOCK_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(CLOCK_COLUMNS))
        # A moment as the database stores one (SQLite: text in UTC, as Django reads it back).
        adapt = connection.ops.adapt_datetimefield_value
        moment = CLOCK_COLUMNS.index("due_at")
        rows = [(*row[:moment], adapt(row[moment]), *row[moment + 1 :]) for row in rows]
        # Identifiers from the model's own metadata, quoted; the values are parameters.
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def forget_before(day: dt.date) -> int:
    """Forget every replay kept as of a day before `day`; how many were forgotten."""
    return _forget(Q(as_of__lt=day))


def forget_day(day: dt.date) -> int:
    """Forget every replay kept as of `day`; how many were forgotten."""
    return _forget(Q(as_of=day))


def _forget(days: Q) -> int:
    # The replays first, then their clocks: the order `keep` takes them in, so a replay kept
    # for a day being forgotten waits for the forgetting, never deadlocks with it.
    with transaction.atomic(using=router.db_for_write(KeptReplay)):
        deleted, _ = KeptReplay.objects.filter(days).delete()
        KeptClock.objects.filter(days).delete()
    return deleted

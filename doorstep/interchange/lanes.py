"""A bulk import shared among processes (`doorstep import --processes N`), on PostgreSQL.

One process importing a landlord keeps one core busy, and the database waits on it between
statements: on two cores the other one is mostly idle (issue 8's import ran at some 1.1 cores).
Here the records are shared out among `N` lanes, each a process forked from this one with its
own database connection, importing its share exactly as a single process would
(`services.chronologies_import`: a run of new households at a time, each household whole or
not at all).

What the lanes must not do is write the same thing at once. The households of one building go
down one lane: a record's lane is chosen by the building at the top of its properties (the
block a flat is in; a house itself), so the flats of a block, which all name it, never race
each other to make it. The first record is imported here before any lane starts, so the
landlord's policy and the reference counters are on record before they begin. Anything else
two lanes may both meet (a person or a case named in two files of different buildings) is held
by the mappings' unique constraint: the second run to write it is undone and goes through the
importer a record at a time, which finds what the first made, as a single process would.

References (`HH-2026-000123`) are reserved by each lane ahead of each run, outside its
transaction (`core.references.references_ahead`): otherwise each counter stays locked for the
whole of a run and the lanes take turns. Two lanes' numbers interleave; a lane's unused
numbers are never issued.

The report is the one a single process gives: the same counts, and every refusal in the order
the records were read. Only the households' order differs (each lane's in turn).
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import queue
import traceback
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection, connections

from doorstep.core.processes import can_share
from doorstep.core.references import references_ahead
from doorstep.interchange.bulk import BulkReport, Record, RecordRefused, parsed

# Records sent to a lane at a time, and how many such batches may wait for it: enough that a
# lane never waits on the reader, few enough that the records waiting stay a small part of
# the whole (a stream of 125,000 households is never held at once).
BATCH = 50
WAITING = 4
# How often (seconds) the reader looks up from a full lane to see whether a lane has failed.
LOOK = 1.0
LANE_FAILED = "Lane {lane} of the import stopped: {error}"
MAX_PROCESSES = 64
PROCESSES = "--processes takes a whole number from 1 to 64, not {text!r}."


class OneLane(Protocol):
    def __call__(
        self,
        *,
        records: Iterable[tuple[str, Record]],
        at: Any,
        scheme: str | None,
        on_progress: Callable[[int, str], None] | None,
        ahead: bool,
    ) -> BulkReport: ...


def processes_argument(text: str) -> int:
    """The `--processes N` of `doorstep import` and `doorstep generate --import`: 1 to 64."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(PROCESSES.format(text=text)) from None
    if not 1 <= value <= MAX_PROCESSES:
        raise argparse.ArgumentTypeError(PROCESSES.format(text=text))
    return value


def can_share_import() -> bool:
    """Whether an import can be shared among processes here: PostgreSQL (SQLite takes one
    writer at a time), outside a transaction (`core.processes.can_share`)."""
    return connection.vendor == "postgresql" and can_share()


def lane_of(raw: Record, lanes: int) -> int:
    """The lane a record goes down: by the landlord and the building at the top of its
    properties (the lowest reference among those that are part of nothing). A record that
    cannot be read, or names no property, goes down the first: it is refused there, or has
    nothing to race for."""
    try:
        doc = raw if isinstance(raw, Mapping) else parsed(raw)
    except RecordRefused:
        return 0
    properties = doc.get("properties")
    landlord = doc.get("landlord")
    name = landlord.get("name") if isinstance(landlord, Mapping) else None
    if not isinstance(properties, list):
        return 0
    tops = sorted(
        str(p.get("ref"))
        for p in properties
        if isinstance(p, Mapping) and p.get("part_of") is None and p.get("ref") is not None
    )
    if not tops:
        return 0
    return zlib.crc32(f"{name}\x1f{tops[0]}".encode()) % lanes


@dataclass
class _Lane:
    number: int
    process: Any
    inbox: Any


def import_in_lanes(
    *,
    records: Iterable[tuple[str, Record]],
    at: Any,
    scheme: str | None,
    on_progress: Callable[[int, str], None] | None,
    processes: int,
    one_lane: OneLane,
) -> BulkReport:
    """The records imported by `processes` lanes (module docstring); the first here, first."""
    stream = iter(records)
    first = list(itertools.islice(stream, 1))
    report = one_lane(records=first, at=at, scheme=scheme, on_progress=None, ahead=False)
    order = {source: 0 for source, _ in first}
    if not first:
        return report
    if on_progress is not None:
        on_progress(1, first[0][0])
    connections.close_all()  # a connection is never shared across a fork
    context = multiprocessing.get_context("fork")
    done = context.Value("q", 1)
    results = context.Queue()
    lanes = []
    for number in range(processes):
        inbox = context.Queue(WAITING)
        process = context.Process(
            target=_lane_work,
            args=(number, inbox, results, done, at, scheme, one_lane),
            daemon=True,
        )
        process.start()
        lanes.append(_Lane(number, process, inbox))
    reports: dict[int, BulkReport] = {}
    try:
        last = first[0][0]
        batches: list[list[tuple[str, Record]]] = [[] for _ in lanes]
        for index, (source, raw) in enumerate(stream, start=1):
            order.setdefault(source, index)
            number = lane_of(raw, processes)
            batch = batches[number]
            batch.append((source, raw))
            last = source
            if len(batch) >= BATCH:
                _send(lanes[number], list(batch), results, reports)
                batch.clear()
                _tell(on_progress, done, last)
        for lane, batch in zip(lanes, batches, strict=True):
            if batch:
                _send(lane, batch, results, reports)
            _send(lane, None, results, reports)
        while len(reports) < len(lanes):
            _collect(results, reports, wait=LOOK)
            _check(lanes, results, reports)
            _tell(on_progress, done, last)
        for lane in lanes:
            lane.process.join()
    finally:
        for lane in lanes:
            if lane.process.is_alive():
                lane.process.terminate()
    for number in range(len(lanes)):
        _merge(report, reports[number])
    report.refused.sort(key=lambda refusal: order.get(refusal.source, 0))
    return report


def _lane_work(
    number: int,
    inbox: Any,
    results: Any,
    done: Any,
    at: Any,
    scheme: str | None,
    one_lane: OneLane,
) -> None:
    """One lane, in its own process: its records imported as they come, its report sent back
    (or what stopped it)."""

    def arriving() -> Iterator[tuple[str, Record]]:
        while (batch := inbox.get()) is not None:
            yield from batch

    def progressed(_done: int, _source: str) -> None:
        with done.get_lock():
            done.value += 1

    try:
        with references_ahead():
            report = one_lane(
                records=arriving(), at=at, scheme=scheme, on_progress=progressed, ahead=True
            )
        results.put((number, report, None))
    except BaseException as error:  # whatever stopped the lane is told the reader
        told = "".join(traceback.format_exception(error)).strip()
        results.put((number, None, f"{type(error).__name__}: {error}\n{told}"))
    finally:
        connections.close_all()


def _send(lane: _Lane, batch: Any, results: Any, reports: dict[int, BulkReport]) -> None:
    """Put a batch in the lane's inbox, waiting while it is full, but not on a lane that
    stopped."""
    while True:
        try:
            lane.inbox.put(batch, timeout=LOOK)
            return
        except queue.Full:
            _collect(results, reports, wait=0)
            if lane.number in reports or not lane.process.is_alive():
                error = "it ended early"
                raise RuntimeError(LANE_FAILED.format(lane=lane.number, error=error)) from None


def _collect(results: Any, reports: dict[int, BulkReport], *, wait: float) -> None:
    """A lane's report, if one has come; a lane that failed fails the import."""
    try:
        number, report, error = results.get(timeout=wait) if wait else results.get_nowait()
    except queue.Empty:
        return
    if error is not None:
        raise RuntimeError(LANE_FAILED.format(lane=number, error=error))
    reports[number] = report


def _check(lanes: list[_Lane], results: Any, reports: dict[int, BulkReport]) -> None:
    """A lane whose process ended without its report (killed, say) fails the import; what it
    sent before it ended is read first."""
    for lane in lanes:
        if lane.number in reports or lane.process.is_alive():
            continue
        _collect(results, reports, wait=LOOK)
        if lane.number not in reports:
            error = f"its process ended (status {lane.process.exitcode}) without a report"
            raise RuntimeError(LANE_FAILED.format(lane=lane.number, error=error))


def _tell(on_progress: Callable[[int, str], None] | None, done: Any, last: str) -> None:
    if on_progress is not None:
        on_progress(int(done.value), last)


def _merge(into: BulkReport, lane: BulkReport) -> None:
    into.read += lane.read
    into.imported += lane.imported
    into.unchanged += lane.unchanged
    into.new_events += lane.new_events
    into.existing_events += lane.existing_events
    into.households.extend(lane.households)
    into.refused.extend(lane.refused)

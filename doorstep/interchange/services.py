"""Importing a chronology (`doorstep-chronology/1`) into the record.

`chronology_import` checks the whole file first (the schema, then every reference and value,
`checks.py`; then where each part goes, `plan.py`), and writes it in one transaction through
the services of the apps that own each record: properties, people, households and tenancies,
cases and their links, the landlord's policy; every event of the file through `event_append`,
with its own date and precision, who did it, the channel, the summary and its data as given.
Anything refused refuses the whole file: nothing half-imported remains.

Every reference of the file (property, person, tenancy, case, event id, policy key) is mapped
to what it became (`ExternalRef`), so the same file imported twice changes nothing, and a file
that says something different under a reference already imported is refused.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Q

from doorstep.cases.registry import project_cases
from doorstep.clocks.families.promises import PROMISE_KINDS
from doorstep.commitments.models import Commitment
from doorstep.commitments.projections import commitments_project_many
from doorstep.core.errors import DomainError
from doorstep.core.references import references_reserve
from doorstep.interchange.bulk import (
    ROOT,
    BulkRefusal,
    BulkReport,
    Record,
    RecordRefused,
    as_received,
    named,
    parsed,
)
from doorstep.interchange.checks import import_problems
from doorstep.interchange.importer import (
    ACTOR_NAME,
    CHANGED,
    SCHEME_LIMIT,
    SCHEME_TOO_LONG,
    ChronologyRefused,
    Importer,
    ImportReport,
    scheme_for,
)
from doorstep.interchange.lanes import can_share_import, import_in_lanes
from doorstep.interchange.load import RUN, Chronology, Loader, refresh_statistics, runs
from doorstep.interchange.models import RefKind
from doorstep.interchange.plan import Plan, PlanRefused, plan_import
from doorstep.interchange.validate import first_problem
from doorstep.timeline.actors import writing_as
from doorstep.timeline.models import Event, Stream

__all__ = [
    "CHANGED",
    "BulkReport",
    "ChronologyRefused",
    "ImportReport",
    "chronologies_import",
    "chronology_import",
    "scheme_for",
]

logger = logging.getLogger(__name__)
STATISTICS_GROWTH = 4
# Tries of one record through the importer in a lane, where another lane wrote the same thing.
RETRIES = 3


def chronology_import(
    *, doc: Mapping[str, Any], source_name: str, at: dt.datetime, scheme: str | None = None
) -> ImportReport:
    """Import a parsed chronology, whole or not at all. `at` is the moment of the import (the
    events' `recorded_at`); each event keeps its own date. `scheme` names whose references the
    file uses (default `chronology:<landlord name>`): pass another where two files of one
    landlord reuse the same references for different things."""
    plan = _checked(doc, scheme)
    return _import_one(doc=doc, plan=plan, source_name=source_name, at=at, scheme=scheme)


def _checked(doc: Mapping[str, Any], scheme: str | None) -> Plan:
    """The file checked against the format and the import's rules, and planned; or refused."""
    problem = first_problem(doc) or next(iter(import_problems(doc)), None)
    if problem is not None:
        raise ChronologyRefused(problem.path, problem.reason)
    try:
        plan = plan_import(doc)
    except PlanRefused as refused:
        raise ChronologyRefused(refused.problem.path, refused.problem.reason) from None
    if scheme is not None and not 0 < len(scheme) <= SCHEME_LIMIT:
        raise DomainError(
            SCHEME_TOO_LONG.format(limit=SCHEME_LIMIT, scheme=scheme, length=len(scheme)),
            field="scheme",
        )
    return plan


def _import_one(
    *,
    doc: Mapping[str, Any],
    plan: Plan,
    source_name: str,
    at: dt.datetime,
    scheme: str | None,
) -> ImportReport:
    scheme = scheme or scheme_for(doc["landlord"]["name"])
    with transaction.atomic(), writing_as(ACTOR_NAME.format(name=source_name[:190])):
        run = Importer(doc=doc, plan=plan, scheme=scheme, source_name=source_name[:190], at=at)
        run.all()
        _project([run.report])
    return run.report


def _project(reports: Sequence[ImportReport]) -> None:
    """The projections of what the imports wrote: promises, then each case's own rows (read
    by the histories the imports wrote to, then by import)."""
    streams = {stream for report in reports for stream in report.streams}
    written = Event.objects.filter(
        stream_id__in=streams, batch__in=[report.batch for report in reports]
    )
    _project_commitments(streams)
    project_cases(written)


def chronologies_import(
    *,
    records: Iterable[tuple[str, Record]],
    at: dt.datetime,
    scheme: str | None = None,
    on_progress: Callable[[int, str], None] | None = None,
    processes: int = 1,
) -> BulkReport:
    """Import many chronologies, each whole or not at all (one household's history is never
    half-written), so a refused record never stops the rest.

    `records` are (source, record) pairs: the source names where it came from (a file name,
    `name line N`), the record is its bytes or text as received, or a parsed document. A record
    that is not JSON, not a chronology or refused by `chronology_import` is kept as received in
    the report with its JSON path and reason. A record already imported unchanged counts as
    `unchanged`: running the same input again imports nothing. `on_progress(done, source)` is
    called after each record.

    Runs of new households are written by the bulk loader (`load`, ADR 16), a run in one
    transaction; a run it cannot write whole goes through the importer a record at a time.

    `processes` above one shares the records among that many processes, each importing its
    share so (`lanes`: PostgreSQL only, and not inside a transaction; elsewhere one process
    imports them all)."""
    if processes > 1 and can_share_import():
        return import_in_lanes(
            records=records,
            at=at,
            scheme=scheme,
            on_progress=on_progress,
            processes=processes,
            one_lane=_import_lane,
        )
    return _import_lane(records=records, at=at, scheme=scheme, on_progress=on_progress, ahead=False)


def _import_lane(
    *,
    records: Iterable[tuple[str, Record]],
    at: dt.datetime,
    scheme: str | None,
    on_progress: Callable[[int, str], None] | None,
    ahead: bool,
) -> BulkReport:
    """The records imported in this process, in order. `ahead`: a lane beside others
    (`lanes`), which reserves each run's references before the run's transaction and tries a
    record again where another lane wrote the same thing first."""
    bulk = _Bulk(report=BulkReport(), at=at, scheme=scheme, on_progress=on_progress, ahead=ahead)
    for source, raw in records:
        bulk.report.read += 1
        doc: Mapping[str, Any] | None = None
        try:
            doc = parsed(raw)
            plan = _checked(doc, scheme)
        except RecordRefused as refused:
            bulk.refuse(source, raw, doc, ROOT, refused.reason)
        except ChronologyRefused as refused:
            bulk.refuse(source, raw, doc, refused.path, refused.reason)
        except DomainError as error:
            bulk.refuse(source, raw, doc, ROOT, error.message)
        else:
            bulk.wait(Chronology(source, doc, plan), raw)
    bulk.flush()
    return bulk.report


@dataclass
class _Bulk:
    """A bulk import under way: the records waiting to be written, in the order read."""

    report: BulkReport
    at: dt.datetime
    scheme: str | None
    on_progress: Callable[[int, str], None] | None
    ahead: bool = False
    waiting: list[tuple[Chronology, Record]] = field(default_factory=list)
    done: int = 0
    # The tables' statistics are refreshed after the first run, then each time they grow so.
    analysed_at: int = 1

    def refuse(
        self, source: str, raw: Record, doc: Mapping[str, Any] | None, path: str, reason: str
    ) -> None:
        self.flush()  # the report keeps the order the records came in
        self.report.refused.append(_refusal(source, raw, doc, path, reason))
        self.progressed(source)

    def wait(self, item: Chronology, raw: Record) -> None:
        self.waiting.append((item, raw))
        if len(self.waiting) >= RUN:
            self.flush()

    def flush(self) -> None:
        raws = {id(item): raw for item, raw in self.waiting}
        waiting = [item for item, _ in self.waiting]
        self.waiting = []
        for loadable, items in runs(waiting, scheme=self.scheme):
            if loadable and self._load(items):
                continue
            for item in items:
                self._one(item, raws[id(item)])

    def _load(self, items: list[Chronology]) -> bool:
        """Write a run whole; False (nothing written) where the importer must take it."""
        loader = Loader(items, at=self.at, scheme=self.scheme)
        if self.ahead:
            references_reserve(loader.references_at_most())
        try:
            with transaction.atomic():
                reports = loader.load()
                _project(reports)
        except (DomainError, DatabaseError):
            logger.info("A run of %d was refused whole: imported one at a time", len(items))
            return False
        for item, one in zip(items, reports, strict=True):
            self.counted(one)
            self.progressed(item.source)
        if self.report.imported >= self.analysed_at:
            refresh_statistics()
            self.analysed_at = self.report.imported * STATISTICS_GROWTH
        return True

    def _one(self, item: Chronology, raw: Record) -> None:
        try:
            one = self._importer(item)
        except ChronologyRefused as refused:
            self.report.refused.append(
                _refusal(item.source, raw, item.doc, refused.path, refused.reason)
            )
        except DomainError as error:
            self.report.refused.append(_refusal(item.source, raw, item.doc, ROOT, error.message))
        else:
            self.counted(one)
        self.progressed(item.source)

    def _importer(self, item: Chronology) -> ImportReport:
        """The importer's import of one record; in a lane, tried again (up to `RETRIES` times)
        where another lane wrote the same thing at the same moment: the next try finds it."""
        for attempt in itertools.count(1):
            try:
                return _import_one(
                    doc=item.doc,
                    plan=item.plan,
                    source_name=item.source,
                    at=self.at,
                    scheme=self.scheme,
                )
            except DatabaseError:
                if not self.ahead or attempt >= RETRIES:
                    raise
                logger.info("%s met another lane's write: tried again", item.source)
        raise AssertionError("unreachable")

    def counted(self, one: ImportReport) -> None:
        if sum(one.new.values()):
            self.report.imported += 1
        else:
            self.report.unchanged += 1
        self.report.new_events += one.new_events
        self.report.existing_events += one.existing[RefKind.EVENT]
        self.report.households.extend(one.households)

    def progressed(self, source: str) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(self.done, source)


def _refusal(
    source: str, raw: Record, doc: Mapping[str, Any] | None, path: str, reason: str
) -> BulkRefusal:
    received, encoding, digest = as_received(raw)
    landlord, tenancies = named(doc)
    return BulkRefusal(
        source=source,
        path=path,
        reason=reason,
        received=received,
        encoding=encoding,
        sha256=digest,
        landlord=landlord,
        tenancies=tenancies,
    )


def _project_commitments(streams: set[int]) -> None:
    """The promise ledger's rows for every history an import wrote to, in the same
    transaction: a promise imported is on the commitments page at once. A history with no
    promise-making event and no promise row before has nothing to bring into line."""
    promised = Event.objects.filter(stream_id__in=streams, kind__in=PROMISE_KINDS).values(
        "stream_id"
    )
    held = Commitment.objects.filter(stream_id__in=streams).values("stream_id")
    rows = Stream.objects.filter(Q(pk__in=promised) | Q(pk__in=held)).order_by("pk")
    commitments_project_many(list(rows.select_related("household__property", "property")))

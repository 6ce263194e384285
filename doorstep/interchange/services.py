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
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q

from doorstep.cases.registry import project_cases
from doorstep.clocks.families.promises import PROMISE_KINDS
from doorstep.commitments.models import Commitment
from doorstep.commitments.projections import commitments_project
from doorstep.core.errors import DomainError
from doorstep.interchange.bulk import (
    ROOT,
    BulkRefusal,
    BulkReport,
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
from doorstep.interchange.models import RefKind
from doorstep.interchange.plan import PlanRefused, plan_import
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

Record = bytes | str | Mapping[str, Any]


def chronology_import(
    *, doc: Mapping[str, Any], source_name: str, at: dt.datetime, scheme: str | None = None
) -> ImportReport:
    """Import a parsed chronology, whole or not at all. `at` is the moment of the import (the
    events' `recorded_at`); each event keeps its own date. `scheme` names whose references the
    file uses (default `chronology:<landlord name>`): pass another where two files of one
    landlord reuse the same references for different things."""
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
    scheme = scheme or scheme_for(doc["landlord"]["name"])
    with transaction.atomic(), writing_as(ACTOR_NAME.format(name=source_name[:190])):
        run = Importer(doc=doc, plan=plan, scheme=scheme, source_name=source_name[:190], at=at)
        run.all()
        _project_commitments(run.report)
        project_cases(Event.objects.filter(batch=run.report.batch))
    return run.report


def chronologies_import(
    *,
    records: Iterable[tuple[str, Record]],
    at: dt.datetime,
    scheme: str | None = None,
    on_progress: Callable[[int, str], None] | None = None,
) -> BulkReport:
    """Import many chronologies, each whole or not at all in its own transaction (one
    household's history is never half-written), so a refused record never stops the rest.

    `records` are (source, record) pairs: the source names where it came from (a file name,
    `name line N`), the record is its bytes or text as received, or a parsed document. A record
    that is not JSON, not a chronology or refused by `chronology_import` is kept as received in
    the report with its JSON path and reason. A record already imported unchanged counts as
    `unchanged`: running the same input again imports nothing. `on_progress(done, source)` is
    called after each record."""
    report = BulkReport()
    for source, raw in records:
        report.read += 1
        doc: Mapping[str, Any] | None = None
        try:
            doc = parsed(raw)
            one = chronology_import(doc=doc, source_name=source, at=at, scheme=scheme)
        except RecordRefused as refused:
            report.refused.append(_refusal(source, raw, doc, ROOT, refused.reason))
        except ChronologyRefused as refused:
            report.refused.append(_refusal(source, raw, doc, refused.path, refused.reason))
        except DomainError as error:
            report.refused.append(_refusal(source, raw, doc, ROOT, error.message))
        else:
            if sum(one.new.values()):
                report.imported += 1
            else:
                report.unchanged += 1
            report.new_events += one.new_events
            report.existing_events += one.existing[RefKind.EVENT]
            report.households.extend(one.households)
        if on_progress is not None:
            on_progress(report.read, source)
    return report


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


def _project_commitments(report: ImportReport) -> None:
    """The promise ledger's rows for every history the import wrote to, in the same
    transaction: a promise imported is on the commitments page at once."""
    # A history the import gave no promise-making event (and that held no promise row
    # before) has nothing to bring into line.
    written = Event.objects.filter(batch=report.batch).values("stream_id")
    promised = Event.objects.filter(stream_id__in=written, kind__in=PROMISE_KINDS).values(
        "stream_id"
    )
    streams = Stream.objects.filter(
        Q(pk__in=promised)
        | Q(pk__in=Commitment.objects.filter(stream_id__in=written).values("stream_id"))
    )
    for stream in streams.select_related("household__property", "property"):
        commitments_project(stream=stream)

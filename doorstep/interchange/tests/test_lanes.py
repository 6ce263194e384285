"""A bulk import shared among processes (`chronologies_import(processes=N)`, `lanes`): the same
record as one process writes, refusals in the order read, nothing twice; references reserved
ahead of a run's transaction; a lane that fails fails the import.

The tests that fork read a committed record (`transaction=True`), so they run on PostgreSQL
only (CI's second run): SQLite takes one writer at a time, and there the import stays in one
process (`can_share_import`)."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from doorstep.core.models import ReferenceCounter
from doorstep.core.references import next_references, references_ahead, references_reserve
from doorstep.generate.synth import portfolio
from doorstep.interchange.bulk import BulkReport
from doorstep.interchange.lanes import (
    can_share_import,
    import_in_lanes,
    lane_of,
    processes_argument,
)
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.selectors import chronology_export
from doorstep.interchange.services import chronologies_import
from doorstep.residents.models import Household
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)
ON_POSTGRESQL = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="lanes are processes sharing a committed record: PostgreSQL only",
)


def docs(homes: int = 24) -> list[dict[str, Any]]:
    """A small generated landlord: flats sharing blocks (the lanes' one hazard), and houses."""
    return list(portfolio(seed=3, homes=homes, years=2))


# --- which lane --------------------------------------------------------------------------------


def test_the_flats_of_a_block_go_down_one_lane_and_the_lanes_are_shared():
    generated = docs(60)
    by_block: dict[str, list[int]] = {}
    for doc in generated:
        tops = [p["ref"] for p in doc["properties"] if p["part_of"] is None]
        by_block.setdefault(min(tops), []).append(lane_of(doc, 2))
    assert all(len(set(lanes)) == 1 for lanes in by_block.values())
    assert max(len(lanes) for lanes in by_block.values()) > 1  # some households share a block
    used = {lane_of(doc, 2) for doc in generated}
    assert used == {0, 1}
    assert lane_of(json.dumps(generated[0]), 2) == lane_of(generated[0], 2)  # text as parsed


@pytest.mark.parametrize("raw", ["not json", b"\xff\xfe", '{"properties": "none"}', "{}"])
def test_a_record_that_cannot_be_read_or_names_no_building_goes_down_the_first_lane(raw):
    assert lane_of(raw, 4) == 0


def test_processes_is_a_whole_number_from_1_to_64():
    assert processes_argument("2") == 2
    for text in ("0", "65", "two", "1.5"):
        with pytest.raises(argparse.ArgumentTypeError, match="whole number from 1 to 64"):
            processes_argument(text)


# --- references reserved ahead -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_references_reserved_ahead_are_handed_out_in_order_without_the_counter():
    with references_ahead():
        references_reserve({("HH", 2026): 3})
        with CaptureQueriesContext(connection) as queries:
            taken = next_references("HH", 2026, 2)
        assert queries.captured_queries == []
        assert taken == ["HH-2026-000001", "HH-2026-000002"]
        # More than is held: from the counter, past what was reserved.
        assert next_references("HH", 2026, 2) == ["HH-2026-000004", "HH-2026-000005"]
        assert next_references("HH", 2026, 1) == ["HH-2026-000003"]
    assert ReferenceCounter.objects.get(prefix="HH", year=2026).last == 5
    assert next_references("HH", 2026, 1) == ["HH-2026-000006"]  # outside: the counter


@pytest.mark.django_db
def test_references_are_reserved_only_ahead_and_never_inside_a_transaction():
    with pytest.raises(RuntimeError, match="within references_ahead"):
        references_reserve({("HH", 2026): 1})
    with references_ahead(), transaction.atomic(), pytest.raises(RuntimeError, match="outside"):
        references_reserve({("HH", 2026): 1})


@pytest.mark.django_db
def test_on_sqlite_or_in_a_transaction_the_import_stays_in_one_process():
    if connection.vendor == "postgresql":
        with transaction.atomic():
            assert not can_share_import()
        return
    assert not can_share_import()
    report = chronologies_import(records=_named(docs(3)), at=AT, processes=2)
    assert (report.read, report.imported) == (3, 3)


# --- shared among processes --------------------------------------------------------------------


def _named(items: list[Any]) -> list[tuple[str, Any]]:
    return [(f"line {n + 1}", item) for n, item in enumerate(items)]


def _exports(scheme: str) -> dict[str, str]:
    """Each household the scheme's import made, as the format exports it (a digest), by its
    file's tenancy reference."""
    found = {}
    for row in ExternalRef.objects.filter(scheme=scheme, kind=RefKind.TENANCY).select_related(
        "household"
    ):
        household = Household.objects.get(pk=row.household_id)
        doc, _ = chronology_export(landlord=settings.DOORSTEP_LANDLORD_NAME, household=household)
        found[row.ref] = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
    return found


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_lanes_write_what_one_process_writes_and_report_refusals_in_the_order_read():
    generated = docs()
    bad = dict(generated[9], format="doorstep-chronology/9")
    records = _named([*generated[:5], "not json", *generated[5:9], bad, *generated[9:]])
    seen: list[int] = []

    shared = chronologies_import(
        records=records,
        at=AT,
        scheme="lanes:two",
        processes=2,
        on_progress=lambda done, _: seen.append(done),
    )
    alone = chronologies_import(records=records, at=AT, scheme="lanes:one")

    assert shared.summary() == alone.summary()
    assert shared.imported == len(generated) and shared.new_events > 500
    assert [(r.source, r.path, r.reason) for r in shared.refused] == [
        (r.source, r.path, r.reason) for r in alone.refused
    ]
    assert [r.source for r in shared.refused] == ["line 6", "line 11"]
    assert shared.refused[0].received == "not json"  # kept as received
    assert len(shared.households) == len(alone.households) == len(generated)
    assert seen and seen[-1] == len(records) and seen == sorted(seen)

    two, one = _exports("lanes:two"), _exports("lanes:one")
    assert len(two) == len(generated)
    assert two == one
    # Each reference of the files mapped once; no household written twice.
    assert ExternalRef.objects.filter(scheme="lanes:two", kind=RefKind.EVENT).count() == sum(
        len(d["events"]) for d in generated
    )

    events = Event.objects.count()
    again = chronologies_import(records=records, at=AT, scheme="lanes:two", processes=2)
    assert (again.imported, again.unchanged, len(again.refused)) == (0, len(generated), 2)
    assert Event.objects.count() == events


def _failing_lane(*, records: Any, at: Any, scheme: Any, on_progress: Any, ahead: bool) -> Any:
    if ahead:
        raise ValueError("the disk is full")
    return BulkReport(read=len(list(records)))


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_lane_that_fails_fails_the_import_and_says_why():
    stopped = r"Lane \d of the import stopped: ValueError: the disk is full"
    with pytest.raises(RuntimeError, match=stopped):
        import_in_lanes(
            records=_named(docs(8)),
            at=AT,
            scheme=None,
            on_progress=None,
            processes=2,
            one_lane=_failing_lane,
        )

"""Read replicas (`core/replica.py`): the whole-landlord reads (the sweep, the yearly
reports) read from the replica where one is configured, and nothing else does; on
PostgreSQL, a sweep through a second connection reads nothing from the primary and finds
what the primary would."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doorstep.cases.models import Case
from doorstep.core.replica import REPLICA, ReplicaRouter, replica_alias, replica_reads
from doorstep.lens.sweep import portfolio_sweep
from doorstep.reports.selectors import tsm_year

ON_POSTGRESQL = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="a second connection reads the committed record: PostgreSQL only",
)


def test_only_reads_inside_replica_reads_go_to_the_replica(settings):
    router = ReplicaRouter()
    settings.DOORSTEP_READ_REPLICA = REPLICA
    assert router.db_for_read(Case) is None  # the primary
    with replica_reads():
        assert router.db_for_read(Case) == REPLICA
        assert router.db_for_write(Case) == "default"
        with replica_reads():
            assert replica_alias() == REPLICA
        assert replica_alias() == REPLICA  # nested: still inside the outer
    assert router.db_for_read(Case) is None
    assert router.allow_migrate("default", "cases") and not router.allow_migrate(REPLICA, "cases")


def test_without_a_replica_nothing_changes(settings):
    settings.DOORSTEP_READ_REPLICA = None
    with replica_reads():
        assert ReplicaRouter().db_for_read(Case) is None


@pytest.fixture
def replica(transactional_db, settings) -> Iterator[str]:
    """A second connection to the test's own database, standing for a streaming replica: made
    by hand, so the test's guard (which refuses connections to databases a test did not list)
    treats it as the dynamically created connection it is."""
    wrapper = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
        copy.deepcopy(connection.settings_dict), alias=REPLICA
    )
    connections[REPLICA] = wrapper
    settings.DOORSTEP_READ_REPLICA = REPLICA
    try:
        yield REPLICA
    finally:
        wrapper.close()
        del connections[REPLICA]


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_the_sweep_and_the_yearly_report_read_only_from_the_replica(replica):
    from doorstep.deadlines.tests.conftest import complaint_received, repair_reported
    from doorstep.tests_browser.world import build_world

    at = timezone.now()
    world = build_world(at=at)
    complaint_received(world, title="Slow repairs", received="2026-01-05", at=at)
    repair_reported(world.case, at=at)
    as_of = timezone.localdate()
    with (
        CaptureQueriesContext(connections[replica]) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        swept = portfolio_sweep(as_of=as_of)
        report = tsm_year(year=2025, as_of=as_of)
    assert len(on_replica) > 10
    # The primary is asked only to keep the replays made, and the clocks they show stopped
    # (ADR 19): nothing of the record is read from it.
    written = [q["sql"] for q in on_primary if q["sql"] not in {"BEGIN", "COMMIT"}]
    keeping = (
        'INSERT INTO "deadlines_keptreplay"',
        'DELETE FROM "deadlines_keptclock"',
        'INSERT INTO "deadlines_keptclock"',
    )
    assert written and all(sql.startswith(keeping) for sql in written), written
    direct = portfolio_sweep.__wrapped__(as_of=as_of)
    assert (swept.homes, swept.cases, swept.by_code) == (direct.homes, direct.cases, direct.by_code)
    assert report.homes >= 1

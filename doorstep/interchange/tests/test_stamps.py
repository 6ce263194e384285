"""A home's stamp (`interchange.stamps`): steady while nothing changes, read in a bounded number
of queries whatever the number of homes. That it moves whenever an export changes is held by
`deadlines.tests.test_stamps_hold`, over every service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorstep.generate.synth import portfolio
from doorstep.interchange.services import chronology_import
from doorstep.interchange.stamps import engine_version, home_stamps, snapshot
from doorstep.residents.models import Household
from doorstep.testing.kept import keeps_replays

AT = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def _homes(count: int) -> list[tuple[str, int]]:
    return [
        ("household", pk)
        for pk in Household.objects.order_by("pk").values_list("pk", flat=True)[:count]
    ]


@pytest.mark.django_db
def test_a_stamp_is_steady_and_read_in_the_same_queries_for_one_home_or_many() -> None:
    for i, doc in enumerate(portfolio(homes=12, years=1, seed=3)):
        chronology_import(doc=doc, source_name=f"{i}.json", at=AT)
    counts = []
    for count in (1, 12):
        with CaptureQueriesContext(connection) as queries:
            stamps = home_stamps(_homes(count), salt="s")
        counts.append(len(queries))
        assert len(stamps) == count
    # The homes, their households, a query a level of the buildings (estate, block, flat and
    # one to find the top), the communal areas, the streams: not a query a home.
    assert max(counts) <= 8, counts
    again = home_stamps(_homes(12), salt="s")
    assert again == home_stamps(_homes(12), salt="s")
    assert len(set(again.values())) == 12  # each home its own
    assert home_stamps(_homes(12), salt="t").keys() == again.keys()
    assert not set(home_stamps(_homes(12), salt="t").values()) & set(again.values())


def test_the_engine_version_is_read_once_and_names_the_code() -> None:
    assert engine_version() == engine_version()
    assert len(engine_version()) == 16


@keeps_replays
def test_a_snapshot_outside_any_transaction_vouches_for_what_it_reads() -> None:
    # (On PostgreSQL outside the test's transaction: there a transaction of its own at
    # REPEATABLE READ. Inside one at READ COMMITTED it cannot: `deadlines.tests.test_kept`.)
    with snapshot() as consistent:
        assert consistent
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW transaction_isolation")
                assert cursor.fetchone() == ("repeatable read",)

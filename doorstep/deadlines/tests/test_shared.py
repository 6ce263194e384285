"""`clocks_of` shared among forked processes (`workers`), and keeping only some members
(`only`): the same clocks, findings and notes, in the same order, as in one process.

The record is committed (`transaction=True`) so that the forked processes can read it: on
PostgreSQL only (CI's second run). SQLite's in-memory test database cannot be shared with another
process, and its append-only triggers refuse the DELETE that empties it after a committed
test."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from doorstep.cases.models import Case
from doorstep.core.processes import can_share
from doorstep.deadlines.selectors import MEMBERS, Clocks, clocks_of
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION
from doorstep.lens.tests.conftest import import_record
from doorstep.reports.selectors import tsm_year
from doorstep.testing.portfolio import open_homes

AS_OF = dt.date(2025, 5, 1)

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="forked processes share a committed record on PostgreSQL only",
)


def _members(found: Clocks) -> dict[str, list[tuple[str | None, dict]]]:
    return {
        member: [
            (item.case.reference if item.case is not None else None, dict(item.data))
            for item in getattr(found, member)
        ]
        for member in MEMBERS
    }


@pytest.mark.django_db(transaction=True)
def test_shared_among_processes_the_clocks_are_those_of_one_process():
    import_record(CLARION, BROMFORD)
    open_homes(3)
    cases = list(Case.objects.select_related("household", "property").order_by("pk"))
    alone = clocks_of(cases, as_of=AS_OF, chunk=1)
    shared = clocks_of(cases, as_of=AS_OF, chunk=1, workers=2)
    assert _members(shared) == _members(alone)
    assert alone.clocks and alone.findings  # not vacuous
    assert shared.notes == alone.notes
    assert shared.vulnerable_from == alone.vulnerable_from
    assert can_share()  # so the shared run did fork

    only = clocks_of(cases, as_of=AS_OF, chunk=2, workers=2, only=("clocks",))
    kept = _members(only)
    assert kept["clocks"] == _members(alone)["clocks"]
    assert all(kept[member] == [] for member in MEMBERS if member != "clocks")


@pytest.mark.django_db(transaction=True)
def test_the_tsm_year_shared_among_processes_is_the_same():
    import_record(CLARION, BROMFORD)
    alone = tsm_year(year=2024, as_of=AS_OF)
    shared = tsm_year(year=2024, as_of=AS_OF, workers=2)
    assert [(m.slug, m.numerator, m.denominator, m.rows) for m in shared.measures] == [
        (m.slug, m.numerator, m.denominator, m.rows) for m in alone.measures
    ]
    assert any(m.denominator for m in alone.measures)  # not vacuous

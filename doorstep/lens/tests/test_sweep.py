"""`portfolio_sweep` and `doorstep sweep`: the lens over every open case, the same findings as
`clocks_of` and `lens_of` give for those cases, in one process or shared among several."""

from __future__ import annotations

import datetime as dt
import os
from io import StringIO

import pytest
from django.core.management import call_command

from doorstep.cases.choices import CaseStatus
from doorstep.cases.models import Case
from doorstep.cases.services import case_close
from doorstep.core.processes import shared_out
from doorstep.deadlines.selectors import clocks_of, lens_of
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION
from doorstep.lens.sweep import SweptFinding, portfolio_sweep
from doorstep.lens.tests.conftest import AS_OF, import_record
from doorstep.testing.portfolio import RECORDED, open_homes

LATER = dt.date(2025, 5, 1)


def expected(as_of: dt.date) -> list[SweptFinding]:
    cases = Case.objects.filter(status=CaseStatus.OPEN).select_related("household", "property")
    lens = lens_of(clocks_of(list(cases), as_of=as_of))
    found = [
        SweptFinding(
            f.case.reference if f.case else None,
            f.household.reference if f.household else None,
            dict(f.data),
        )
        for f in lens.findings
    ]
    return sorted(found, key=SweptFinding.sort_key)


def landlord() -> None:
    """Two imported records, and homes made through the services, one of whose cases is closed
    (the sweep reads open cases only)."""
    import_record(CLARION, BROMFORD)
    homes = open_homes(3)
    case_close(actor=None, case=homes[0].cases.first(), reason="Done", at=RECORDED)


@pytest.mark.django_db
@pytest.mark.parametrize("as_of", [AS_OF, LATER])
def test_the_sweep_finds_what_the_lens_finds_on_the_open_cases(as_of):
    landlord()
    sweep = portfolio_sweep(as_of=as_of, chunk=2)
    assert sweep.findings == expected(as_of)
    assert sweep.findings  # not vacuous
    open_cases = Case.objects.filter(status=CaseStatus.OPEN)
    assert sweep.cases == open_cases.count() < Case.objects.count()
    homes = {(c.household_id, c.household_id or c.property_id) for c in open_cases}
    assert sweep.homes == len(homes)
    assert sum(sweep.by_code.values()) == len(sweep.findings)
    assert set(sweep.timings) == {"export", "replay", "keep", "read", "homes kept", "homes made"}
    assert sweep.timings["homes kept"] + sweep.timings["homes made"] == sweep.homes
    assert sweep.notes == []


@pytest.mark.django_db
def test_inside_a_transaction_the_sweep_keeps_to_this_process():
    """Other processes would not see what the test's transaction holds: the sweep says it ran
    in one process, and finds the same."""
    landlord()
    shared = portfolio_sweep(as_of=LATER, workers=2, chunk=1)
    assert shared.workers == 1
    assert shared.findings == portfolio_sweep(as_of=LATER, chunk=3).findings == expected(LATER)


def _whose(chunk: list[int]) -> tuple[int, list[int]]:
    return os.getpid(), [n * n for n in chunk]


def test_the_chunks_are_shared_among_forked_processes():
    done = list(shared_out(_whose, [[1, 2], [3], [4, 5], [6]], workers=2))
    assert sorted(n for _, squares in done for n in squares) == [1, 4, 9, 16, 25, 36]
    assert os.getpid() not in {pid for pid, _ in done}
    assert list(shared_out(_whose, [[2]], workers=1)) == [(os.getpid(), [4])]


@pytest.mark.django_db
def test_the_command_prints_the_rate_and_the_findings_by_code():
    landlord()
    out = StringIO()
    call_command("sweep", "--as-of", LATER.isoformat(), "--quiet", stdout=out)
    printed = out.getvalue()
    sweep = portfolio_sweep(as_of=LATER)
    assert f"Swept {sweep.homes} homes ({sweep.cases} open cases) as of 2025-05-01" in printed
    assert "homes/s" in printed and "export" in printed
    assert f"{len(sweep.findings)} findings" in printed
    code, count = sweep.by_code.most_common(1)[0]
    assert any(line.split()[:2] == [code, str(count)] for line in printed.splitlines())

"""The portfolio lens sweep: what the Ombudsman would find on every open case, as of a date.

The pages replay the homes they show on each request (`deadlines.selectors.clocks_of`); the
sweep does the same for the whole landlord at once, for the benchmarks (issue 8: all open cases
of 125,000 homes in under a minute on two cores) and for a nightly run. The homes with an open
case (a household, or for a communal case its property) are read in one query, then handed out
in chunks: each chunk is exported with a bounded number of queries
(`interchange.selectors.chronologies_of_homes`), each home replayed by the clock engine, and the
replay read back onto the cases, exactly as `clocks_of` does for a page. The findings are those
`clocks_of` and `lens_of` give for the same cases.

With `workers` above one, the chunks are shared among that many processes forked from this one
(Linux's `fork`): the database connections are closed first, so each process opens its own.
SQLite's in-memory database (the tests') cannot be shared with another process, nor can what a
transaction has not committed: there the sweep runs in this process and says so
(`Sweep.workers`).

Time is an argument: `as_of` is the day the record is read as of.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from doorstep.cases.choices import CaseStatus
from doorstep.cases.models import Case
from doorstep.core.processes import can_share, shared_out
from doorstep.core.replica import replica_reads
from doorstep.deadlines.selectors import (
    HOMES_PER_CHUNK,
    Home,
    LivePolicy,
    clocks_of,
    home_of,
    live_policy,
)


@dataclass(frozen=True)
class SweptFinding:
    """One finding of the sweep: the replay's JSON for it (`data`, its `case` the Doorstep
    reference, or None for a finding on the household itself) and the household's reference."""

    case: str | None
    household: str | None
    data: dict[str, Any]

    @property
    def code(self) -> str:
        return str(self.data["code"])

    def sort_key(self) -> tuple[str, str, str, str]:
        return (str(self.data["date"]), self.code, str(self.data["key"]), self.case or "")


@dataclass
class Sweep:
    """The sweep's findings (oldest first), their counts, and what it cost."""

    as_of: dt.date
    workers: int
    homes: int = 0
    cases: int = 0
    findings: list[SweptFinding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # Seconds spent in each step, summed over the processes: export, replay, read.
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def by_code(self) -> Counter[str]:
        return Counter(f.code for f in self.findings)

    @property
    def ongoing(self) -> int:
        return sum(1 for f in self.findings if f.data["ongoing"])

    @property
    def homes_per_second(self) -> float:
        return self.homes / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class _Part:
    """What one chunk gave: findings, notes, how many homes and cases, and the time spent."""

    findings: list[SweptFinding]
    notes: list[str]
    homes: int
    cases: int
    timings: dict[str, float]


def open_homes(*, chunk: int) -> list[list[tuple[Home, list[int]]]]:
    """The homes with an open case, each with its open cases (pks), in chunks (one query)."""
    by_home: dict[Home, list[int]] = {}
    rows = Case.objects.filter(status=CaseStatus.OPEN).order_by("pk")
    for pk, household, prop in rows.values_list("pk", "household_id", "property_id"):
        home: Home = ("household", household) if household is not None else ("property", prop)
        by_home.setdefault(home, []).append(pk)
    homes = sorted(by_home.items())
    return [homes[i : i + chunk] for i in range(0, len(homes), chunk)]


# What the forked processes inherit: the day, the policy (read once, before the fork).
_SHARED: dict[str, Any] = {}


def _sweep_part(part: list[tuple[Home, list[int]]]) -> _Part:
    as_of: dt.date = _SHARED["as_of"]
    policy: LivePolicy = _SHARED["policy"]
    pks = [pk for _, cases in part for pk in cases]
    cases = list(
        Case.objects.filter(pk__in=pks).select_related("household", "property").order_by("pk")
    )
    timings: dict[str, float] = {}
    found = clocks_of(cases, as_of=as_of, policy=policy, chunk=len(part) or 1, timings=timings)
    findings = [
        SweptFinding(
            f.case.reference if f.case is not None else None,
            f.household.reference if f.household is not None else None,
            dict(f.data),
        )
        for f in found.findings
    ]
    homes = {home_of(c) for c in cases}
    return _Part(findings, found.notes, len(homes), len(cases), timings)


@replica_reads()  # a whole landlord, read only: from the replica, where there is one
def portfolio_sweep(
    *,
    as_of: dt.date,
    workers: int = 1,
    chunk: int = HOMES_PER_CHUNK,
    on_chunk: Callable[[int, int], None] | None = None,
    policy: LivePolicy | None = None,
) -> Sweep:
    """What the Ombudsman lens finds on every open case as of `as_of` (and on the households
    with one), with counts and timings: the same findings as `lens_of(clocks_of(open cases))`.
    `workers` processes share the chunks of `chunk` homes; `on_chunk(homes done, homes)` is
    called after each chunk."""
    began = time.perf_counter()
    chunks = open_homes(chunk=chunk)
    total = sum(len(c) for c in chunks)
    workers = max(1, workers) if can_share() else 1
    _SHARED.update(as_of=as_of, policy=policy or live_policy())
    sweep = Sweep(as_of=as_of, workers=workers)
    for part in shared_out(_sweep_part, chunks, workers=workers):
        sweep.findings += part.findings
        sweep.notes += part.notes
        sweep.homes += part.homes
        sweep.cases += part.cases
        for name, seconds in part.timings.items():
            sweep.timings[name] = sweep.timings.get(name, 0.0) + seconds
        if on_chunk is not None:
            on_chunk(sweep.homes, total)
    sweep.findings.sort(key=SweptFinding.sort_key)
    sweep.seconds = time.perf_counter() - began
    return sweep

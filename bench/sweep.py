"""The `lens` benchmark: a full portfolio lens sweep (every open case), against one SQL pass
over the whole history in the same run.

`SWEEP` names the function timed, as "module:function", called as `function(as_of=DAY)`: the
portfolio sweep (`doorstep sweep`, `lens.sweep.portfolio_sweep`). `open_cases_sweep` below is
what the pages did before it (`clocks_of` of every open case, then `lens_of`), kept to compare.

The baseline reads every event once, in stream order (`stream_id, seq`), with the columns a
replay needs (kind, date, data), streamed with a server-side cursor on PostgreSQL
(`QuerySet.iterator`): what any sweep of the history must at least do.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import time
from collections.abc import Callable
from typing import Any

from bench.figures import Figure, Outcome, ratio

SWEEP = "doorstep.lens.sweep:portfolio_sweep"


def open_cases_sweep(*, as_of: dt.date, workers: int = 1) -> Any:
    """What the lens finds across every open case as of `as_of` (one replay per home)."""
    from doorstep.cases.models import Case, CaseStatus
    from doorstep.deadlines.selectors import clocks_of, lens_of

    cases = Case.objects.filter(status=CaseStatus.OPEN).select_related(
        "household__property", "property"
    )
    return lens_of(clocks_of(cases, as_of=as_of, workers=workers))


def sweep_function(name: str = SWEEP) -> Callable[..., Any]:
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)


def one_pass() -> int:
    """Every event once, in stream order: the rows read."""
    from doorstep.timeline.models import Event

    rows = (
        Event.objects.order_by("stream_id", "seq")
        .values_list("stream_id", "kind", "occurred_earliest", "data")
        .iterator(chunk_size=2000)
    )
    return sum(1 for _ in rows)


def progress(name: str = "lens", *, every: float = 60.0) -> Callable[[int, int], None]:
    """An `on_chunk` that prints, at most once every `every` seconds, the homes swept so far
    and the rate: a long sweep by hand shows where it is and what the whole will take."""
    began = last = time.perf_counter()

    def report(done: int, total: int) -> None:
        nonlocal last
        now = time.perf_counter()
        if now - last < every and done < total:
            return
        last = now
        rate = done / (now - began) if now > began else 0.0
        left = (total - done) / rate if rate else 0.0
        print(
            f"   {name}: {done:,} of {total:,} homes in {now - began:.0f} s "
            f"({rate:.1f} homes/s; some {left:.0f} s to go)",
            flush=True,
        )

    return report


def forget_day(as_of: dt.date) -> int:
    """Forget the replays kept as of `as_of` (ADR 19), so that a run is measured cold: a
    database reused from an earlier run may hold them."""
    from doorstep.deadlines.kept import forget_day as forget

    return forget(as_of)


def _kept(found: Any) -> str:
    timings = getattr(found, "timings", None) or {}
    if "homes kept" not in timings:
        return ""
    return f"; replays kept {timings['homes kept']:,.0f}, made {timings['homes made']:,.0f}"


def run(*, as_of: dt.date, sweep: str = SWEEP, workers: int = 1) -> Outcome:
    """The sweep cold (no replay kept for the day) and again the same day (every replay kept,
    ADR 19: what the day's pages and reminders read after the nightly sweep), against one SQL
    pass over the history."""
    from doorstep.cases.models import Case, CaseStatus

    out = Outcome("lens")
    function = sweep_function(sweep)
    open_cases = Case.objects.filter(status=CaseStatus.OPEN).count()
    forget_day(as_of)
    runs = []
    for _ in ("cold", "warm"):
        started = time.perf_counter()
        if "on_chunk" in inspect.signature(function).parameters:
            found = function(as_of=as_of, workers=workers, on_chunk=progress())
        else:
            found = function(as_of=as_of, workers=workers)
        runs.append((time.perf_counter() - started, found))
    (seconds, found), (warm, again) = runs
    started = time.perf_counter()
    rows = one_pass()
    baseline = time.perf_counter() - started
    findings = len(getattr(found, "findings", None) or ())
    out.add(
        Figure("lens.open_cases", open_cases, "cases"),
        Figure("lens.findings", findings, "findings", positive=False),
        Figure(
            "lens",
            seconds,
            "s",
            ratio(seconds, baseline),
            f"x one SQL pass of {rows:,} events; {workers} process(es){_kept(found)}",
        ),
        Figure(
            "lens.same_day",
            warm,
            "s",
            ratio(warm, baseline),
            f"x one SQL pass: the same day again{_kept(again)}",
        ),
        Figure("lens.one_pass", baseline, "s", against=f"{rows:,} events"),
    )
    return out

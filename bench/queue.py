"""The `queue` benchmark: the work queue of a member of staff who may see every case (the
benchmark's manager), after the night's sweep, as a working day's first page would ask for it.

The queue is sorted from the clocks kept beside the sweep's replays, and only the homes of the
clocks it shows are read whole (`deadlines.selectors.work_queue`, ADR 19). Its baseline, in the
same run, is the queue as it was made before: every open case's replay read back whole
(`clocks_of`, from the same kept replays) and every running clock sorted. The two must show the
same clocks in the same order, or the benchmark fails. The sweep itself is timed in `lens`."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from bench.figures import Figure, Outcome, ratio
from bench.sweep import forget_day


def whole_replays(*, user: Any, as_of: dt.date) -> Any:
    """The running clocks as the queue found them before it read the clocks kept."""
    from doorstep.cases.choices import CaseStatus
    from doorstep.cases.selectors import cases_visible_to
    from doorstep.deadlines.selectors import clocks_of

    cases = (
        cases_visible_to(user=user)
        .filter(status=CaseStatus.OPEN)
        .select_related("household__property", "property", "officer", "owner_team")
        .order_by("pk")
    )
    return clocks_of(cases, as_of=as_of).running


def _shown(items: Any) -> list[tuple[str, str, str, Any]]:
    return [(c.case.reference, c.clock, c.subject, c.started) for c in items]


def run(*, user: Any, as_of: dt.date, workers: int = 1) -> Outcome:
    from doorstep.deadlines.selectors import QUEUE_LIMIT, work_queue
    from doorstep.lens.sweep import portfolio_sweep

    out = Outcome("queue")
    forget_day(as_of)
    started = time.perf_counter()
    swept = portfolio_sweep(as_of=as_of, workers=workers)
    print(f"   queue: the night's sweep, {time.perf_counter() - started:.1f} s", flush=True)
    times = []
    for _ in range(2):  # the first page of the day, and the next
        started = time.perf_counter()
        queue = work_queue(user=user, as_of=as_of)
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    before = whole_replays(user=user, as_of=as_of)
    baseline = time.perf_counter() - started
    if _shown(before[:QUEUE_LIMIT]) != _shown(queue.items) or len(before) != queue.total:
        out.problems.append("queue: the queue differs from the one made from whole replays")
    out.add(
        Figure("queue.running", queue.total, "clocks", against=f"{swept.cases:,} open cases"),
        Figure(
            "queue",
            times[0],
            "s",
            ratio(times[0], baseline),
            f"x the queue from whole replays; {len(queue.items)} shown",
        ),
        Figure("queue.again", times[1], "s", against="the same queue again"),
        Figure("queue.whole_replays", baseline, "s", against="every kept replay read whole"),
    )
    return out

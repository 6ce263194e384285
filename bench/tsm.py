"""The `tsm` benchmark: the Tenant Satisfaction Measures from records (`tsm_year`) for the
generated landlord's latest complete reporting year (1 April to 31 March)."""

from __future__ import annotations

import datetime as dt
import time

from bench.figures import Figure, Outcome
from bench.sweep import forget_day, progress


def latest_complete_year(as_of: dt.date) -> int:
    """The reporting year (named by its 1 April) that ended most recently on or before `as_of`."""
    from doorstep.reports.selectors import year_of

    year = year_of(as_of)
    return year if as_of >= dt.date(year + 1, 3, 31) else year - 1


def run(*, as_of: dt.date, workers: int = 1) -> Outcome:
    from doorstep.reports.selectors import tsm_year

    out = Outcome("tsm")
    year = latest_complete_year(as_of)
    forget_day(as_of)  # cold: no replay kept for the day (ADR 19)
    runs = []
    for _ in ("cold", "warm"):
        started = time.perf_counter()
        report = tsm_year(year=year, as_of=as_of, workers=workers, on_chunk=progress("tsm"))
        runs.append(time.perf_counter() - started)
    seconds, warm = runs
    out.add(
        Figure("tsm.measures", len(report.measures), "measures", against=f"year {year}"),
        Figure(
            "tsm",
            seconds,
            "s",
            against=f"reporting year {year}-{(year + 1) % 100:02d}, {workers} process(es)",
        ),
        Figure("tsm.same_day", warm, "s", against="the same year and day again: replays kept"),
    )
    return out

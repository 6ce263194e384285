"""The `tsm` benchmark: the Tenant Satisfaction Measures from records (`tsm_year`) for the
generated landlord's latest complete reporting year (1 April to 31 March)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from bench.figures import Figure, Outcome
from bench.sweep import forget_day, progress


def latest_complete_year(as_of: dt.date) -> int:
    """The reporting year (named by its 1 April) that ended most recently on or before `as_of`."""
    from doorstep.reports.selectors import year_of

    year = year_of(as_of)
    return year if as_of >= dt.date(year + 1, 3, 31) else year - 1


def run(*, as_of: dt.date, workers: int = 1, after_sweep: bool = False) -> Outcome:
    """The year cold (no replay kept for the day), the same day again, and the next day with
    nothing recorded since. With `after_sweep` (the lens sweep ran before it in the same run and
    kept the day's replays of the homes with an open case, ADR 19), the first run is the year
    read after the night's sweep rather than cold, and is named `tsm.after_sweep`, not `tsm`:
    at full scale a cold year costs what a cold sweep costs, and a working day's report follows
    the night's sweep. The homes of the year's cases with no open case are still replayed: the
    printed counts say how many."""
    from doorstep.reports.selectors import tsm_year

    out = Outcome("tsm")
    year = latest_complete_year(as_of)
    first = "after the sweep" if after_sweep else "cold"
    days = {first: as_of, "same day": as_of, "next day": as_of + dt.timedelta(days=1)}
    for day in set(days.values()):
        if not (after_sweep and day == as_of):
            forget_day(day)  # cold: no replay kept for the day (ADR 19)
    runs: dict[str, tuple[float, Any]] = {}
    for name, day in days.items():
        started = time.perf_counter()
        report = tsm_year(year=year, as_of=day, workers=workers, on_chunk=progress("tsm"))
        runs[name] = (time.perf_counter() - started, report)
        print(
            f"   tsm {name}: {runs[name][0]:.1f} s; homes read from the clocks kept "
            f"{report.homes_kept:,}, replayed {report.homes_made:,}",
            flush=True,
        )
    seconds, report = runs[first]
    how = "after the night's sweep kept the homes with an open case" if after_sweep else "cold"
    out.add(
        Figure("tsm.measures", len(report.measures), "measures", against=f"year {year}"),
        Figure(
            "tsm.after_sweep" if after_sweep else "tsm",
            seconds,
            "s",
            against=f"reporting year {year}-{(year + 1) % 100:02d}, {how}, {workers} process(es)",
        ),
        Figure(
            "tsm.same_day",
            runs["same day"][0],
            "s",
            against="the same year and day again: the clocks kept beside the replays",
        ),
        Figure(
            "tsm.next_day",
            runs["next day"][0],
            "s",
            against="the next day, nothing recorded since: the clocks kept the day before, "
            "where settled (ADR 19)",
        ),
    )
    for name, (_, again) in runs.items():
        if _figures(again) != _figures(report):
            out.problems.append(f"tsm: the figures {name} differ from the figures {first}")
    return out


def _figures(report: Any) -> list[tuple[str, int, int]]:
    return [(m.code, m.numerator, m.denominator) for m in report.measures]

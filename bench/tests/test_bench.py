"""The benchmark runner's own logic: what counts as a failed run (the smoke run in
scripts/check relies on it), the options, and the raw tables' shape. No timing is asserted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any, cast

import pytest

from bench import importing, latency, run, sweep, tsm
from bench.figures import Figure, Outcome
from doorstep.testing.kept import keeps_replays

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)


def stats_csv(tmp_path: Path, failures: int, names: tuple[str, ...]) -> Path:
    rows = [HEADER]
    for name in names:
        rows.append(f"GET,{name},10,0,40,45,10,90,1000,2.0,0.0,40,50,55,60,70,80,85,90,90,90,90")
    rows.append(
        f",Aggregated,{10 * len(names)},{failures},40,45,10,90,1000,6.0,0.0,"
        "40,50,55,60,70,80,85,90,90,90,90"
    )
    path = tmp_path / "locust_stats.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_a_figure_that_is_not_a_number_or_nothing_is_a_problem():
    assert Figure("lens", float("nan"), "s").problem() == "lens: not a number (nan)"
    assert Figure("tsm", 0.0, "s").problem() == "tsm: 0.0 s (expected more than 0)"
    assert Figure("latency.errors", 0, "errors", positive=False).problem() is None
    assert Figure("lens", 0.25, "s").problem() is None


def test_a_benchmark_that_reported_nothing_failed():
    assert Outcome("tsm").check() == ["tsm: reported no figure"]
    ran = Outcome("tsm", figures=[Figure("tsm", 0.5, "s")])
    assert ran.check() == []


def test_a_ratio_is_printed_with_what_it_compares():
    line = Figure("import", 100.0, "events/s", 0.5, "raw COPY").line()
    assert "100 events/s" in line
    assert line.endswith("ratio 0.500 (raw COPY)")


def test_the_load_reports_percentiles_of_each_request(tmp_path):
    path = stats_csv(tmp_path, 0, latency.REQUESTS)
    found, problems = latency.figures(latency.stats(path), 30)
    assert problems == []
    by_name = {f.name: f.value for f in found}
    assert by_name["latency.case_page.p95"] == 80.0
    assert by_name["latency.api_clocks.p99"] == 90.0
    assert by_name["latency.errors"] == 0


def test_any_failed_request_fails_the_load(tmp_path):
    path = stats_csv(tmp_path, 3, latency.REQUESTS)
    _, problems = latency.figures(latency.stats(path), 30)
    assert problems == ["latency: 3 request(s) failed"]


def test_a_request_never_made_fails_the_load(tmp_path):
    path = stats_csv(tmp_path, 0, ("case_page", "api_cases"))
    _, problems = latency.figures(latency.stats(path), 30)
    assert problems == [
        "latency: no household_page request was made in 30 s",
        "latency: no queue_page request was made in 30 s",
        "latency: no api_clocks request was made in 30 s",
    ]
    # Asked for only those two: none missing.
    _, problems = latency.figures(latency.stats(path), 30, ("case_page", "api_cases"))
    assert problems == []
    # 20 requests from 4 users: more than the 17 that make sure one user asked all five kinds.
    _, problems = latency.figures(latency.stats(path), 30, users=4)
    assert len(problems) == 3


def test_a_load_too_short_to_reach_every_kind_says_so_and_does_not_fail(tmp_path, capsys):
    path = stats_csv(tmp_path, 0, ("case_page", "api_cases"))  # 20 requests
    found, problems = latency.figures(latency.stats(path), 6, users=5)  # 21 make sure
    assert problems == []
    out = capsys.readouterr().out
    assert "no queue_page request in 6 s: 20 requests from 5 users, fewer than the 21" in out
    assert {f.name for f in found} >= {"latency.case_page.p95", "latency.api_cases.p95"}
    # A failed request fails it still, however short the load.
    _, problems = latency.figures(latency.stats(stats_csv(tmp_path, 1, ("case_page",))), 6, users=5)
    assert problems == ["latency: 1 request(s) failed"]


def test_the_requests_asked_for_are_known_and_kept_in_order():
    assert run.options(["--requests", "api_cases,case_page"]).requests == "case_page,api_cases"
    assert run.options([]).requests == ",".join(latency.REQUESTS)
    for wrong in ("case_page,speed", ","):
        with pytest.raises(SystemExit):
            run.options(["--requests", wrong])


def test_smoke_is_small_and_short_unless_told_otherwise():
    args = run.options(["--smoke", "--only", "tsm,import", "--homes", "3"])
    assert (args.homes, args.years, args.duration, args.users) == (3, 2, 6, 4)
    assert args.only == ["import", "tsm"]
    assert args.think == (0.5, 1.5)
    full = run.options(["--db", "postgres"])
    assert (full.homes, full.users, full.evidence_events) == (50, 20, 1000)


def test_an_unknown_benchmark_is_refused():
    with pytest.raises(SystemExit):
        run.options(["--only", "lens,speed"])


def test_the_raw_table_has_the_same_columns_and_indexes_under_another_name():
    conn = sqlite3.connect(":memory:")
    conn.execute('CREATE TABLE "timeline_event" ("id" integer PRIMARY KEY, "kind" varchar(64))')
    conn.execute('CREATE INDEX "timeline_kind" ON "timeline_event" ("kind")')
    conn.execute(
        'CREATE TRIGGER "timeline_no_update" BEFORE UPDATE ON "timeline_event" '
        "BEGIN SELECT RAISE(ABORT, 'append-only'); END"
    )
    statements = importing._sqlite_shape(conn, "timeline_event")
    assert statements == [
        'CREATE TABLE "bench_raw_timeline_event" ("id" integer PRIMARY KEY, "kind" varchar(64))',
        'CREATE INDEX "bench_raw_timeline_kind" ON "bench_raw_timeline_event" ("kind")',
    ]


def test_the_tsm_year_is_the_last_one_ended():
    assert tsm.latest_complete_year(dt.date(2026, 10, 31)) == 2025
    assert tsm.latest_complete_year(dt.date(2026, 3, 31)) == 2025
    assert tsm.latest_complete_year(dt.date(2026, 3, 30)) == 2024


def test_reuse_needs_a_kept_postgres_run_and_never_times_an_import(capsys):
    args = run.options(["--db", "postgres", "--pg-name", "bench_full", "--reuse", "--only", "tsm"])
    assert args.reuse and args.keep
    assert args.only == ["tsm"]
    for argv, said in (
        (["--reuse", "--only", "tsm"], "--reuse needs --db postgres"),
        (["--db", "postgres", "--reuse", "--only", "tsm"], "--reuse needs --db postgres"),
        (["--db", "postgres", "--pg-name", "b", "--reuse"], "cannot run the import benchmark"),
    ):
        with pytest.raises(SystemExit):
            run.options(argv)
        assert said in capsys.readouterr().err


def test_a_long_sweep_reports_where_it_is_and_what_is_left(capsys, monkeypatch):
    clock = iter([0.0, 30.0, 61.0, 90.0, 200.0])
    monkeypatch.setattr(sweep.time, "perf_counter", lambda: next(clock))
    report = sweep.progress(every=60.0)
    report(100, 1000)  # 30 s: too soon to say
    report(200, 1000)  # 61 s
    report(300, 1000)  # 90 s: too soon again
    report(1000, 1000)  # the end is always said
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "200 of 1,000 homes in 61 s (3.3 homes/s; some 244 s to go)" in lines[0]
    assert "1,000 of 1,000 homes in 200 s" in lines[1]


def test_an_after_sweep_of_the_sample_needs_no_queue():
    assert run.options(["--after-sweep"]).after_sweep == "all"
    assert run.options(["--after-sweep", "sample"]).after_sweep == "sample"
    assert run.options([]).after_sweep is None
    out = latency.run(
        scratch=cast(Any, None),  # refused before the scratch folder is used
        user=None,
        seed=1,
        as_of=dt.date(2025, 5, 1),
        users=1,
        duration=1,
        workers=1,
        think=(0.5, 1.5),
        after_sweep="sample",
    )
    assert out.problems and "queue_page" in out.problems[0]


@keeps_replays  # on PostgreSQL, outside the test's transaction, where replays are kept
def test_an_after_sweep_of_the_sample_keeps_the_homes_of_its_cases_only():
    from doorstep.deadlines.models import KeptReplay
    from doorstep.testing.portfolio import AS_OF, open_homes

    homes = open_homes(3)
    sample = [homes[0].cases.order_by("pk")[0].reference]
    found = latency.night_before(as_of=AS_OF, processes=1, sample=sample)
    kept = set(KeptReplay.objects.values_list("home_kind", "home_id", "as_of"))
    days = {f.name.rsplit(".", 1)[-1] for f in found}
    assert kept == {("household", homes[0].pk, dt.date.fromisoformat(d)) for d in days}
    assert all("1 homes of the load's cases" in f.against for f in found)


def test_the_tsm_year_after_the_sweep_needs_the_sweep_in_the_same_run(capsys):
    assert run.options(["--only", "lens,tsm", "--tsm-after-sweep"]).tsm_after_sweep
    assert not run.options(["--only", "lens,tsm"]).tsm_after_sweep
    for only in ("tsm", "lens"):
        with pytest.raises(SystemExit):
            run.options(["--only", only, "--tsm-after-sweep"])
        assert "--only needs both" in capsys.readouterr().err


def against(out: Outcome, name: str) -> str:
    return next(f.against for f in out.figures if f.name == name)


@keeps_replays
def test_the_tsm_year_after_the_sweep_reads_what_the_sweep_kept_and_cold_does_not(
    capsys, monkeypatch
):
    from doorstep.testing.portfolio import AS_OF, open_homes

    forgotten: list[dt.date] = []

    def forget(day: dt.date) -> int:
        forgotten.append(day)
        return sweep.forget_day(day)

    monkeypatch.setattr(tsm, "forget_day", forget)
    next_day = AS_OF + dt.timedelta(days=1)
    open_homes(3)
    assert not sweep.run(as_of=AS_OF).problems
    capsys.readouterr()
    warm = tsm.run(as_of=AS_OF, after_sweep=True)
    lines = capsys.readouterr().out.splitlines()
    assert not warm.problems
    assert forgotten == [next_day]  # the sweep's day kept; the next day's made afresh
    assert "after the night's sweep kept the homes" in against(warm, "tsm.after_sweep")
    assert "tsm" not in {f.name for f in warm.figures}  # never read as the cold figure
    first = next(line for line in lines if "tsm after the sweep:" in line)
    assert first.endswith("replayed 0"), first
    forgotten.clear()
    cold = tsm.run(as_of=AS_OF)
    lines = capsys.readouterr().out.splitlines()
    assert not cold.problems
    assert sorted(forgotten) == [AS_OF, next_day]
    first = next(line for line in lines if "tsm cold:" in line)
    assert not first.endswith("replayed 0"), first
    assert "cold" in against(cold, "tsm")

"""`bench/run`: Doorstep's benchmarks, end to end, in a scratch database.

    bench/run --db postgres --homes 125000 --years 5      the full scale (issue 8)
    bench/run --db sqlite --smoke                         CI: every benchmark runs, sanely

A run creates the scratch database (PostgreSQL: `bench_doorstep_<pid>`, dropped at the end; SQLite:
a file in a temporary folder), migrates it, creates the staff roles and a manager, generates a
landlord (`doorstep.generate.synth.portfolio`) and imports it through `chronologies_import`,
then runs each benchmark, printing one line per figure: name, value, unit and, where it fits,
the ratio to the raw database doing the same work in the same run. `--json FILE` writes them.
The exit status is 1 if any benchmark failed to run, reported an error or an insane figure.
No timing is ever asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.figures import Figure, Outcome
from bench.latency import REQUESTS as LATENCY_REQUESTS
from bench.scratch import POSTGRES_NAME, POSTGRES_SERVER, scratch_create, scratch_drop

# The order they run in: the import's raw copy first (it copies the tables as the import left
# them), the evidence last (it adds a thousand entries to one case); the quick latency before
# the long sweep and TSM year, so a long run by hand reports it early.
BENCHMARKS = ("import", "latency", "lens", "queue", "tsm", "evidence")
SMOKE = {"homes": 6, "years": 2, "duration": 6, "users": 4, "evidence_events": 120}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="bench/run", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    p.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    p.add_argument("--homes", type=int, default=None, help="Homes to generate (default 50).")
    p.add_argument("--years", type=int, default=None, help="Years of history (default 3).")
    p.add_argument("--seed", type=int, default=1, help="The generator's seed (1).")
    p.add_argument(
        "--only", default=",".join(BENCHMARKS), help=f"Benchmarks to run: {','.join(BENCHMARKS)}."
    )
    p.add_argument("--users", type=int, default=None, help="Concurrent staff for latency (20).")
    p.add_argument("--duration", type=int, default=None, help="Seconds of load (30).")
    p.add_argument(
        "--requests",
        default=",".join(LATENCY_REQUESTS),
        help=f"What the latency load asks for: {','.join(LATENCY_REQUESTS)}.",
    )
    p.add_argument(
        "--after-sweep",
        nargs="?",
        const="all",
        choices=("all", "sample"),
        help="Before the latency load, the night's sweep: the day's replays kept (ADR 19), as on "
        "a working day. Without it, every page makes its home's replay first (cold). "
        "`--after-sweep sample` keeps only the homes of the cases the load asks for (not a "
        "whole sweep: for full scale, where a cold sweep takes some 40 minutes).",
    )
    p.add_argument(
        "--tsm-after-sweep",
        action="store_true",
        help="Measure the TSM year after the lens sweep of the same run has kept the day "
        "(ADR 19), instead of cold: at full scale a cold year takes as long as a cold sweep. "
        "Needs lens in --only.",
    )
    p.add_argument("--think", default="0.5-1.5", help="Each user's pause, seconds (0.5-1.5).")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers.")
    p.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count() or 2,
        help="Processes the import, the lens sweep and the TSM year share their work among "
        "(one per core).",
    )
    p.add_argument(
        "--evidence-events", type=int, default=None, help="Events on the evidence case (1000)."
    )
    p.add_argument("--smoke", action="store_true", help="Tiny scale, short load; check sanity.")
    p.add_argument("--json", type=Path, help="Write the figures to this file.")
    p.add_argument("--pg-server", default=POSTGRES_SERVER, help=f"(default {POSTGRES_SERVER})")
    p.add_argument(
        "--pg-name",
        default=POSTGRES_NAME,
        help="Scratch database (bench_doorstep_<the run's process id>); one of this name is "
        "dropped first.",
    )
    p.add_argument("--keep", action="store_true", help="Keep the scratch database and folder.")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: run against the landlord an earlier run imported and kept in --pg-name "
        "(no generating or importing; never dropped). Not with the import benchmark.",
    )
    return p


def options(argv: list[str] | None) -> argparse.Namespace:
    args = parser().parse_args(argv)
    defaults = SMOKE if args.smoke else {}
    base = {"homes": 50, "years": 3, "duration": 30, "users": 20, "evidence_events": 1000}
    for key, value in base.items():
        if getattr(args, key) is None:
            setattr(args, key, defaults.get(key, value))
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(BENCHMARKS))
    if unknown:
        parser().error(f"unknown benchmark(s): {', '.join(unknown)}")
    args.only = [name for name in BENCHMARKS if name in wanted]
    asked = [name.strip() for name in args.requests.split(",") if name.strip()]
    strange = sorted(set(asked) - set(LATENCY_REQUESTS))
    if strange or not asked:
        parser().error(
            f"--requests names {', '.join(strange) or 'nothing'}; choose among "
            f"{', '.join(LATENCY_REQUESTS)}"
        )
    args.requests = ",".join(name for name in LATENCY_REQUESTS if name in asked)
    if args.tsm_after_sweep and not {"lens", "tsm"} <= set(args.only):
        parser().error("--tsm-after-sweep measures tsm after the lens sweep: --only needs both")
    if args.reuse:
        if args.db != "postgres" or args.pg_name == POSTGRES_NAME:
            parser().error("--reuse needs --db postgres and the --pg-name of a kept run")
        if "import" in args.only:
            parser().error("--reuse cannot run the import benchmark: it measures a fresh import")
        args.keep = True
    low, _, high = args.think.partition("-")
    args.think = (float(low), float(high or low))
    return args


def machine() -> dict[str, Any]:
    facts: dict[str, Any] = {"cores": os.cpu_count(), "python": platform.python_version()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                facts["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                facts["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return facts


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def timed(name: str, body: Callable[[], Outcome]) -> Outcome:
    print(f"-- {name}", flush=True)
    started = time.perf_counter()
    try:
        out = body()
    except Exception as error:  # a benchmark that fails must not hide the others
        traceback.print_exc()
        out = Outcome(name, problems=[f"{name}: {type(error).__name__}: {error}"])
    out.seconds = time.perf_counter() - started
    return out


def main(argv: list[str] | None = None) -> int:
    args = options(argv)
    if args.json:
        args.json = args.json.resolve()
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.chdir(root)
    scratch = scratch_create(
        db=args.db, pg_server=args.pg_server, pg_name=args.pg_name, reuse=args.reuse
    )
    outcomes: list[Outcome] = []
    try:
        outcomes = benchmarks(args, scratch)
    finally:
        if args.keep:
            print(f"Kept {scratch.url} and {scratch.folder}")
        else:
            scratch_drop(scratch)
    problems = [p for out in outcomes for p in out.check()]
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    print("bench: " + ("FAILED" if problems else "ok"), flush=True)
    return 1 if problems else 0


def benchmarks(args: argparse.Namespace, scratch: Any) -> list[Outcome]:
    import django

    django.setup()
    from django.utils import timezone

    from bench import evidence, importing, latency, queue, sweep, tsm
    from bench.scratch import database_ready, database_reused
    from doorstep.generate.synth import UNTIL

    scale = (
        "the scale an earlier run imported"
        if args.reuse
        else f"{args.homes} homes, {args.years} years, seed {args.seed}"
    )
    print(f"bench: {args.db}, {scale}" + (" (smoke)" if args.smoke else ""), flush=True)
    started = time.perf_counter()
    if args.reuse:
        user, imported = database_reused()
        print(
            f"-- set-up: reusing {scratch.pg_name}: {imported.households:,} households, "
            f"{imported.events:,} events, imported by an earlier run",
            flush=True,
        )
    else:
        user = database_ready()
        migrated = time.perf_counter() - started
        print(f"-- set-up: migrated in {migrated:.1f} s; importing", flush=True)
        imported = importing.landlord_import(
            homes=args.homes, years=args.years, seed=args.seed, processes=args.processes
        )
        print(
            f"-- set-up: generated {args.homes} homes in {imported.generate_seconds:.1f} s, "
            f"imported {imported.events:,} events in {imported.seconds:.1f} s",
            flush=True,
        )
    as_of: dt.date = UNTIL
    runs: dict[str, Callable[[], Outcome]] = {
        "import": lambda: importing.run(scratch, imported),
        "lens": lambda: sweep.run(as_of=as_of, workers=args.processes),
        "latency": lambda: latency.run(
            scratch=scratch,
            user=user,
            seed=args.seed,
            as_of=as_of,
            users=args.users,
            duration=args.duration,
            workers=args.workers,
            think=args.think,
            requests=tuple(args.requests.split(",")),
            after_sweep=args.after_sweep,
            processes=args.processes,
            smoke=args.smoke,
        ),
        "queue": lambda: queue.run(user=user, as_of=as_of, workers=args.processes),
        "tsm": lambda: tsm.run(
            as_of=as_of, workers=args.processes, after_sweep=args.tsm_after_sweep
        ),
        "evidence": lambda: evidence.run(
            events=args.evidence_events,
            at=timezone.now() - dt.timedelta(seconds=args.evidence_events + 60),
            actor=user,
        ),
    }
    outcomes = [timed(name, runs[name]) for name in args.only]
    if args.json:
        write_json(args, outcomes, imported)
    return outcomes


def write_json(args: argparse.Namespace, outcomes: list[Outcome], imported: Any) -> None:
    doc = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": database_version(),
        "machine": machine(),
        "scale": {"homes": args.homes, "years": args.years, "seed": args.seed},
        "load": {"users": args.users, "duration": args.duration, "think": list(args.think)},
        "set_up": {
            "import_seconds": imported.seconds,
            "events": imported.events,
            "reused": args.reuse,
        },
        "benchmarks": [out.as_json() for out in outcomes],
    }
    args.json.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"Wrote {args.json}", flush=True)


__all__ = ["Figure", "main"]

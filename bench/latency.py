"""The `latency` benchmark: response times (p50, p95, p99) under concurrent load, on loopback,
for a bounded time, of what staff do most: the case page, the household page, the work queue,
a case's clocks from the API and a page of the API's open cases (`--requests` chooses).

Doorstep is served by gunicorn (sync workers, one per core unless `--workers`) with
`bench.settings` (production's settings over plain HTTP) and persistent database connections;
locust (`bench/locustfile.py`) runs headless with `--users` staff, each pausing `--think`
seconds between requests, for `--duration` seconds, and writes its statistics as CSV. The staff
member is signed in through Django's session machinery (`Client.force_login`: the cookie the
sign-in form would set) and reads the API with a token (`api_token_create`). Every non-200
answer is an error; any error fails the benchmark.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.figures import Figure, Outcome
from bench.scratch import Scratch

REQUESTS = ("case_page", "household_page", "queue_page", "api_clocks", "api_cases")
PERCENTILES = (("p50", "50%"), ("p95", "95%"), ("p99", "99%"))
SAMPLE = 500
ALONE = 5
READY_SECONDS = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def targets(
    *,
    user: Any,
    seed: int,
    as_of: dt.date,
    think: tuple[float, float],
    requests: tuple[str, ...] = REQUESTS,
) -> dict[str, Any]:
    """What the load asks for: a random sample of the imported cases, a session, a token."""
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from doorstep.api.pagination import Keyset
    from doorstep.api.routers.cases import CASE_ORDER
    from doorstep.cases.models import Case, CaseStatus
    from doorstep.staff.services import api_token_create
    from doorstep.staff.twofactor import SESSION_KEY as TWO_FACTOR_KEY
    from doorstep.staff.twofactor import VERIFIED as TWO_FACTOR_VERIFIED

    refs = list(Case.objects.order_by("pk").values_list("reference", flat=True))
    chosen = random.Random(seed)  # noqa: S311 (a sample, not a secret)
    chosen.shuffle(refs)
    households = list(
        Case.objects.filter(reference__in=refs[:SAMPLE], household__isnull=False)
        .order_by("reference")
        .values_list("household__reference", flat=True)
        .distinct()
    )
    # Pages of the open-case list starting at random open cases: any depth, as a person
    # following `next` links would reach it.
    pager = Keyset(ordering=CASE_ORDER)
    starts = Case.objects.filter(status=CaseStatus.OPEN).order_by("?")[:SAMPLE]
    cursors = [pager.cursor_at(case) for case in starts] or [""]
    client = Client()
    client.force_login(user)
    # Production requires a second factor of a manager (who reads vulnerability detail): the
    # session is marked as having given it, as the code page would, so every page still
    # passes through the gate (which reads the session) and none is sent to give a code.
    session = client.session
    session[TWO_FACTOR_KEY] = TWO_FACTOR_VERIFIED
    session.save()
    _, token = api_token_create(user=user, name="bench", at=timezone.now())
    return {
        "refs": refs[:SAMPLE],
        "households": households or [""],
        "requests": list(requests),
        "cookie": settings.SESSION_COOKIE_NAME,
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "token": token,
        "as_of": as_of.isoformat(),
        "think": list(think),
        "cursors": cursors,
    }


def cases_page(cursor: str) -> str:
    """A page of 50 open cases, starting where the cursor says (none: the first page)."""
    query = {"status": "open", "limit": "50"} | ({"cursor": cursor} if cursor else {})
    return "/api/v1/cases?" + urllib.parse.urlencode(query)


def serve(*, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DATABASE_CONN_MAX_AGE="60")
    return subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "doorstep.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--timeout=120",
            "--log-level=warning",
        ],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/sign-in/", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {READY_SECONDS} s")


def night_before(
    *, as_of: dt.date, processes: int, sample: list[str] | None = None
) -> list[Figure]:
    """The night's sweep before a working day's load: the replays of every home with an open
    case kept (ADR 19) as of today (the pages' day) and as of `as_of` (the queue's and the
    API's, where the load asks for that day).

    With `sample` (the references of the cases the load asks for), only the homes of those
    cases are replayed and kept: each case page the load asks for then finds its home's replay
    kept, as it would after a whole sweep, at a fraction of a whole sweep's cost (at full scale
    a cold sweep takes hours; ADR 19). A household page also reads the communal cases of its
    buildings, whose homes may not be among them: its figures may be pessimistic. The work
    queue reads every open case, so this is not the night before for it: `run` refuses the two
    together."""
    from django.utils import timezone

    from doorstep.cases.models import Case
    from doorstep.deadlines.selectors import clocks_of, home_of
    from doorstep.lens.sweep import portfolio_sweep

    found = []
    for day in dict.fromkeys([timezone.localdate(), as_of]):
        started = time.perf_counter()
        if sample is None:
            homes = portfolio_sweep(as_of=day, workers=processes).homes
            what = "homes swept, their replays kept for the load"
        else:
            cases = list(
                Case.objects.filter(reference__in=sample).select_related(
                    "household__property", "property"
                )
            )
            homes = len({home_of(c) for c in cases})
            clocks_of(cases, as_of=day, workers=processes)
            what = "homes of the load's cases replayed and kept (not a whole sweep)"
        found.append(
            Figure(
                f"latency.sweep_before.{day.isoformat()}",
                time.perf_counter() - started,
                "s",
                against=f"{homes:,} {what}",
            )
        )
    return found


def first_look(base: str, wanted: dict[str, Any]) -> tuple[list[Figure], list[str]]:
    """Before the load, one user alone: each kind of request for `ALONE` random cases (after
    one to warm up), which must answer 200 (not a sign-in page); the median time of each, to
    tell the work a request does from the queueing under load."""
    api = {"Authorization": f"Bearer {wanted['token']}"}
    page = {"Cookie": f"{wanted['cookie']}={wanted['session']}"}
    refs, homes = wanted["refs"], wanted["households"]
    kinds: dict[str, tuple[Callable[[int], str], dict[str, str]]] = {
        "case_page": (lambda n: f"/cases/{refs[n % len(refs)]}/", page),
        "household_page": (lambda n: f"/households/{homes[n % len(homes)]}/", page),
        "queue_page": (lambda n: f"/queue/?as_of={wanted['as_of']}", page),
        "api_clocks": (
            lambda n: f"/api/v1/cases/{refs[n % len(refs)]}/clocks?as_of={wanted['as_of']}",
            api,
        ),
        "api_cases": (lambda n: cases_page(wanted["cursors"][n % len(wanted["cursors"])]), api),
    }
    found: list[Figure] = []
    problems = []
    for name, (url_of, headers) in kinds.items():
        if name not in wanted["requests"]:
            continue
        times = []
        for n in range(ALONE + 1):
            url = url_of(n)
            request = urllib.request.Request(base + url, headers=headers)  # noqa: S310
            started = time.perf_counter()
            try:
                with _no_redirects().open(request, timeout=60) as answer:
                    answer.read()
                    if answer.status != 200:
                        problems.append(f"latency: {url} answered {answer.status}")
            except urllib.error.HTTPError as error:
                problems.append(f"latency: {url} answered {error.code}")
            if n:
                times.append((time.perf_counter() - started) * 1000)
        found.append(Figure(f"latency.{name}.alone", statistics.median(times), "ms"))
    return found, problems


def _no_redirects() -> urllib.request.OpenerDirector:
    class Refuse(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    return urllib.request.build_opener(Refuse)


def load(
    *, base: str, folder: Path, users: int, duration: int
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            f"--users={users}",
            f"--spawn-rate={users}",
            f"--run-time={duration}s",
            f"--host={base}",
            f"--csv={folder / 'locust'}",
            "--only-summary",
            "--stop-timeout=10",
            "--loglevel=WARNING",
        ],
        env=dict(os.environ, BENCH_TARGETS=str(folder / "targets.json")),
        capture_output=True,
        timeout=duration + 120,
        check=False,
    )


def stats(path: Path) -> dict[str, dict[str, str]]:
    """locust's `_stats.csv`, by request name ("Aggregated" for all of them)."""
    with path.open(newline="") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def figures(
    rows: dict[str, dict[str, str]],
    duration: int,
    requests: tuple[str, ...] = REQUESTS,
    users: int | None = None,
) -> tuple[list[Figure], list[str]]:
    """The load's figures, and its problems: a request failed, or a kind asked for was never
    made. With `users` (a smoke run's few seconds only), a kind never made fails the run only
    if the load made enough requests to be sure of it: each user asks the kinds in turn from a
    random one (`locustfile.py`), so only once the users have made `users * (kinds - 1) + 1`
    requests must one of them have asked every kind. Below that (a smoke run on a machine busy
    with other work) it is said, not failed: every kind answered 200 alone before the load. A
    full run never passes `users`: there a kind that hangs holds each user at it, keeps the
    count low and must fail the run."""
    found: list[Figure] = []
    problems = []
    total = rows.get("Aggregated")
    if total is None:
        return found, ["latency: locust reported no requests"]
    errors = int(total["Failure Count"])
    found.append(Figure("latency.requests", int(total["Request Count"]), "requests"))
    found.append(Figure("latency.rate", float(total["Requests/s"]), "requests/s"))
    found.append(Figure("latency.errors", errors, "errors", positive=False))
    if errors:
        problems.append(f"latency: {errors} request(s) failed")
    made = int(total["Request Count"])
    sure = users * (len(requests) - 1) + 1 if users else 0
    for name in requests:
        row = rows.get(name)
        if row is None or int(row["Request Count"]) == 0:
            if made < sure:
                print(
                    f"   latency: no {name} request in {duration} s: {made} requests from "
                    f"{users} users, fewer than the {sure} that make sure of every kind (each "
                    "answered 200 alone before the load)",
                    flush=True,
                )
            else:
                problems.append(f"latency: no {name} request was made in {duration} s")
            continue
        for label, column in PERCENTILES:
            found.append(Figure(f"latency.{name}.{label}", float(row[column]), "ms"))
    return found, problems


def run(
    *,
    scratch: Scratch,
    user: Any,
    seed: int,
    as_of: dt.date,
    users: int,
    duration: int,
    workers: int,
    think: tuple[float, float],
    requests: tuple[str, ...] = REQUESTS,
    after_sweep: str | None = None,
    processes: int = 1,
    smoke: bool = False,
) -> Outcome:
    """The load. `after_sweep`: None (cold: every page makes its home's replay first), "all"
    (the night's sweep first) or "sample" (only the load's homes kept: `night_before`)."""
    out = Outcome("latency")
    if after_sweep == "sample" and "queue_page" in requests:
        out.problems.append(
            "latency: --after-sweep sample keeps only the load's homes; the work queue reads "
            "every open case (leave queue_page out of --requests, or sweep them all)"
        )
        return out
    wanted = targets(user=user, seed=seed, as_of=as_of, think=think, requests=requests)
    if not wanted["refs"]:
        out.problems.append("latency: no case was imported")
        return out
    if after_sweep:
        sample = wanted["refs"] if after_sweep == "sample" else None
        out.add(*night_before(as_of=as_of, processes=processes, sample=sample))
    folder = scratch.folder / "latency"
    folder.mkdir(exist_ok=True)
    (folder / "targets.json").write_text(json.dumps(wanted))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(port=port, workers=workers, log=folder / "gunicorn.log")
    try:
        wait_ready(base, server)
        alone, problems = first_look(base, wanted)
        out.problems += problems
        ran = load(base=base, folder=folder, users=users, duration=duration)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    csv_path = folder / "locust_stats.csv"
    if not csv_path.exists():
        tail = ran.stderr.decode(errors="replace")[-2000:]
        out.problems.append(f"latency: locust wrote no statistics (exit {ran.returncode}): {tail}")
        return out
    found, problems = figures(stats(csv_path), duration, requests, users if smoke else None)
    out.add(*alone, *found)
    out.problems += problems
    if out.problems:
        log = (folder / "gunicorn.log").read_text(errors="replace")[-2000:]
        if log.strip():
            out.problems.append(f"latency: gunicorn said: {log}")
    return out

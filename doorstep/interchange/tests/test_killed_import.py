"""Nothing lost when an import dies: `doorstep import` killed with SIGKILL part-way through a
bulk import leaves every household it reached whole or absent, never half; run again, it
finishes, and the record is the one a clean import makes.

A separate process against a committed record, so PostgreSQL only (CI's second run)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from doorstep.interchange.load import RUN
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.services import chronologies_import
from doorstep.interchange.tests.test_lanes import AT, _exports, _named, docs
from doorstep.timeline.models import Event

ON_POSTGRESQL = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="another process reads the committed record: PostgreSQL only",
)
# The import writes households in runs of `load.RUN` (200), each one transaction: enough
# homes for the kill to fall after the first run and before the last.
HOMES = 450
SCHEME = "killed"


def _import(path: Path) -> subprocess.Popen[bytes]:
    """`doorstep import` in its own process, on this test's database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "doorstep.settings.test"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]  # libpq reads it; kept out of the URL
    command = [sys.executable, "-m", "django", "import", str(path), "--scheme", SCHEME, "--quiet"]
    return subprocess.Popen(  # noqa: S603
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _households() -> int:
    return ExternalRef.objects.filter(scheme=SCHEME, kind=RefKind.TENANCY).count()


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_an_import_killed_part_way_leaves_no_half_household_and_a_rerun_finishes_it(tmp_path):
    generated = docs(HOMES)
    path = tmp_path / "landlord.jsonl"
    path.write_text("".join(json.dumps(doc) + "\n" for doc in generated))

    running = _import(path)
    deadline = time.monotonic() + 300
    while _households() < RUN:
        assert running.poll() is None, "the import finished before it could be killed"
        assert time.monotonic() < deadline, "the import made no progress"
        time.sleep(0.02)
    os.kill(running.pid, signal.SIGKILL)
    running.wait(timeout=30)
    assert running.returncode == -signal.SIGKILL
    reached = _exports(SCHEME)
    assert RUN <= len(reached) < HOMES

    finishing = _import(path)
    out, err = finishing.communicate(timeout=600)
    assert finishing.returncode == 0, err.decode()
    assert f"{len(reached)} already imported (unchanged)" in out.decode()
    events = Event.objects.count()

    chronologies_import(records=_named(generated), at=AT, scheme="clean")
    clean = _exports("clean")
    assert len(clean) == HOMES
    # Each household the killed run reached is whole: exactly what a clean import makes.
    assert {ref: clean[ref] for ref in reached} == reached
    # The run again finished it: the same record as the clean import, nothing twice.
    assert _exports(SCHEME) == clean
    assert Event.objects.count() == 2 * events  # the clean import wrote as many again
    assert ExternalRef.objects.filter(scheme=SCHEME, kind=RefKind.EVENT).count() == sum(
        len(doc["events"]) for doc in generated
    )

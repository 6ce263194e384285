"""The real worker, in its own process, on PostgreSQL: `doorstep worker --once` reads the
committed record, sends the reminder owed today through the notifier, records it on the case
and keeps the run, as a landlord's server would run it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from doorstep.appointments.models import OutboxMessage
from doorstep.worker.models import JobRun
from doorstep.worker.tests.test_worker import owed_a_reminder_today

ON_POSTGRESQL = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="another process reads the committed record: PostgreSQL only",
)


def _worker(*args: str) -> subprocess.CompletedProcess[str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "doorstep.settings.test"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return subprocess.run(  # noqa: S603 (our own interpreter and command)
        [sys.executable, "-m", "doorstep.cli", "worker", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_the_worker_process_sends_a_reminder_before_a_clock_breaches():
    case = owed_a_reminder_today()
    ran = _worker("--once")
    assert ran.returncode == 0, ran.stderr
    reminder = case.events.get(kind="reminder.sent")
    assert reminder.data["clock"] == "complaint.stage1.acknowledgement"
    assert OutboxMessage.objects.get(to="officer@landlord.example").subject.startswith(
        "Due in 1 working day: "
    )
    assert JobRun.objects.get(job="reminders").outcome["reminders"] == 1
    status = _worker("--status")
    assert "reminders" in status.stdout and "done" in status.stdout

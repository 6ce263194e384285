"""The scheduled jobs' tasks, run by `doorstep worker`: each reads the time at its boundary,
does its work through the services, and keeps what it found on its `JobRun`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from doorstep.timeline.when import LONDON
from doorstep.worker.jobs import SCHEDULED_QUEUE


def _day(period: str) -> dt.date:
    return dt.datetime.fromisoformat(period).astimezone(LONDON).date()


@task(queue_name=SCHEDULED_QUEUE)
def reminders_run(period: str) -> dict[str, Any]:
    """Send the reminders owed today (`reminders.services.reminders_send`)."""
    from doorstep.reminders.services import reminders_send
    from doorstep.worker.services import job_ran

    with job_ran("reminders", period, clock=timezone.now) as run:
        # As of the day it runs (a run queued late, behind a long one, reads today's clocks).
        now = timezone.now()
        run.outcome = reminders_send(as_of=now.astimezone(LONDON).date(), at=now).as_json()
    return run.outcome


@task(queue_name=SCHEDULED_QUEUE)
def sweep_run(period: str) -> dict[str, Any]:
    """The nightly portfolio sweep (`lens.sweep.portfolio_sweep`) as of the period's day: the
    findings by code, kept on the run for the morning. Its replays are kept for the day's pages
    and reminders (ADR 19); the replays kept of days before yesterday are forgotten first."""
    from doorstep.deadlines.kept import forget_before
    from doorstep.lens.sweep import portfolio_sweep
    from doorstep.worker.services import job_ran

    with job_ran("sweep", period, clock=timezone.now) as run:
        day = _day(period)
        forgotten = forget_before(day - dt.timedelta(days=1))
        sweep = portfolio_sweep(as_of=day)
        run.outcome = {
            "as_of": sweep.as_of.isoformat(),
            "homes": sweep.homes,
            "cases": sweep.cases,
            "findings": len(sweep.findings),
            "ongoing": sweep.ongoing,
            "by_code": dict(sorted(sweep.by_code.items())),
            "seconds": round(sweep.seconds, 1),
            "replays kept": int(sweep.timings.get("homes kept", 0)),
            "replays made": int(sweep.timings.get("homes made", 0)),
            "replays forgotten": forgotten,
        }
    return run.outcome

"""Starting the scheduled jobs that are due, once each (`jobs_enqueue_due`), and keeping what
each run found (`job_ran`). Time comes in as `now`."""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from doorstep.worker.jobs import Job, timetable
from doorstep.worker.models import JobRun

# A run queued or running this long is taken for dead (its worker killed mid-task, a deploy
# that stopped it): the next period's run is queued regardless. Taking a live run for dead
# costs only work: no reminder is sent twice (`reminders.services.reminder_send` checks under
# a lock on the case).
GIVEN_UP_AFTER = dt.timedelta(hours=3)


def jobs() -> tuple[Job, ...]:
    return timetable(
        reminders_every_hours=settings.DOORSTEP_REMINDERS_EVERY_HOURS,
        sweep_hour=settings.DOORSTEP_SWEEP_HOUR,
    )


def _still_going(job: Job, now: dt.datetime) -> bool:
    """An earlier run of the job is queued or running (and not yet taken for dead)."""
    return JobRun.objects.filter(
        job=job.name, finished_at__isnull=True, enqueued_at__gt=now - GIVEN_UP_AFTER
    ).exists()


def jobs_enqueue_due(*, now: dt.datetime) -> list[JobRun]:
    """Queue each job whose period has come and has no run yet, unless its previous run is
    still queued or running: a job slower than its period (the hourly reminders of a large
    landlord) runs back to back, never piling up. The run's row is unique per job and period,
    and written with its task in one transaction: of two workers only one queues it; a crash
    between the two leaves neither."""
    started = []
    for job in jobs():
        period = job.period(now)
        if period is None or JobRun.objects.filter(job=job.name, period=period).exists():
            continue
        if _still_going(job, now):
            continue
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, period=period, enqueued_at=now)
                result = import_string(job.task).enqueue(period.isoformat())
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:  # another worker queued it first
            continue
        started.append(run)
    return started


@contextmanager
def job_ran(job: str, period: str, *, clock: Callable[[], dt.datetime]) -> Iterator[JobRun]:
    """Around a job's work: its start and end kept on its run (created where the task was
    queued by hand, not by the timetable), and, if it fails, the traceback (then raised, so
    the task is marked failed too). `clock` tells the time (the task passes the real one)."""
    when = dt.datetime.fromisoformat(period)
    run, _ = JobRun.objects.get_or_create(job=job, period=when, defaults={"enqueued_at": clock()})
    run.started_at, run.finished_at, run.error = clock(), None, ""
    run.save(update_fields=["started_at", "finished_at", "error"])
    try:
        yield run
    except Exception:
        run.error = traceback.format_exc(limit=20)
        run.finished_at = clock()
        run.save(update_fields=["error", "finished_at"])
        raise
    run.finished_at = clock()
    run.save(update_fields=["outcome", "finished_at"])

"""Starting the scheduled jobs that are due, once each (`jobs_enqueue_due`), and keeping what
each run found (`job_ran`). Time comes in as `now`."""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from doorstep.worker.jobs import Job, timetable
from doorstep.worker.models import JobRun


def jobs() -> tuple[Job, ...]:
    return timetable(sweep_hour=settings.DOORSTEP_SWEEP_HOUR)


def jobs_enqueue_due(*, now: dt.datetime) -> list[JobRun]:
    """Queue each job whose period has come and has no run yet. The run's row is unique per
    job and period, and written with its task in one transaction: of two workers only one
    queues it; a crash between the two leaves neither."""
    started = []
    for job in jobs():
        period = job.period(now)
        if period is None or JobRun.objects.filter(job=job.name, period=period).exists():
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
def job_ran(job: str, period: str) -> Iterator[JobRun]:
    """Around a job's work: its start and end kept on its run (created where the task was
    queued by hand, not by the timetable), and, if it fails, the traceback (then raised, so
    the task is marked failed too)."""
    when = dt.datetime.fromisoformat(period)
    run, _ = JobRun.objects.get_or_create(
        job=job, period=when, defaults={"enqueued_at": timezone.now()}
    )
    run.started_at, run.finished_at, run.error = timezone.now(), None, ""
    run.save(update_fields=["started_at", "finished_at", "error"])
    try:
        yield run
    except Exception:
        run.error = traceback.format_exc(limit=20)
        run.finished_at = timezone.now()
        run.save(update_fields=["error", "finished_at"])
        raise
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "finished_at"])

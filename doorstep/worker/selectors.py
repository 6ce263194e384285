"""What the worker has done and has waiting: the latest runs of each job, and the deferred
tasks queued, failed or running (for `doorstep worker --status` and the operations page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django_tasks_db.models import DBTaskResult

from doorstep.worker.models import JobRun


def runs_recent(*, limit: int = 20) -> QuerySet[JobRun]:
    return JobRun.objects.order_by("-period", "job")[:limit]


def tasks_by_status() -> dict[str, int]:
    """How many deferred tasks are in each state (READY, RUNNING, SUCCESSFUL, FAILED)."""
    rows = DBTaskResult.objects.values("status").annotate(n=Count("id")).order_by("status")
    return {str(row["status"]): int(row["n"]) for row in rows}


@dataclass(frozen=True)
class WorkerHealth:
    """Whether the hourly reminders finished lately (`ok`), when, and how many deferred tasks
    failed (raised) in the last day."""

    ok: bool
    reminders_finished_at: dt.datetime | None
    failed_tasks_last_day: int

    def as_json(self) -> dict[str, Any]:
        finished = self.reminders_finished_at
        return {
            "status": "ok" if self.ok else "stale",
            "reminders_finished_at": finished.isoformat() if finished else None,
            "failed_tasks_last_day": self.failed_tasks_last_day,
        }


def worker_health(*, now: dt.datetime, stale_after: dt.timedelta) -> WorkerHealth:
    finished = (
        JobRun.objects.filter(job="reminders", finished_at__isnull=False, error="")
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    failed = DBTaskResult.objects.filter(
        status="FAILED", finished_at__gte=now - dt.timedelta(days=1)
    ).count()
    ok = finished is not None and now - finished <= stale_after
    return WorkerHealth(ok=ok, reminders_finished_at=finished, failed_tasks_last_day=failed)

"""What the worker has done and has waiting: the latest runs of each job, and the deferred
tasks queued, failed or running (for `doorstep worker --status` and the operations page)."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django_tasks_db.models import DBTaskResult

from doorstep.worker.models import JobRun


def runs_recent(*, limit: int = 20) -> QuerySet[JobRun]:
    return JobRun.objects.order_by("-period", "job")[:limit]


def tasks_by_status() -> dict[str, int]:
    """How many deferred tasks are in each state (READY, RUNNING, SUCCESSFUL, FAILED)."""
    rows = DBTaskResult.objects.values("status").annotate(n=Count("id")).order_by("status")
    return {str(row["status"]): int(row["n"]) for row in rows}

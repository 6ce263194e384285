"""The scheduled jobs' runs: one row per job and period (an hour, or a day), unique, so two
workers cannot both start the same run; what the run found is kept on it for the morning.

Operational bookkeeping, not the record: the record of what a job did is on the cases it
touched (a `reminder.sent`, a `notification.status`). Deferred tasks themselves are
django-tasks' rows (`django_tasks_db.DBTaskResult`)."""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    job = models.CharField(max_length=40)
    period = models.DateTimeField(help_text="The start of the hour or day the run is for.")
    enqueued_at = models.DateTimeField()
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-period", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="worker_jobrun_once"),
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.period:%Y-%m-%d %H:%M}"

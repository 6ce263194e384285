"""`doorstep worker`: run the deferred tasks (a message to send again, a job's work) from the
database, and queue each scheduled job when its hour comes (`worker.jobs`): the reminders
every hour, the portfolio sweep nightly. One or more may run; each job runs once per period.

    doorstep worker              run until stopped (SIGTERM or Ctrl+C ends it between tasks)
    doorstep worker --once       queue what is due, run every task ready, then stop (cron)
    doorstep worker --status     the latest runs of each job and the tasks by state
    doorstep worker --queues default     only messages sent again (beside one for `scheduled`)
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from doorstep.worker.jobs import SCHEDULED_QUEUE
from doorstep.worker.selectors import runs_recent, tasks_by_status
from doorstep.worker.services import jobs_enqueue_due

logger = logging.getLogger("doorstep.worker")
QUEUES = tuple(settings.TASKS["default"]["QUEUES"])
QUEUED = "Queued the {job} job for {period}."
STATUS_RUN = "{job:<10} {period}  {state:<9} {outcome}"
STATUS_TASKS = "Deferred tasks by state: {states}."


class Command(BaseCommand):
    help = "Run deferred tasks and the scheduled jobs (reminders hourly, the nightly sweep)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Queue what is due, run every ready task, stop."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds to wait, with nothing to run, before looking again (5).",
        )
        parser.add_argument(
            "--status", action="store_true", help="Show the jobs' latest runs and the tasks."
        )
        parser.add_argument(
            "--queues",
            default="default,scheduled",
            help="The queues to run, comma-separated: `default` (messages sent again) and "
            "`scheduled` (the timetable's jobs). Both unless told.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["status"]:
            self.status()
            return
        queues = [q.strip() for q in options["queues"].split(",") if q.strip()]
        unknown = sorted(set(queues) - set(QUEUES))
        if unknown or not queues:
            raise CommandError(
                f"--queues names {', '.join(unknown) or 'nothing'}; the queues are "
                f"{', '.join(QUEUES)}."
            )
        worker = Worker(
            queue_names=queues,
            interval=0,
            batch=True,  # each pass runs every ready task, then returns to the timetable
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        logger.info("Worker %s started.", worker.worker_id)
        while worker.running:
            # The worker that runs the scheduled jobs keeps the timetable.
            for run in jobs_enqueue_due(now=timezone.now()) if SCHEDULED_QUEUE in queues else []:
                logger.info(QUEUED.format(job=run.job, period=run.period.isoformat()))
            worker.run()
            if options["once"]:
                break
            time.sleep(options["interval"])

    def status(self) -> None:
        for run in runs_recent():
            state = (
                "failed"
                if run.error
                else "done"
                if run.finished_at
                else "running"
                if run.started_at
                else "queued"
            )
            self.stdout.write(
                STATUS_RUN.format(
                    job=run.job,
                    period=run.period.isoformat(),
                    state=state,
                    outcome=run.outcome or "",
                )
            )
        states = ", ".join(f"{k.lower()} {v}" for k, v in tasks_by_status().items()) or "none"
        self.stdout.write(STATUS_TASKS.format(states=states))

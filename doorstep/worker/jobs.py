"""The worker's timetable: each scheduled job, how often it runs, and the period a moment
falls in. Pure: no database, no clock read here (the moment is an argument)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorstep.timeline.when import LONDON

HOURLY, DAILY = "hourly", "daily"


@dataclass(frozen=True)
class Job:
    """A job: its name, `hourly` or `daily` (at `hour`, local time), the dotted path of its
    task (which takes the period's start, ISO 8601), and what it is for."""

    name: str
    every: str
    task: str
    purpose: str
    hour: int = 0

    def period(self, now: dt.datetime) -> dt.datetime | None:
        """The period `now` falls in that this job is due for: the hour it is in, or today
        (from the job's hour; None before it). Local time, so a day is the landlord's day."""
        local = now.astimezone(LONDON)
        if self.every == HOURLY:
            return local.replace(minute=0, second=0, microsecond=0)
        if local.hour < self.hour:
            return None
        return local.replace(hour=self.hour, minute=0, second=0, microsecond=0)


def timetable(*, sweep_hour: int) -> tuple[Job, ...]:
    return (
        Job(
            "reminders",
            HOURLY,
            "doorstep.worker.tasks.reminders_run",
            "Remind officers and teams of clocks falling due (reminders.working_days_before).",
        ),
        Job(
            "sweep",
            DAILY,
            "doorstep.worker.tasks.sweep_run",
            "The Ombudsman lens over every open case, its findings counted for the morning.",
            hour=sweep_hour,
        ),
    )

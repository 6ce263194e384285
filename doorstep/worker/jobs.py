"""The worker's timetable: each scheduled job, how often it runs, and the period a moment
falls in. Pure: no database, no clock read here (the moment is an argument)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorstep.timeline.when import LONDON

# Scheduled jobs run on their own queue, so a long one (a whole landlord's replay) never holds
# up a resident's message waiting to be sent again (the default queue); at scale each queue
# has its own worker (`doorstep worker --queues`, docs/operations.md).
SCHEDULED_QUEUE = "scheduled"


@dataclass(frozen=True)
class Job:
    """A job: its name, the dotted path of its task (which takes the period's start, ISO
    8601), what it is for, and when: every `every_hours` hours (1 to 24, dividing 24) from
    `at_hour` in the landlord's local time."""

    name: str
    task: str
    purpose: str
    every_hours: int = 1
    at_hour: int = 0

    def __post_init__(self) -> None:
        if self.every_hours < 1 or 24 % self.every_hours:
            raise ValueError(f"{self.name}: every_hours must divide 24, not {self.every_hours}")
        if not 0 <= self.at_hour < 24:
            raise ValueError(f"{self.name}: at_hour must be 0 to 23, not {self.at_hour}")

    def period(self, now: dt.datetime) -> dt.datetime | None:
        """The start of the period `now` falls in: the latest of today's times from `at_hour`
        every `every_hours` hours that has come (None before the first). Local time, so a
        day is the landlord's day, whatever the server's zone."""
        local = now.astimezone(LONDON)
        first = self.at_hour % self.every_hours
        if local.hour < first:
            return None
        hour = first + (local.hour - first) // self.every_hours * self.every_hours
        # fold=0: on the night the clocks go back, 01:00 to 02:00 happens twice; both are the
        # same period (the first), or a job at 01:00 would run twice.
        return local.replace(hour=hour, minute=0, second=0, microsecond=0, fold=0)


def timetable(*, reminders_every_hours: int, sweep_hour: int) -> tuple[Job, ...]:
    return (
        Job(
            "reminders",
            "doorstep.worker.tasks.reminders_run",
            "Remind officers and teams of clocks falling due (reminders.working_days_before).",
            every_hours=reminders_every_hours,
        ),
        Job(
            "sweep",
            "doorstep.worker.tasks.sweep_run",
            "The Ombudsman lens over every open case, its findings counted for the morning.",
            every_hours=24,
            at_hour=sweep_hour,
        ),
    )

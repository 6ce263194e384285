"""The timetable: the period a moment falls in, for an hourly and a daily job, in the
landlord's local time (a day starts at midnight in London, whatever the server's zone)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstep.timeline.when import LONDON
from doorstep.worker.jobs import Job, timetable

HOURLY_JOB = Job("reminders", "x.y", "test")
NIGHTLY = Job("sweep", "x.y", "test", every_hours=24, at_hour=2)
EVERY_FOUR = Job("reminders", "x.y", "test", every_hours=4, at_hour=1)
MOMENTS = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2099, 12, 31),
    timezones=st.just(dt.UTC),
)


@given(MOMENTS)
def test_an_hourly_job_s_period_is_the_local_hour_the_moment_is_in(now):
    period = HOURLY_JOB.period(now)
    assert period is not None
    assert period <= now < period + dt.timedelta(hours=1)
    assert (period.minute, period.second, period.microsecond) == (0, 0, 0)


@given(MOMENTS)
def test_a_daily_job_is_due_from_its_local_hour_for_that_local_day(now):
    period = NIGHTLY.period(now)
    local = now.astimezone(LONDON)
    if local.hour < 2:
        assert period is None
        return
    assert period is not None
    assert (period.date(), period.hour, period.minute) == (local.date(), 2, 0)
    assert period <= now


def test_the_hour_the_clocks_go_back_is_one_period_not_two():
    at_one = Job("sweep", "x.y", "test", every_hours=24, at_hour=1)
    first = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)  # 01:30 BST
    second = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)  # 01:30 GMT, an hour later
    assert at_one.period(first) == at_one.period(second)
    hourly_first, hourly_second = HOURLY_JOB.period(first), HOURLY_JOB.period(second)
    assert hourly_first == hourly_second  # the repeated hour is one period of the hourly job


def test_across_the_clocks_going_back_the_day_is_still_the_london_day():
    # 25 October 2026: British Summer Time ends at 02:00 BST; 00:30 UTC is 01:30 BST.
    early = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    assert NIGHTLY.period(early) is None
    later = dt.datetime(2026, 10, 25, 3, 0, tzinfo=dt.UTC)  # 03:00 GMT
    period = NIGHTLY.period(later)
    assert period is not None and period.date() == dt.date(2026, 10, 25)


@given(MOMENTS)
def test_a_job_every_few_hours_starts_a_period_at_each_of_its_hours(now):
    period = EVERY_FOUR.period(now)
    local = now.astimezone(LONDON)
    if local.hour < 1:
        assert period is None
        return
    assert period is not None and period.hour in (1, 5, 9, 13, 17, 21)
    assert period <= now < period + dt.timedelta(hours=4)


@pytest.mark.parametrize(("every", "at"), [(5, 0), (0, 0), (24, 24), (48, 0)])
def test_a_cadence_that_does_not_divide_the_day_is_refused(every, at):
    with pytest.raises(ValueError):
        Job("x", "x.y", "test", every_hours=every, at_hour=at)


def test_the_timetable_names_real_tasks_on_the_scheduled_queue():
    from django.utils.module_loading import import_string

    for job in timetable(reminders_every_hours=1, sweep_hour=2):
        task = import_string(job.task)
        assert callable(task.enqueue) and task.queue_name == "scheduled"

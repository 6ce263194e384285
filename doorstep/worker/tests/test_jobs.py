"""The timetable: the period a moment falls in, for an hourly and a daily job, in the
landlord's local time (a day starts at midnight in London, whatever the server's zone)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from doorstep.timeline.when import LONDON
from doorstep.worker.jobs import DAILY, HOURLY, Job, timetable

HOURLY_JOB = Job("reminders", HOURLY, "x.y", "test")
NIGHTLY = Job("sweep", DAILY, "x.y", "test", hour=2)
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


def test_across_the_clocks_going_back_the_day_is_still_the_london_day():
    # 25 October 2026: British Summer Time ends at 02:00 BST; 00:30 UTC is 01:30 BST.
    early = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    assert NIGHTLY.period(early) is None
    later = dt.datetime(2026, 10, 25, 3, 0, tzinfo=dt.UTC)  # 03:00 GMT
    period = NIGHTLY.period(later)
    assert period is not None and period.date() == dt.date(2026, 10, 25)


def test_the_timetable_names_real_tasks():
    from django.utils.module_loading import import_string

    for job in timetable(sweep_hour=2):
        assert callable(import_string(job.task).enqueue)

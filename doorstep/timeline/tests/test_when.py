"""Dates with their precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstep.timeline.when import BAD_WHEN, LONDON, Precision, When

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@given(days)
def test_a_day_spans_its_whole_day(day):
    when = When.parse(day.isoformat())
    assert when.precision is Precision.DAY
    assert when.earliest_date == when.latest_date == day
    assert when.is_precise


@given(days)
def test_a_month_runs_from_its_first_to_its_last_day(day):
    when = When.parse(f"{day:%Y-%m}")
    assert when.precision is Precision.MONTH
    assert when.earliest_date == day.replace(day=1)
    assert (when.latest_date + dt.timedelta(days=1)).day == 1
    assert when.earliest <= when.latest
    assert not when.is_precise


@given(days)
def test_a_year_runs_from_new_year_to_31_december(day):
    when = When.parse(str(day.year))
    assert (when.earliest_date, when.latest_date) == (
        dt.date(day.year, 1, 1),
        dt.date(day.year, 12, 31),
    )


def test_a_time_without_a_zone_is_read_as_london():
    when = When.parse("2022-03-03T09:15")
    assert when.earliest == dt.datetime(2022, 3, 3, 9, 15, tzinfo=LONDON)
    assert when.precision is Precision.TIME


@pytest.mark.parametrize(
    "text, shown", [("2021", "2021"), ("2021-03", "March 2021"), ("2022-03-03", "3 March 2022")]
)
def test_display_keeps_the_precision(text, shown):
    assert When.parse(text).display() == shown


@pytest.mark.parametrize("bad", ["", "March 2021", "2021-13", "2021-02-30", "21-03-01"])
def test_bad_dates_are_refused_with_the_accepted_forms(bad):
    with pytest.raises(ValueError) as info:
        When.parse(bad)
    assert str(info.value) == BAD_WHEN.format(value=bad)

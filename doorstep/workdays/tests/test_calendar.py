"""The working-day arithmetic, checked against a day-by-day count and the determinations."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstep.workdays import Calendar, Nation, calendar_for
from doorstep.workdays.calendar import NEGATIVE, OUT_OF_RANGE

ENGLAND = calendar_for("england")
days = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2095, 12, 31))
counts = st.integers(min_value=0, max_value=400)
nations = st.sampled_from(list(Nation))


def slow_count(cal: Calendar, start: dt.date, end: dt.date) -> int:
    """The definition, one day at a time: working days after start, up to and including end."""
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        n += cal.is_working_day(day)
    return n


@given(days, counts, nations)
def test_adding_then_counting_round_trips(start, n, nation):
    cal = calendar_for(nation)
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@given(days, st.integers(min_value=1, max_value=400), nations)
def test_adding_never_lands_on_a_non_working_day(start, n, nation):
    cal = calendar_for(nation)
    due = cal.add_working_days(start, n)
    assert cal.is_working_day(due)
    assert cal.working_days_between(start, due - dt.timedelta(days=1)) == n - 1


@settings(max_examples=60)
@given(days, st.integers(min_value=0, max_value=120))
def test_counting_agrees_with_the_day_by_day_definition(start, span):
    end = start + dt.timedelta(days=span)
    assert ENGLAND.working_days_between(start, end) == slow_count(ENGLAND, start, end)


@given(days, days)
def test_counting_is_antisymmetric_and_additive(a, b):
    assert ENGLAND.working_days_between(a, b) == -ENGLAND.working_days_between(b, a)
    mid = min(a, b) + (max(a, b) - min(a, b)) / 2
    assert ENGLAND.working_days_between(min(a, b), max(a, b)) == (
        ENGLAND.working_days_between(min(a, b), mid) + ENGLAND.working_days_between(mid, max(a, b))
    )


@given(days)
def test_next_working_day_is_the_first_after(day):
    nxt = ENGLAND.next_working_day(day)
    assert nxt > day and ENGLAND.is_working_day(nxt)
    assert all(
        not ENGLAND.is_working_day(day + dt.timedelta(days=k)) for k in range(1, (nxt - day).days)
    )


# Counts from the determinations (shared/scenarios/*.expected.md and the seeds).
@pytest.mark.parametrize(
    "start, end, expected",
    [
        (dt.date(2021, 6, 30), dt.date(2021, 10, 7), 70),  # Bromford stage 1: "70 working days"
        (dt.date(2022, 6, 30), dt.date(2022, 7, 14), 10),
    ],
)
def test_counts_quoted_in_the_determinations(start, end, expected):
    assert ENGLAND.working_days_between(start, end) == expected


def test_named_bank_holidays_are_skipped():
    # The state funeral of Queen Elizabeth II, Monday 19 September 2022, was a bank holiday.
    assert ENGLAND.why_not_working(dt.date(2022, 9, 19)) == "State Funeral of Queen Elizabeth II"
    assert ENGLAND.add_working_days(dt.date(2022, 9, 16), 1) == dt.date(2022, 9, 20)


def test_nations_differ():
    # 2 January is a bank holiday in Scotland only; St Patrick's Day in Northern Ireland only.
    assert not calendar_for("scotland").is_working_day(dt.date(2024, 1, 2))
    assert ENGLAND.is_working_day(dt.date(2024, 1, 2))
    assert not calendar_for("northern_ireland").is_working_day(dt.date(2024, 3, 18))


def test_a_landlords_closure_day_is_not_a_working_day():
    cal = Calendar(closures={dt.date(2024, 12, 24): "Office closed for Christmas Eve"})
    assert not cal.is_working_day(dt.date(2024, 12, 24))
    assert cal.why_not_working(dt.date(2024, 12, 24)) == "Office closed for Christmas Eve"
    assert cal.working_days_between(dt.date(2024, 12, 20), dt.date(2024, 12, 27)) == 2


def test_a_newly_announced_holiday_moves_a_due_date():
    start = dt.date(2030, 5, 1)
    before = ENGLAND.add_working_days(start, 10)
    announced = Calendar(extra={dt.date(2030, 5, 10): "Announced bank holiday"})
    assert announced.add_working_days(start, 10) == ENGLAND.add_working_days(start, 11)
    assert announced.add_working_days(start, 10) > before


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError) as info:
        ENGLAND.add_working_days(dt.date(2024, 1, 1), -1)
    assert str(info.value) == NEGATIVE.format(n=-1)
    with pytest.raises(ValueError) as info:
        ENGLAND.is_working_day(dt.date(1900, 1, 1))
    assert str(info.value) == OUT_OF_RANGE.format(day="1900-01-01")

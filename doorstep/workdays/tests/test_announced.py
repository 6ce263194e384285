"""The calendar as known on a date: announced days count only from their announcement."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from doorstep.workdays import AnnouncedDay, DayKind, calendar_as_known, calendar_for, known_days

ENGLAND = calendar_for("england")
# A made-up weekday holiday, so the test does not depend on the package's own data.
FICTIONAL = AnnouncedDay(
    dt.date(2031, 6, 4), "Fictional Jubilee", DayKind.BANK_HOLIDAY, dt.date(2031, 3, 1)
)
CLOSURE = AnnouncedDay(dt.date(2031, 6, 5), "Office move", DayKind.CLOSURE, dt.date(2031, 5, 20))


def test_an_announced_day_is_unknown_before_its_announcement():
    before = calendar_as_known(ENGLAND, [FICTIONAL], dt.date(2031, 2, 28))
    on = calendar_as_known(ENGLAND, [FICTIONAL], dt.date(2031, 3, 1))
    assert before is ENGLAND and before.is_working_day(FICTIONAL.day)
    assert not on.is_working_day(FICTIONAL.day)
    assert on.why_not_working(FICTIONAL.day) == "Fictional Jubilee"
    assert on.extra == {FICTIONAL.day: "Fictional Jubilee"} and on.closures == {}


def test_closures_join_the_landlords_closures():
    cal = calendar_as_known(ENGLAND, [FICTIONAL, CLOSURE], dt.date(2031, 6, 1))
    assert cal.closures == {CLOSURE.day: "Office move"}
    assert cal.add_working_days(dt.date(2031, 6, 3), 1) == dt.date(2031, 6, 6)
    assert known_days([CLOSURE, FICTIONAL], dt.date(2031, 6, 1)) == (FICTIONAL, CLOSURE)


days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))


@given(days, days, days, st.integers(min_value=1, max_value=60))
def test_an_announcement_never_makes_a_count_end_sooner(holiday, announced, start, n):
    added = AnnouncedDay(holiday, "Announced", DayKind.BANK_HOLIDAY, announced)
    known = calendar_as_known(ENGLAND, [added], max(announced, start))
    assert known.add_working_days(start, n) >= ENGLAND.add_working_days(start, n)

"""Days off announced after the published calendar: recorded once, append-only, and given to
the clock engine with their announcement dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction

from doorstep.core.errors import DomainError
from doorstep.policy.models import CalendarDay
from doorstep.policy.selectors import announced_days, calendar_days_known
from doorstep.policy.services import (
    ALREADY_RECORDED,
    ANNOUNCED_AFTER_THE_DAY,
    ANNOUNCED_LATER_THAN_RECORDED,
    BAD_KIND,
    NO_DAY_SOURCE,
    NO_NAME,
    NOT_A_WORKING_DAY,
    calendar_day_record,
)
from doorstep.workdays import AnnouncedDay, DayKind

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 10)  # a Wednesday


@pytest.fixture
def at() -> dt.datetime:
    """Recorded the day after the announcement."""
    return dt.datetime(2026, 5, 2, 9, 30, tzinfo=dt.UTC)


def record(at, **changes):
    fields = {
        "actor": None,
        "day": DAY,
        "name": "Fictional Jubilee",
        "kind": "bank_holiday",
        "announced_on": dt.date(2026, 5, 1),
        "source": "GOV.UK, 1 May 2026",
        "at": at,
    }
    return calendar_day_record(**(fields | changes))


def test_a_recorded_day_reaches_the_engine_with_its_announcement_date(at):
    day = record(at)
    assert (day.recorded_by_name, day.kind) == ("Doorstep (system)", "bank_holiday")
    assert announced_days() == (
        AnnouncedDay(DAY, "Fictional Jubilee", DayKind.BANK_HOLIDAY, dt.date(2026, 5, 1)),
    )
    assert list(calendar_days_known(on=dt.date(2026, 4, 30))) == []
    assert list(calendar_days_known(on=dt.date(2026, 5, 1))) == [day]


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"name": " "}, NO_NAME, "name"),
        ({"source": ""}, NO_DAY_SOURCE, "source"),
        ({"kind": "strike"}, BAD_KIND, "kind"),
        (
            {"day": dt.date(2026, 6, 13)},
            NOT_A_WORKING_DAY.format(day="2026-06-13", why="Saturday"),
            "day",
        ),
        (
            {"day": dt.date(2026, 12, 25)},
            NOT_A_WORKING_DAY.format(day="2026-12-25", why="Christmas Day"),
            "day",
        ),
        (
            {"announced_on": dt.date(2026, 6, 11), "at": dt.datetime(2026, 7, 1, tzinfo=dt.UTC)},
            ANNOUNCED_AFTER_THE_DAY.format(announced="2026-06-11", day="2026-06-10"),
            "announced_on",
        ),
    ],
)
def test_a_day_that_changes_nothing_or_is_incomplete_is_refused(at, changes, message, field):
    with pytest.raises(DomainError) as info:
        record(changes.get("at", at), **{k: v for k, v in changes.items() if k != "at"})
    assert (info.value.message, info.value.field) == (message, field)
    assert not CalendarDay.objects.exists()


def test_an_announcement_cannot_be_recorded_before_it_is_made(at):
    future = at.date() + dt.timedelta(days=3)
    with pytest.raises(DomainError) as info:
        record(at, day=dt.date(2099, 6, 10), announced_on=future)
    assert info.value.message == ANNOUNCED_LATER_THAN_RECORDED.format(
        announced=future.isoformat(), today=at.date().isoformat()
    )


def test_a_day_is_recorded_once_per_kind(at):
    record(at)
    with pytest.raises(DomainError) as info:
        record(at, name="Again")
    message = ALREADY_RECORDED.format(
        day="2026-06-10", kind="bank holiday", name="Fictional Jubilee"
    )
    assert info.value.message == message
    assert record(at, kind="closure", name="Office closed").kind == "closure"


@pytest.mark.parametrize(
    "sql", ["UPDATE policy_calendarday SET name = 'x' WHERE id = %s",
            "DELETE FROM policy_calendarday WHERE id = %s"],
)  # fmt: skip
def test_calendar_days_are_append_only(at, sql):
    day = record(at)
    with pytest.raises(PermissionError):
        day.save()
    with pytest.raises(PermissionError):
        CalendarDay.objects.filter(pk=day.pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [day.pk])
    assert CalendarDay.objects.get(pk=day.pk).name == "Fictional Jubilee"

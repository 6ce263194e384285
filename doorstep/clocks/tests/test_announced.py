"""Days off announced after the `holidays` package's data: a stopped clock keeps the due date
it had; a running clock is recomputed, and its explanation names the day that moved it."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from doorstep.clocks.engine import ClockResult, compute_clocks
from doorstep.clocks.explain import ANNOUNCED_DAY, ANNOUNCED_LATER, ANNOUNCED_MOVED, show
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.tests.builders import chronology, d, ev
from doorstep.clocks.tests.test_properties import SCENARIOS
from doorstep.workdays import AnnouncedDay, DayKind

# A made-up weekday holiday, announced at short notice.
HOLIDAY = AnnouncedDay(d("2031-06-11"), "Fictional Jubilee", DayKind.BANK_HOLIDAY, d("2031-06-02"))
RESPONSE = "complaint.stage1.response"


def received(at: str):
    return ev("s", at, "complaint.received", by="R1", stage=1, text="x")


def response(at: str):
    return ev("t", at, "complaint.response", stage=1, outcome=None, text="y")


def clock_of(events, name, as_of, announced=()) -> ClockResult:
    facts = facts_from_chronology(chronology(*events))
    (found,) = [
        c for c in compute_clocks(facts, as_of=as_of, announced=announced) if c.clock == name
    ]
    return found


def test_a_running_clock_is_recomputed_and_says_which_day_moved_it():
    # Received Wed 28 May 2031 (2024 Code): acknowledgement due Wed 4 Jun, response 10 working
    # days after that: Wed 18 Jun; with the holiday on Wed 11 Jun, Thu 19 Jun.
    events = [received("2031-05-28")]
    before = clock_of(events, RESPONSE, d("2031-06-01"), [HOLIDAY])
    after = clock_of(events, RESPONSE, d("2031-06-02"), [HOLIDAY])
    assert (before.due, after.due) == (d("2031-06-18"), d("2031-06-19"))
    named = ANNOUNCED_DAY.format(
        day=show(HOLIDAY.day), name=HOLIDAY.name, announced_on=show(HOLIDAY.announced_on)
    )
    moved = ANNOUNCED_MOVED.format(days=named, usual=show(d("2031-06-18")), due=show(after.due))
    assert moved in after.explanation.lines
    assert (HOLIDAY.day, HOLIDAY.name) in after.explanation.holidays
    assert not any("Fictional" in line for line in before.explanation.lines)


def test_a_stopped_clock_keeps_its_due_date_and_says_why():
    late = AnnouncedDay(HOLIDAY.day, HOLIDAY.name, HOLIDAY.kind, d("2031-06-09"))
    events = [received("2031-05-28"), response("2031-06-05")]
    clock = clock_of(events, RESPONSE, d("2031-07-01"), [late])
    assert (clock.due, clock.stopped) == (d("2031-06-18"), d("2031-06-05"))
    named = ANNOUNCED_DAY.format(
        day=show(late.day), name=late.name, announced_on=show(late.announced_on)
    )
    later = ANNOUNCED_LATER.format(days=named, stopped=show(d("2031-06-05")))
    assert later in clock.explanation.lines


def test_a_response_sent_before_the_response_clock_started_keeps_the_calendar_of_its_day():
    # Sent on Sun 1 Jun, before the acknowledgement was due (Wed 4 Jun): the clock stops at its
    # start, 4 Jun, but keeps the calendar known when the response was sent.
    events = [received("2031-05-28"), response("2031-06-01")]
    clock = clock_of(events, RESPONSE, d("2031-07-01"), [HOLIDAY])
    assert (clock.due, clock.stopped) == (d("2031-06-18"), d("2031-06-04"))


def test_a_clock_stopped_after_the_announcement_counts_the_day():
    events = [received("2031-05-28"), response("2031-06-19")]
    clock = clock_of(events, RESPONSE, d("2031-07-01"), [HOLIDAY])
    assert (clock.due, clock.breached) == (d("2031-06-19"), False)


def test_a_closure_counts_like_a_holiday_once_announced():
    closure = AnnouncedDay(d("2031-06-11"), "Office move", DayKind.CLOSURE, d("2031-05-01"))
    clock = clock_of([received("2031-05-28")], RESPONSE, d("2031-06-02"), [closure])
    assert clock.due == d("2031-06-19")


# --- properties -------------------------------------------------------------------------------

names = st.sampled_from(sorted(SCENARIOS))
starts = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2025, 9, 1))
offsets = st.integers(min_value=0, max_value=60)
weekdays = st.integers(min_value=1, max_value=90)


def scenario_clock(
    name: str, start: dt.date, stop: dt.date | None, as_of: dt.date, announced
) -> ClockResult | None:
    case_type, opener, closer = SCENARIOS[name]
    events = [opener(start.isoformat())] + ([closer(stop.isoformat())] if stop else [])
    facts = facts_from_chronology(chronology(*events, case_type=case_type))
    found = [c for c in compute_clocks(facts, as_of=as_of, announced=announced) if c.clock == name]
    return found[0] if found else None


def code_2024_response(start: dt.date, stop: dt.date | None, as_of: dt.date, announced):
    """A 2024-Code response with no acknowledgement: it starts from the acknowledgement's due
    date, itself counted in working days."""
    events = [received(start.isoformat())] + ([response(stop.isoformat())] if stop else [])
    return clock_of(events, RESPONSE, as_of, announced)


@settings(max_examples=150, deadline=None)
@given(names, starts, offsets, weekdays, st.integers(min_value=1, max_value=60), offsets)
def test_a_stopped_clock_keeps_its_due_date_when_a_holiday_is_announced_later(
    name, start, stop_after, holiday_after, announced_after, look
):
    stop = start + dt.timedelta(days=stop_after)
    holiday = AnnouncedDay(
        start + dt.timedelta(days=holiday_after), "Announced", DayKind.BANK_HOLIDAY,
        stop + dt.timedelta(days=announced_after),
    )  # fmt: skip
    as_of = holiday.announced_on + dt.timedelta(days=look)
    without = scenario_clock(name, start, stop, as_of, ())
    if without is None or without.stopped is None or without.stopped != stop:
        return  # no clock, or one stopped at its start by a stop it may precede
    with_day = scenario_clock(name, start, stop, as_of, [holiday])
    assert with_day is not None
    assert (with_day.due, with_day.breached) == (without.due, without.breached)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(2024, 4, 1), max_value=dt.date(2030, 1, 1)), offsets,
       weekdays, st.integers(min_value=1, max_value=60), offsets)  # fmt: skip
# Answered on the day received, before the response clock's counted start (11 Jun); the
# holiday (18 Jun) is announced the next day.
@example(dt.date(2025, 6, 4), 0, 14, 1, 10)
def test_a_stopped_2024_code_response_keeps_its_due_date(
    start, stop_after, holiday_after, announced_after, look
):
    stop = start + dt.timedelta(days=stop_after)
    holiday = AnnouncedDay(
        start + dt.timedelta(days=holiday_after), "Announced", DayKind.BANK_HOLIDAY,
        stop + dt.timedelta(days=announced_after),
    )  # fmt: skip
    as_of = holiday.announced_on + dt.timedelta(days=look)
    without = code_2024_response(start, stop, as_of, ())
    if without.stopped is None:
        return  # answered before the clock's counted start, which is after the replay date
    with_day = code_2024_response(start, stop, as_of, [holiday])
    assert (with_day.due, with_day.stopped) == (without.due, without.stopped)


@settings(max_examples=150, deadline=None)
@given(names, starts, weekdays, st.integers(min_value=-30, max_value=0), offsets)
def test_a_running_clocks_due_never_moves_earlier_when_a_holiday_is_added(
    name, start, holiday_after, announced_before, look
):
    as_of = start + dt.timedelta(days=look)
    holiday = AnnouncedDay(
        start + dt.timedelta(days=holiday_after), "Announced", DayKind.BANK_HOLIDAY,
        as_of + dt.timedelta(days=announced_before),
    )  # fmt: skip
    without = scenario_clock(name, start, None, as_of, ())
    if without is None:
        return
    with_day = scenario_clock(name, start, None, as_of, [holiday])
    assert with_day is not None and with_day.running
    assert with_day.due >= without.due


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(2024, 4, 1), max_value=dt.date(2030, 1, 1)), weekdays,
       st.integers(min_value=-30, max_value=0), offsets)  # fmt: skip
def test_a_running_2024_code_response_never_moves_earlier(start, holiday_after, before, look):
    as_of = start + dt.timedelta(days=look)
    holiday = AnnouncedDay(
        start + dt.timedelta(days=holiday_after), "Announced", DayKind.BANK_HOLIDAY,
        as_of + dt.timedelta(days=before),
    )  # fmt: skip
    without = code_2024_response(start, None, as_of, ())
    with_day = code_2024_response(start, None, as_of, [holiday])
    assert with_day.due >= without.due


def test_a_replay_takes_the_landlords_announced_days():
    from doorstep.clocks.replay import replay_clocks

    doc = chronology(received("2031-05-28"))
    plain = replay_clocks(doc, as_of=d("2031-06-02"))
    known = replay_clocks(doc, as_of=d("2031-06-02"), announced=[HOLIDAY])
    due = {c["clock"]: c["due"] for c in plain["clocks"]}
    moved = {c["clock"]: c["due"] for c in known["clocks"]}
    assert (due[RESPONSE], moved[RESPONSE]) == ("2031-06-18", "2031-06-19")

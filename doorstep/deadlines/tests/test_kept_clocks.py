"""The clocks kept stopped beside the replays (ADR 19, slice 3; `deadlines.kept.KeptClock`).

What they rest on: a replay as of a day on or after the last day of every entry its chronology
holds shows exactly the same clocks stopped as a replay as of any later day (the engine's
property, tested over generated homes and the seeds, no database). What they give:
`stopped_clocks_of` says exactly what `clocks_of` says of the clocks stopped, cold, the same
day again, and a later day from an earlier day's clocks; a home changed since, or whose record
holds an entry after the day its replay was kept, is replayed afresh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
from django.test import override_settings
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.clocks.facts import Facts, facts_from_chronology
from doorstep.clocks.replay import replay_facts
from doorstep.deadlines.kept import CLOCK_COLUMNS, StoppedClock, forget_before
from doorstep.deadlines.models import KeptClock, KeptReplay
from doorstep.deadlines.selectors import clocks_of, stopped_clocks_of
from doorstep.demo.loader import load_demo
from doorstep.generate import synth
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed, small
from doorstep.testing.kept import keeps_replays

AT = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 23)
LATER = TODAY + dt.timedelta(days=45)
EARLIER = TODAY - dt.timedelta(days=60)


# --- the property the kept clocks rest on (the engine alone) --------------------------------


def _last_day(facts: Facts) -> dt.date:
    return max(fact.earliest_date for fact in facts.events)


def _stopped(facts: Facts, as_of: dt.date) -> list[dict[str, Any]]:
    return [c for c in replay_facts(facts, as_of=as_of)["clocks"] if c["stopped"]]


@settings(max_examples=40, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=2000),
    wait=st.integers(min_value=0, max_value=60),
    later=st.integers(min_value=1, max_value=900),
)
def test_a_replay_after_its_last_entry_stops_the_clocks_any_later_day_stops(
    index: int, wait: int, later: int
) -> None:
    facts = facts_from_chronology(synth.household(seed=5, index=index, years=2))
    assume(facts.events)
    day = _last_day(facts) + dt.timedelta(days=wait)
    then = _stopped(facts, day)
    assert _stopped(facts, day + dt.timedelta(days=later)) == then


@pytest.mark.parametrize("name", [BROMFORD, CLARION, "small"])
@pytest.mark.parametrize("later", [1, 30, 400])
def test_the_seeds_and_the_small_chronology_hold_it_too(name: str, later: int) -> None:
    facts = facts_from_chronology(small() if name == "small" else seed(name))
    day = _last_day(facts)
    then = _stopped(facts, day)
    assert then  # not vacuous: each has clocks stopped
    assert _stopped(facts, day + dt.timedelta(days=later)) == then


def test_before_its_last_entry_a_replay_may_not_hold_it() -> None:
    """Why a replay kept before its record's last entry answers for no later day."""
    facts = facts_from_chronology(seed(CLARION))
    stops = sorted({dt.date.fromisoformat(c["stopped"]) for c in _stopped(facts, _last_day(facts))})
    before = stops[-1] - dt.timedelta(days=1)
    assert _stopped(facts, before) != _stopped(facts, _last_day(facts))


# --- the clocks kept, and read --------------------------------------------------------------


def _record() -> None:
    load_demo(today=TODAY)
    for name in (BROMFORD, CLARION):
        chronology_import(doc=seed(name), source_name=name, at=AT)


def _ids() -> list[int]:
    return list(Case.objects.order_by("pk").values_list("pk", flat=True))


def _key(clocks: Iterable[StoppedClock]) -> list[tuple[Any, ...]]:
    return sorted(
        (c.case, c.clock, c.subject, c.started, c.due, c.stopped, c.breached) for c in clocks
    )


def _fresh(as_of: dt.date) -> list[tuple[Any, ...]]:
    """The clocks stopped as `clocks_of` gives them, every replay made afresh."""
    with override_settings(DOORSTEP_KEEP_REPLAYS=False):
        found = clocks_of(
            Case.objects.select_related("household", "property"), as_of=as_of, only=("clocks",)
        )
    return _key(
        StoppedClock(c.case.pk, c.clock, c.subject, c.started, c.due, c.stopped, c.breached)
        for c in found.clocks
        if c.stopped is not None
    )


def _settled_homes(as_of: dt.date) -> int:
    """The homes whose replay kept as of `as_of` answers for later days: their records hold
    no entry after it (or none at all)."""
    kept = KeptReplay.objects.filter(as_of=as_of)
    return kept.filter(last_day__lte=as_of).count() + kept.filter(last_day=None).count()


@keeps_replays
def test_the_clocks_read_back_are_the_clocks_a_fresh_replay_stops() -> None:
    _record()
    cold = stopped_clocks_of(_ids(), as_of=TODAY, chunk=3)
    homes = cold.homes_made
    assert homes >= 8 and cold.homes_kept == 0
    assert _key(cold.clocks) == _fresh(TODAY)
    assert KeptClock.objects.filter(as_of=TODAY).count() >= len(cold.clocks) > 20

    warm = stopped_clocks_of(_ids(), as_of=TODAY, chunk=3)
    assert (warm.homes_kept, warm.homes_made) == (homes, 0)
    assert _key(warm.clocks) == _key(cold.clocks)

    # A later day: the homes whose record holds nothing after today are read from today's
    # clocks, the others replayed and kept for that day.
    assert _settled_homes(TODAY) == homes  # the record holds nothing after the demo's day
    later = stopped_clocks_of(_ids(), as_of=LATER, chunk=3)
    assert (later.homes_kept, later.homes_made) == (homes, 0)
    assert _key(later.clocks) == _fresh(LATER)


@keeps_replays
def test_a_day_before_a_homes_last_entry_answers_for_no_later_day() -> None:
    _record()
    cold = stopped_clocks_of(_ids(), as_of=EARLIER, chunk=3)
    homes = cold.homes_made
    assert _key(cold.clocks) == _fresh(EARLIER)
    settled = _settled_homes(EARLIER)
    assert 0 < settled < homes  # the demo's homes have entries since; the seeds' do not
    later = stopped_clocks_of(_ids(), as_of=TODAY, chunk=3)
    assert (later.homes_kept, later.homes_made) == (settled, homes - settled)
    assert _key(later.clocks) == _fresh(TODAY)
    again = stopped_clocks_of(_ids(), as_of=TODAY, chunk=3)
    assert (again.homes_kept, again.homes_made) == (homes, 0)


@keeps_replays
def test_a_home_changed_since_is_replayed_and_its_new_clocks_kept() -> None:
    _record()
    stopped_clocks_of(_ids(), as_of=TODAY)
    complaint = Case.objects.filter(case_type="complaint", household__isnull=False).first()
    assert complaint is not None
    record_on_case(
        case=complaint, kind="complaint.acknowledged", data={"stage": 1}, actor=None, at=AT
    )
    for as_of in (LATER, TODAY):  # neither answered from the clocks kept before the change
        found = stopped_clocks_of(_ids(), as_of=as_of)
        assert found.homes_made >= 1
        assert _key(found.clocks) == _fresh(as_of)
    assert stopped_clocks_of(_ids(), as_of=TODAY).homes_made == 0


@keeps_replays
def test_keeping_a_home_again_the_same_day_replaces_its_clocks() -> None:
    _record()
    with override_settings(DOORSTEP_KEEP_REPLAYS=True):
        clocks_of(Case.objects.select_related("household", "property"), as_of=TODAY)
    rows = KeptClock.objects.count()
    assert rows
    KeptReplay.objects.update(stamp="moved")  # as if every home had changed
    clocks_of(Case.objects.select_related("household", "property"), as_of=TODAY)
    assert KeptClock.objects.count() == rows  # replaced, not added to
    assert not KeptReplay.objects.filter(stamp="moved").exists()


@keeps_replays
def test_forgetting_a_day_forgets_its_clocks() -> None:
    _record()
    stopped_clocks_of(_ids(), as_of=TODAY - dt.timedelta(days=2))
    stopped_clocks_of(_ids(), as_of=TODAY)
    forget_before(TODAY - dt.timedelta(days=1))
    assert set(KeptClock.objects.values_list("as_of", flat=True)) == {TODAY}
    assert set(KeptReplay.objects.values_list("as_of", flat=True)) == {TODAY}


def test_the_clocks_are_written_to_every_column_the_table_has() -> None:
    columns = {field.column for field in KeptClock._meta.concrete_fields} - {"id"}
    assert columns == set(CLOCK_COLUMNS)

"""The clocks kept beside the replays (ADR 19, slice 3; `deadlines.kept.KeptClock`).

What they rest on: from the day a home's facts settle (`clocks.replay.settled_from`), a replay
shows every clock as on any later day: which clocks, and each one's start, due date, stop and
breach (the engine's property, tested with no database over generated homes made imprecise,
the seeds, the small chronology, and the cases a review found where a replay after the last
entry's earliest day is not yet settled). What they give: `clock_verdicts_of` says exactly what
`clocks_of` says of the clocks, cold, the same day again, and a later day from an earlier day's
clocks; a home changed since, or not yet settled on the day its replay was kept, is replayed
afresh. The work queue, sorted from them, shows what a queue of fresh replays shows."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import override_settings
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from doorstep.cases.choices import CaseStatus
from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_visible_to
from doorstep.cases.services import case_close, record_on_case
from doorstep.clocks.facts import Facts, facts_from_chronology
from doorstep.clocks.replay import SETTLED, replay_facts, settled_from
from doorstep.deadlines import selectors
from doorstep.deadlines.kept import CLOCK_COLUMNS, ClockVerdict, forget_before
from doorstep.deadlines.models import KeptClock, KeptReplay
from doorstep.deadlines.selectors import QUEUE_LIMIT, clock_verdicts_of, clocks_of, work_queue
from doorstep.demo.loader import load_demo
from doorstep.generate import synth
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed, small
from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory
from doorstep.testing.kept import keeps_replays
from doorstep.timeline.when import When

AT = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 23)
LATER = TODAY + dt.timedelta(days=45)
EARLIER = TODAY - dt.timedelta(days=60)


# --- the property the kept clocks rest on (the engine alone) --------------------------------


def _settled(facts: Facts) -> dt.date:
    """The day a replay of these facts settles on, worked out as the kept replay's is: from a
    replay as of the last fact's earliest day."""
    first = max(fact.earliest_date for fact in facts.events)
    day = settled_from(facts, replay_facts(facts, as_of=first))
    assert day is not None and day >= first
    return day


def _clocks(facts: Facts, as_of: dt.date) -> list[tuple[Any, ...]]:
    return [tuple(c[k] for k in SETTLED) for c in replay_facts(facts, as_of=as_of)["clocks"]]


def _blurred(doc: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """The generated home made harder: some dates known only to the month, some
    acknowledgements never sent, some completions dated later than their entries."""
    doc = copy.deepcopy(doc)
    events = []
    for event in doc["events"]:
        if event["kind"] == "complaint.acknowledged" and draw(st.booleans()):
            continue
        if draw(st.integers(0, 4)) == 0:
            event["at"] = str(event["at"])[:7]
        if event["kind"] == "works.completed" and draw(st.integers(0, 3)) == 0:
            day = dt.date.fromisoformat(str(event["at"])[:7] + "-01")
            event.setdefault("data", {})["completed_on"] = str(
                day + dt.timedelta(days=draw(st.integers(0, 60)))
            )
        events.append(event)
    doc["events"] = events
    return doc


@settings(max_examples=40, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=2000),
    later=st.integers(min_value=1, max_value=900),
    data=st.data(),
)
def test_from_the_day_a_home_settles_its_clocks_stay_as_they_are(
    index: int, later: int, data: st.DataObject
) -> None:
    doc = synth.household(seed=5, index=index, years=2)
    assume(doc["events"])
    facts = facts_from_chronology(_blurred(doc, data.draw))
    day = _settled(facts) + dt.timedelta(days=data.draw(st.integers(0, 30)))
    assert _clocks(facts, day + dt.timedelta(days=later)) == _clocks(facts, day)


@pytest.mark.parametrize("name", [BROMFORD, CLARION, "small"])
@pytest.mark.parametrize("later", [1, 30, 400])
def test_the_seeds_and_the_small_chronology_hold_it_too(name: str, later: int) -> None:
    facts = facts_from_chronology(small() if name == "small" else seed(name))
    day = _settled(facts)
    then = _clocks(facts, day)
    assert any(clock[SETTLED.index("stopped")] for clock in then)  # not vacuous
    assert _clocks(facts, day + dt.timedelta(days=later)) == then


def _small_with(*events: dict[str, Any]) -> Facts:
    doc = small()
    doc["events"] = list(events)
    return facts_from_chronology(doc)


RECEIVED = {
    "id": "e2",
    "at": "2025-06-02T10:00:00+01:00",
    "case": "C1",
    "kind": "complaint.received",
    "by": "R1",
    "summary": "The door",
    "data": {"stage": 1, "text": "Door"},
}
ANSWERED = {
    "id": "e5",
    "at": "2025-06-03T10:00:00+01:00",
    "case": "C1",
    "kind": "complaint.response",
    "by": "landlord",
    "summary": "Answered",
    "data": {"stage": 1, "outcome": "upheld", "text": "ok", "commitments": [], "claims_done": []},
}
REPORTED = {
    "id": "e1",
    "at": "2025-06-02",
    "case": "C2",
    "kind": "repair.reported",
    "by": "R1",
    "summary": "The door",
    "data": {"priority": "routine", "communal": True},
}
COMPLETED = {
    "id": "e6",
    "at": "2025-06-05",
    "case": "C2",
    "kind": "works.completed",
    "by": "landlord",
    "summary": "Door fixed",
    "data": {"job": "J1", "items": []},
}
# Where a replay as of the last entry's earliest day is not yet settled (found by review):
UNSETTLED = {
    # answered before the acknowledgement fell due, none sent: the response clock starts when
    # the acknowledgement was due, and the answer stops it only from then
    "answered before the response clock starts": (RECEIVED, ANSWERED),
    # a report known only to the month counts from its last day, after its completion
    "an imprecise start": ({**REPORTED, "at": "2025-06"}, COMPLETED),
    # a completion stops its clock from `completed_on`, here after the entry's own day
    "completed later than its entry": (
        REPORTED,
        {**COMPLETED, "data": {"job": "J1", "items": [], "completed_on": "2025-06-20"}},
    ),
    # the same, long after the repair fell due: running and breached on the entry's day
    "completed later than its entry, long overdue": (
        {**REPORTED, "at": "2025-01-02"},
        {**COMPLETED, "data": {"job": "J1", "items": [], "completed_on": "2025-07-20"}},
    ),
    # nothing more recorded: the repair's clock is breached from the day after it falls due
    "a clock still to fall due": (REPORTED,),
}


@pytest.mark.parametrize("case", list(UNSETTLED))
def test_a_home_settles_only_when_its_clocks_can_no_longer_change(case: str) -> None:
    facts = _small_with(*UNSETTLED[case])
    first = max(fact.earliest_date for fact in facts.events)
    assert _clocks(facts, first) != _clocks(facts, dt.date(2025, 9, 1))  # the trap is real
    day = _settled(facts)
    assert day > first
    assert _clocks(facts, day) == _clocks(facts, dt.date(2025, 9, 1))


# --- the clocks kept, and read --------------------------------------------------------------


def _record() -> None:
    load_demo(today=TODAY)
    for name in (BROMFORD, CLARION):
        chronology_import(doc=seed(name), source_name=name, at=AT)


def _ids() -> list[int]:
    return list(Case.objects.order_by("pk").values_list("pk", flat=True))


def _key(clocks: Iterable[ClockVerdict]) -> list[tuple[Any, ...]]:
    return sorted(
        (c.case, c.clock, c.subject, c.started, c.due, c.stopped, c.breached, c.due_at)
        for c in clocks
    )


def _fresh(as_of: dt.date) -> list[tuple[Any, ...]]:
    """The clocks as `clocks_of` gives them, every replay made afresh."""
    with override_settings(DOORSTEP_KEEP_REPLAYS=False):
        found = clocks_of(
            Case.objects.select_related("household", "property"), as_of=as_of, only=("clocks",)
        )
    return _key(
        ClockVerdict(
            c.case.pk, c.clock, c.subject, c.started, c.due, c.stopped, c.breached, c.due_at
        )
        for c in found.clocks
    )


def _settled_homes(as_of: dt.date) -> int:
    """The homes whose replay kept as of `as_of` answers for later days: settled by then (or
    holding no entry at all)."""
    kept = KeptReplay.objects.filter(as_of=as_of)
    return kept.filter(settled_from__lte=as_of).count() + kept.filter(settled_from=None).count()


@keeps_replays
def test_the_clocks_read_back_are_the_clocks_a_fresh_replay_gives() -> None:
    _record()
    cold = clock_verdicts_of(_ids(), as_of=TODAY, chunk=3)
    homes = cold.homes_made
    assert homes >= 8 and cold.homes_kept == 0
    assert _key(cold.clocks) == _fresh(TODAY)
    assert KeptClock.objects.filter(as_of=TODAY).count() >= len(cold.clocks) > 20

    warm = clock_verdicts_of(_ids(), as_of=TODAY, chunk=3)
    assert (warm.homes_kept, warm.homes_made) == (homes, 0)
    assert _key(warm.clocks) == _key(cold.clocks)

    # A later day: the homes settled by today are read from today's clocks (the seeds'); the
    # others, with clocks still to fall due (the demo's), are replayed and kept for that day.
    settled = _settled_homes(TODAY)
    assert 0 < settled < homes
    later = clock_verdicts_of(_ids(), as_of=LATER, chunk=3)
    assert (later.homes_kept, later.homes_made) == (settled, homes - settled)
    assert _key(later.clocks) == _fresh(LATER)


@keeps_replays
def test_a_day_before_a_home_settles_answers_for_no_later_day() -> None:
    _record()
    cold = clock_verdicts_of(_ids(), as_of=EARLIER, chunk=3)
    homes = cold.homes_made
    assert _key(cold.clocks) == _fresh(EARLIER)
    settled = _settled_homes(EARLIER)
    assert 0 < settled < homes  # the demo's homes have entries since; the seeds' do not
    later = clock_verdicts_of(_ids(), as_of=TODAY, chunk=3)
    assert (later.homes_kept, later.homes_made) == (settled, homes - settled)
    assert _key(later.clocks) == _fresh(TODAY)
    again = clock_verdicts_of(_ids(), as_of=TODAY, chunk=3)
    assert (again.homes_kept, again.homes_made) == (homes, 0)


@keeps_replays
def test_a_home_changed_since_is_replayed_and_its_new_clocks_kept() -> None:
    _record()
    clock_verdicts_of(_ids(), as_of=TODAY)
    complaint = Case.objects.filter(case_type="complaint", household__isnull=False).first()
    assert complaint is not None
    record_on_case(
        case=complaint, kind="complaint.acknowledged", data={"stage": 1}, actor=None, at=AT
    )
    for as_of in (LATER, TODAY):  # neither answered from the clocks kept before the change
        found = clock_verdicts_of(_ids(), as_of=as_of)
        assert found.homes_made >= 1
        assert _key(found.clocks) == _fresh(as_of)
    assert clock_verdicts_of(_ids(), as_of=TODAY).homes_made == 0


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
    clock_verdicts_of(_ids(), as_of=TODAY - dt.timedelta(days=2))
    clock_verdicts_of(_ids(), as_of=TODAY)
    forget_before(TODAY - dt.timedelta(days=1))
    assert set(KeptClock.objects.values_list("as_of", flat=True)) == {TODAY}
    assert set(KeptReplay.objects.values_list("as_of", flat=True)) == {TODAY}


def test_the_clocks_are_written_to_every_column_the_table_has() -> None:
    columns = {field.column for field in KeptClock._meta.concrete_fields} - {"id"}
    assert columns == set(CLOCK_COLUMNS)
    # and read back in a verdict's order
    assert CLOCK_COLUMNS[3] == "case_id"
    assert [f.name for f in dataclasses.fields(ClockVerdict)] == ["case", *CLOCK_COLUMNS[4:]]


@keeps_replays
@pytest.mark.parametrize("case", list(UNSETTLED))
def test_a_home_not_settled_on_the_day_kept_is_replayed_a_later_day(case: str) -> None:
    doc = small()
    doc["events"] = list(UNSETTLED[case])
    chronology_import(doc=doc, source_name="small.json", at=dt.datetime(2025, 6, 6, tzinfo=dt.UTC))
    ids = _ids()
    first = clock_verdicts_of(ids, as_of=dt.date(2025, 6, 5))
    assert first.homes_made > 0
    later = clock_verdicts_of(ids, as_of=dt.date(2025, 9, 1))
    assert later.homes_made > 0
    assert _key(later.clocks) == _fresh(dt.date(2025, 9, 1))


@keeps_replays
def test_no_clocks_kept_are_read_where_the_snapshot_cannot_vouch_for_them() -> None:
    _record()
    clock_verdicts_of(_ids(), as_of=TODAY)
    with transaction.atomic():  # PostgreSQL's at READ COMMITTED: two reads, two snapshots
        found = clock_verdicts_of(_ids(), as_of=TODAY)
    assert (found.homes_kept > 0) == (connection.vendor != "postgresql")
    assert _key(found.clocks) == _fresh(TODAY)


# --- the work queue, sorted from the clocks kept ----------------------------------------------


def _shown(items: Iterable[Any]) -> list[tuple[Any, ...]]:
    return [(c.case.reference, c.clock, c.subject, dict(c.data)) for c in items]


def _fresh_queue(user: Any, as_of: dt.date, limit: int) -> tuple[list[tuple[Any, ...]], int]:
    """The queue as it was made before it read the clocks kept: every visible open case's home
    replayed afresh, every running clock sorted."""
    with override_settings(DOORSTEP_KEEP_REPLAYS=False):
        found = clocks_of(
            cases_visible_to(user=user)
            .filter(status=CaseStatus.OPEN)
            .select_related("household__property", "property", "officer", "owner_team"),
            as_of=as_of,
        )
    running = found.running
    return _shown(running[:limit]), len(running)


@keeps_replays
@pytest.mark.parametrize("limit", [4, QUEUE_LIMIT])
def test_the_queue_shows_what_a_queue_of_fresh_replays_shows(limit: int) -> None:
    _record()
    manager = StaffFactory.create(role=Role.MANAGER)
    # The demo's contractor, who sees only its firm's cases (one with a running clock).
    contractor = get_user_model().objects.get(contractor__isnull=False)
    assert (
        work_queue(user=contractor, as_of=TODAY).total < work_queue(user=manager, as_of=TODAY).total
    )
    # Cold, the same day again (every clock read from those kept), a later day (the settled
    # homes read from today's clocks kept), and that later day again.
    for as_of in (TODAY, TODAY, LATER, LATER):
        for user in (manager, contractor):
            queue = work_queue(user=user, as_of=as_of, limit=limit)
            assert (_shown(queue.items), queue.total) == _fresh_queue(user, as_of, limit)
    assert work_queue(user=manager, as_of=TODAY, limit=limit).total > 4  # 4 cuts it short


@keeps_replays
def test_the_queue_cut_anywhere_shows_the_first_of_a_queue_of_fresh_replays() -> None:
    """Whatever the limit, the clocks shown are the first of every running clock in the order
    fresh replays give: the sort by the clocks kept (an hour clock by its hour) is theirs."""
    _record()
    # An emergency repair reported at 8 this morning falls due at an hour tomorrow, before the
    # demo's acknowledgement due by the end of tomorrow, whose case's reference sorts first.
    repair = Case.objects.filter(case_type="repair", household__isnull=False).order_by("pk")[0]
    record_on_case(
        case=repair,
        kind="repair.reported",
        data={"priority": "emergency", "location": "Kitchen", "description": "Water leak"},
        occurred=When.parse(f"{TODAY.isoformat()}T08:00:00+00:00"),
        actor=None,
        at=AT,
    )
    manager = StaffFactory.create(role=Role.MANAGER)
    fresh, total = _fresh_queue(manager, TODAY, QUEUE_LIMIT)
    assert total == len(fresh) > 10
    hour = [i for i, (_, _, _, data) in enumerate(fresh) if data["due_at"] and not data["stopped"]]
    tomorrow = TODAY + dt.timedelta(days=1)
    assert hour and fresh[hour[0] + 1][3]["due"] == tomorrow.isoformat()  # the hour first
    for limit in range(1, total + 1):
        queue = work_queue(user=manager, as_of=TODAY, limit=limit)
        assert _shown(queue.items) == fresh[:limit]
    # An hour clock (an emergency repair's) is sorted by its hour, kept beside its day.
    assert KeptClock.objects.filter(as_of=TODAY, due_at__isnull=False).exists()


@keeps_replays
def test_a_case_closed_between_the_two_reads_gives_way_to_the_next(monkeypatch) -> None:
    _record()
    manager = StaffFactory.create(role=Role.MANAGER)
    before, _ = _fresh_queue(manager, TODAY, 3)
    first = Case.objects.get(reference=before[0][0])
    read = selectors.clock_verdicts_of
    reads: list[int] = []

    def closing_after_the_first_read(*args: Any, **kwargs: Any) -> Any:
        found = read(*args, **kwargs)
        if not reads:
            case_close(actor=manager, case=first, reason="Resolved", at=AT)
        reads.append(1)
        return found

    monkeypatch.setattr(selectors, "clock_verdicts_of", closing_after_the_first_read)
    queue = work_queue(user=manager, as_of=TODAY, limit=3)
    assert len(reads) == 2  # read again
    assert (_shown(queue.items), queue.total) == _fresh_queue(manager, TODAY, 3)
    assert first.reference not in {c.case.reference for c in queue.items}

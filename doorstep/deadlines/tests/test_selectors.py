"""The clocks of the live record: a case's, a household's, and the work queue, each as of a
date, from the record made through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.services import case_close, record_on_case
from doorstep.clocks.replay import replay_clocks
from doorstep.deadlines.selectors import (
    NOT_WORKED_OUT,
    case_clocks,
    case_replay,
    clocks_of,
    home_of,
    household_clocks,
    work_queue,
)
from doorstep.deadlines.tests.conftest import (
    ACK_DUE,
    LATER_ACK_DUE,
    RESPONSE_DUE,
    repair_reported,
)
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.selectors import EXPORT_BROKEN, HomeExport
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, SEEDS, seed
from doorstep.policy.services import calendar_day_record, policy_override_record
from doorstep.staff.roles import Role
from doorstep.timeline.when import When

JUNE_3 = dt.date(2024, 6, 3)
ACK = "complaint.stage1.acknowledgement"
RESPONSE = "complaint.stage1.response"


def by_clock(found):
    return {c.clock: c for c in found.clocks}


def test_a_complaint_s_clocks_count_across_the_bank_holidays(live):
    clocks = by_clock(case_clocks(case=live.complaint, as_of=JUNE_3))
    assert set(clocks) == {ACK, RESPONSE}
    ack, response = clocks[ACK], clocks[RESPONSE]
    assert (ack.started, ack.due, ack.running, ack.breached) == (
        dt.date(2024, 5, 3),
        ACK_DUE,
        True,
        True,
    )
    assert ack.name == "Acknowledge the stage 1 complaint"
    assert ack.status == "overdue by 14 working days"
    assert (response.started, response.due, response.status) == (
        ACK_DUE,
        RESPONSE_DUE,
        "overdue by 4 working days",
    )
    assert "Skipped on the way: 4 weekend days; bank holidays: 6 May 2024 (May Day)." in (
        ack.explanation
    )
    assert any("27 May 2024 (Spring Bank Holiday)" in line for line in response.explanation)


def test_replayed_earlier_the_clock_runs_and_later_it_is_breached(live):
    before = by_clock(case_clocks(case=live.complaint, as_of=dt.date(2024, 5, 8)))[ACK]
    assert (before.running, before.breached, before.status) == (
        True,
        False,
        "due in 3 working days",
    )
    after = by_clock(case_clocks(case=live.complaint, as_of=dt.date(2024, 7, 1)))[ACK]
    assert (after.running, after.breached) == (True, True)
    assert after.status == "overdue by 34 working days"
    assert case_clocks(case=live.complaint, as_of=dt.date(2024, 5, 2)).clocks == []


def test_an_acknowledgement_stops_the_clock_and_starts_the_response_from_it(live, at):
    record_on_case(
        case=live.complaint,
        kind="complaint.acknowledged",
        occurred=When.parse("2024-05-09"),
        data={"stage": 1},
        actor=None,
        at=at,
    )
    clocks = by_clock(case_clocks(case=live.complaint, as_of=JUNE_3))
    assert (clocks[ACK].stopped, clocks[ACK].status) == (dt.date(2024, 5, 9), "met")
    # From the acknowledgement on Thursday 9 May: 10 working days are due Thursday 23 May.
    assert clocks[RESPONSE].due == dt.date(2024, 5, 23)


def test_a_day_off_announced_later_moves_a_running_clock_from_its_announcement(live, at):
    calendar_day_record(
        actor=live.world.users[Role.MANAGER],
        day=dt.date(2024, 5, 10),
        name="Office move",
        kind="closure",
        announced_on=dt.date(2024, 5, 7),
        source="Chief executive's notice",
        at=at,
    )
    assert by_clock(case_clocks(case=live.complaint, as_of=dt.date(2024, 5, 6)))[ACK].due == ACK_DUE
    moved = by_clock(case_clocks(case=live.complaint, as_of=dt.date(2024, 5, 8)))[ACK]
    assert moved.due == dt.date(2024, 5, 14)
    assert any("Office move, announced 7 May 2024" in line for line in moved.explanation)


def test_each_clock_is_judged_by_the_override_in_force_when_it_started(live, at):
    """The format carries one value per key (the latest); the live record keeps them all."""
    manager = live.world.users[Role.MANAGER]
    for value, since in ((15, dt.date(2024, 1, 1)), (5, dt.date(2025, 1, 1))):
        policy_override_record(
            actor=manager,
            key="repairs.routine.working_days",
            value=value,
            source=f"Repairs policy from {since}",
            effective_from=since,
            at=at,
        )
    target = by_clock(case_clocks(case=live.world.case, as_of=JUNE_3))["repair.target"]
    # Reported Monday 20 May 2024 under the 2024 value: 15 working days (27 May skipped).
    assert target.due == dt.date(2024, 6, 11)
    assert "Repairs policy from 2024-01-01" in target.data["rule"]


def test_the_replay_json_names_doorstep_s_case(live):
    replay = case_replay(case=live.complaint, as_of=JUNE_3)
    assert replay["as_of"] == "2024-06-03"
    assert replay["case"] == live.complaint.reference
    assert {c["case"] for c in replay["clocks"]} == {live.complaint.reference}
    first = replay["clocks"][0]
    assert (first["clock"], first["due"], first["status"]) == (
        ACK,
        "2024-05-13",
        "overdue by 14 working days",
    )
    assert first["name"] == "Acknowledge the stage 1 complaint"
    assert replay["commitments"] == []
    assert replay["notes"] == []


@pytest.mark.parametrize("name", [BROMFORD, CLARION])
def test_an_imported_record_replays_as_its_file_does(name, at, db):
    """Imported cases go by their file's refs in the export; they are read back onto the
    record's cases, and every clock is the file's own."""
    doc = seed(name)
    chronology_import(doc=doc, source_name=name, at=at)
    as_of = dt.date.fromisoformat(SEEDS[name])
    expected = replay_clocks(doc, as_of=as_of)["clocks"]
    cases = {
        row.ref: row.case
        for row in ExternalRef.objects.filter(kind=RefKind.CASE).select_related(
            "case__household", "case__property"
        )
    }
    keys = ("clock", "subject", "started", "due", "original_due", "stopped", "breached")
    found = []
    for ref, case in cases.items():
        for clock in case_clocks(case=case, as_of=as_of).clocks:
            found.append((ref, *(clock.data[k] for k in keys)))
    wanted = [(c["case"], *(c[k] for k in keys)) for c in expected if c["case"] in cases]
    assert sorted(found, key=str) == sorted(wanted, key=str)
    assert found


def test_the_household_s_running_clocks_come_worst_first(live):
    running = household_clocks(household=live.world.household, as_of=JUNE_3).running
    assert [(c.case, c.clock) for c in running] == [
        (live.complaint, ACK),
        (live.complaint, RESPONSE),
        (live.later, ACK),
        (live.world.case, "repair.target"),
        (live.later, RESPONSE),
    ]
    assert running[2].due == LATER_ACK_DUE
    assert running[2].status == "due in 2 working days"


def test_the_queue_puts_what_breaches_first_first(live):
    queue = work_queue(user=live.world.users[Role.HOUSING_OFFICER], as_of=JUNE_3)
    assert [(c.case.reference, c.clock, c.status) for c in queue.items] == [
        (live.complaint.reference, ACK, "overdue by 14 working days"),
        (live.complaint.reference, RESPONSE, "overdue by 4 working days"),
        (live.later.reference, ACK, "due in 2 working days"),
        (live.world.case.reference, "repair.target", "due in 11 working days"),
        (live.world.other_firms_case.reference, "repair.target", "due in 11 working days"),
        (live.later.reference, RESPONSE, "due in 10 working days"),
    ]
    assert queue.total == 6


def test_the_queue_is_cut_at_its_limit_and_says_how_many_there_are(live):
    queue = work_queue(user=live.world.users[Role.HOUSING_OFFICER], as_of=JUNE_3, limit=2)
    assert [c.clock for c in queue.items] == [ACK, RESPONSE]
    assert queue.total == 6


def test_a_contractor_s_queue_holds_only_its_own_cases(live):
    queue = work_queue(user=live.world.users[Role.CONTRACTOR], as_of=JUNE_3)
    assert [(c.case, c.clock) for c in queue.items] == [(live.world.case, "repair.target")]


def test_closed_cases_and_stopped_clocks_leave_the_queue(live, at):
    case_close(
        actor=live.world.users[Role.HOUSING_OFFICER], case=live.later, reason="Withdrawn", at=at
    )
    record_on_case(
        case=live.world.case,
        kind="works.completed",
        occurred=When.parse("2024-05-31"),
        data={"job": f"J-{live.world.case.reference}", "items": []},
        actor=None,
        at=at,
    )
    queue = work_queue(user=live.world.users[Role.HOUSING_OFFICER], as_of=JUNE_3)
    clocks = {(c.case, c.clock) for c in queue.items}
    assert not {c for c in clocks if c[0] == live.later}
    assert (live.world.case, "repair.target") not in clocks
    # The claim that the work is done starts the window to check it was.
    assert (live.world.case, "commitment.verification") in clocks
    assert (live.complaint, ACK) in clocks


def test_a_communal_case_s_clocks_come_from_its_building(live, at):
    repair_reported(live.world.communal, at=at)
    clocks = household_clocks(household=live.world.household, as_of=JUNE_3)
    assert live.world.communal in {c.case for c in clocks.running}
    neighbours = household_clocks(household=live.world.neighbours, as_of=JUNE_3)
    assert {c.case for c in neighbours.running} == {
        live.world.other_firms_case,
        live.world.communal,
    }


def test_an_export_that_breaks_is_a_note_not_a_failed_page(live, monkeypatch):
    def broken(homes, **_):
        problem = EXPORT_BROKEN.format(problem="$.events[3].at: not a date")
        return {home: HomeExport({}, [], {}, problem) for home in homes}

    monkeypatch.setattr("doorstep.deadlines.selectors.chronologies_of_homes", broken)
    found = case_clocks(case=live.complaint, as_of=JUNE_3)
    assert found.clocks == []
    assert found.notes == [
        NOT_WORKED_OUT.format(
            home=f"household {live.world.household.reference}",
            problem=EXPORT_BROKEN.format(problem="$.events[3].at: not a date"),
        )
    ]


@pytest.mark.parametrize("name", [BROMFORD, CLARION])
def test_an_imported_record_s_complaints_and_offers_are_read_onto_its_cases(name, at, db):
    """Each complaint of an imported record comes back on its Doorstep case with the file's
    stages, due dates and breaches; each offer with its kind, method and bands."""
    doc = seed(name)
    chronology_import(doc=doc, source_name=name, at=at)
    as_of = dt.date.fromisoformat(SEEDS[name])
    expected = replay_clocks(doc, as_of=as_of)
    cases = {
        row.ref: row.case
        for row in ExternalRef.objects.filter(kind=RefKind.CASE).select_related(
            "case__household", "case__property"
        )
    }
    complaints, offers = [], []
    for ref, case in cases.items():
        found = case_clocks(case=case, as_of=as_of)
        assert all(c.case == case for c in found.complaints + found.compensation)
        complaints += [{**c.data, "case": ref} for c in found.complaints]
        offers += [{**o.data, "case": ref} for o in found.compensation]
    assert complaints and sorted(complaints, key=str) == sorted(expected["complaints"], key=str)

    # The live record is judged by the policy on record, so a rule's citation may read
    # differently from the file's; what was offered, and how it stands, may not.
    def offer_key(offer):
        parts = [(c["amount"], c["band"], c["standing"]) for c in offer["components"]]
        codes = sorted(f["code"] for f in offer["failures"])
        return (offer["case"], offer["event"], offer["kind"], offer["method"], parts, codes)

    assert offers
    assert sorted(map(offer_key, offers)) == sorted(map(offer_key, expected["compensation"]))
    stage_1 = [s for c in complaints for s in c["stages"] if s["stage"] == 1]
    assert all(s["response"]["due"] for s in stage_1)


@pytest.mark.django_db
def test_a_long_read_tells_its_progress_after_each_chunk_of_homes():
    from doorstep.cases.models import Case
    from doorstep.testing.portfolio import open_homes

    open_homes(3)
    cases = list(Case.objects.select_related("household", "property").order_by("pk"))
    told: list[tuple[int, int]] = []
    found = clocks_of(
        cases,
        as_of=dt.date(2025, 5, 1),
        chunk=2,
        on_chunk=lambda done, total: told.append((done, total)),
    )
    homes = len({home_of(c) for c in cases})  # households, and communal cases' properties
    assert homes > 2
    assert told == [(min(n, homes), homes) for n in range(2, homes + 2, 2)]
    assert found.clocks  # the homes were replayed

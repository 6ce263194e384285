"""Recurring defects: a new job or hazard case for a defect already on record is proposed as a
repeat; accepted, its clocks keep the original start; rejected, it is closed."""

from __future__ import annotations

from doorstep.clocks.engine import compute_clocks
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.repeats import ACCEPTED, PROPOSED, REJECTED, repeats
from doorstep.clocks.tests.builders import chronology, d, ev, one

OLD = ev(
    "r1", "2024-01-08", "works.raised", case="C1", job="J1", priority="routine",
    items=[{"id": "1", "description": "Repoint rear wall", "element": "External wall pointing"}],
)  # fmt: skip
NEW = ev(
    "r2", "2024-06-03", "works.raised", case="C2", job="J2",
    items=[{"id": "a", "description": "Repoint end wall", "element": "external wall  pointing"}],
)  # fmt: skip
CASES = {"C1": "repair", "C2": "repair"}


def doc(*events, links=None):
    return chronology(*events, cases=CASES, links=links)


def found(*events, as_of="2024-07-01", links=None):
    return repeats(facts_from_chronology(doc(*events, links=links)), as_of=d(as_of))


def test_a_job_for_the_same_element_in_another_case_is_proposed():
    [repeat] = found(OLD, NEW)
    assert (repeat.case, repeat.job, repeat.earlier_case, repeat.earlier_job) == (
        "C2",
        "J2",
        "C1",
        "J1",
    )
    assert (repeat.status, repeat.basis, repeat.matched) == (
        PROPOSED,
        "element",
        "external wall pointing",
    )
    assert repeat.earlier_left == "open"
    assert "which was still open when it was raised" in repeat.explanation


def test_a_different_element_or_the_same_case_is_not_proposed():
    other = ev("r2", "2024-06-03", "works.raised", case="C2", job="J2",
               items=[{"id": "a", "description": "Fan", "element": "bathroom fan"}])  # fmt: skip
    same_case = ev("r3", "2024-06-03", "works.raised", case="C1", job="J3",
                   items=[{"id": "a", "element": "external wall pointing"}])  # fmt: skip
    assert found(OLD, other) == []
    assert found(OLD, same_case) == []


def test_cases_already_linked_are_not_proposed_again():
    assert found(OLD, NEW, links={"C2": ["C1"]}) == []


def test_the_earlier_jobs_state_is_as_it_stood_when_the_new_one_was_raised():
    claimed = ev("c", "2024-03-01", "works.completed", case="C1", job="J1", items=["1"])
    [repeat] = found(OLD, claimed, NEW)
    assert repeat.earlier_left == "claimed_not_verified"
    checked = ev("v", "2024-03-05", "works.verified", case="C1", job="J1", items=["1"],
                 method="post_inspection", result="confirmed")  # fmt: skip
    [repeat] = found(OLD, claimed, checked, NEW)
    assert repeat.earlier_left == "verified"
    assert "the defect has come back" in repeat.explanation


def test_a_proposal_is_not_in_a_replay_before_the_new_job():
    assert found(OLD, NEW, as_of="2024-06-02") == []


def test_the_same_hazard_in_an_unlinked_case_is_proposed():
    first = ev("h1", "2024-01-08", "hazard.reported", case="C1", hazard="damp_mould")
    again = ev("h2", "2024-06-03", "hazard.reported", case="C2", hazard="damp_mould")
    [repeat] = found(first, again)
    assert (repeat.basis, repeat.job, repeat.earlier_event) == ("hazard", None, "h1")


def accept(at="2024-06-10", **said):
    return ev("n", at, "note", case="C2", text="Same wall as J1", repeat_of=said)


def test_an_accepted_repeat_keeps_the_original_start_for_its_repair_clock():
    decision = accept(job="J2", of_case="C1", of_job="J1")
    [repeat] = found(OLD, NEW, decision)
    assert (repeat.status, repeat.decided_event) == (ACCEPTED, "n")
    clock = one(doc(OLD, NEW, decision), d("2024-07-01"), "repair.target", case="C2")
    assert (clock.started, clock.start_event) == (d("2024-01-08"), "r1")
    assert clock.due == d("2024-02-05")  # 20 working days from 8 Jan 2024, J1's priority
    assert clock.breached
    assert any("keeps the original start" in line for line in clock.explanation.lines)


def test_before_the_acceptance_the_new_job_has_no_target_of_its_own():
    decision = accept(job="J2", of_case="C1", of_job="J1")
    clocks = facts_from_chronology(doc(OLD, NEW, decision))
    before = [c for c in compute_clocks(clocks, as_of=d("2024-06-09")) if c.case == "C2"]
    assert before == []


def test_an_accepted_hazard_repeat_counts_from_the_first_report():
    first = ev("h1", "2024-01-08", "hazard.reported", case="C1", hazard="damp_mould")
    again = ev("h2", "2024-06-03", "hazard.reported", case="C2", hazard="damp_mould")
    decision = accept(of_case="C1")
    cases = {"C1": "hazard", "C2": "hazard"}
    chron = chronology(first, again, decision, cases=cases)
    clock = one(chron, d("2024-07-01"), "hazard.investigation", case="C2")
    assert (clock.started, clock.start_event) == (d("2024-01-08"), "h1")
    assert clock.breached


def test_a_rejected_proposal_is_closed_and_changes_no_clock():
    decision = ev("n", "2024-06-10", "note", case="C2", text="Different wall",
                  not_repeat_of={"job": "J2", "of_case": "C1", "of_job": "J1"})  # fmt: skip
    [repeat] = found(OLD, NEW, decision)
    assert repeat.status == REJECTED

"""Commitments, completion claims and Ombudsman orders: clocks and the ledger's states."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.ledger import commitment_states
from doorstep.clocks.tests.builders import chronology, clocks, d, ev, one
from doorstep.workdays import calendar_for

DUE = "commitment.due"
VERIFY = "commitment.verification"


def made(eid: str, at: str, commitment: str, due, job=None, items=()):
    return ev(
        eid,
        at,
        "commitment.made",
        commitment=commitment,
        action="Fix it",
        due=due,
        job=job,
        items=list(items),
    )


def test_a_commitment_due_in_a_month_is_due_on_its_last_day():
    doc = chronology(made("e1", "2022-05-03", "k9", "2022-05"), case_type="repair")
    clock = one(doc, d("2022-06-01"), DUE)
    assert (clock.due, clock.breached, clock.arises, clock.imprecise) == (
        d("2022-05-31"),
        True,
        d("2022-06-01"),
        True,
    )


def test_an_undated_commitment_has_no_clock():
    assert clocks(chronology(made("e1", "2022-05-03", "k1", None)), d("2023-01-01")) == []


@pytest.mark.parametrize(
    ("stop", "outcome"),
    [
        (ev("e2", "2022-05-20", "commitment.kept", commitment="k1", evidence="Photo"), "kept"),
        (ev("e2", "2022-05-20", "commitment.dropped", commitment="k1", reason="Moved"), "dropped"),
        (
            ev(
                "e2",
                "2022-05-20",
                "works.verified",
                by="R1",
                job="J1",
                items=["a"],
                method="resident_confirmed",
                result="confirmed",
            ),
            "kept",
        ),
    ],
)
def test_a_commitment_is_stopped_by_keeping_dropping_or_verified_work(stop, outcome):
    doc = chronology(made("e1", "2022-05-03", "k1", "2022-05-31", job="J1", items=["a"]), stop)
    clock = one(doc, d("2022-07-01"), DUE)
    assert (clock.stopped, clock.stop_outcome, clock.breached) == (d("2022-05-20"), outcome, False)


def test_a_claim_is_verified_within_ten_working_days():
    # Claimed Fri 20 May 2022; 10 working days skipping 2 and 3 Jun 2022: due Tue 7 Jun.
    doc = chronology(
        ev("e1", "2022-05-20", "works.completed", job="J6", items=["boxing"]),
        ev(
            "e2",
            "2022-07-28",
            "works.verified",
            by="R1",
            job="J6",
            items=["boxing"],
            method="resident_confirmed",
            result="not_done",
        ),
    )
    clock = one(doc, d("2022-08-01"), VERIFY)
    assert (clock.due, clock.stopped, clock.stop_outcome) == (
        d("2022-06-07"),
        d("2022-07-28"),
        "not_done",
    )
    assert clock.breached and clock.overdue_working_days == 37
    holidays = [name for _, name in clock.explanation.holidays]
    assert holidays == ["Spring Bank Holiday", "Platinum Jubilee of Elizabeth II"]


def test_the_same_claim_said_twice_on_one_day_is_one_clock():
    doc = chronology(
        ev(
            "e1",
            "2022-07-04",
            "complaint.response",
            stage=2,
            outcome=None,
            text="Done",
            claims_done=[{"job": "D", "items": ["d1"]}],
        ),
        ev("e2", "2022-07-04", "works.completed", case="C3", job="D", items=["d1"]),
    )
    (clock,) = clocks(doc, d("2022-08-01"), VERIFY)
    assert (clock.case, clock.start_event, clock.events) == ("C3", "e2", ("e2", "e1"))


def test_an_action_claim_has_nothing_that_verifies_it():
    doc = chronology(
        ev(
            "e1",
            "2021-10-07",
            "complaint.response",
            stage=1,
            outcome=None,
            text="Done",
            claims_done=[{"action": "Spoke to neighbours"}],
        )
    )
    clock = one(doc, d("2021-10-22"), VERIFY)
    assert (clock.due, clock.breached) == (d("2021-10-21"), True)


def test_an_order_is_stopped_by_compliance():
    doc = chronology(
        ev(
            "e1",
            "2023-08-11",
            "ombudsman.determination",
            case="C5",
            by="O1",
            findings=[],
            orders=[{"commitment": "o1", "action": "Pay", "due": "2023-09-08"}],
        ),
        ev("e2", "2023-09-01", "ombudsman.order_complied", case="C5", commitment="o1"),
        case_type="ombudsman",
    )
    clock = one(doc, d("2023-10-01"), "ombudsman.order")
    assert (clock.due, clock.stopped, clock.breached) == (d("2023-09-08"), d("2023-09-01"), False)


def states(doc, as_of: dt.date) -> dict[str, str]:
    facts = facts_from_chronology(doc)
    found = commitment_states(
        facts, as_of=as_of, overrides=facts.overrides, calendar=calendar_for()
    )
    return {s.commitment: s.state for s in found}


def test_the_ledger_states():
    doc = chronology(
        made("e1", "2022-05-03", "open", "2022-12-31"),
        made("e2", "2022-05-03", "kept", "2022-06-30"),
        ev("e3", "2022-06-01", "commitment.kept", commitment="kept", evidence="Photo"),
        made("e4", "2022-05-03", "overdue", "2022-05-31"),
        made("e5", "2022-05-03", "dropped", "2022-05-31"),
        ev("e6", "2022-06-01", "commitment.dropped", commitment="dropped", reason="Moved out"),
        made("e7", "2022-05-03", "claimed", "2022-12-31", job="J1", items=["a"]),
        ev("e8", "2022-05-10", "works.completed", job="J1", items=["a"]),
        made("e9", "2022-05-03", "contradicted", "2022-12-31", job="J2", items=["b"]),
        ev("e10", "2022-05-10", "works.completed", job="J2", items=["b"]),
        ev(
            "e11",
            "2022-05-12",
            "works.verified",
            by="R1",
            job="J2",
            items=["b"],
            method="resident_confirmed",
            result="not_done",
        ),
    )
    assert states(doc, d("2022-07-01")) == {
        "open": "open",
        "kept": "kept",
        "overdue": "overdue",
        "dropped": "dropped",
        "claimed": "claimed_not_verified",
        "contradicted": "contradicted",
    }

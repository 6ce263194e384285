"""ASB clocks (first response, risk assessment, review) and the transfer decision."""

from __future__ import annotations

from doorstep.clocks.tests.builders import chronology, clocks, d, ev, one
from doorstep.policy.resolve import DERIVED_NOTE


def asb(eid: str, at: str, case: str = "C1"):
    return ev(
        eid,
        at,
        "asb.reported",
        case=case,
        by="R1",
        category="noise",
        text="Noise",
        police_involved=None,
    )


def test_first_response_is_stopped_by_the_landlords_first_answer():
    doc = chronology(
        asb("e1", "2022-01-10"),
        ev("e2", "2022-01-14", "asb.case_declined", reason="Not ASB", reason_code="not_asb"),
        case_type="asb",
    )
    first = one(doc, d("2022-02-01"), "asb.first_response")
    assert (first.due, first.stopped, first.breached) == (d("2022-01-15"), d("2022-01-14"), False)
    risk = one(doc, d("2022-02-01"), "asb.risk_assessment")
    assert (risk.due, risk.stopped, risk.breached) == (d("2022-01-15"), None, True)


def test_risk_assessment_defaults_to_the_landlords_first_response_time():
    doc = chronology(
        asb("e1", "2022-01-10"),
        ev("e2", "2022-01-12", "asb.risk_assessed", level="high"),
        policy={"asb.first_response_days": 2},
        case_type="asb",
    )
    risk = one(doc, d("2022-02-01"), "asb.risk_assessment")
    assert (risk.due, risk.breached) == (d("2022-01-12"), False)
    note = DERIVED_NOTE.format(key="asb.risk_assessment_days", parent="asb.first_response_days")
    assert note in risk.explanation.lines


def test_reviews_run_from_opening_then_each_review_until_closed():
    doc = chronology(
        asb("e1", "2022-01-01"),
        ev("e2", "2022-01-01", "asb.case_opened"),
        ev("e3", "2022-01-20", "asb.reviewed"),
        ev("e4", "2022-03-10", "asb.reviewed"),
        ev("e5", "2022-03-20", "asb.closed", reason="Resolved"),
        ev("e6", "2022-05-01", "asb.reviewed"),
        case_type="asb",
    )
    reviews = clocks(doc, d("2022-06-01"), "asb.review")
    assert [(r.start_event, r.due, r.stopped, r.breached) for r in reviews] == [
        ("e2", d("2022-01-29"), d("2022-01-20"), False),
        ("e3", d("2022-02-17"), d("2022-03-10"), True),
        ("e4", d("2022-04-07"), d("2022-03-20"), False),
    ]


def test_a_high_risk_reporter_shortens_the_review_interval():
    doc = chronology(
        asb("e1", "2022-01-01"),
        ev("e2", "2022-01-01", "asb.case_opened"),
        ev("e3", "2022-01-03", "asb.risk_assessed", level="high"),
        ev("e4", "2022-01-14", "asb.reviewed"),
        ev("e5", "2022-01-14", "asb.risk_assessed", level="low"),
        ev("e6", "2022-02-20", "asb.reviewed"),
        case_type="asb",
    )
    reviews = clocks(doc, d("2022-03-01"), "asb.review")
    # Opened, then assessed high: reviewed within 14 days (15 Jan). Reassessed low at the
    # review: the next period is the usual 28 days (11 Feb), so the review of 20 Feb is late.
    assert [(r.start_event, r.due, r.breached) for r in reviews] == [
        ("e2", d("2022-01-15"), False),
        ("e4", d("2022-02-11"), True),
        ("e6", d("2022-03-20"), False),
    ]
    assert "14 calendar days" in reviews[0].rule


def test_the_high_risk_interval_is_the_landlords_where_set():
    doc = chronology(
        asb("e1", "2022-01-01"),
        ev("e2", "2022-01-01", "asb.risk_assessed", level="high"),
        ev("e3", "2022-01-02", "asb.case_opened"),
        policy={"asb.high_risk.review_interval_days": 7},
        case_type="asb",
    )
    review = one(doc, d("2022-01-20"), "asb.review")
    assert (review.due, review.breached) == (d("2022-01-09"), True)


def test_transfer_decision_runs_from_the_request():
    # 20 working days from Wed 30 Jun 2021: Wed 28 Jul 2021.
    doc = chronology(
        ev("e1", "2021-06-30", "transfer.requested", by="R1", reason="Unsafe"),
        ev("e2", "2021-10-07", "transfer.decided", outcome="declined", reason="No"),
        case_type="transfer",
    )
    clock = one(doc, d("2021-11-01"), "transfer.decision")
    assert (clock.due, clock.stopped, clock.overdue_working_days) == (
        d("2021-07-28"),
        d("2021-10-07"),
        50,
    )


def test_transfer_decision_waits_for_requested_evidence_then_runs_from_it():
    events = [
        ev("e1", "2021-06-30", "transfer.requested", by="R1", reason="Medical"),
        ev("e2", "2021-07-05", "transfer.evidence_requested", what="Medical evidence"),
    ]
    assert clocks(chronology(*events, case_type="transfer"), d("2021-09-01")) == []
    doc = chronology(
        *events,
        ev("e3", "2021-09-01", "transfer.evidence_received", what="Letter", **{"from": "R2"}),
        case_type="transfer",
    )
    clock = one(doc, d("2021-09-02"), "transfer.decision")
    assert (clock.start_event, clock.due) == ("e3", d("2021-09-29"))


def test_the_landlords_own_risk_assessment_time_wins_over_the_first_response_time():
    doc = chronology(
        asb("e1", "2022-01-10"),
        policy={"asb.first_response_days": 2, "asb.risk_assessment_days": 7},
        case_type="asb",
    )
    risk = one(doc, d("2022-02-01"), "asb.risk_assessment")
    assert risk.due == d("2022-01-17")
    assert not any("No asb.risk_assessment_days" in line for line in risk.explanation.lines)

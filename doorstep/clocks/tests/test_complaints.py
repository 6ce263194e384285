"""Complaint clocks: the earlier Code and the 2024 Code, escalation, extensions.

Expected dates are counted by hand on the England calendar (bank holidays named where they
matter), not by the engine.
"""

from __future__ import annotations

from doorstep.clocks.extensions import NOT_AGREED
from doorstep.clocks.families.complaints import LATE_ACK, NO_ACK
from doorstep.clocks.tests.builders import chronology, clocks, d, ev, one

ACK1 = "complaint.stage1.acknowledgement"
RESPONSE1 = "complaint.stage1.response"
ACK2 = "complaint.stage2.acknowledgement"
RESPONSE2 = "complaint.stage2.response"


def received(at: str, eid: str = "e1"):
    return ev(eid, at, "complaint.received", by="R1", stage=1, text="Complaint")


def response(at: str, stage: int = 1, eid: str = "e9"):
    return ev(eid, at, "complaint.response", stage=stage, outcome="upheld", text="Answer")


def extended(at: str, new_due: str, agreed: bool = True, reason: str = "Survey needed"):
    return ev(
        "e5", at, "complaint.extended", stage=1, new_due=new_due, reason=reason,
        agreed_with_resident=agreed,
    )  # fmt: skip


def test_earlier_code_counts_the_response_from_receipt():
    doc = chronology(received("2022-03-03"), response("2022-03-24"))
    clock = one(doc, d("2022-04-01"), RESPONSE1)
    assert (clock.started, clock.due, clock.stopped) == (
        d("2022-03-03"),
        d("2022-03-17"),
        d("2022-03-24"),
    )
    assert clock.breached and clock.overdue_working_days == 5
    assert "2020, revised 2022" in clock.rule


def test_2024_code_counts_from_the_acknowledgement():
    # Received Mon 3 Jun 2024, acknowledged Wed 5 Jun: 10 working days later is Wed 19 Jun.
    doc = chronology(
        received("2024-06-03"), ev("e2", "2024-06-05", "complaint.acknowledged", stage=1)
    )
    clock = one(doc, d("2024-06-10"), RESPONSE1)
    assert (clock.start_event, clock.started, clock.due) == ("e2", d("2024-06-05"), d("2024-06-19"))
    assert "Complaint Handling Code 2024" in clock.rule
    assert clock.remaining == 7


def test_2024_code_without_an_acknowledgement_counts_from_when_it_was_due():
    # Acknowledgement due Mon 10 Jun 2024; response 10 working days later, Mon 24 Jun.
    doc = chronology(received("2024-06-03"))
    clock = one(doc, d("2024-06-25"), RESPONSE1)
    assert (clock.started, clock.due, clock.breached) == (d("2024-06-10"), d("2024-06-24"), True)
    assert NO_ACK.format(due="10 Jun 2024") in clock.explanation.lines


def test_2024_code_late_acknowledgement_cannot_push_the_response_back():
    doc = chronology(
        received("2024-06-03"), ev("e2", "2024-06-20", "complaint.acknowledged", stage=1)
    )
    clock = one(doc, d("2024-06-25"), RESPONSE1)
    assert (clock.started, clock.due, clock.breached) == (d("2024-06-10"), d("2024-06-24"), True)
    assert LATE_ACK.format(event="e2", due="10 Jun 2024") in clock.explanation.lines
    ack = one(doc, d("2024-06-25"), ACK1)
    assert (ack.due, ack.stopped, ack.breached) == (d("2024-06-10"), d("2024-06-20"), True)


def test_escalation_keeps_the_code_of_the_complaint():
    # Received 25 Mar 2024 (earlier Code), escalated 1 May 2024: stage 2 counts from the
    # escalation, skipping 6 May and 27 May 2024 (bank holidays): due 31 May 2024.
    doc = chronology(
        received("2024-03-25"),
        response("2024-04-05"),
        ev("e3", "2024-05-01", "complaint.escalated", by="R1", stage=2, text="Escalate"),
    )
    clock = one(doc, d("2024-05-02"), RESPONSE2)
    assert (clock.start_event, clock.due) == ("e3", d("2024-05-31"))
    assert "2020, revised 2022" in clock.rule
    assert [n for _, n in clock.explanation.holidays] == ["May Day", "Spring Bank Holiday"]


def test_2024_escalation_counts_from_its_acknowledgement():
    doc = chronology(
        received("2024-06-03"),
        response("2024-06-12"),
        ev("e3", "2024-07-01", "complaint.escalated", by="R1", stage=2, text="Escalate"),
        ev("e4", "2024-07-03", "complaint.acknowledged", stage=2),
    )
    clock = one(doc, d("2024-07-04"), RESPONSE2)
    assert (clock.start_event, clock.started, clock.due) == ("e4", d("2024-07-03"), d("2024-07-31"))


def test_a_stage_2_response_does_not_answer_stage_1():
    doc = chronology(received("2022-03-03"), response("2022-03-10", stage=2))
    clock = one(doc, d("2022-04-01"), RESPONSE1)
    assert clock.stopped is None and clock.breached


def test_a_contact_out_is_not_an_acknowledgement():
    doc = chronology(
        received("2022-03-03"), ev("e2", "2022-03-04", "contact.out", to="R1", text="Hi")
    )
    ack = one(doc, d("2022-03-11"), ACK1)
    assert ack.stopped is None and ack.breached and ack.arises == d("2022-03-11")


def test_a_response_inside_the_window_is_the_acknowledgement():
    doc = chronology(received("2022-03-03"), response("2022-03-09"))
    ack = one(doc, d("2022-04-01"), ACK1)
    assert (ack.stopped, ack.stop_event, ack.breached) == (d("2022-03-09"), "e9", False)


def test_a_refusal_answers_the_stage():
    doc = chronology(
        received("2022-03-03"),
        ev("e2", "2022-03-08", "complaint.refused", stage=1, reason="Over 12 months old"),
    )
    assert not one(doc, d("2022-04-01"), RESPONSE1).breached


def test_a_valid_extension_moves_due_and_keeps_the_original():
    doc = chronology(
        received("2022-03-03"), extended("2022-03-15", "2022-03-31"), response("2022-03-30")
    )
    clock = one(doc, d("2022-04-01"), RESPONSE1)
    assert (clock.due, clock.original_due) == (d("2022-03-31"), d("2022-03-17"))
    assert clock.extension_valid is True and not clock.breached


def test_an_extension_not_agreed_leaves_due_at_the_original_date():
    doc = chronology(
        received("2022-03-03"),
        extended("2022-03-15", "2022-03-31", agreed=False),
        response("2022-03-30"),
    )
    clock = one(doc, d("2022-04-01"), RESPONSE1)
    assert (clock.due, clock.original_due, clock.extension_valid) == (d("2022-03-17"), None, False)
    assert clock.breached and clock.overdue_working_days == 9
    assert any(NOT_AGREED in line for line in clock.explanation.lines)


def test_an_extension_beyond_the_codes_limit_is_invalid():
    # The limit is a further 10 working days after 17 Mar 2022: 31 Mar 2022.
    doc = chronology(received("2022-03-03"), extended("2022-03-15", "2022-04-01"))
    clock = one(doc, d("2022-03-20"), RESPONSE1)
    assert (clock.due, clock.extension_valid) == (d("2022-03-17"), False)


def test_an_extension_given_after_the_due_date_is_invalid():
    doc = chronology(received("2022-03-03"), extended("2022-03-18", "2022-03-25"))
    clock = one(doc, d("2022-03-20"), RESPONSE1)
    assert (clock.due, clock.extension_valid) == (d("2022-03-17"), False)


def test_an_extension_never_moves_due_earlier():
    doc = chronology(received("2022-03-03"), extended("2022-03-08", "2022-03-10"))
    clock = one(doc, d("2022-03-09"), RESPONSE1)
    assert (clock.due, clock.original_due) == (d("2022-03-17"), None)


def test_an_imprecise_receipt_counts_from_the_end_of_its_month():
    doc = chronology(received("2021-11"))
    clock = one(doc, d("2022-01-01"), RESPONSE1)
    assert (clock.started, clock.due, clock.imprecise) == (d("2021-11-30"), d("2021-12-14"), True)


def test_each_complaint_is_judged_by_the_policy_in_force_when_its_clock_started():
    policy = {
        "complaints.stage1.response_working_days": {"value": 15, "effective_from": "2023-01-01"}
    }
    doc = chronology(
        received("2022-03-03", "e1"),
        ev("e2", "2023-03-01", "complaint.received", case="C2", by="R1", stage=1, text="Again"),
        policy=policy,
    )
    found = {c.case: c for c in clocks(doc, d("2023-03-02"), RESPONSE1)}
    assert found["C1"].due == d("2022-03-17")  # 10: the default then
    assert found["C2"].due == d("2023-03-22")  # 15 working days: the landlord's own from 2023
    assert "Test Homes's own policy" in found["C2"].rule


def test_under_the_2024_code_a_less_strict_landlord_value_gives_way():
    policy = {"complaints.stage1.response_working_days": 15}
    doc = chronology(
        received("2024-06-03"),
        ev("e2", "2024-06-05", "complaint.acknowledged", stage=1),
        policy=policy,
    )
    assert one(doc, d("2024-06-06"), RESPONSE1).due == d("2024-06-19")


def test_two_complaints_in_one_case_have_their_own_clocks():
    doc = chronology(
        received("2022-01-10", "e1"), response("2022-01-20", eid="e2"), received("2022-06-01", "e3")
    )
    found = clocks(doc, d("2022-07-01"), RESPONSE1)
    assert [(c.start_event, c.stopped) for c in found] == [("e1", d("2022-01-20")), ("e3", None)]

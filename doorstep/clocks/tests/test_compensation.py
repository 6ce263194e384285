"""Compensation offers read from the record: kind, method and each component against the band
it names; the four compensation failures, each with a failing and a quiet case; and the seeds'
rows (Clarion rows 7-8 and section C; Bromford rows 3-4)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstep.clocks.compensation import (
    BELOW_POLICY,
    OFFSET,
    OUTSIDE,
    REFUND,
    UNANSWERED,
    offers,
    requests,
)
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.tests.builders import chronology, d, ev
from doorstep.clocks.tests.test_seed_replays import BROMFORD, CLARION, CLARION_DAY, load

BANDS = {"compensation.band.minor": {"min": 50, "max": 250}}


def found(*events, policy=None, as_of="2024-12-31"):
    doc = chronology(*events, policy=policy or BANDS)
    return offers(facts_from_chronology(doc), as_of=d(as_of))


def offer(amount=100, band="minor", **data):
    parts = [{"amount": amount, "for": "Not returning calls", "band": band}]
    made = ev("o", "2024-05-01", "compensation.offered", amount=amount, components=parts)
    made["data"].update(data)  # `kind` is the offer's (compensation, goodwill, refund)
    return made


def codes(result):
    return [f.code for o in result for f in o.failures]


def test_a_component_below_its_band_is_a_failure_and_one_inside_is_quiet():
    [below] = found(offer(amount=25))
    assert below.components[0].standing == "below"
    [failure] = below.failures
    assert failure.code == BELOW_POLICY
    assert "naming the band 'minor' (£50 to £250), below its minimum by £25" in failure.explanation
    [inside] = found(offer(amount=100))
    assert (inside.components[0].standing, inside.failures) == ("inside", ())


def test_a_component_naming_no_band_or_an_unknown_one_is_not_judged():
    assert codes(found(offer(amount=5, band=None))) == []
    assert codes(found(offer(amount=5, band="not_in_policy"))) == []


@pytest.mark.parametrize("method", ["rent_account", "rent_account_if_arrears"])
def test_an_offset_the_resident_did_not_ask_for_is_a_failure(method):
    assert codes(found(offer(method=method))) == [OFFSET]
    assert codes(found(offer(method=method, resident_asked_for_offset=True))) == []
    assert codes(found(offer(method="direct"))) == []


def test_a_refund_counted_as_compensation_is_a_failure():
    assert codes(found(offer(band=None, kind="refund", counted_as_compensation=True))) == [REFUND]
    assert codes(found(offer(band=None, kind="refund", counted_as_compensation=False))) == []


def test_an_offer_after_the_stage_2_response_is_outside_the_process():
    closed = ev("r2", "2024-04-30", "complaint.response", stage=2, outcome="upheld")
    assert codes(found(closed, offer(band=None))) == [OUTSIDE]
    same_day = ev("r2", "2024-05-01", "complaint.response", stage=2, outcome="upheld")
    assert codes(found(same_day, offer(band=None))) == []
    stage1 = ev("r1", "2024-04-30", "complaint.response", stage=1, outcome="upheld")
    assert codes(found(stage1, offer(band=None))) == []


def test_an_offer_is_not_in_a_replay_before_it_was_made():
    assert found(offer(amount=25), as_of="2024-04-30") == []


def seed_offers(name: str, day: dt.date):
    return {o.event: o for o in offers(facts_from_chronology(load(name)), as_of=day)}


def test_clarion_offers_their_kinds_methods_and_bands():
    found = seed_offers(CLARION, CLARION_DAY)
    e33, e47, e48 = found["e33"], found["e47"], found["e48"]
    assert (e33.kind, e33.method) == ("compensation", "rent_account_if_arrears")
    assert [(c.band, c.standing) for c in e33.components] == [
        ("considerable_service_failure", "below"),
        (None, None),
    ]
    assert [(f.code, f.date, f.events) for f in e33.failures] == [
        (BELOW_POLICY, d("2022-03-24"), ("e32", "e33")),  # row 7
        (OFFSET, d("2022-03-24"), ("e33",)),  # row 8
    ]
    # Section C: the stage 2 offers sit inside their bands; the goodwill names none.
    assert [c.standing for c in e47.components] == ["inside", "inside"]
    assert (e47.failures, e48.kind, e48.failures) == ((), "goodwill", ())


def test_bromford_refund_counted_as_compensation_after_the_process_closed():
    found = seed_offers(BROMFORD, dt.date(2024, 3, 21))
    e42 = found["e42"]
    assert [(f.code, f.date, f.imprecise) for f in e42.failures] == [
        (REFUND, d("2022-07-05"), True),  # row 4
        (OUTSIDE, d("2022-07-05"), True),  # row 3
    ]
    assert (found["e36"].failures, found["e37"].failures) == ((), ())


# --- compensation.request_unanswered --------------------------------------------------------

ASKED = ev("q", "2024-04-02", "compensation.requested", text="I want compensation", amount=300)
RESPONSE = ev("r1", "2024-04-16", "complaint.response", stage=1, outcome="upheld")


def asked(*events, as_of="2024-12-31"):
    doc = chronology(*events, policy=BANDS)
    return requests(facts_from_chronology(doc), as_of=d(as_of))


def test_a_response_without_an_offer_leaves_the_request_unanswered():
    [request] = asked(ASKED, RESPONSE)
    [failure] = request.failures
    assert (failure.code, failure.date, failure.events) == (
        UNANSWERED,
        d("2024-04-16"),
        ("q", "r1"),
    )
    assert failure.resolved is None
    assert failure.explanation == (
        "The resident asked for compensation on 2 Apr 2024 (£300); the stage 1 response of "
        "16 Apr 2024 made no offer."
    )


def test_an_offer_on_the_responses_day_answers_the_request():
    made = ev("o", "2024-04-16", "compensation.offered", amount=100)
    [request] = asked(ASKED, RESPONSE, made)
    assert (request.failures, request.offer, request.response) == ((), "o", "r1")


def test_an_offer_between_the_request_and_the_response_answers_it():
    made = ev("o", "2024-04-10", "compensation.offered", amount=100)
    assert asked(ASKED, made, RESPONSE)[0].failures == ()


def test_a_later_offer_resolves_the_failure_but_does_not_erase_it():
    made = ev("o", "2024-05-01", "compensation.offered", amount=100)
    [request] = asked(ASKED, RESPONSE, made)
    [failure] = request.failures
    assert (failure.date, failure.resolved) == (d("2024-04-16"), d("2024-05-01"))


def test_no_response_yet_is_quiet_and_the_request_is_not_in_an_earlier_replay():
    assert asked(ASKED)[0].failures == ()
    assert asked(ASKED, RESPONSE, as_of="2024-04-01") == []
    # Before the response, the request waits; it is not yet a failure.
    assert asked(ASKED, RESPONSE, as_of="2024-04-15")[0].failures == ()


def test_the_request_is_answered_at_the_stage_the_complaint_was_at():
    escalated = ev("x", "2024-03-20", "complaint.escalated", stage=2, text="Not happy")
    # A stage 1 response does not answer a request made at stage 2; the stage 2 one does.
    assert asked(escalated, ASKED, RESPONSE)[0].failures == ()
    stage2 = ev("r2", "2024-05-02", "complaint.response", stage=2, outcome="upheld")
    [request] = asked(escalated, ASKED, RESPONSE, stage2)
    assert [(f.code, f.events) for f in request.failures] == [(UNANSWERED, ("q", "r2"))]
    assert request.stage == 2


def test_a_request_in_another_case_is_not_answered_by_this_cases_offer():
    made = ev("o", "2024-04-16", "compensation.offered", case="C2", amount=100)
    assert [f.code for f in asked(ASKED, RESPONSE, made)[0].failures] == [UNANSWERED]


@given(
    asked_on=st.integers(0, 60),
    response_after=st.integers(0, 60),
    offer_after=st.one_of(st.none(), st.integers(0, 120)),
)
def test_unanswered_exactly_when_no_offer_from_the_request_to_the_response(
    asked_on, response_after, offer_after
):
    start = dt.date(2024, 1, 1)
    day = start + dt.timedelta(days=asked_on)
    answer_day = day + dt.timedelta(days=response_after)
    events = [
        ev("q", day.isoformat(), "compensation.requested", text="Please", amount=None),
        ev("r", answer_day.isoformat(), "complaint.response", stage=1, outcome="upheld"),
    ]
    if offer_after is not None:
        offered = day + dt.timedelta(days=offer_after)
        events.append(ev("o", offered.isoformat(), "compensation.offered", amount=50))
    [request] = asked(*events)
    answered = offer_after is not None and offer_after <= response_after
    assert bool(request.failures) is not answered
    if request.failures and offer_after is not None:
        assert request.failures[0].resolved == day + dt.timedelta(days=offer_after)


def test_neither_seed_leaves_a_request_unanswered():
    for name, day in ((CLARION, CLARION_DAY), (BROMFORD, dt.date(2024, 3, 21))):
        found = requests(facts_from_chronology(load(name)), as_of=day)
        assert [f for r in found for f in r.failures] == []


# --- the refinements: a refusal closes the process, a band's whole key, payments by offer ----


def test_an_offer_after_a_refusal_is_outside_the_process():
    refused = ev("f", "2024-04-30", "complaint.refused", stage=1, reason="Out of time")
    [late] = found(refused, offer(band=None))
    [failure] = late.failures
    assert failure.code == OUTSIDE
    assert "after the complaint was refused on 30 Apr 2024" in failure.explanation


def test_a_component_may_name_the_bands_whole_key():
    [below] = found(offer(amount=25, band="compensation.band.minor"))
    assert [f.code for f in below.failures] == [BELOW_POLICY]


def test_a_payment_naming_its_offer_is_that_offers_only():
    first = ev("o1", "2024-05-01", "compensation.offered", amount=100, offer="OFR-1")
    second = ev("o2", "2024-05-02", "compensation.offered", amount=50, offer="OFR-2")
    pay = ev("p", "2024-05-03", "compensation.paid", amount=50, method="direct", offer="OFR-2")
    loose = ev("p2", "2024-05-04", "compensation.paid", amount=10, method="direct")
    by_event = {o.event: o.paid for o in found(first, second, pay, loose)}
    assert by_event == {"o1": ("p2",), "o2": ("p", "p2")}


def test_a_payment_naming_an_offer_the_file_does_not_hold_is_read_as_naming_none():
    first = ev("o1", "2024-05-01", "compensation.offered", amount=100)
    pay = ev("p", "2024-05-03", "compensation.paid", amount=50, offer="a-uid-from-elsewhere")
    assert [o.paid for o in found(first, pay)] == [("p",)]

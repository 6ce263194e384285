"""Compensation offers read from the record: kind, method and each component against the band
it names; the four compensation failures, each with a failing and a quiet case; and the seeds'
rows (Clarion rows 7-8 and section C; Bromford rows 3-4)."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.clocks.compensation import BELOW_POLICY, OFFSET, OUTSIDE, REFUND, offers
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

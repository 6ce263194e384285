"""The extension rule (`clocks.extensions.extension_problem`): a good reason recorded allows
going beyond the Code's limit; agreement is needed only where the landlord's policy asks for
it; an extension not given in writing is never valid. Both uses: a replay of the record, and a
proposed extension judged before it is recorded (`engine.judge_proposed_extension`).

Received Thu 3 Mar 2022 (earlier Code): the response is due Thu 17 Mar 2022; the Code's limit
is a further 10 working days, Thu 31 Mar 2022 (counted by hand: no bank holiday between).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from doorstep.clocks.engine import NO_RESPONSE_CLOCK, judge_proposed_extension
from doorstep.clocks.extensions import NOT_AGREED, NOT_IN_WRITING, TOO_LATE, TOO_LONG
from doorstep.clocks.facts import fact_from_event, facts_from_chronology
from doorstep.clocks.tests.builders import chronology, d, ev, one

RESPONSE1 = "complaint.stage1.response"
AGREEMENT = "complaints.extension.resident_agreement_required"


def received(at: str = "2022-03-03"):
    return ev("e1", at, "complaint.received", by="R1", stage=1, text="Complaint")


def extended(at: str, new_due: str, eid: str = "e5", **data):
    fields = {"stage": 1, "new_due": new_due, "reason": "Survey needed", **data}
    return ev(eid, at, "complaint.extended", **fields)


def test_a_good_reason_allows_going_beyond_the_limit():
    doc = chronology(
        received(),
        extended(
            "2022-03-15",
            "2022-04-08",
            agreed_with_resident=True,
            good_reason="The structural engineer cannot visit before 5 April",
        ),
    )
    clock = one(doc, d("2022-03-20"), RESPONSE1)
    assert (clock.due, clock.original_due, clock.extension_valid) == (
        d("2022-04-08"),
        d("2022-03-17"),
        True,
    )
    assert any("for a good reason" in line for line in clock.explanation.lines)


def test_beyond_the_limit_without_a_good_reason_is_invalid_and_says_why():
    doc = chronology(received(), extended("2022-03-15", "2022-04-08", agreed_with_resident=True))
    clock = one(doc, d("2022-03-20"), RESPONSE1)
    assert (clock.due, clock.original_due, clock.extension_valid) == (d("2022-03-17"), None, False)
    assert any("no good reason recorded" in line for line in clock.explanation.lines)


def test_agreement_is_needed_where_the_policy_asks_for_it_by_default():
    doc = chronology(received(), extended("2022-03-15", "2022-03-31"))
    clock = one(doc, d("2022-03-20"), RESPONSE1)
    assert (clock.due, clock.extension_valid) == (d("2022-03-17"), False)
    assert any(NOT_AGREED in line for line in clock.explanation.lines)


def test_agreement_is_not_needed_where_the_landlords_policy_does_not_ask_for_it():
    doc = chronology(received(), extended("2022-03-15", "2022-03-31"), policy={AGREEMENT: False})
    clock = one(doc, d("2022-03-20"), RESPONSE1)
    assert (clock.due, clock.original_due, clock.extension_valid) == (
        d("2022-03-31"),
        d("2022-03-17"),
        True,
    )


def test_an_extension_not_given_in_writing_is_invalid_even_when_agreed():
    doc = chronology(
        received(),
        extended("2022-03-15", "2022-03-31", agreed_with_resident=True, in_writing=False),
    )
    clock = one(doc, d("2022-03-20"), RESPONSE1)
    assert (clock.due, clock.extension_valid) == (d("2022-03-17"), False)
    assert any(NOT_IN_WRITING in line for line in clock.explanation.lines)


def _facts(*events, policy=None):
    return facts_from_chronology(chronology(*events, policy=policy))


def _proposed(at: str, new_due: str, **data):
    return fact_from_event(extended(at, new_due, eid="proposed", **data), 99)


def test_a_proposed_extension_is_judged_by_the_same_rule():
    facts = _facts(received())
    fine = judge_proposed_extension(
        facts,
        proposed=_proposed("2022-03-15", "2022-03-31", agreed_with_resident=True),
        stage=1,
        as_of=d("2022-03-15"),
    )
    assert (fine.problem, fine.due) == (None, d("2022-03-17"))
    late = judge_proposed_extension(
        facts,
        proposed=_proposed("2022-03-18", "2022-03-25", agreed_with_resident=True),
        stage=1,
        as_of=d("2022-03-18"),
    )
    assert late.problem == TOO_LATE.format(due="17 Mar 2022")
    long = judge_proposed_extension(
        facts,
        proposed=_proposed("2022-03-15", "2022-04-08", agreed_with_resident=True),
        stage=1,
        as_of=d("2022-03-15"),
    )
    assert long.problem == TOO_LONG.format(n=10, limit="31 Mar 2022")


def test_a_proposed_extension_follows_the_landlords_agreement_policy():
    unagreed = _proposed("2022-03-15", "2022-03-31", agreed_with_resident=False)
    asked = judge_proposed_extension(
        _facts(received()), proposed=unagreed, stage=1, as_of=d("2022-03-15")
    )
    assert asked.problem == NOT_AGREED
    not_asked = judge_proposed_extension(
        _facts(received(), policy={AGREEMENT: False}),
        proposed=unagreed,
        stage=1,
        as_of=d("2022-03-15"),
    )
    assert not_asked.problem is None


def test_a_proposed_extension_of_a_stage_not_opened_has_no_clock():
    verdict = judge_proposed_extension(
        _facts(received()),
        proposed=fact_from_event(
            ev("p", "2022-03-15", "complaint.extended", stage=2, new_due="2022-04-20", reason="x"),
            99,
        ),
        stage=2,
        as_of=d("2022-03-15"),
    )
    assert verdict.problem == NO_RESPONSE_CLOCK.format(stage=2)


@settings(max_examples=80, deadline=None)
@given(
    st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31)),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=1, max_value=30),
    st.booleans(),
)
def test_any_extension_given_after_the_due_date_is_invalid_in_both_uses(
    start, late_by, further, good
):
    """Whatever its reason, agreement or good reason: given after the response was due, an
    extension is invalid in a replay and refused when proposed."""
    facts = _facts(received(start.isoformat()))
    clock = one(chronology(received(start.isoformat())), start, RESPONSE1)
    given_on = clock.due + dt.timedelta(days=late_by)
    data: dict[str, object] = {"agreed_with_resident": True}
    if good:
        data["good_reason"] = "An expert report is awaited"
    new_due = (given_on + dt.timedelta(days=further)).isoformat()
    event = extended(given_on.isoformat(), new_due, **data)
    replayed = one(chronology(received(start.isoformat()), event), given_on, RESPONSE1)
    assert replayed.extension_valid is False and replayed.due == clock.due
    verdict = judge_proposed_extension(
        facts, proposed=fact_from_event(event, 99), stage=1, as_of=given_on
    )
    assert verdict.problem is not None and verdict.problem.startswith("it was given after")

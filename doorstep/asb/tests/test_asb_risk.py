"""Assessing the reporter's risk on the matrix: the score, its level at the policy's thresholds
(the landlord's own where set), raised only with a reason and never lowered; a high risk
puts the case first and is re-assessed at each review."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorstep.asb.services import RAISED_NO_REASON, asb_assess, asb_decline
from doorstep.asb.tests.conftest import HIGH, LOW, NOW
from doorstep.asb.tests.helpers import count, last
from doorstep.clocks.asb import RISK_FACTORS, risk_level, risk_score
from doorstep.core.errors import DomainError
from doorstep.policy.services import policy_override_record

ANSWERS = st.fixed_dictionaries({f: st.sampled_from(list(a)) for f, a in RISK_FACTORS.items()})


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=ANSWERS)
def test_the_level_is_the_scores_at_the_default_thresholds(homes, reported, answers):
    asb = asb_assess(actor=homes.officer, asb=reported, answers=answers, at=NOW)
    score = risk_score(answers)
    assert asb.risk["score"] == score
    assert asb.risk_level == risk_level(score, medium_from=3, high_from=5)
    assert last(asb.case, "asb.risk_assessed").data["answers"] == answers


def test_a_high_score_is_high_risk(homes, reported):
    asb = asb_assess(actor=homes.officer, asb=reported, answers=HIGH, at=NOW)
    assert asb.risk_level == "high" and asb.high_risk
    assert last(asb.case, "asb.risk_assessed").data == {
        "level": "high",
        "answers": HIGH,
        "score": 6,
    }


def test_the_landlords_thresholds_in_force_decide_the_level(homes, reported):
    policy_override_record(
        actor=None,
        key="asb.risk.high_from_score",
        value=2,
        source="Our ASB risk matrix 2024",
        at=NOW - dt.timedelta(days=10),
        effective_from=dt.date(2024, 1, 1),
    )
    answers = {**LOW, "vulnerability": "significant"}  # score 2
    assert asb_assess(actor=homes.officer, asb=reported, answers=answers, at=NOW).risk_level == (
        "high"
    )


def test_an_officer_raises_the_level_with_a_reason(homes, reported):
    asb = asb_assess(
        actor=homes.officer,
        asb=reported,
        answers=LOW,
        raised_to="high",
        raise_reason="Threatened with a knife last night.",
        at=NOW,
    )
    assert asb.risk_level == "high"
    assert asb.risk["raised_from"] == "low"
    assert asb.risk["reason"] == "Threatened with a knife last night."


def test_raising_without_a_reason_is_refused(homes, reported):
    events = count(reported.case)
    with pytest.raises(DomainError) as refused:
        asb_assess(actor=homes.officer, asb=reported, answers=LOW, raised_to="medium", at=NOW)
    assert refused.value.message == RAISED_NO_REASON.format(level="low")
    assert refused.value.field == "raise_reason"
    assert count(reported.case) == events


def test_lowering_the_level_is_refused(homes, reported):
    with pytest.raises(DomainError) as refused:
        asb_assess(
            actor=homes.officer,
            asb=reported,
            answers=HIGH,
            raised_to="low",
            raise_reason="She seems fine",
            at=NOW,
        )
    assert refused.value.field == "raised_to"
    assert "never lowered" in refused.value.message


def test_an_unanswered_matrix_is_refused(homes, reported):
    with pytest.raises(DomainError) as refused:
        asb_assess(actor=homes.officer, asb=reported, answers={"vulnerability": "some"}, at=NOW)
    assert refused.value.field == "answers"
    assert "repeat victimisation" in refused.value.message


def test_a_declined_case_is_not_assessed(homes, reported):
    asb_decline(actor=homes.officer, asb=reported, reason_code="not_asb", reason="No.", at=NOW)
    reported.refresh_from_db()
    with pytest.raises(DomainError):
        asb_assess(actor=homes.officer, asb=reported, answers=LOW, at=NOW)

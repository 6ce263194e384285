"""The ASB rules a live case and a replay share (`doorstep.clocks.asb`)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstep.clocks.asb import (
    POLICE_NEVER,
    RISK_FACTORS,
    assessed_level,
    case_review_first_met,
    case_review_met,
    decline_problem,
    delay_in_force,
    delay_problem,
    delays_of,
    months_before,
    reveals_reporter,
    risk_level,
    risk_score,
)

ALLOWED = ["insufficient_evidence", "not_asb", "civil_matter", "out_of_time"]
days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))


def test_an_action_against_the_perpetrator_reveals_the_reporter() -> None:
    assert reveals_reporter({"type": "warning", "against": "Flat 3"})
    assert not reveals_reporter({"type": "interview", "against": None})
    assert not reveals_reporter({"type": "warning", "against": "Flat 3", "reveals_reporter": False})
    assert reveals_reporter({"type": "interview", "reveals_reporter": True})


def test_a_delay_blocks_revealing_actions_until_it_ends() -> None:
    delays = delays_of([("e1", dt.date(2024, 3, 4), 3)])
    warning = {"type": "warning", "against": "Flat 3"}
    assert delay_problem(delays, warning, dt.date(2024, 3, 4))
    refused = delay_problem(delays, warning, dt.date(2024, 3, 6))
    assert refused is not None and "7 March 2024" in refused
    assert delay_problem(delays, warning, dt.date(2024, 3, 7)) is None
    assert delay_problem(delays, {"type": "interview"}, dt.date(2024, 3, 5)) is None


def test_a_managers_override_with_a_reason_lifts_the_delay() -> None:
    delays = delays_of([("e1", dt.date(2024, 3, 4), 7)])
    action = {"type": "visit", "against": "Flat 3", "delay_override": {"reason": ""}}
    assert delay_problem(delays, action, dt.date(2024, 3, 5))
    action["delay_override"] = {"reason": "Threats to stab: risk to others outweighs the delay"}
    assert delay_problem(delays, action, dt.date(2024, 3, 5)) is None


@given(day=days, asked=st.integers(min_value=1, max_value=60), offset=st.integers(-5, 90))
def test_a_delay_holds_from_the_report_to_the_day_before_it_ends(
    day: dt.date, asked: int, offset: int
) -> None:
    delays = delays_of([("e1", day, asked)])
    on = day + dt.timedelta(days=offset)
    assert (delay_in_force(delays, on) is not None) == (0 <= offset < asked)


def test_no_delay_asked_is_no_delay() -> None:
    assert delays_of([("e1", dt.date(2024, 1, 1), None), ("e2", dt.date(2024, 1, 1), 0)]) == []


def test_declining_because_it_was_not_reported_to_the_police_is_never_allowed() -> None:
    assert decline_problem("not_reported_to_police", ALLOWED) == POLICE_NEVER
    assert decline_problem("not_reported_to_police", [*ALLOWED, "not_reported_to_police"])
    assert decline_problem("not_asb", ALLOWED) is None
    problem = decline_problem("other", ALLOWED)
    assert problem is not None and "civil matter" in problem


@given(st.fixed_dictionaries({f: st.sampled_from(list(a)) for f, a in RISK_FACTORS.items()}))
def test_the_score_is_the_sum_of_the_factors(answers: dict[str, str]) -> None:
    score = risk_score(answers)
    assert score == sum(RISK_FACTORS[f][a] for f, a in answers.items())
    assert 0 <= score <= 8


def test_the_level_follows_the_policys_thresholds() -> None:
    answers = {
        "vulnerability": "significant",
        "repeat_victimisation": "persistent",
        "impact": "moderate",
        "hate_motivated": False,
    }
    assert risk_score(answers) == 5
    assert risk_level(5, medium_from=3, high_from=5) == "high"
    assert risk_level(5, medium_from=3, high_from=6) == "medium"
    assert risk_level(2, medium_from=3, high_from=6) == "low"


def test_an_unanswered_or_unknown_answer_is_refused() -> None:
    with pytest.raises(ValueError, match="impact"):
        risk_score(
            {"vulnerability": "none", "repeat_victimisation": "first", "hate_motivated": "no"}
        )
    with pytest.raises(ValueError, match="choose"):
        risk_score(
            {
                "vulnerability": "very",
                "repeat_victimisation": "first",
                "impact": "low",
                "hate_motivated": "no",
            }
        )


def test_a_level_may_be_raised_never_lowered() -> None:
    assert assessed_level("medium", "high") == "high"
    assert assessed_level("medium", None) == "medium"
    with pytest.raises(ValueError, match="never lowered"):
        assessed_level("high", "low")


def test_three_reports_in_six_months_meet_the_case_review_threshold() -> None:
    reports = [dt.date(2024, 1, 10), dt.date(2024, 3, 1), dt.date(2024, 7, 9)]
    assert case_review_met(reports, on=dt.date(2024, 7, 9), threshold=3, months=6) == tuple(reports)
    late = [dt.date(2024, 1, 10), dt.date(2024, 3, 1), dt.date(2024, 7, 11)]
    assert case_review_met(late, on=dt.date(2024, 7, 11), threshold=3, months=6) == ()
    assert case_review_first_met(reports, threshold=3, months=6) == dt.date(2024, 7, 9)
    assert case_review_first_met(late, threshold=3, months=6) is None


@given(day=days, months=st.integers(min_value=1, max_value=24))
def test_months_before_goes_back_whole_months(day: dt.date, months: int) -> None:
    earlier = months_before(day, months)
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day <= day.day

"""Each ASB case as the replay reads it (`doorstep.clocks.asb.asb_cases`): the reports, the
decision to open or decline (with whether the policy allowed the reason), the risk
assessments, the interventions inside the reporter's delay, and the ASB case review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.clocks.asb import POLICE_NEVER, asb_cases, asb_json
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.replay import asb_lines, render_text, replay_clocks
from doorstep.clocks.tests.builders import chronology, d, ev
from doorstep.clocks.tests.test_seed_replays import BROMFORD, BROMFORD_DAY, load


def report(eid: str, at: str, case: str = "C1", **data: Any) -> dict[str, Any]:
    return ev(eid, at, "asb.reported", case=case, by="R1", category="drugs", text="Dealing", **data)


def read(doc: dict[str, Any], as_of: dt.date) -> list[dict[str, Any]]:
    return [asb_json(v) for v in asb_cases(facts_from_chronology(doc), as_of=as_of)]


def test_bromford_shows_the_reports_no_case_and_the_declines_with_their_reasons() -> None:
    found = {c["case"]: c for c in read(load(BROMFORD), BROMFORD_DAY)}
    c2, c6 = found["C2"], found["C6"]
    assert [r["event"] for r in c2["reports"]] == ["e1", "e2", "e6", "e14", "e15", "e16"]
    assert [r["event"] for r in c6["reports"]] == ["e7", "e17"]
    # No case was ever opened or risk-assessed.
    assert (c2["state"], c2["opened"], c2["risk_assessed"]) == ("declined", None, [])
    assert (c6["state"], c6["opened"], c6["risk_assessed"]) == ("not_opened", None, [])
    # The decline of 7 Oct 2021 ("not ASB") is a reason the policy allows; the email of 20 Jul
    # 2022 (not reported to the police) never is (key rows 18 and C).
    declines = [(x["event"], x["date"], x["reason_code"], x["allowed"]) for x in c2["declines"]]
    assert declines == [
        ("e25", "2021-10-07", "not_asb", True),
        ("e39", "2022-07-20", "not_reported_to_police", False),
    ]
    assert c2["declines"][1]["problem"] == POLICE_NEVER
    # The police were involved in e14 and e15; the source is silent on the rest.
    assert [r["police_involved"] for r in c2["reports"]] == [None, None, None, True, True, None]
    # The only action on record is the meeting with the reporter: it revealed no one.
    assert [(a["event"], a["ignored_delay"]) for a in c2["actions"]] == [("e8", False)]


def test_bromford_recognises_the_asb_case_review_threshold_and_that_she_was_never_told() -> None:
    found = {c["case"]: c for c in read(load(BROMFORD), BROMFORD_DAY)}
    (review,) = found["C2"]["case_review"]
    # e6 and e7 (26 Apr 2021), then e15-e17 (30 Jun 2021). e14 reported on 30 Jun 2021 an
    # incident of 26 Apr 2021: more than a month later, so it does not qualify (s104).
    assert review["threshold_met"] == "2021-06-30"
    assert review["reporter_told"] is None
    assert not next(r for r in found["C2"]["reports"] if r["event"] == "e14")[
        "qualifies_for_case_review"
    ]


def test_the_text_replay_has_an_asb_section() -> None:
    text = render_text(replay_clocks(load(BROMFORD), as_of=BROMFORD_DAY))
    section = text.split("Anti-social behaviour as of 21 Mar 2024\n", 1)[1]
    assert "C2: 6 report(s), declined, no case opened, never risk-assessed" in section
    assert "declined 20 Jul 2022 (not reported to police): Not having reported" in section
    assert "C6: 2 report(s), no case opened, never risk-assessed" in section


def test_an_action_against_the_perpetrator_inside_the_delay_ignored_the_reporters_wish() -> None:
    doc = chronology(
        report("e1", "2024-03-04", informant_delay_requested_days=5),
        ev("e2", "2024-03-04", "asb.case_opened"),
        ev("e3", "2024-03-05", "asb.action", type="warning", against="Flat 3", details="Letter"),
        ev(
            "e4",
            "2024-03-06",
            "asb.action",
            type="visit",
            against="Flat 3",
            details="Visit",
            delay_override={"reason": "Threats of violence to others", "by": "S2"},
        ),
        ev("e5", "2024-03-06", "asb.action", type="interview", against=None, details="Reporter"),
        ev("e6", "2024-03-09", "asb.action", type="warning", against="Flat 3", details="Warning"),
        case_type="asb",
    )
    (case,) = read(doc, d("2024-04-01"))
    assert case["reports"][0]["delay_until"] == "2024-03-09"
    got = [(a["event"], a["inside_delay_until"], a["ignored_delay"]) for a in case["actions"]]
    assert got == [
        ("e3", "2024-03-09", True),
        ("e4", "2024-03-09", False),
        ("e5", None, False),
        ("e6", None, False),
    ]
    assert case["actions"][1]["override_reason"] == "Threats of violence to others"


def test_an_imprecise_action_is_inside_the_delay_only_where_it_certainly_was() -> None:
    doc = chronology(
        report("e1", "2024-03-04", informant_delay_requested_days=5),
        ev("e2", "2024-03", "asb.action", type="warning", against="Flat 3", details="Letter"),
        case_type="asb",
    )
    (case,) = read(doc, d("2024-04-01"))
    assert case["actions"][0]["ignored_delay"] is False


def test_risk_levels_reviews_and_closing_are_read_in_order() -> None:
    doc = chronology(
        report("e1", "2024-03-04"),
        ev("e2", "2024-03-04", "asb.case_opened"),
        ev("e3", "2024-03-05", "asb.risk_assessed", level="medium"),
        ev("e4", "2024-03-30", "asb.reviewed"),
        ev("e5", "2024-03-30", "asb.risk_assessed", level="high"),
        ev("e6", "2024-04-10", "asb.closed", reason="Perpetrator moved away"),
        case_type="asb",
    )
    (case,) = read(doc, d("2024-04-01"))
    assert (case["state"], case["risk_level"], case["closed"]) == ("opened", "high", None)
    (case,) = read(doc, d("2024-05-01"))
    assert case["state"] == "closed"
    assert case["closed"] == {
        "event": "e6",
        "date": "2024-04-10",
        "reason": "Perpetrator moved away",
        "reporter_told": None,
    }
    assert case["reviews"] == [{"event": "e4", "date": "2024-03-30", "reporter_updated": None}]


def test_the_reporter_updated_at_a_review_and_told_of_the_closing() -> None:
    doc = chronology(
        report("e1", "2024-03-04"),
        ev("e2", "2024-03-04", "asb.case_opened"),
        ev("e3", "2024-03-30", "asb.reviewed"),
        ev("e4", "2024-03-31", "contact.out", about="asb.review", text="Update"),
        ev("e5", "2024-04-20", "asb.reviewed", reporter_updated="phone"),
        ev("e6", "2024-05-10", "asb.reviewed"),
        ev("e7", "2024-05-20", "asb.closed", reason="Resolved", reporter_told="letter"),
        case_type="asb",
    )
    (case,) = read(doc, d("2024-06-01"))
    assert [r["reporter_updated"] for r in case["reviews"]] == ["2024-03-31", "2024-04-20", None]
    assert case["closed"]["reporter_told"] == "2024-05-20"
    text = "\n".join(asb_lines({"asb": [case]}))
    assert "reviewed 10 May 2024: reporter not updated [e6]" in text
    assert "closed 20 May 2024 (Resolved): reporter told 20 May 2024 [e7]" in text


def test_the_case_review_counts_the_reporters_reports_across_cases_and_sees_her_told() -> None:
    doc = chronology(
        report("e1", "2024-01-10", case="C1"),
        report("e2", "2024-03-01", case="C2"),
        report("e3", "2024-05-01", case="C2"),
        ev("e4", "2024-05-03", "contact.out", case="C2", about="asb.case_review", text="Told"),
        case_type="asb",
    )
    before = {c["case"]: c for c in read(doc, d("2024-04-01"))}
    assert before["C2"]["case_review"] == []
    after = {c["case"]: c for c in read(doc, d("2024-06-01"))}
    (review,) = after["C2"]["case_review"]
    assert (review["threshold_met"], review["reports"], review["reporter_told"]) == (
        "2024-05-01",
        ["e1", "e2", "e3"],
        "2024-05-03",
    )


def test_a_landlord_that_allows_other_reasons_is_judged_by_its_own_policy() -> None:
    doc = chronology(
        report("e1", "2024-03-04"),
        ev("e2", "2024-03-06", "asb.case_declined", reason="Private dispute", reason_code="other"),
        policy={"asb.decline_reasons_allowed": ["other", "not_asb"]},
        case_type="asb",
    )
    (case,) = read(doc, d("2024-04-01"))
    assert case["declines"][0]["allowed"] is True

"""Each complaint read as a whole: its stages with their acknowledgement and response clocks,
its responses' promises and claims, and the compensation offered on it. Checked against both
seeds' answer keys (`shared/scenarios/*.expected.md`) and small chronologies."""

from __future__ import annotations

from doorstep.clocks.replay import render_text, replay_clocks
from doorstep.clocks.tests.builders import chronology, d, ev
from doorstep.clocks.tests.test_seed_replays import (
    BROMFORD,
    BROMFORD_DAY,
    CLARION,
    CLARION_DAY,
    load,
)


def complaint(replay, case):
    found = [c for c in replay["complaints"] if c["case"] == case]
    assert len(found) == 1, found
    return found[0]


def stage(view, n):
    return next(s for s in view["stages"] if s["stage"] == n)


def test_clarion_complaints_stages_due_dates_and_breaches():
    replay = replay_clocks(load(CLARION), as_of=CLARION_DAY)
    # Rows 1-2: the November 2021 complaint, never acknowledged or answered.
    c3 = complaint(replay, "C3")
    assert c3["code"] == "earlier"
    s1 = stage(c3, 1)
    assert s1["state"] == "overdue"
    assert (s1["acknowledgement"]["due"], s1["acknowledgement"]["stopped"]) == ("2021-12-07", None)
    assert (s1["response"]["due"], s1["response"]["stopped"]) == ("2021-12-14", None)
    assert s1["imprecise"] is True
    assert [s["stage"] for s in c3["stages"]] == [1]
    # Rows 3-6: C2 answered late at both stages.
    c2 = complaint(replay, "C2")
    s1, s2 = stage(c2, 1), stage(c2, 2)
    assert s1["acknowledgement"]["due"] == "2022-03-10"
    assert s1["acknowledgement"]["breached"] is True
    assert (s1["response"]["due"], s1["response"]["stopped"]) == ("2022-03-17", "2022-03-24")
    assert s1["response"]["overdue_working_days"] == 5
    assert (s1["state"], s1["outcome"], s1["responses"]) == ("answered_late", "upheld", ["e32"])
    assert s2["acknowledgement"]["due"] == "2022-04-22"
    assert (s2["response"]["due"], s2["response"]["stopped"]) == ("2022-05-16", "2022-05-20")
    assert (s2["response"]["overdue_working_days"], s2["state"]) == (4, "answered_late")


def test_clarion_responses_promises_and_claims_are_on_the_complaint():
    c2 = complaint(replay_clocks(load(CLARION), as_of=CLARION_DAY), "C2")
    promised = {p["commitment"]: (p["due"], p["state"]) for p in c2["commitments"]}
    # Rows 23-24: eight stage 1 promises due 7 Apr 2022, two stage 2 promises due 20 May 2022.
    for ref in ("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"):
        assert promised[ref][0] == "2022-04-07"
    assert promised["k13"] == ("2022-05-20", "contradicted")
    assert promised["k14"] == ("2022-05-20", "overdue")
    assert promised["k2"][1] == "overdue"
    actions = {p["commitment"]: p["action"] for p in c2["commitments"]}
    assert actions["k13"] == "Complete the raking out and repointing (arranged again)"
    # Rows 27-28: the stage 2 claims (J6 boxing, J5 cavity wall) were contradicted.
    claims = {(c["event"], c["job"]): c["state"] for c in c2["claims"]}
    assert claims == {("e46", "J6"): "contradicted", ("e46", "J5"): "contradicted"}


def test_clarion_offers_are_listed_with_their_complaint_kind_and_method():
    c2 = complaint(replay_clocks(load(CLARION), as_of=CLARION_DAY), "C2")
    offers = {o["event"]: (o["kind"], o["method"]) for o in c2["offers"]}
    assert offers["e33"] == ("compensation", "rent_account_if_arrears")
    assert offers["e48"][0] == "goodwill"
    assert complaint(replay_clocks(load(CLARION), as_of=CLARION_DAY), "C3")["offers"] == []


def test_bromford_stage_1_late_stage_2_in_time_and_the_claims():
    replay = replay_clocks(load(BROMFORD), as_of=BROMFORD_DAY)
    c1 = complaint(replay, "C1")
    s1, s2 = stage(c1, 1), stage(c1, 2)
    # Key A rows 1-2 and section C.
    assert (s1["response"]["due"], s1["response"]["stopped"]) == ("2021-07-14", "2021-10-07")
    assert s1["response"]["overdue_working_days"] == 60
    assert s1["acknowledgement"]["breached"] is True
    assert (s2["acknowledgement"]["due"], s2["acknowledgement"]["breached"]) == (
        "2022-07-04",
        False,
    )
    assert (s2["response"]["due"], s2["response"]["breached"], s2["state"]) == (
        "2022-07-25",
        False,
        "answered",
    )
    states = {(c["job"] or c["action"]): c["state"] for c in c1["claims"]}
    # Row 12: the doors claim never checked; row 19: the pet smells action; section C: GM1.
    assert states["DOORS"] == "claimed_not_verified"
    assert states["GM1"] == "verified"
    pets = [s for k, s in states.items() if "pet smells" in k]
    assert pets == ["claimed_not_verified"]
    kinds = {o["event"]: o["kind"] for o in c1["offers"]}
    assert kinds["e42"] == "refund"


def test_a_stage_is_awaiting_then_overdue_and_an_invalid_extension_is_shown():
    doc = chronology(
        ev("e1", "2022-03-01", "complaint.received", stage=1, text="No heating"),
        ev(
            "e2",
            "2022-03-20",
            "complaint.extended",
            stage=1,
            new_due="2022-03-30",
            reason="Waiting for the contractor's report",
            agreed_with_resident=True,
        ),
    )
    early = stage(complaint(replay_clocks(doc, as_of=d("2022-03-02")), "C1"), 1)
    assert (early["state"], early["response"]["due"]) == ("awaiting_response", "2022-03-15")
    late = stage(complaint(replay_clocks(doc, as_of=d("2022-04-01")), "C1"), 1)
    # Given after the response was already due (15 Mar), the extension does not move it.
    assert late["response"]["extension_valid"] is False
    assert (late["response"]["due"], late["state"]) == ("2022-03-15", "overdue")
    assert late["extensions"] == ["e2"]


def test_a_refused_complaint_is_refused_not_overdue():
    doc = chronology(
        ev("e1", "2022-03-01", "complaint.received", stage=1, text="The 2019 repair"),
        ev(
            "e2",
            "2022-03-03",
            "complaint.refused",
            stage=1,
            reason="Raised more than 12 months later",
        ),
    )
    view = stage(complaint(replay_clocks(doc, as_of=d("2022-06-01")), "C1"), 1)
    assert (view["state"], view["refused"]) == ("refused", "e2")


def test_two_complaints_in_one_case_each_have_their_own_stages_and_offers():
    offer = ev(
        "e3",
        "2022-03-08",
        "compensation.offered",
        amount=50,
        components=[{"amount": 50, "for": "delay"}],
        counted_as_compensation=True,
        method="direct",
        resident_asked_for_offset=False,
    )
    offer["data"]["kind"] = "compensation"  # `kind` is the event's own argument in `ev`
    doc = chronology(
        ev("e1", "2022-03-01", "complaint.received", stage=1, text="First"),
        ev("e2", "2022-03-08", "complaint.response", stage=1, outcome="upheld", text="Sorry"),
        offer,
        ev("e4", "2022-06-01", "complaint.received", stage=1, text="Second"),
    )
    replay = replay_clocks(doc, as_of=d("2022-06-02"))
    first, second = replay["complaints"]
    assert (first["received_event"], second["received_event"]) == ("e1", "e4")
    assert [o["event"] for o in first["offers"]] == ["e3"]
    assert second["offers"] == []
    assert stage(second, 1)["state"] == "awaiting_response"


def test_the_text_replay_reads_each_complaint():
    text = render_text(replay_clocks(load(BROMFORD), as_of=BROMFORD_DAY))
    section = text.split("Complaints as of 21 Mar 2024", 1)[1]
    assert "C1 received 30 Jun 2021 (earlier Code)" in section
    assert "response due 14 Jul 2021; answered 7 Oct 2021, 60 working days late" in section
    assert "said done: job DOORS: claimed not verified" in section
    assert "offered £331.68 refund (e42)" in section

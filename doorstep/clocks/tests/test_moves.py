"""Management moves read from a replay's facts, and the rule that flags a request waiting on
evidence the record already holds (`clocks.moves`)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from doorstep.clocks.engine import compute_clocks
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.moves import (
    AT_PANEL,
    AWAITING_DECISION,
    AWAITING_EVIDENCE,
    WHY_AUTHORISED,
    WHY_MEDICAL,
    WHY_TYPE,
    Asked,
    OnRecord,
    evidence_on_record,
    transfer_cases,
    transfer_json,
)
from doorstep.clocks.replay import render_text, replay_clocks
from doorstep.clocks.tests.builders import chronology, d, ev
from doorstep.clocks.tests.test_seed_replays import BROMFORD, load


def _bromford() -> dict:
    return load(BROMFORD)


def views(doc, as_of: dt.date):
    facts = facts_from_chronology(doc)
    clocks = compute_clocks(facts, as_of=as_of)
    return transfer_cases(facts, as_of, clocks=clocks)


def requested(at="2025-06-02", eid="e1", **data):
    return ev(eid, at, "transfer.requested", case="C1", by="R1", **{"reason": "ASB", **data})


def asked(at="2025-06-09", eid="e2", **data):
    return ev(eid, at, "transfer.evidence_requested", case="C1", what="Medical evidence", **data)


def document(eid, at, ref, doc_type="letter", case=None, **data):
    return ev(eid, at, "document.added", case=case, document=ref, type=doc_type, title=ref, **data)


# --- Bromford 202109189, case C7 ---------------------------------------------------------------


def test_bromford_the_request_was_declined_50_working_days_late():
    (move,) = views(_bromford(), d("2024-03-21"))
    assert move.case == "C7"
    assert [(r.event, r.on) for r in move.requests] == [("e20", d("2021-06-30"))]
    assert [(x.event, x.on, x.outcome) for x in move.decisions] == [
        ("e26", d("2021-10-07"), "declined")
    ]
    assert "did not warrant a panel referral" in move.decisions[0].reason
    assert move.state == "declined"
    clock = move.clock
    assert clock is not None
    assert (clock.started, clock.due, clock.stopped) == (
        d("2021-06-30"),
        d("2021-07-28"),
        d("2021-10-07"),
    )
    assert clock.breached and clock.overdue_working_days == 50
    # The date the medical evidence was asked for is not stated: nothing is awaited, no flag.
    assert move.awaiting is None and move.flag is None


def test_bromford_before_the_decision_the_request_awaits_one():
    (move,) = views(_bromford(), d("2021-08-01"))
    assert move.state == AWAITING_DECISION and move.decisions == ()
    assert move.clock is not None and move.clock.breached and move.clock.stopped is None


def test_bromford_text_replay_has_a_moves_section():
    text = render_text(replay_clocks(_bromford(), as_of=d("2024-03-21")))
    section = text.split("Moves as of 21 Mar 2024", 1)[1]
    assert "C7 requested 30 June 2021: declined" in section
    assert "declined 7 October 2021: The ASB did not warrant a panel referral" in section
    assert "decision due 28 July 2021: 50 working days late" in section


def test_bromford_json_replay_has_the_transfers_member():
    replay = replay_clocks(_bromford(), as_of=d("2024-03-21"))
    (move,) = replay["transfers"]
    assert move["case"] == "C7" and move["state"] == "declined"
    assert move["decision_clock"]["overdue_working_days"] == 50


# --- synthetic chronologies -----------------------------------------------------------------


def test_a_request_waiting_on_medical_evidence_already_on_record_is_flagged():
    doc = chronology(
        requested(grounds=["medical", "asb"]),
        asked(to="R2"),
        document("e3", "2025-06-12", "DOC-1", "medical_evidence"),
        case_type="transfer",
    )
    (move,) = views(doc, d("2025-06-20"))
    assert move.state == AWAITING_EVIDENCE
    assert move.requests[0].grounds == ("medical", "asb")
    assert move.awaiting is not None and move.awaiting.to == "R2"
    assert move.flag is not None
    assert (move.flag.document, move.flag.why) == ("DOC-1", WHY_MEDICAL)
    assert move.flag.words == "Evidence may already be on record: DOC-1 (DOC-1), added 12 June 2025"
    # No decision clock runs while evidence is awaited.
    assert move.clock is None
    assert transfer_json(move)["evidence_on_record"]["document"] == "DOC-1"


def test_a_document_from_an_authorised_third_party_is_flagged_one_from_anyone_else_is_not():
    doc = chronology(
        requested(),
        asked(),
        document("e3", "2025-06-10", "DOC-A", **{"from": "R2", "from_authorised": True}),
        document("e4", "2025-06-11", "DOC-B", **{"from": "R3", "from_authorised": False}),
        case_type="transfer",
    )
    (move,) = views(doc, d("2025-06-20"))
    assert move.flag is not None
    assert (move.flag.document, move.flag.why) == ("DOC-A", WHY_AUTHORISED)


def test_receiving_the_evidence_ends_the_wait_and_starts_the_clock():
    doc = chronology(
        requested(),
        asked(),
        document("e3", "2025-06-12", "DOC-1", "medical_evidence"),
        ev("e4", "2025-06-16", "transfer.evidence_received", what="GP letter", document="DOC-1",
           **{"from": "R2", "from_authorised": True}),
        case_type="transfer",
    )  # fmt: skip
    (move,) = views(doc, d("2025-06-20"))
    assert move.state == AWAITING_DECISION and move.flag is None and move.awaiting is None
    (got,) = move.received
    assert (got.source, got.authorised, got.document, got.requested) == ("R2", True, "DOC-1", True)
    assert move.clock is not None and move.clock.started == d("2025-06-16")


def test_evidence_received_for_nothing_requested_is_read_as_unrequested():
    doc = chronology(
        requested(),
        ev("e2", "2025-06-03", "transfer.evidence_received", what="Police log", **{"from": None}),
        case_type="transfer",
    )
    (move,) = views(doc, d("2025-06-20"))
    (got,) = move.received
    assert got.requested is False and got.authorised is None


def test_a_panel_referral_then_the_panels_decision():
    doc = chronology(
        requested(),
        ev("e2", "2025-06-10", "transfer.decided", outcome="panel_referred", reason="Complex"),
        case_type="transfer",
    )
    (move,) = views(doc, d("2025-06-20"))
    assert move.state == AT_PANEL
    doc["events"].append(
        ev("e3", "2025-07-01", "transfer.decided", case="C1", outcome="approved", reason="Agreed")
    )
    (move,) = views(doc, d("2025-07-02"))
    assert move.state == "approved"
    assert [x.outcome for x in move.decisions] == ["panel_referred", "approved"]


def test_routes_offered_with_the_support_given():
    doc = chronology(
        requested(),
        ev("e2", "2025-06-10", "transfer.decided", outcome="declined", reason="No ground"),
        ev("e3", "2025-06-11", "transfer.support_offered",
           routes=["mutual_exchange", "housing_register"], support="Registered on HomeSwapper"),
        case_type="transfer",
    )  # fmt: skip
    (move,) = views(doc, d("2025-06-20"))
    (offered,) = move.routes
    assert offered.routes == ("mutual_exchange", "housing_register")
    assert offered.support == "Registered on HomeSwapper"
    text = render_text(replay_clocks(doc, as_of=d("2025-06-20")))
    assert "other routes offered 11 June 2025: mutual exchange, housing register" in text


def test_routes_given_as_one_text_are_read():
    doc = chronology(
        requested(),
        ev("e2", "2025-06-11", "transfer.support_offered", routes="HomeSwapper"),
        case_type="transfer",
    )
    (move,) = views(doc, d("2025-06-20"))
    assert move.routes[0].routes == ("HomeSwapper",)


def test_the_documents_named_with_the_request_are_not_flagged():
    doc = chronology(
        document("e0", "2025-05-01", "DOC-1", "medical_evidence"),
        requested(evidence=["DOC-1"]),
        asked(),
        case_type="transfer",
    )
    (move,) = views(doc, d("2025-06-20"))
    assert move.state == AWAITING_EVIDENCE and move.flag is None


def test_a_document_added_after_the_replay_date_is_not_yet_on_record():
    doc = chronology(
        requested(),
        asked(),
        document("e3", "2025-07-01", "DOC-1", "medical_evidence"),
        case_type="transfer",
    )
    (move,) = views(doc, d("2025-06-20"))
    assert move.flag is None


# --- the rule alone -------------------------------------------------------------------------

ASK = Asked("e2", d("2025-06-09"), "Police report", types=("call_record",))


def test_the_type_asked_for_matches():
    flag = evidence_on_record(ASK, [OnRecord("DOC-9", "call_record", "999 call", d("2025-06-01"))])
    assert flag is not None and flag.why == WHY_TYPE


def test_nothing_is_flagged_where_nothing_is_awaited():
    docs = [OnRecord("DOC-1", "medical_evidence", "GP", d("2025-06-01"))]
    assert evidence_on_record(None, docs) is None


def test_a_photo_from_nobody_in_particular_is_not_evidence():
    docs = [OnRecord("DOC-1", "photo", "Hallway", d("2025-06-01"))]
    assert evidence_on_record(ASK, docs) is None


TYPES = st.sampled_from(
    ["survey_report", "inspection_report", "photo", "letter", "medical_evidence", "call_record",
     "other"]
)  # fmt: skip
DOCS = st.lists(
    st.builds(
        OnRecord,
        document=st.text("ABCDEF", min_size=1, max_size=3),
        type=TYPES,
        title=st.just("t"),
        added=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 1, 1)),
        authorised=st.booleans(),
    ),
    max_size=8,
)


@given(DOCS, st.lists(TYPES, max_size=2), st.sets(st.text("ABCDEF", min_size=1, max_size=3)))
def test_the_flag_is_the_latest_matching_document_not_already_known(docs, types, known):
    ask = Asked("e2", d("2025-06-09"), "Evidence", types=tuple(types))
    flag = evidence_on_record(ask, docs, known=known)
    matching = [
        x
        for x in docs
        if x.document not in known
        and (x.type == "medical_evidence" or x.authorised or x.type in types)
    ]
    if not matching:
        assert flag is None
        return
    assert flag is not None
    assert flag.document not in known
    assert flag.added == max(x.added for x in matching)
    # Nothing is flagged once nothing is awaited, whatever is on record.
    assert evidence_on_record(None, docs, known=known) is None

"""Handling a request to move: evidence asked for and received (whose counts), the panel, the
decision (once), other routes with the support given; and the refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.services import case_close
from doorstep.core.errors import DomainError
from doorstep.moves import services
from doorstep.moves.choices import MoveStatus, Standing
from doorstep.moves.services import (
    Upload,
    move_decide,
    move_evidence_receive,
    move_evidence_request,
    move_refer_to_panel,
    move_routes_offer,
)
from doorstep.moves.tests.conftest import NOW, PDF, add_document
from doorstep.residents.services import third_party_withdraw
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db
LATER = NOW + dt.timedelta(days=3)


def ask(homes, move, **extra):
    args = {
        "actor": homes.officer,
        "move": move,
        "what": "A letter from her mental health team",
        "to": homes.worker,
        "types": ["medical_evidence"],
        "at": NOW + dt.timedelta(hours=1),
        **extra,
    }
    return move_evidence_request(**args)


def test_asking_for_evidence_stops_the_clock_until_it_comes(homes, move):
    move = ask(homes, move)
    assert move.status == MoveStatus.AWAITING_EVIDENCE
    assert move.decision_due is None
    assert move.awaiting["what"] == "A letter from her mental health team"
    (asked,) = move.evidence_requested
    assert asked["to"] == homes.worker.reference and asked["to_name"] == "Sam Reed"
    assert asked["types"] == ["medical_evidence"]


def test_evidence_from_the_authorised_support_worker_counts_and_restarts_the_clock(homes, move):
    move = ask(homes, move)
    move = move_evidence_receive(
        actor=homes.officer,
        move=move,
        what="Letter from the community mental health team",
        source=homes.worker,
        upload=Upload(PDF, "cmht.pdf", "medical_evidence", "CMHT letter"),
        occurred=When.parse("2025-11-06"),
        at=LATER,
    )
    (got,) = move.evidence_received
    assert got["standing"] == Standing.AUTHORISED and got["authorised"] is True
    assert got["requested"] is True and got["document"].startswith("DOC-")
    assert move.status == MoveStatus.AWAITING_DECISION and move.awaiting is None
    # 20 working days from Thursday 6 November 2025: Thursday 4 December.
    assert move.decision_due == dt.date(2025, 12, 4)
    added = move.case.events.get(kind="document.added")
    assert added.data["from"] == homes.worker.reference and added.data["from_authorised"] is True
    event = move.case.events.get(kind="transfer.evidence_received")
    assert event.data["authority_scope"] == ["moves"]


def test_evidence_from_a_household_member_counts(homes, move):
    move = move_evidence_receive(
        actor=homes.officer, move=ask(homes, move), what="Her own diary", source=homes.bea, at=LATER
    )
    assert move.evidence_received[0]["standing"] == Standing.HOUSEHOLD


def test_evidence_from_anyone_else_is_recorded_but_marked_not_authorised(homes, move):
    move = move_evidence_receive(
        actor=homes.officer,
        move=ask(homes, move),
        what="A note about the neighbour",
        source=homes.stranger,
        at=LATER,
    )
    (got,) = move.evidence_received
    assert got["standing"] == Standing.NOT_AUTHORISED and got["authorised"] is False
    summary = move.case.events.get(kind="transfer.evidence_received").summary
    assert services.NOT_AUTHORISED_NOTE.strip() in summary


def test_a_withdrawn_authority_no_longer_counts(homes, move):
    authority = homes.household.third_parties.get()
    third_party_withdraw(actor=None, authority=authority, reason="Asked to", at=NOW)
    move = move_evidence_receive(
        actor=homes.officer, move=move, what="Letter", source=homes.worker, at=LATER
    )
    assert move.evidence_received[0]["standing"] == Standing.NOT_AUTHORISED


def test_evidence_nobody_asked_for_is_recorded_and_noted(homes, move):
    letter = add_document(homes, title="Police incident log", doc_type="other")
    move = move_evidence_receive(
        actor=homes.officer,
        move=move,
        what="Police incident log",
        source_name="PC Jones, West Midlands Police",
        document=letter,
        at=LATER,
    )
    (got,) = move.evidence_received
    assert got["requested"] is False and got["document"] == letter.reference
    assert got["from_name"] == "PC Jones, West Midlands Police"
    assert (
        services.NOT_REQUESTED_NOTE.strip()
        in move.case.events.get(kind="transfer.evidence_received").summary
    )


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"what": ""}, services.NO_WHAT_RECEIVED, "what"),
        ({"source": None}, services.NO_SOURCE, "source"),
        ({"upload": Upload(PDF, "a.pdf", "letter", "  ")}, services.NO_DOCUMENT_TITLE, "title"),
    ],
)
def test_evidence_received_refusals(homes, move, change, message, field):
    args = {"actor": homes.officer, "move": move, "what": "Letter", "source": homes.worker,
            "at": LATER, **change}  # fmt: skip
    with pytest.raises(DomainError) as caught:
        move_evidence_receive(**args)
    assert (caught.value.message, caught.value.field) == (message, field)


def test_attaching_and_choosing_a_document_at_once_is_refused(homes, move):
    letter = add_document(homes, title="GP letter")
    with pytest.raises(DomainError) as caught:
        move_evidence_receive(
            actor=homes.officer,
            move=move,
            what="Letter",
            source=homes.worker,
            document=letter,
            upload=Upload(PDF, "a.pdf", "letter", "Another"),
            at=LATER,
        )
    assert caught.value.message == services.BOTH_DOCUMENTS


def test_asking_for_evidence_refusals(homes, move):
    with pytest.raises(DomainError) as caught:
        ask(homes, move, what=" ")
    assert caught.value.message == services.NO_WHAT
    with pytest.raises(DomainError) as caught:
        ask(homes, move, types=["x-ray"])
    assert caught.value.field == "types"
    with pytest.raises(DomainError) as caught:
        ask(homes, move, occurred=When.parse("2025-10-01"))
    assert caught.value.field == "occurred" and "3 November 2025" in caught.value.message


def test_decide_approved_then_twice_is_refused(homes, move):
    move = move_decide(actor=homes.manager, move=move, outcome="approved", reason="", at=LATER)
    assert move.status == MoveStatus.APPROVED and move.decided_at is not None
    assert move.decision_due is None
    with pytest.raises(DomainError) as caught:
        move_decide(actor=homes.manager, move=move, outcome="declined", reason="No", at=LATER)
    assert caught.value.message == services.ALREADY_DECIDED.format(
        outcome="approved", day="6 November 2025"
    )
    # Nor can evidence be asked for, or the panel be asked, once decided.
    with pytest.raises(DomainError):
        ask(homes, move)
    with pytest.raises(DomainError):
        move_refer_to_panel(actor=homes.manager, move=move, reason="Review", at=LATER)


def test_declining_needs_a_reason(homes, move):
    with pytest.raises(DomainError) as caught:
        move_decide(actor=homes.manager, move=move, outcome="declined", reason="  ", at=LATER)
    assert (caught.value.message, caught.value.field) == (services.NO_DECLINE_REASON, "reason")
    move = move_decide(
        actor=homes.manager,
        move=move,
        outcome="declined",
        reason="The ASB reports are being dealt with under the ASB policy; no medical "
        "evidence shows the home affects her health.",
        at=LATER,
    )
    assert move.status == MoveStatus.DECLINED and "ASB policy" in move.decision_reason


def test_a_bad_outcome_is_refused(homes, move):
    with pytest.raises(DomainError) as caught:
        move_decide(actor=homes.manager, move=move, outcome="panel_referred", reason="x", at=LATER)
    assert caught.value.message == services.BAD_OUTCOME


def test_the_panel_then_its_decision(homes, move):
    with pytest.raises(DomainError) as caught:
        move_refer_to_panel(actor=homes.manager, move=move, reason="", at=LATER)
    assert caught.value.message == services.NO_PANEL_REASON
    move = move_refer_to_panel(
        actor=homes.manager, move=move, reason="Medical grounds need the panel", at=LATER
    )
    assert move.status == MoveStatus.AT_PANEL and move.decision_due is None
    with pytest.raises(DomainError) as caught:
        move_refer_to_panel(actor=homes.manager, move=move, reason="Again", at=LATER)
    assert caught.value.message == services.ALREADY_AT_PANEL.format(day="6 November 2025")
    move = move_decide(
        actor=homes.manager, move=move, outcome="approved", reason="Agreed", at=LATER
    )
    assert move.status == MoveStatus.APPROVED
    assert [d["outcome"] for d in move.decisions] == ["panel_referred", "approved"]
    assert move.case.events.filter(kind="transfer.decided").last().data["panel"] is True


def test_routes_offered_with_support(homes, move):
    move = move_routes_offer(
        actor=homes.officer,
        move=move,
        routes=["mutual_exchange", "housing_register"],
        support="Registered her on HomeSwapper and sent the council's form.",
        at=LATER,
    )
    (offer,) = move.routes
    assert offer["routes"] == ["mutual_exchange", "housing_register"]
    assert "HomeSwapper" in offer["support"]


@pytest.mark.parametrize(
    ("routes", "support", "message"),
    [
        ([], "Helped", services.NO_ROUTES),
        (["mutual_exchange"], "", services.NO_SUPPORT),
    ],
)
def test_routes_refusals(homes, move, routes, support, message):
    with pytest.raises(DomainError) as caught:
        move_routes_offer(actor=homes.officer, move=move, routes=routes, support=support, at=LATER)
    assert caught.value.message == message


def test_an_unknown_route_is_refused(homes, move):
    with pytest.raises(DomainError) as caught:
        move_routes_offer(actor=homes.officer, move=move, routes=["boat"], support="x", at=LATER)
    assert caught.value.field == "routes"


def test_a_closed_case_is_refused(homes, move):
    case_close(actor=homes.manager, case=move.case, reason="Moved out", at=LATER)
    move.case.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        move_decide(actor=homes.manager, move=move, outcome="approved", reason="", at=LATER)
    assert caught.value.message == services.CASE_CLOSED.format(reference=move.case.reference)
    with pytest.raises(DomainError):
        move_routes_offer(actor=homes.officer, move=move, routes=["other"], support="x", at=LATER)

"""Recording a request to move: from a contact or from any channel, its grounds and evidence,
and the refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.moves import services
from doorstep.moves.choices import MoveStatus
from doorstep.moves.services import move_request
from doorstep.moves.tests.conftest import NOW, WORDS, add_document
from doorstep.timeline.when import LONDON, When

pytestmark = pytest.mark.django_db


def test_a_request_from_a_contact_opens_a_transfer_case_with_its_words(homes, move):
    case = move.case
    assert case.reference.startswith("TRF-") and case.case_type == "transfer"
    assert case.household == homes.household
    assert move.reason == WORDS and move.grounds == ["asb", "medical"]
    assert move.from_contact == homes.call
    assert move.status == MoveStatus.AWAITING_DECISION
    # 20 working days from Monday 3 November 2025 (the call's day): Monday 1 December.
    assert move.decision_due == dt.date(2025, 12, 1)
    event = case.events.get(kind="transfer.requested")
    assert event.data["grounds"] == ["asb", "medical"]
    assert event.occurred_text.startswith("2025-11-03T09:15")


def test_a_request_by_letter_with_evidence_on_record(homes):
    letter = add_document(homes, title="GP letter about anxiety")
    move = move_request(
        actor=homes.officer,
        household=homes.household,
        reason="Please move me, the ASB is affecting my health.",
        grounds=["medical"],
        evidence=[letter],
        channel="letter",
        occurred=When.parse("2025-10-30"),
        at=NOW,
    )
    assert move.evidence == [letter.reference]
    assert move.case.events.get(kind="transfer.requested").channel == "letter"
    assert move.requested_at.astimezone(LONDON).date() == dt.date(2025, 10, 30)


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"reason": "  "}, services.NO_REASON, "reason"),
        ({"grounds": []}, services.NO_GROUNDS, "grounds"),
        ({"household": None}, services.NO_HOUSEHOLD, "household"),
        ({"channel": "pigeon"}, services.BAD_CHANNEL, "channel"),
        ({"reason": "x" * 5001}, services.TEXT_TOO_LONG, "reason"),
    ],
)
def test_refusals(homes, change, message, field):
    args = {
        "actor": homes.officer,
        "household": homes.household,
        "reason": "Move me",
        "grounds": ["asb"],
        "at": NOW,
        **change,
    }
    with pytest.raises(DomainError) as caught:
        move_request(**args)
    assert (caught.value.message, caught.value.field) == (message, field)


def test_an_unknown_ground_is_refused_naming_the_list(homes):
    with pytest.raises(DomainError) as caught:
        move_request(
            actor=homes.officer, household=homes.household, reason="x", grounds=["noise"], at=NOW
        )
    assert caught.value.field == "grounds" and "Anti-social behaviour" in caught.value.message


def test_a_document_of_another_household_is_refused(homes):
    theirs = add_document(homes, title="Not hers")
    theirs.household = homes.other  # as if it were on the other household's record
    with pytest.raises(DomainError) as caught:
        move_request(
            actor=homes.officer,
            household=homes.household,
            reason="x",
            grounds=["medical"],
            evidence=[theirs],
            at=NOW,
        )
    assert caught.value.field == "evidence"


def test_a_second_open_request_is_refused_naming_the_first(homes, move):
    with pytest.raises(DomainError) as caught:
        move_request(
            actor=homes.officer, household=homes.household, reason="x", grounds=["asb"], at=NOW
        )
    assert move.case.reference in caught.value.message


def test_a_contact_of_another_household_is_refused(homes):
    with pytest.raises(DomainError) as caught:
        move_request(
            actor=homes.officer,
            household=homes.other,
            from_contact=homes.call,
            reason="",
            grounds=["asb"],
            at=NOW,
        )
    assert caught.value.message == services.CONTACT_OTHER_HOUSEHOLD

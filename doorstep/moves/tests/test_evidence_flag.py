"""The flag: a request waiting on evidence the household's record may already hold, read from
the record's documents (`selectors.evidence_flags`) and from the live replay
(`deadlines.selectors`, member `transfers`), by the same rule (`clocks.moves`)."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.deadlines.selectors import case_clocks
from doorstep.moves.selectors import evidence_flag, evidence_flags
from doorstep.moves.services import move_evidence_receive, move_evidence_request
from doorstep.moves.tests.conftest import NOW, add_document

pytestmark = pytest.mark.django_db
ASKED = NOW + dt.timedelta(hours=1)
LATER = NOW + dt.timedelta(days=3)


def _ask(homes, move, types=()):
    return move_evidence_request(
        actor=homes.officer,
        move=move,
        what="Medical evidence",
        to=homes.worker,
        types=types,
        at=ASKED,
    )


def test_medical_evidence_added_while_waiting_is_flagged_everywhere(homes, move):
    move = _ask(homes, move)
    assert evidence_flag(move) is None
    letter = add_document(homes, title="Letter from the mental health team", at=LATER)
    flag = evidence_flag(move)
    assert flag is not None and flag.document == letter.reference
    assert flag.words == (
        f"Evidence may already be on record: {letter.reference} "
        "(Letter from the mental health team), added 6 November 2025"
    )
    # The live replay of the case reads the same document by the same rule.
    live = case_clocks(case=move.case, as_of=LATER.date())
    (transfer,) = live.transfers
    assert transfer.case == move.case
    assert transfer.evidence_on_record is not None
    assert transfer.evidence_on_record["document"] == letter.reference
    assert transfer.evidence_on_record["text"] == flag.words


def test_a_document_sent_by_the_authorised_support_worker_is_flagged(homes, move):
    move = _ask(homes, move)
    letter = add_document(
        homes,
        title="Support plan",
        doc_type="letter",
        at=LATER,
        about={"from": homes.worker.reference, "from_authorised": True},
    )
    flag = evidence_flag(move)
    assert flag is not None and flag.document == letter.reference


def test_a_photo_is_not_evidence_unless_asked_for(homes, move):
    move = _ask(homes, move)
    add_document(homes, title="Stairwell", doc_type="photo", at=LATER)
    assert evidence_flag(move) is None
    other = _ask(homes, move, types=["photo"])
    assert evidence_flag(other) is not None


def test_recording_it_received_clears_the_flag(homes, move):
    move = _ask(homes, move)
    letter = add_document(homes, title="GP letter", at=LATER)
    move = move_evidence_receive(
        actor=homes.officer, move=move, what="GP letter", source=homes.worker, document=letter,
        at=LATER,
    )  # fmt: skip
    assert evidence_flag(move) is None
    assert case_clocks(case=move.case, as_of=LATER.date()).transfers[0].evidence_on_record is None


def test_nothing_waited_on_nothing_flagged(homes, move):
    add_document(homes, title="GP letter", at=LATER)
    assert evidence_flags([move]) == {}

"""Drafting and sending a complaint response: what is written (the letter as a document,
`complaint.response`, the message), and each refusal, in its own words."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.appointments.models import OutboxMessage
from doorstep.cases.services import case_close, case_open
from doorstep.commitments.models import Commitment
from doorstep.core.errors import DomainError
from doorstep.documents.models import Document
from doorstep.documents.services import document_open
from doorstep.responses import services
from doorstep.responses.choices import OMBUDSMAN_DETAILS
from doorstep.responses.models import ResponseDraft
from doorstep.responses.services import response_draft_save, response_send
from doorstep.responses.tests.conftest import complete
from doorstep.testing.complaint_cases import complaint_escalate, complaint_refuse
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db


def draft(scene, at, stage=1, **changes):
    return response_draft_save(
        actor=scene.officer, case=scene.case, stage=stage, at=at, **complete(**changes)
    )


def send(scene, at, stage=1, actor=None):
    return response_send(actor=actor or scene.officer, case=scene.case, stage=stage, at=at)


def refused(scene, at, message, stage=1, **changes):
    draft(scene, at, stage=stage, **changes)
    with pytest.raises(DomainError) as error:
        send(scene, at, stage=stage)
    assert error.value.message == message
    return error.value


# --- drafting --------------------------------------------------------------------------------


def test_a_draft_is_a_working_document_not_the_record(scene, at):
    with appended() as events:
        saved = draft(scene, at)
        saved = draft(scene, at + dt.timedelta(hours=1), outcome="upheld")
    assert events.kinds == []
    assert ResponseDraft.objects.get() == saved
    assert saved.outcome == "upheld"
    assert saved.updated_at == at + dt.timedelta(hours=1)
    assert saved.author_name == "Cora Clark"
    assert saved.points[0] == {
        "point": "The leak",
        "decision": "upheld",
        "reasons": "Three visits failed.",
    }
    assert saved.commitments[0]["items"] == ["1"]


def test_blank_rows_are_dropped_and_the_escalation_wording_starts_from_the_standard(scene, at):
    saved = response_draft_save(
        actor=scene.officer,
        case=scene.case,
        stage=1,
        at=at,
        points=[{"point": " ", "decision": "", "reasons": ""}, {"point": "Leak"}],
    )
    assert saved.points == [{"point": "Leak", "decision": "", "reasons": ""}]
    assert "escalate your complaint to stage 2" in saved.escalation
    assert OMBUDSMAN_DETAILS in saved.escalation


def test_a_draft_due_date_that_is_not_a_date_is_refused(scene, at):
    with pytest.raises(DomainError) as error:
        draft(scene, at, commitments=[{"action": "Fix it", "due": "next week"}])
    assert error.value.message == services.COMMITMENT_BAD_DUE.format(n=1)


def test_drafting_on_another_kind_of_case_is_refused(scene, at):
    repair = case_open(
        actor=None, case_type="repair", title="Tap", household=scene.household, at=at
    )
    with pytest.raises(DomainError) as error:
        response_draft_save(actor=scene.officer, case=repair, stage=1, at=at)
    assert error.value.message == services.NOT_A_COMPLAINT.format(
        reference=repair.reference, kind="repair"
    )


# --- sending ---------------------------------------------------------------------------------


def test_sending_writes_the_letter_the_response_and_the_message(scene, at):
    draft(scene, at)
    with appended() as events:
        event = send(scene, at)
    assert events.kinds == ["document.added", "complaint.response", "contact.out"]
    data = event.data
    assert data["stage"] == 1 and data["outcome"] == "partly_upheld"
    assert [c["action"] for c in data["commitments"]] == [
        "Replace the waste pipe",
        "Call to confirm the works",
    ]
    first, second = data["commitments"]
    assert first["commitment"] != second["commitment"]
    assert first["commitment"].startswith("COM-2024-")
    assert (first["due"], first["job"], first["items"]) == ("2024-06-14", "J1", ["1"])
    assert second["job"] is None
    assert data["points"][1]["decision"] == "not_upheld"
    document = Document.objects.get(reference=data["document"])
    assert document.doc_type == "letter" and document.case == scene.case
    letter = document_open(document=document).decode()
    assert letter == data["text"]
    assert "Rude staff" in letter and "Why: Calls were polite." in letter
    assert "Replace the waste pipe: by 14 June 2024 (job J1: 1)" in letter
    assert "escalate your complaint to stage 2" in letter
    message = OutboxMessage.objects.get()
    assert message.to == "tess@example.org" and message.text == letter
    assert message.appointment == document.reference
    contact = events[2]
    assert contact.data["notification"]["document"] == document.reference
    assert contact.data["notification"]["response"] == str(event.uid)
    assert ResponseDraft.objects.get().sent_event == event


def test_a_posted_response_is_recorded_as_posted(scene, at):
    draft(scene, at, send_to="", posted=True)
    with appended() as events:
        event = send(scene, at)
    assert event.data["posted"] is True
    assert OutboxMessage.objects.count() == 0
    posted = events[-1]
    assert posted.kind == "contact.out" and posted.channel == "letter"
    assert posted.data["to"] == scene.case.property.address
    assert posted.data["document"] == event.data["document"]


def test_each_commitment_goes_on_the_promise_ledger_with_its_due_date(scene, at):
    draft(scene, at)
    event = send(scene, at)
    rows = Commitment.objects.filter(case=scene.case).order_by("due_date")
    assert [(r.ref, r.due_date, r.state) for r in rows] == [
        (event.data["commitments"][0]["commitment"], dt.date(2024, 6, 14), "open"),
        (event.data["commitments"][1]["commitment"], dt.date(2024, 6, 21), "open"),
    ]
    assert rows[0].job == "J1" and rows[0].made_event == event


def test_stage_2_answers_the_escalation(scene, at):
    draft(scene, at)
    send(scene, at)
    complaint_escalate(case=scene.case, at=at + dt.timedelta(days=2))
    later = at + dt.timedelta(days=5)
    draft(scene, later, stage=2, commitments=[])
    event = send(scene, later, stage=2, actor=scene.reviewer)
    assert event.data["stage"] == 2
    assert "Housing Ombudsman" in event.data["text"]


# --- refusals --------------------------------------------------------------------------------


def test_no_points(scene, at):
    refused(scene, at, services.NO_POINTS, points=[])


def test_a_point_without_reasons(scene, at):
    points = [{"point": "The leak", "decision": "upheld", "reasons": ""}]
    refused(scene, at, services.POINT_NO_REASONS.format(n=1, point="The leak"), points=points)


def test_a_point_without_a_decision(scene, at):
    points = [{"point": "The leak", "decision": "", "reasons": "Three visits"}]
    refused(scene, at, services.POINT_NO_DECISION.format(n=1, point="The leak"), points=points)


def test_a_point_without_what_was_raised(scene, at):
    points = [{"point": "", "decision": "upheld", "reasons": "Three visits"}]
    refused(scene, at, services.POINT_NO_TEXT.format(n=1), points=points)


def test_the_complaint_not_defined(scene, at):
    refused(scene, at, services.NO_UNDERSTOOD, understood="")


def test_no_outcome(scene, at):
    refused(scene, at, services.NO_OUTCOME, outcome="")


def test_upheld_without_a_remedy(scene, at):
    refused(scene, at, services.NO_REMEDY, remedy="")


def test_not_upheld_needs_no_remedy(scene, at):
    draft(scene, at, outcome="not_upheld", remedy="", commitments=[])
    assert send(scene, at).data["remedy"] is None


def test_a_commitment_without_a_due_date(scene, at):
    commitments = [{"action": "Replace the pipe", "due": ""}]
    message = services.COMMITMENT_NO_DUE.format(n=1, action="Replace the pipe")
    refused(scene, at, message, commitments=commitments)


def test_a_commitment_due_in_the_past(scene, at):
    commitments = [{"action": "Replace the pipe", "due": "2024-06-02"}]
    message = services.COMMITMENT_DUE_PAST.format(n=1, action="Replace the pipe", due="2 June 2024")
    refused(scene, at, message, commitments=commitments)


def test_a_commitment_due_today_is_accepted(scene, at):
    draft(scene, at, commitments=[{"action": "Replace the pipe", "due": "2024-06-03"}])
    assert send(scene, at).data["commitments"][0]["due"] == "2024-06-03"


def test_a_commitment_without_an_action(scene, at):
    refused(scene, at, services.COMMITMENT_NO_ACTION.format(n=1), commitments=[{"due": "2024-07"}])


def test_items_without_a_job(scene, at):
    commitments = [{"action": "Fix", "due": "2024-07", "items": "1, 2"}]
    refused(scene, at, services.ITEMS_WITHOUT_JOB.format(n=1), commitments=commitments)


def test_a_claim_of_an_unknown_commitment(scene, at):
    claims = [{"commitment": "COM-1999-000001"}]
    message = services.UNKNOWN_COMMITMENT.format(n=1, ref="COM-1999-000001")
    refused(scene, at, message, claims_done=claims)


def test_no_escalation_wording_at_stage_1(scene, at):
    refused(scene, at, services.NO_ESCALATION, escalation="")


def test_no_ombudsman_wording_at_stage_2(scene, at):
    draft(scene, at)
    send(scene, at)
    complaint_escalate(case=scene.case, at=at)
    wording = "If you are not satisfied, write to us again."
    refused(scene, at, services.NO_OMBUDSMAN, stage=2, escalation=wording)


def test_no_recipient(scene, at):
    refused(scene, at, services.NO_RECIPIENT, send_to="", posted=False)


def test_a_recipient_that_is_neither_email_nor_mobile(scene, at):
    refused(scene, at, services.BAD_RECIPIENT, send_to="Flat 1")


def test_no_draft(scene, at):
    with pytest.raises(DomainError) as error:
        send(scene, at)
    assert error.value.message == services.NO_DRAFT.format(stage=1)


def test_no_stage_open_to_answer(scene, at):
    case = case_open(
        actor=None, case_type="complaint", title="Noise", household=scene.household, at=at
    )
    with pytest.raises(DomainError) as error:
        response_draft_save(actor=scene.officer, case=case, stage=1, at=at)
    assert error.value.message == services.NO_STAGE_OPEN.format(reference=case.reference)


def test_a_refused_stage(scene, at):
    complaint_refuse(case=scene.case, stage=1, at=at)
    with pytest.raises(DomainError) as error:
        draft(scene, at)
    assert error.value.message == services.STAGE_REFUSED.format(stage=1, day="3 June 2024")


def test_a_stage_already_answered(scene, at):
    draft(scene, at)
    send(scene, at)
    with pytest.raises(DomainError) as error:
        send(scene, at)
    assert error.value.message == services.ALREADY_ANSWERED.format(stage=1, day="3 June 2024")
    with pytest.raises(DomainError):
        draft(scene, at)


def test_stage_2_before_an_escalation(scene, at):
    with pytest.raises(DomainError) as error:
        draft(scene, at, stage=2)
    assert error.value.message == services.STAGE2_BEFORE_ESCALATION.format(
        reference=scene.case.reference
    )


def test_a_third_stage(scene, at):
    with pytest.raises(DomainError) as error:
        draft(scene, at, stage=3)
    assert error.value.message == services.BAD_STAGE


def test_a_closed_case(scene, at):
    case_close(actor=None, case=scene.case, reason="Withdrawn", at=at)
    with pytest.raises(DomainError) as error:
        draft(scene, at)
    assert error.value.message == services.CASE_CLOSED.format(reference=scene.case.reference)


def test_a_refusal_writes_nothing(scene, at):
    draft(scene, at, points=[])
    with appended() as events, pytest.raises(DomainError):
        send(scene, at)
    assert events.kinds == []
    assert Document.objects.count() == 0
    assert ResponseDraft.objects.get().sent_event is None

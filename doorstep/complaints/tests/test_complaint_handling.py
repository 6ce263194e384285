"""Acknowledging, escalating, refusing and naming the officer: each happy path, the events each
appends, and each refusal's message."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.complaints.choices import ComplaintStatus, RefusalReason
from doorstep.complaints.projections import complaint_project
from doorstep.complaints.services import (
    ALREADY_ACKNOWLEDGED,
    ALREADY_STAGE2,
    BAD_REASON_CODE,
    BEFORE_OPENED,
    ESCALATION_NO_TEXT,
    INVOLVED_AT_STAGE1,
    NO_EXPLANATION,
    NOT_COMPLAINTS_STAFF,
    NOT_OPEN,
    OMBUDSMAN_NOT_TOLD,
    STAGE1_IN_TIME,
    WRONG_STAGE,
    complaint_acknowledge,
    complaint_assign,
    complaint_escalate,
    complaint_refuse,
)
from doorstep.complaints.tests.conftest import NOW
from doorstep.complaints.tests.helpers import count, kinds, later
from doorstep.core.errors import DomainError
from doorstep.timeline.models import Event
from doorstep.timeline.services import event_append
from doorstep.timeline.when import When


def _answer(complaint, stage: int, at: dt.datetime):
    """A response at the stage, as the responses app will write it (generic kind for now)."""
    event_append(
        kind="complaint.response",
        occurred=When.at(at),
        recorded_at=at,
        actor=None,
        actor_name="Responses",
        channel="letter",
        data={"stage": stage, "outcome": "upheld", "text": "We are sorry."},
        household=complaint.case.household,
        property=complaint.case.property,
        case=complaint.case,
    )
    return complaint_project(complaint.case)


def _refusal(**kwargs):
    args = {"reason_code": RefusalReason.OUT_OF_TIME, "explanation": "", "ombudsman_informed": True}
    return {**args, **kwargs}


# --- acknowledge -----------------------------------------------------------------------------


def test_acknowledge_stage_1(homes, complaint):
    before = count(complaint.case)
    done = complaint_acknowledge(
        actor=homes.handler, complaint=complaint, stage=1, at=later(NOW, days=1)
    )
    assert kinds(complaint.case, before) == ["complaint.acknowledged"]
    assert done.acknowledged1_at == later(NOW, days=1)
    # Under the 2024 Code the response counts from the acknowledgement: Tue 4 to Tue 18 Nov.
    assert done.response_due == dt.date(2025, 11, 18)


def test_acknowledging_twice_is_refused(homes, complaint):
    complaint_acknowledge(actor=None, complaint=complaint, stage=1, at=later(NOW, days=1))
    complaint.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        complaint_acknowledge(actor=None, complaint=complaint, stage=1, at=later(NOW, days=2))
    assert refused.value.message == ALREADY_ACKNOWLEDGED.format(stage=1, when="4 November 2025")


def test_stage_2_cannot_be_acknowledged_before_escalation(homes, complaint):
    with pytest.raises(DomainError) as refused:
        complaint_acknowledge(actor=None, complaint=complaint, stage=2, at=NOW)
    assert refused.value.message == WRONG_STAGE.format(current=1, stage=2)


def test_an_acknowledgement_before_the_complaint_is_refused(homes, complaint):
    with pytest.raises(DomainError) as refused:
        complaint_acknowledge(
            actor=None, complaint=complaint, stage=1, occurred=When.parse("2025-11-02"), at=NOW
        )
    assert refused.value.message == BEFORE_OPENED.format(
        when="2 November 2025", opened="3 November 2025"
    )


# --- escalate --------------------------------------------------------------------------------


def test_escalation_after_stage_1_is_answered(homes, complaint):
    answered = _answer(complaint, 1, later(NOW, days=7))
    assert answered.status == ComplaintStatus.STAGE1_ANSWERED
    before = count(complaint.case)
    done = complaint_escalate(
        actor=homes.handler,
        complaint=answered,
        text="Not good enough. Nothing has changed.",
        at=later(NOW, days=9),
    )
    assert kinds(complaint.case, before) == ["complaint.escalated"]
    escalated = Event.objects.get(case=complaint.case, kind="complaint.escalated")
    assert escalated.data == {"stage": 2, "text": "Not good enough. Nothing has changed."}
    assert (done.stage, done.status) == (2, ComplaintStatus.STAGE2_OPEN)
    assert done.escalation_text == "Not good enough. Nothing has changed."


def test_escalation_after_a_refusal_at_stage_1(homes, complaint):
    refused = complaint_refuse(actor=None, complaint=complaint, at=later(NOW, days=1), **_refusal())
    done = complaint_escalate(
        actor=None, complaint=refused, text="Review it.", at=later(NOW, days=2)
    )
    assert done.status == ComplaintStatus.STAGE2_OPEN


def test_escalation_while_stage_1_is_in_time_is_refused(homes, complaint):
    # Not acknowledged: under the 2024 Code the response is due 10 working days after the
    # acknowledgement was due (Mon 10 Nov): Mon 24 Nov 2025.
    with pytest.raises(DomainError) as refused:
        complaint_escalate(actor=None, complaint=complaint, text="Escalate", at=later(NOW, days=5))
    assert refused.value.message == STAGE1_IN_TIME.format(due="24 November 2025")


def test_escalation_once_stage_1_is_overdue(homes, complaint):
    done = complaint_escalate(
        actor=None,
        complaint=complaint,
        text="Three weeks and no answer.",
        occurred=When.parse("2025-11-25"),
        at=later(NOW, days=22),
    )
    assert done.stage == 2


def test_escalating_twice_is_refused(homes, complaint):
    answered = _answer(complaint, 1, later(NOW, days=7))
    done = complaint_escalate(actor=None, complaint=answered, text="x", at=later(NOW, days=8))
    with pytest.raises(DomainError) as refused:
        complaint_escalate(actor=None, complaint=done, text="again", at=later(NOW, days=9))
    assert refused.value.message == ALREADY_STAGE2


def test_escalation_needs_the_residents_words(homes, complaint):
    answered = _answer(complaint, 1, later(NOW, days=7))
    with pytest.raises(DomainError) as refused:
        complaint_escalate(actor=None, complaint=answered, text=" ", at=later(NOW, days=8))
    assert refused.value.message == ESCALATION_NO_TEXT


# --- refuse ----------------------------------------------------------------------------------


def test_refusing_records_the_reason_and_that_the_resident_was_told_of_the_ombudsman(
    homes, complaint
):
    before = count(complaint.case)
    done = complaint_refuse(
        actor=homes.handler,
        complaint=complaint,
        at=later(NOW, days=1),
        **_refusal(explanation="The boiler was replaced in 2023."),
    )
    assert kinds(complaint.case, before) == ["complaint.refused"]
    event = Event.objects.get(case=complaint.case, kind="complaint.refused")
    assert event.data == {
        "stage": 1,
        "reason": "The issue arose more than 12 months ago: The boiler was replaced in 2023.",
        "reason_code": "over_12_months",
        "ombudsman_informed": True,
    }
    assert (done.status, done.refused_stage, done.refusal_code) == (
        ComplaintStatus.REFUSED,
        1,
        "over_12_months",
    )


@pytest.mark.parametrize(
    ("kwargs", "message", "field"),
    [
        ({"reason_code": "too_busy"}, "BAD", "reason_code"),
        ({"reason_code": RefusalReason.OTHER, "explanation": ""}, NO_EXPLANATION, "explanation"),
        ({"ombudsman_informed": False}, OMBUDSMAN_NOT_TOLD, "ombudsman_informed"),
    ],
)
def test_refusing_refuses_bad_reasons(homes, complaint, kwargs, message, field):
    if message == "BAD":
        allowed = "; ".join(str(r.label).lower() for r in RefusalReason)
        message = BAD_REASON_CODE.format(allowed=allowed)
    with pytest.raises(DomainError) as refused:
        complaint_refuse(actor=None, complaint=complaint, at=NOW, **_refusal(**kwargs))
    assert (refused.value.message, refused.value.field) == (message, field)


def test_a_refused_complaint_cannot_be_acknowledged(homes, complaint):
    done = complaint_refuse(actor=None, complaint=complaint, at=NOW, **_refusal())
    with pytest.raises(DomainError) as refused:
        complaint_acknowledge(actor=None, complaint=done, stage=1, at=NOW)
    assert refused.value.message == NOT_OPEN.format(status="not accepted", action="acknowledge")


# --- name the officer ------------------------------------------------------------------------


def test_naming_the_stage_1_officer(homes, complaint):
    before = count(complaint.case)
    done = complaint_assign(actor=homes.manager, complaint=complaint, officer=homes.handler, at=NOW)
    assert kinds(complaint.case, before) == ["case.assigned"]
    assert (done.officer, done.stage1_officer) == (homes.handler, homes.handler)
    assert done.stage1_involved == ["cora"]


def test_only_staff_who_handle_complaints_can_be_named(homes, complaint):
    with pytest.raises(DomainError) as refused:
        complaint_assign(actor=None, complaint=complaint, officer=homes.contractor, at=NOW)
    assert (refused.value.message, refused.value.field) == (
        NOT_COMPLAINTS_STAFF.format(name="Colin"),
        "officer",
    )


def test_stage_2_must_be_handled_by_someone_not_involved_at_stage_1(homes, complaint):
    complaint_assign(actor=None, complaint=complaint, officer=homes.handler, at=NOW)
    # The manager acknowledged stage 1: involved too.
    complaint.refresh_from_db()
    complaint_acknowledge(actor=homes.manager, complaint=complaint, stage=1, at=later(NOW, days=1))
    answered = _answer(complaint, 1, later(NOW, days=7))
    escalated = complaint_escalate(actor=None, complaint=answered, text="x", at=later(NOW, days=8))
    assert escalated.officer is None and escalated.stage1_officer == homes.handler
    assert escalated.stage1_involved == ["cora", "mina"]
    for involved, name in ((homes.handler, "Cora"), (homes.manager, "Mina")):
        with pytest.raises(DomainError) as refused:
            complaint_assign(
                actor=None, complaint=escalated, officer=involved, at=later(NOW, days=9)
            )
        assert refused.value.message == INVOLVED_AT_STAGE1.format(name=name)
    done = complaint_assign(
        actor=None, complaint=escalated, officer=homes.second, at=later(NOW, days=9)
    )
    assert (done.officer, done.stage2_officer, done.stage1_officer) == (
        homes.second,
        homes.second,
        homes.handler,
    )

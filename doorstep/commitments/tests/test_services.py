"""The promise ledger's services: what each appends, what each refuses, and where the
commitment stands afterwards (asked of the pure ledger, as of a date)."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.services import record_on_case
from doorstep.commitments import services
from doorstep.commitments.models import Commitment
from doorstep.commitments.selectors import commitment_as_of, open_commitments
from doorstep.commitments.services import (
    ACTION_NEEDED,
    ALREADY_CLOSED,
    CLAIM_WAITING,
    CONTRACTOR_CANNOT_VERIFY,
    DONE_AFTER_CLAIM,
    DUE_BEFORE_PROMISE,
    EVIDENCE_NEEDED,
    ITEMS_WITHOUT_JOB,
    METHOD_NEEDED,
    NO_JOB_TO_CLAIM,
    NOT_YOUR_CASE,
    NOTHING_TO_CONTRADICT,
    REASON_NEEDED,
    SOURCE_ELSEWHERE,
    commitment_claim_done,
    commitment_drop,
    commitment_make,
    commitment_verify,
)
from doorstep.core.errors import DomainError, NotPermitted
from doorstep.testing.factories import CaseFactory
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def standing(commitment: Commitment, day: dt.date) -> str:
    found = commitment_as_of(commitment=commitment, as_of=day)
    assert found is not None
    return found.standing


def floor(scene, at, **extra) -> Commitment:
    """Replace the bathroom floor (job J1, item floor) by 28 June 2024."""
    values = {
        "actor": scene.officer,
        "case": scene.case,
        "action": "Replace the bathroom floor",
        "due": When.parse("2024-06-28"),
        "owner": scene.officer,
        "job": "J1",
        "items": ["floor"],
        "at": at,
    }
    return commitment_make(**(values | extra))


def test_making_a_commitment_records_it_with_its_owner_due_date_and_works(scene, at):
    with appended() as events:
        made = floor(scene, at)
    assert events.kinds == ["commitment.made"]
    assert events[0].data == {
        "commitment": "COM-2024-000001",
        "action": "Replace the bathroom floor",
        "due": "2024-06-28",
        "job": "J1",
        "items": ["floor"],
        "owner": "Olivia Officer",
        "owner_username": scene.officer.username,
    }
    assert events[0].case == scene.case
    assert (made.ref, made.state, made.due_date) == (
        "COM-2024-000001",
        "open",
        dt.date(2024, 6, 28),
    )
    assert (made.owner, made.owner_name, made.made_by_name) == (
        scene.officer,
        "Olivia Officer",
        "Olivia Officer",
    )
    assert (made.case, made.household, made.made_event) == (
        scene.case,
        scene.case.household,
        events[0],
    )
    assert (made.job, made.items, made.made_on) == ("J1", ["floor"], at.date())


def test_a_due_date_keeps_the_precision_it_was_promised_at(scene, at):
    made = floor(scene, at, due=When.parse("2024-07"))
    assert (made.due_text, made.due_date) == ("2024-07", dt.date(2024, 7, 31))
    assert standing(made, dt.date(2024, 7, 31)) == "open"
    assert standing(made, dt.date(2024, 8, 1)) == "overdue"


def test_a_commitment_due_before_it_was_made_is_refused(scene, at):
    with pytest.raises(DomainError) as info, appended() as events:
        floor(scene, at, due=When.parse("2024-06-02"))
    assert info.value.message == DUE_BEFORE_PROMISE.format(
        due="2 June 2024", made="3 June 2024, 10:30"
    )
    assert info.value.field == "due"
    assert events == [] and not Commitment.objects.exists()


def test_due_the_day_it_is_made_is_allowed(scene, at):
    assert floor(scene, at, due=When.parse("2024-06-03")).state == "open"


def test_a_promise_made_in_an_earlier_entry_is_dated_as_that_entry(scene, at):
    letter = record_on_case(
        case=scene.case,
        kind="note",
        data={"text": "Letter: we will replace the floor by the end of May"},
        actor=scene.officer,
        at=at,
        occurred=When.parse("2024-05-02"),
    )
    made = floor(scene, at, due=When.parse("2024-05"), source_event=letter)
    assert made.made_on == dt.date(2024, 5, 2)
    assert made.made_event.data["from_event"] == str(letter.uid)
    assert standing(made, dt.date(2024, 6, 3)) == "overdue"


def test_a_source_entry_from_another_household_is_refused(scene, at):
    elsewhere = record_on_case(
        case=CaseFactory(), kind="note", data={"text": "x"}, actor=None, at=at
    )
    with pytest.raises(DomainError) as info:
        floor(scene, at, source_event=elsewhere)
    assert info.value.message == SOURCE_ELSEWHERE


@pytest.mark.parametrize(
    ("extra", "message", "field"),
    [
        ({"action": "  "}, ACTION_NEEDED, "action"),
        ({"job": None, "items": ["floor"]}, ITEMS_WITHOUT_JOB, "items"),
    ],
)
def test_a_commitment_must_say_what_and_its_items_need_a_job(scene, at, extra, message, field):
    with pytest.raises(DomainError) as info:
        floor(scene, at, **extra)
    assert (info.value.message, info.value.field) == (message, field)


def test_a_contractors_completion_alone_does_not_close_a_commitment(scene, at):
    made = floor(scene, at)
    claimed_at = at + 7 * DAY  # Monday 10 June 2024
    with appended() as events:
        claimed = commitment_claim_done(
            actor=scene.fitter,
            commitment=made,
            claimed_by="contractor",
            completed_on=When.parse("2024-06-07"),
            at=claimed_at,
        )
    assert events.kinds == ["works.completed"]
    assert events[0].data == {
        "job": "J1",
        "items": ["floor"],
        "completed_on": "2024-06-07",
        "claimed_by": "contractor",
        "commitment": made.ref,
    }
    assert (claimed.state, claimed.claim_event) == ("claimed", events[0])
    assert claimed.verified_event is None
    # Inside the 10 working days the check is allowed, it is simply still owed...
    assert standing(claimed, dt.date(2024, 6, 24)) == "open"
    # ...and after them, the claim is waiting too long for its check. Never "kept".
    assert standing(claimed, dt.date(2024, 6, 25)) == "claimed_not_verified"
    assert standing(claimed, dt.date(2025, 6, 25)) == "claimed_not_verified"
    listed = open_commitments(user=scene.officer, as_of=dt.date(2024, 6, 25))
    assert [(c.commitment, c.standing) for c in listed] == [(claimed, "claimed_not_verified")]


def test_verification_by_post_inspection_keeps_the_commitment(scene, at):
    made = floor(scene, at)
    commitment_claim_done(
        actor=scene.fitter, commitment=made, claimed_by="contractor", at=at + 7 * DAY
    )
    made.refresh_from_db()
    with appended() as events:
        kept = commitment_verify(
            actor=scene.officer,
            commitment=made,
            method="post_inspection",
            result="confirmed",
            evidence="New floor laid and sealed; inspected by Olivia.",
            at=at + 9 * DAY,
        )
    assert events.kinds == ["works.verified"]
    assert events[0].data == {
        "job": "J1",
        "items": ["floor"],
        "method": "post_inspection",
        "result": "confirmed",
        "evidence": "New floor laid and sealed; inspected by Olivia.",
        "commitment": made.ref,
    }
    assert (kept.state, kept.verified_event, kept.state_since) == (
        "kept",
        events[0],
        dt.date(2024, 6, 12),
    )
    assert standing(kept, dt.date(2024, 7, 31)) == "kept"
    assert open_commitments(user=scene.officer, as_of=dt.date(2024, 7, 31)) == []
    # As the record stood before the check, it was still owed.
    earlier = open_commitments(user=scene.officer, as_of=dt.date(2024, 6, 11))
    assert [c.standing for c in earlier] == ["open"]


def test_a_not_done_verification_contradicts_the_claim_and_reopens_the_commitment(scene, at):
    made = floor(scene, at)
    made = commitment_claim_done(
        actor=scene.officer, commitment=made, claimed_by="staff", at=at + 7 * DAY
    )
    with appended() as events:
        found = commitment_verify(
            actor=scene.officer,
            commitment=made,
            method="resident_confirmed",
            result="not_done",
            evidence="Ms Okafor says nobody came; the floor is still soft.",
            at=at + 8 * DAY,
        )
    assert events.kinds == ["works.verified"]
    assert events[0].data["result"] == "not_done"
    assert (found.state, found.verified_event, found.claim_event.kind) == (
        "contradicted",
        events[0],
        "works.completed",
    )
    assert standing(found, dt.date(2024, 6, 12)) == "contradicted"
    listed = open_commitments(user=scene.officer, as_of=dt.date(2024, 6, 12))
    assert [(c.commitment, c.standing) for c in listed] == [(found, "contradicted")]
    # Owed again: it can be claimed again, and kept only when a check confirms it.
    again = commitment_claim_done(
        actor=scene.fitter, commitment=found, claimed_by="contractor", at=at + 14 * DAY
    )
    assert again.state == "contradicted"
    kept = commitment_verify(
        actor=scene.officer,
        commitment=again,
        method="post_inspection",
        result="confirmed",
        evidence="Floor replaced; checked on site.",
        at=at + 15 * DAY,
    )
    assert kept.state == "kept"


def test_overdue_as_of_a_date(scene, at):
    made = floor(scene, at)
    assert standing(made, dt.date(2024, 6, 28)) == "open"
    assert standing(made, dt.date(2024, 6, 29)) == "overdue"
    assert commitment_as_of(commitment=made, as_of=dt.date(2024, 6, 2)) is None


def test_a_contractor_may_claim_only_on_its_own_firms_case_and_only_as_the_contractor(scene, at):
    made = floor(scene, at)
    with pytest.raises(NotPermitted) as info:
        commitment_claim_done(
            actor=scene.other_fitter, commitment=made, claimed_by="contractor", at=at
        )
    assert info.value.message == NOT_YOUR_CASE
    with pytest.raises(DomainError) as refused:
        commitment_claim_done(actor=scene.fitter, commitment=made, claimed_by="staff", at=at)
    assert (refused.value.message, refused.value.field) == (
        services.CONTRACTOR_CLAIMS_AS_CONTRACTOR,
        "claimed_by",
    )


def test_a_contractor_cannot_verify_its_own_claim(scene, at):
    made = floor(scene, at)
    with pytest.raises(NotPermitted) as info, appended() as events:
        commitment_verify(
            actor=scene.fitter,
            commitment=made,
            method="post_inspection",
            result="confirmed",
            evidence="We checked it ourselves",
            at=at,
        )
    assert info.value.message == CONTRACTOR_CANNOT_VERIFY
    assert events == []


@pytest.mark.parametrize(
    ("method", "result", "evidence", "message", "field"),
    [
        ("", "confirmed", "Seen", METHOD_NEEDED, "method"),
        ("the contractor said so", "confirmed", "Seen", METHOD_NEEDED, "method"),
        ("post_inspection", "", "Seen", services.RESULT_NEEDED, "result"),
        ("post_inspection", "confirmed", " ", EVIDENCE_NEEDED, "evidence"),
    ],
)
def test_a_check_needs_a_method_a_result_and_evidence(
    scene, at, method, result, evidence, message, field
):
    made = floor(scene, at)
    with pytest.raises(DomainError) as info:
        commitment_verify(
            actor=scene.officer,
            commitment=made,
            method=method,
            result=result,
            evidence=evidence,
            at=at,
        )
    assert (info.value.message, info.value.field) == (message, field)


def test_a_claim_waiting_for_its_check_is_not_claimed_twice(scene, at):
    made = commitment_claim_done(
        actor=scene.fitter, commitment=floor(scene, at), claimed_by="contractor", at=at
    )
    with pytest.raises(DomainError) as info:
        commitment_claim_done(actor=scene.fitter, commitment=made, claimed_by="contractor", at=at)
    assert info.value.message == CLAIM_WAITING.format(ref=made.ref)


def test_work_cannot_be_claimed_done_after_the_claim(scene, at):
    with pytest.raises(DomainError) as info:
        commitment_claim_done(
            actor=scene.officer,
            commitment=floor(scene, at),
            claimed_by="staff",
            completed_on=When.parse("2024-06-04"),
            at=at,
        )
    assert info.value.message == DONE_AFTER_CLAIM.format(day="4 June 2024")


def test_a_promise_that_is_not_works_is_kept_on_evidence_and_cannot_be_claimed(scene, at):
    call = floor(scene, at, action="Call the resident back", job=None, items=())
    with pytest.raises(DomainError) as info:
        commitment_claim_done(actor=scene.officer, commitment=call, claimed_by="staff", at=at)
    assert info.value.message == NO_JOB_TO_CLAIM
    with pytest.raises(DomainError) as info:
        commitment_verify(
            actor=scene.officer,
            commitment=call,
            method="resident_confirmed",
            result="not_done",
            evidence="Nobody called",
            at=at,
        )
    assert info.value.message == NOTHING_TO_CONTRADICT
    with appended() as events:
        kept = commitment_verify(
            actor=scene.officer,
            commitment=call,
            method="resident_confirmed",
            result="confirmed",
            evidence="Ms Okafor confirms we called on 3 June",
            at=at,
        )
    assert events.kinds == ["commitment.kept"]
    assert events[0].data == {
        "commitment": call.ref,
        "evidence": "Ms Okafor confirms we called on 3 June",
        "method": "resident_confirmed",
    }
    assert (kept.state, kept.verified_event) == ("kept", events[0])


def test_dropping_needs_a_reason_and_closes_the_commitment(scene, at):
    made = floor(scene, at)
    with pytest.raises(DomainError) as info:
        commitment_drop(actor=scene.manager, commitment=made, reason=" ", at=at)
    assert (info.value.message, info.value.field) == (REASON_NEEDED, "reason")
    with appended() as events:
        dropped = commitment_drop(
            actor=scene.manager, commitment=made, reason="The resident moved out", at=at
        )
    assert events.kinds == ["commitment.dropped"]
    assert events[0].data == {"commitment": made.ref, "reason": "The resident moved out"}
    assert (dropped.state, dropped.state_since) == ("dropped", at.date())
    assert open_commitments(user=scene.officer, as_of=dt.date(2024, 7, 31)) == []
    with pytest.raises(DomainError) as info:
        commitment_verify(
            actor=scene.officer,
            commitment=dropped,
            method="post_inspection",
            result="confirmed",
            evidence="Done",
            at=at,
        )
    assert info.value.message == ALREADY_CLOSED.format(ref=made.ref, state="dropped")

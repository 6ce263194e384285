"""A sent response's promises on the ledger: each commitment listed on /commitments/ with its
due date; a stage 2 statement that works were done is a claim to verify, never kept."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.commitments.models import Commitment
from doorstep.commitments.selectors import case_commitments, open_commitments
from doorstep.commitments.services import commitment_verify
from doorstep.responses.services import response_draft_save, response_send
from doorstep.responses.tests.conftest import complete
from doorstep.testing.complaint_cases import complaint_escalate

pytestmark = pytest.mark.django_db


def _stage_1(scene, at):
    response_draft_save(actor=scene.officer, case=scene.case, stage=1, at=at, **complete())
    return response_send(actor=scene.officer, case=scene.case, stage=1, at=at)


def _stage_2_says_done(scene, at, claims):
    complaint_escalate(case=scene.case, at=at)
    content = complete(commitments=[], claims_done=claims, outcome="not_upheld", remedy="")
    response_draft_save(actor=scene.reviewer, case=scene.case, stage=2, at=at, **content)
    return response_send(actor=scene.reviewer, case=scene.case, stage=2, at=at)


def test_the_commitments_of_a_sent_response_are_listed_by_due_date(scene, at):
    event = _stage_1(scene, at)
    listed = open_commitments(user=scene.officer, as_of=at.date())
    refs = [c["commitment"] for c in event.data["commitments"]]
    assert [(c.commitment.ref, c.commitment.due_date, c.standing) for c in listed] == [
        (refs[0], dt.date(2024, 6, 14), "open"),
        (refs[1], dt.date(2024, 6, 21), "open"),
    ]
    after = open_commitments(user=scene.officer, as_of=dt.date(2024, 6, 17))
    assert [c.standing for c in after] == ["overdue", "open"]


def test_a_stage_2_claim_that_works_are_done_is_claimed_not_verified(scene, at):
    promised = _stage_1(scene, at).data["commitments"][0]
    later = at + dt.timedelta(days=7)
    stage_2 = _stage_2_says_done(scene, later, [{"commitment": promised["commitment"]}])
    assert stage_2.data["claims_done"] == [{"commitment": promised["commitment"]}]
    row = Commitment.objects.get(ref=promised["commitment"])
    assert row.state == "claimed"  # never kept on a claim
    assert row.claim_event == stage_2
    # Ten working days after the claim, with no check on record: claimed, not verified.
    weeks_on = dt.date(2024, 6, 25)
    found = case_commitments(case=scene.case, as_of=weeks_on)
    standing = {c.commitment.ref: c.standing for c in found}
    assert standing[promised["commitment"]] == "claimed_not_verified"
    owed = open_commitments(user=scene.officer, as_of=weeks_on, standing="claimed_not_verified")
    assert [c.commitment.ref for c in owed] == [promised["commitment"]]


def test_a_stage_2_claim_of_a_job_is_a_claim_on_the_promise_of_that_job(scene, at):
    promised = _stage_1(scene, at).data["commitments"][0]
    later = at + dt.timedelta(days=7)
    _stage_2_says_done(scene, later, [{"job": "J1", "items": "1"}])
    assert Commitment.objects.get(ref=promised["commitment"]).state == "claimed"


def test_only_the_check_keeps_the_promise(scene, at):
    promised = _stage_1(scene, at).data["commitments"][0]
    later = at + dt.timedelta(days=7)
    _stage_2_says_done(scene, later, [{"commitment": promised["commitment"]}])
    row = Commitment.objects.get(ref=promised["commitment"])
    commitment_verify(
        actor=scene.officer,
        commitment=row,
        method="post_inspection",
        result="confirmed",
        evidence="Inspected: new pipe fitted, no leak",
        at=later + dt.timedelta(days=1),
    )
    assert Commitment.objects.get(ref=promised["commitment"]).state == "kept"

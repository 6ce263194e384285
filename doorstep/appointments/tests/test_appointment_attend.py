"""`appointment_attend` and `appointment_miss`: what happened on the day. A completion is a
claim through the promise ledger, never a verification."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.appointments import services
from doorstep.appointments.services import appointment_attend, appointment_book, appointment_miss
from doorstep.commitments.models import Commitment
from doorstep.core.errors import DomainError, NotPermitted
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_day(at):
    return at + dt.timedelta(days=2, hours=3)  # Wednesday 5 June 2024


def test_completed_claims_the_commitment_done_and_verifies_nothing(
    estate, on_the_day, booked, promise, job
):
    with appended() as written:
        attended = appointment_attend(
            actor=estate.contractor, appointment=booked, outcome="completed", at=on_the_day
        )
    assert written.kinds == ["appointment.attended", "works.completed"]
    assert written[0].data == {
        "appointment": booked.reference,
        "outcome": "completed",
        "reason": None,
    }
    assert written[1].data == {
        "job": job.reference,
        "items": ["1", "2"],
        "completed_on": "2024-06-05",
        "claimed_by": "contractor",
        "commitment": promise.ref,
    }
    assert attended.status == "attended"
    assert Commitment.objects.get(pk=promise.pk).state == "claimed"
    job.refresh_from_db()
    assert job.status == "completed"  # reported completed, not verified


def test_completed_without_a_commitment_is_still_a_claim_on_the_job(
    estate, on_the_day, booked, job
):
    with appended() as written:
        appointment_attend(
            actor=estate.coordinator, appointment=booked, outcome="completed", at=on_the_day
        )
    assert written.kinds == ["appointment.attended", "works.completed"]
    assert written[1].data == {
        "job": job.reference,
        "items": ["1", "2"],
        "completed_on": "2024-06-05",
        "claimed_by": "staff",
        "appointment": booked.reference,
    }


@pytest.mark.parametrize("outcome", ["partial", "no_access", "not_started"])
def test_other_outcomes_need_a_reason_and_claim_nothing(estate, on_the_day, booked, outcome):
    with pytest.raises(DomainError) as info:
        appointment_attend(
            actor=estate.coordinator, appointment=booked, outcome=outcome, at=on_the_day
        )
    assert (info.value.message, info.value.field) == (services.OUTCOME_REASON_NEEDED, "reason")
    with appended() as written:
        appointment_attend(
            actor=estate.coordinator,
            appointment=booked,
            outcome=outcome,
            reason="Wrong part on the van",
            at=on_the_day,
        )
    assert written.kinds == ["appointment.attended"]
    assert written[0].data["reason"] == "Wrong part on the van"


def test_attending_before_the_day_is_refused(estate, at, booked):
    with appended() as written, pytest.raises(DomainError) as info:
        appointment_attend(actor=estate.coordinator, appointment=booked, outcome="completed", at=at)
    assert written.kinds == []
    assert info.value.message == services.ATTENDED_BEFORE_DATE.format(
        ref=booked.reference, date="5 June 2024"
    )


def test_a_bad_outcome_is_refused(estate, on_the_day, booked):
    with pytest.raises(DomainError) as info:
        appointment_attend(
            actor=estate.coordinator, appointment=booked, outcome="done", at=on_the_day
        )
    assert (info.value.message, info.value.field) == (services.BAD_OUTCOME, "outcome")


def test_another_firms_contractor_cannot_record_it(estate, on_the_day, booked):
    with pytest.raises(NotPermitted) as info:
        appointment_attend(
            actor=estate.other_contractor,
            appointment=booked,
            outcome="completed",
            at=on_the_day,
        )
    assert info.value.message == services.NOT_YOUR_JOB
    with pytest.raises(NotPermitted):
        appointment_miss(
            actor=estate.other_contractor, appointment=booked, by="resident", at=on_the_day
        )


def test_an_inspection_visit_cannot_be_recorded_by_a_contractor(estate, at, on_the_day, job):
    visit = appointment_book(
        actor=estate.officer,
        case=job.case,
        purpose="inspection",
        date=dt.date(2024, 6, 5),
        at=at,
    )
    with pytest.raises(NotPermitted):
        appointment_attend(
            actor=estate.contractor, appointment=visit, outcome="completed", at=on_the_day
        )
    with appended() as written:
        appointment_attend(
            actor=estate.officer, appointment=visit, outcome="completed", at=on_the_day
        )
    assert written.kinds == ["appointment.attended"]  # no job: nothing to claim


def test_a_missed_appointment_names_who_missed_it(estate, on_the_day, booked):
    with appended() as written:
        missed = appointment_miss(
            actor=estate.contractor,
            appointment=booked,
            by="resident",
            reason="Nobody in; card left",
            at=on_the_day,
        )
    assert written.kinds == ["appointment.missed"]
    assert written[0].data == {
        "appointment": booked.reference,
        "by": "resident",
        "reason": "Nobody in; card left",
    }
    assert missed.status == "missed"
    with pytest.raises(DomainError) as info:
        appointment_attend(
            actor=estate.contractor, appointment=booked, outcome="completed", at=on_the_day
        )
    assert info.value.message == services.NOT_PENDING.format(ref=booked.reference, status="missed")


def test_bad_misses_are_refused(estate, at, on_the_day, booked):
    with pytest.raises(DomainError) as info:
        appointment_miss(actor=estate.coordinator, appointment=booked, by="nobody", at=on_the_day)
    assert (info.value.message, info.value.field) == (services.BAD_MISSED_BY, "by")
    with pytest.raises(DomainError) as info:
        appointment_miss(actor=estate.coordinator, appointment=booked, by="landlord", at=at)
    assert info.value.message == services.MISSED_BEFORE_DATE.format(
        ref=booked.reference, date="5 June 2024"
    )


def test_a_claim_without_the_ledgers_service_still_reaches_the_ledger(
    estate, on_the_day, booked, promise, job
):
    """A commitment on a case the contractor's firm is not assigned to cannot be claimed by it
    through `commitment_claim_done`; the job's `works.completed` still reaches the ledger."""
    booked.case.contractor = None
    booked.case.save(update_fields=["contractor"])
    appointment_attend(
        actor=estate.contractor, appointment=booked, outcome="completed", at=on_the_day
    )
    assert Commitment.objects.get(pk=promise.pk).state == "claimed"

"""`appointment_book`: a visit for a job's works, or for an inspection or survey."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.appointments import services
from doorstep.appointments.services import appointment_book
from doorstep.cases.services import case_close
from doorstep.core.errors import DomainError
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db


def book(estate, at, the_job, **kwargs):
    given = {
        "actor": estate.coordinator,
        "case": the_job.case,
        "job": the_job.reference,
        "date": dt.date(2024, 6, 5),
        "at": at,
    }
    return appointment_book(**{**given, **kwargs})


def test_a_works_appointment_is_booked_for_a_job(estate, at, job):
    with appended() as written:
        appointment = book(estate, at, job, slot="am", items=["1"])
    assert written.kinds == ["appointment.booked"]
    assert written[0].data == {
        "appointment": "APT-2024-000001",
        "for": job.reference,
        "date": "2024-06-05",
        "purpose": "works",
        "slot": "am",
        "items": ["1"],
        "job": job.reference,
    }
    assert written[0].case == job.case
    assert (appointment.reference, appointment.status, appointment.job) == (
        "APT-2024-000001",
        "booked",
        job,
    )
    assert (appointment.household, appointment.property) == (estate.household, estate.flat)
    assert (appointment.date, appointment.slot, appointment.items) == (
        dt.date(2024, 6, 5),
        "am",
        ["1"],
    )
    assert appointment.booked_at == at


def test_an_inspection_needs_no_job_and_names_what_it_is_for(estate, at, job):
    with appended() as written:
        appointment = book(
            estate,
            at,
            job,
            job="",
            purpose="inspection",
            for_ref="Damp survey, bathroom",
            slot="window",
            window_start=dt.time(9),
            window_end=dt.time(11),
        )
    assert written[0].data["for"] == "Damp survey, bathroom"
    assert written[0].data["window"] == {"start": "09:00", "end": "11:00"}
    assert "job" not in written[0].data
    assert appointment.job is None and appointment.slot_display() == "09:00 to 11:00"


def test_an_inspection_without_a_name_is_for_the_case(estate, at, job):
    appointment = book(estate, at, job, job="", purpose="survey")
    assert appointment.for_ref == job.case.reference


def test_today_is_allowed(estate, at, job):
    assert book(estate, at, job, date=at.date()).date == at.date()


@pytest.mark.parametrize(
    ("given", "message", "field"),
    [
        ({"date": dt.date(2024, 6, 2)}, services.IN_THE_PAST.format(date="2 June 2024"), "date"),
        ({"job": ""}, services.JOB_NEEDED, "job"),
        ({"purpose": "party"}, services.BAD_PURPOSE, "purpose"),
        ({"slot": "evening"}, services.BAD_SLOT, "slot"),
        ({"slot": "window", "window_start": dt.time(9)}, services.WINDOW_NEEDED, "window_end"),
        (
            {"slot": "window", "window_start": dt.time(11), "window_end": dt.time(9)},
            services.WINDOW_BACKWARDS.format(start="11:00", end="09:00"),
            "window_end",
        ),
        ({"items": ["7"]}, None, "items.0"),
        ({"job": "", "purpose": "inspection", "items": ["1"]}, services.ITEMS_WITHOUT_JOB, "items"),
    ],
)
def test_bad_bookings_are_refused(estate, at, job, given, message, field):
    with appended() as written, pytest.raises(DomainError) as info:
        book(estate, at, job, **given)
    assert written.kinds == []
    if message is not None:
        assert info.value.message == message
    else:
        assert info.value.message == services.UNKNOWN_ITEM.format(
            job=job.reference, item="7", known="1, 2"
        )
    assert info.value.field == field


def test_an_unknown_job_is_refused(estate, at, job):
    with pytest.raises(DomainError) as info:
        book(estate, at, job, job="JOB-2024-999999")
    assert info.value.message == services.UNKNOWN_JOB.format(
        job="JOB-2024-999999", case=job.case.reference
    )
    assert info.value.field == "job"


def test_a_closed_case_takes_no_bookings(estate, at, job):
    case_close(actor=estate.officer, case=job.case, reason="Done", at=at)
    with pytest.raises(DomainError) as info:
        book(estate, at, job)
    assert info.value.message == services.CASE_CLOSED.format(reference=job.case.reference)

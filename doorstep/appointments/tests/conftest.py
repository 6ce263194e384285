"""The repairs tests' small estate, with a repair reported by the Adeyemi household, a job on
it for Fixit Ltd (two items), and a commitment to do that job.

`at` is Monday 3 June 2024, 10:30 (the project's conftest).
"""

from __future__ import annotations

import datetime as dt

import pytest

# The API tests' callers and record (for test_api.py), and the repairs tests' estate.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.appointments.services import appointment_book
from doorstep.cases.services import case_assign
from doorstep.commitments.services import commitment_make
from doorstep.repairs.services import ItemIn, job_raise, repair_report
from doorstep.repairs.tests.conftest import estate, schedule  # noqa: F401
from doorstep.timeline.when import When


@pytest.fixture
def job(estate, at):  # noqa: F811 (the fixture imported above)
    reported = repair_report(
        actor=estate.officer,
        household=estate.household,
        location="Kitchen",
        description="The cold tap drips",
        priority="routine",
        occurred=When.parse("2024-05-30"),
        at=at - dt.timedelta(days=4),
    )
    case_assign(
        actor=estate.officer,
        case=reported.case,
        contractor=estate.firm,
        at=at - dt.timedelta(days=4),
    )
    return job_raise(
        actor=estate.coordinator,
        case=reported.case,
        items=[ItemIn(description="Replace the tap washer"), ItemIn(description="Check the trap")],
        priority="routine",
        trade="plumbing",
        contractor=estate.firm,
        estimated_minutes=45,
        target=None,
        at=at - dt.timedelta(days=4),
    )


@pytest.fixture
def promise(estate, at, job):  # noqa: F811
    return commitment_make(
        actor=estate.officer,
        case=job.case,
        action="Fix the dripping tap",
        due=When.parse("2024-06-28"),
        job=job.reference,
        items=["1", "2"],
        at=at - dt.timedelta(days=4),
    )


@pytest.fixture
def booked(estate, at, job):  # noqa: F811
    """An appointment for the job, on Wednesday 5 June 2024, in the morning."""
    return appointment_book(
        actor=estate.coordinator,
        case=job.case,
        job=job.reference,
        date=dt.date(2024, 6, 5),
        slot="am",
        at=at,
    )

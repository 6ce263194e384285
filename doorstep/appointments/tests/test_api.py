"""The appointments API: its refusals name the field and say why, a refused request is still
kept by the intake log, and a contractor sees only its own firm's appointments."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from doorstep.api.models import IntakeRecord
from doorstep.api.tests.test_operations import _operations_world
from doorstep.appointments import services
from doorstep.appointments.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(world, at, callers, contractor_firm):
    """The conftest's world, extended as the operations table's is (for its rows)."""
    return _operations_world(world, at, callers, contractor_firm)


V = "/api/v1"


def _refusal(response):
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    return {f["field"]: f["reason"] for f in error["fields"]}, error["message"]


def test_an_unknown_job_is_refused_on_its_field_and_the_request_kept(callers, world):
    body = {"job": "JOB-2024-999999", "date": "2099-06-01"}
    response = callers["officer"].post(f"{V}/cases/{world['repair']}/appointments", body)
    fields, message = _refusal(response)
    expected = services.UNKNOWN_JOB.format(job="JOB-2024-999999", case=world["repair"])
    assert fields == {"body.job": expected} and message == expected
    kept = IntakeRecord.objects.get()
    assert kept.outcome == "refused" and json.loads(kept.body) == body


def test_a_date_in_the_past_is_refused(callers, world):
    response = callers["officer"].post(
        f"{V}/cases/{world['repair']}/appointments", {"job": world["job"], "date": "2024-01-02"}
    )
    fields, _ = _refusal(response)
    assert fields == {"body.date": services.IN_THE_PAST.format(date="2 January 2024")}


def test_a_landlords_move_must_say_whether_the_resident_was_told(callers, world):
    path = f"{V}/appointments/{world['appointment']}/moves"
    response = callers["officer"].post(path, {"date": "2099-06-02", "by": "landlord"})
    fields, _ = _refusal(response)
    assert fields == {"body.resident_informed": services.INFORMED_NEEDED}


def test_a_move_told_through_doorstep_shows_the_message_in_the_history(callers, world):
    path = f"{V}/appointments/{world['appointment']}/moves"
    body = {
        "date": "2099-06-02",
        "slot": "window",
        "window_start": "09:00",
        "window_end": "11:00",
        "by": "landlord",
        "resident_informed": True,
        "informed_how": "doorstep",
        "notify_to": "tess@example.org",
    }
    response = callers["officer"].post(path, body)
    assert response.status_code == 201, response.content
    shown = response.json()
    assert (shown["date"], shown["slot"], shown["window_start"]) == (
        "2099-06-02",
        "window",
        "09:00:00",
    )
    kinds = [entry["kind"] for entry in shown["history"]]
    assert kinds == ["appointment.booked", "appointment.moved", "contact.out"]
    assert shown["history"][2]["data"]["notification"]["status"] == "stored"
    assert OutboxMessage.objects.get().to == "tess@example.org"


def test_attending_a_cancelled_appointment_is_refused(callers, world):
    path = f"{V}/appointments/{world['appointment']}"
    cancelled = callers["officer"].post(
        f"{path}/cancellation", {"by": "resident", "reason": "Away that week"}
    )
    assert cancelled.status_code == 201
    response = callers["officer"].post(f"{path}/attendance", {"outcome": "completed"})
    assert response.status_code == 422
    assert response.json()["error"]["message"] == services.NOT_PENDING.format(
        ref=world["appointment"], status="cancelled"
    )


def test_another_firm_does_not_see_the_appointment(callers, world):
    path = f"{V}/appointments/{world['appointment']}"
    assert callers["other_contractor"].get(path).status_code == 404
    assert callers["contractor"].get(path).status_code == 200
    response = callers["other_contractor"].post(f"{path}/attendance", {"outcome": "completed"})
    assert response.status_code == 404


def test_the_list_is_the_cases_appointments(callers, world):
    response = callers["auditor"].get(f"{V}/cases/{world['repair']}/appointments")
    assert response.status_code == 200
    assert [a["reference"] for a in response.json()["items"]] == [world["appointment"]]
    assert dt.date.fromisoformat(response.json()["items"][0]["date"])

"""The policy operations beyond the operation table: what a read shows, and what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.policy.models import CalendarDay, PolicyOverride
from doorstep.policy.resolve import NOT_OVERRIDABLE, resolve
from doorstep.policy.services import calendar_day_record

pytestmark = pytest.mark.django_db
V = "/api/v1"


def test_the_policy_on_a_date_shows_every_key_its_source_and_the_announced_days(callers, at):
    manager = callers["manager"]
    response = manager.post(
        f"{V}/policy/overrides",
        {"key": "asb.first_response_days", "value": 3, "effective_from": "2024-01-01",
         "source": "ASB policy 2024, 4.1"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    calendar_day_record(
        actor=None, day=dt.date(2024, 12, 27), name="Christmas closure", kind="closure",
        announced_on=dt.date(2024, 3, 1), source="Board, March 2024", at=at,
    )  # fmt: skip
    body = callers["auditor"].get(f"{V}/policy?on=2024-04-01").json()
    keys = {k["key"]: k for k in body["keys"]}
    assert keys["asb.first_response_days"] | {"meaning": ""} == {
        "key": "asb.first_response_days", "unit": "calendar_days", "meaning": "",
        "in_force": True, "value": 3, "source": "ASB policy 2024, 4.1",
        "effective_from": "2024-01-01", "overridden": True, "overridable": True, "note": "",
    }  # fmt: skip
    derived = keys["asb.risk_assessment_days"]
    assert (derived["value"], derived["overridden"]) == (3, True) and derived["note"]
    awaab = keys["hazards.investigation_working_days"]
    assert (awaab["in_force"], awaab["value"], awaab["overridable"]) == (False, None, False)
    assert keys["repairs.routine.vulnerable_working_days"]["value"] is None
    assert body["calendar_days"] == [
        {"day": "2024-12-27", "name": "Christmas closure", "kind": "closure",
         "announced_on": "2024-03-01", "source": "Board, March 2024"}
    ]  # fmt: skip
    assert [p["in_force_from"] for p in body["awaab_phases"]] == ["2025-10-27", None, None]
    before = callers["auditor"].get(f"{V}/policy?on=2024-02-29").json()
    assert before["calendar_days"] == []


def test_without_a_date_the_policy_is_todays(callers):
    body = callers["officer"].get(f"{V}/policy").json()
    assert body["on"] == dt.date.today().isoformat()
    keys = {k["key"] for k in body["keys"]}
    assert "hazards.investigation_working_days" in keys


def test_a_statutory_value_cannot_be_overridden(callers):
    response = callers["manager"].post(
        f"{V}/policy/overrides",
        {"key": "hazards.summary_working_days", "value": 5, "effective_from": "2026-01-01",
         "source": "Our policy"},
    )  # fmt: skip
    assert response.status_code == 422
    error = response.json()["error"]
    source = resolve("hazards.summary_working_days", dt.date(2026, 1, 1)).source
    message = NOT_OVERRIDABLE.format(key="hazards.summary_working_days", source=source)
    assert error["fields"] == [{"field": "body.value", "reason": message}]
    assert not PolicyOverride.objects.exists()


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("repairs.routine.working_days", True, "body.value"),
        ("repairs.routine.working_days", 1.5, "body.value"),
        ("repairs.routine.working_days", 0, "body.value"),
        ("complaints.stage3.response_working_days", 10, "body.key"),
    ],
)
def test_a_value_of_the_wrong_shape_is_refused(callers, key, value, field):
    response = callers["manager"].post(
        f"{V}/policy/overrides",
        {"key": key, "value": value, "effective_from": "2026-01-01", "source": "x"},
    )
    assert response.status_code == 422, response.content
    fields = [f["field"] for f in response.json()["error"]["fields"]]
    assert fields == [field]
    assert not PolicyOverride.objects.exists() and not CalendarDay.objects.exists()

"""The ASB API beyond the operations table: the reporter's delay refused for an officer (even
with a reason) and overridden by a manager with a reason; high risk first in the list; a
retried report opening one case; a contractor never reading an ASB case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from doorstep.asb.models import AsbCase
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.django_db
HIGH = {"vulnerability": "significant", "repeat_victimisation": "persistent", "impact": "severe",
        "hate_motivated": False}  # fmt: skip
WARNING = {"type": "warning", "against": "Flat 2", "details": "Warning about the visitors."}


def _report(callers, world, **extra: Any) -> dict[str, Any]:
    today = dt.datetime.now(LONDON).date()
    body = {
        "category": "drugs",
        "text": "Dealing on the stairs; please wait before you do anything.",
        "reporter": world["tenant"],
        "delay_days": 3,
        "occurred": (today - dt.timedelta(days=1)).isoformat(),
        **extra,
    }
    response = callers["officer"].post(f"/api/v1/households/{world['household']}/asb", body)
    assert response.status_code == 201, response.content
    reference = response.json()["case"]
    opened = callers["officer"].post(f"/api/v1/asb/{reference}/open", {})
    assert opened.status_code == 200, opened.content
    return opened.json()


def test_an_officer_is_refused_inside_the_delay_even_with_a_reason(callers, world):
    asb = _report(callers, world)
    path = f"/api/v1/asb/{asb['case']}/actions"
    for body in (WARNING, {**WARNING, "override_reason": "I think it is urgent"}):
        response = callers["officer"].post(path, body)
        assert response.status_code == 422, response.content
        fields = {f["field"] for f in response.json()["error"]["fields"]}
        assert fields & {"body.against", "body.override_reason"}
    assert AsbCase.objects.get(case__reference=asb["case"]).actions == []


def test_a_manager_overrides_the_delay_with_a_reason(callers, world):
    asb = _report(callers, world)
    path = f"/api/v1/asb/{asb['case']}/actions"
    assert callers["manager"].post(path, WARNING).status_code == 422
    response = callers["manager"].post(path, {**WARNING, "override_reason": "Threats of violence"})
    assert response.status_code == 200, response.content
    action = response.json()["actions"][0]
    assert action["delay_override"] == {"reason": "Threats of violence", "by": "Mina"}
    assert action["reveals_reporter"] is True


def test_declining_because_the_police_were_not_told_is_refused(callers, world):
    response = callers["officer"].post(
        f"/api/v1/households/{world['household']}/asb",
        {"category": "noise", "text": "Music all night.", "reporter": world["tenant"]},
    )
    reference = response.json()["case"]
    refused = callers["officer"].post(
        f"/api/v1/asb/{reference}/decline",
        {"reason_code": "not_reported_to_police", "reason": "Not reported to the police."},
    )
    assert refused.status_code == 422
    assert "never a reason to decline" in refused.json()["error"]["message"]


def test_the_list_puts_high_risk_first(callers, world):
    first = _report(callers, world)
    second = _report(callers, world, category="noise")
    assert (
        callers["officer"].post(f"/api/v1/asb/{second['case']}/risk", {"answers": HIGH}).status_code
        == 200
    )
    rows = callers["auditor"].get("/api/v1/asb").json()["items"]
    assert [r["case"] for r in rows][:2] == [second["case"], first["case"]]
    assert rows[0]["risk_level"] == "high"


def test_a_contractor_never_reads_an_asb_case(callers, world):
    asb = _report(callers, world)
    assert callers["contractor"].get(f"/api/v1/asb/{asb['case']}").status_code == 403
    assert callers["contractor"].get(f"/api/v1/cases/{asb['case']}").status_code == 404

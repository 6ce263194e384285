"""The recurring-defects API on the imported Clarion record: the proposal, the decision, and
the refusals (a case not on record, a job not on the case)."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from doorstep.api.routers.repeats import UNKNOWN_CASE
from doorstep.repeats.services import JOB_NOT_ON_CASE
from doorstep.staff.services import api_token_create
from doorstep.timeline.models import Event


def bearer(user) -> dict[str, str]:
    _, raw = api_token_create(user=user, name="tests", at=dt.datetime.now(dt.UTC))
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def url(case) -> str:
    return f"/api/v1/cases/{case.reference}/repeats"


def test_the_proposal_and_its_decision(client: Client, clarion, officer):
    headers = bearer(officer)
    listed = client.get(url(clarion.new) + "?as_of=2023-08-11", **headers)
    assert listed.status_code == 200, listed.content
    [repeat] = listed.json()
    assert (repeat["job"], repeat["earlier_job"], repeat["earlier_case"], repeat["status"]) == (
        "J7",
        "J5",
        clarion.earlier.reference,
        "proposed",
    )
    body = {
        "earlier_case": clarion.earlier.reference,
        "decision": "accept",
        "reason": "The end wall is the wall J5 was to repoint",
        "job": "J7",
        "earlier_job": "J5",
    }
    decided = client.post(url(clarion.new), body, content_type="application/json", **headers)
    assert decided.status_code == 201, decided.content
    assert decided.json()["linked"] is True
    note = Event.objects.get(uid=decided.json()["event"])
    assert note.data["repeat_of"]["of_job"] == "J5"
    [after] = client.get(url(clarion.new), **headers).json()  # decided today
    assert after["status"] == "accepted"


def refusal(client, clarion, officer, **changes):
    body = {"earlier_case": clarion.earlier.reference, "decision": "reject", "reason": "No"}
    response = client.post(
        url(clarion.new), {**body, **changes}, content_type="application/json", **bearer(officer)
    )
    assert response.status_code == 422, response.content
    [field] = response.json()["error"]["fields"]
    return field


def test_an_earlier_case_not_on_record_is_refused_on_its_field(client, clarion, officer):
    field = refusal(client, clarion, officer, earlier_case="REP-2099-000001")
    assert field == {
        "field": "body.earlier_case",
        "reason": UNKNOWN_CASE.format(reference="REP-2099-000001"),
    }


def test_a_job_not_on_the_case_is_refused_on_its_field(client, clarion, officer):
    field = refusal(client, clarion, officer, job="J99")
    assert field == {
        "field": "body.job",
        "reason": JOB_NOT_ON_CASE.format(job="J99", case=clarion.new.reference),
    }

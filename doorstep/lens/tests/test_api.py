"""`GET /api/v1/findings` and `GET /api/v1/findings/summary` on the two imported records: the
page's findings and counts, each finding the replay's JSON with its case, household, team and
officer; paged; a contractor refused."""

from __future__ import annotations

import typing

import pytest
from django.test import Client

from doorstep.clocks.catalogue import TOPICS
from doorstep.lens.schemas import AgeName, TopicName
from doorstep.lens.selectors import AGES, portfolio
from doorstep.lens.tests.conftest import AS_OF, IMPORTED_AT
from doorstep.staff.services import api_token_create

pytestmark = pytest.mark.django_db
FINDINGS = "/api/v1/findings"


def _get(user, path: str, **params):
    _, raw = api_token_create(user=user, name="tests", at=IMPORTED_AT)
    return Client().get(path, params, HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_findings_are_the_pages_each_with_where_it_sits(record):
    response = _get(
        record.manager, FINDINGS, as_of=AS_OF.isoformat(), team="complaints", limit=1000
    )
    assert response.status_code == 200, response.content
    body = response.json()
    found = portfolio(user=record.manager, as_of=AS_OF, team="complaints")
    assert body["count"] == len(found.findings) > 0
    assert [i["key"] for i in body["items"]] == [f.data["key"] for f in found.findings]
    item = body["items"][0]
    case = next(c for c in record.clarion if c.reference == item["case"])
    assert item["household"] == case.household.reference
    assert item["team"] == "complaints"
    assert item["officer"] in {"olu", None}
    assert {"code", "topic", "date", "explanation", "rule", "source", "severity", "events"} <= set(
        item
    )
    assert item["age"] in AGES
    dates = [i["date"] for i in body["items"]]
    assert dates == sorted(dates)


def test_the_findings_are_paged(record):
    params = {"as_of": AS_OF.isoformat(), "include_resolved": "true"}
    first = _get(record.manager, FINDINGS, limit=10, **params).json()
    second = _get(record.manager, FINDINGS, limit=10, offset=10, **params).json()
    assert first["count"] == second["count"] > 20
    assert len(first["items"]) == len(second["items"]) == 10
    assert first["items"][-1]["date"] <= second["items"][0]["date"]


def test_the_summary_counts_them_and_suggests_redress_per_household(record):
    response = _get(
        record.manager, f"{FINDINGS}/summary", as_of=AS_OF.isoformat(), include_resolved="true"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    found = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True)
    assert body["total"] == len(found.findings)
    assert {c["value"]: c["count"] for c in body["by_topic"]} == {
        c.value: c.count for c in found.by_topic
    }
    assert [c["value"] for c in body["by_age"]] == list(AGES)
    assert {c["value"] for c in body["by_team"]} == {"complaints", "repairs", "none"}
    assert sum(c["count"] for c in body["by_code"]) == body["total"]
    households = {r["household"] for r in body["redress"]}
    assert {c.household.reference for c in record.clarion} <= households
    topic = body["redress"][0]["topics"][0]
    assert topic["suggestion"]["low"] > 0 and topic["suggestion"]["guidance"]


def test_a_contractor_is_refused(record):
    response = _get(record.contractor, FINDINGS)
    assert response.status_code == 403
    assert "lens.view_portfolio" in response.json()["error"]["message"]


def test_the_apis_names_for_topics_and_ages_are_the_lenss():
    assert set(typing.get_args(TopicName)) == set(TOPICS)
    assert list(typing.get_args(AgeName)) == list(AGES)

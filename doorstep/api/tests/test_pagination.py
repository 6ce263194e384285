"""Keyset pages (`api.pagination.Keyset`) on the lists that grow with the landlord: every row
once, in the list's order, by following `next`; back again by `previous`; the same number of
queries however deep the page; a cursor the list did not give refused as bad input."""

from __future__ import annotations

import base64
import datetime as dt
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorstep.api.selectors import case_list
from doorstep.testing.factories import CaseFactory, HouseholdFactory, PropertyFactory

pytestmark = pytest.mark.django_db
V = "/api/v1"
EARLY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def cases(callers):
    """Seven cases, four opened at the same moment and three at another: page boundaries fall
    inside a run of equal `opened_at`, where a first-field cursor would need an offset."""
    household = HouseholdFactory()
    for at in (EARLY, EARLY, EARLY, EARLY, LATE, LATE, LATE):
        CaseFactory(household=household, at=at)
    return [c.reference for c in case_list(user=callers["officer"].user)]


def _walk(caller, path, link="next"):
    pages = []
    while path:
        body = caller.get(path).json()
        pages.append([c["reference"] for c in body["items"]])
        path = body[link]
    return pages


def test_following_next_gives_every_case_once_in_the_lists_order(callers, cases):
    pages = _walk(callers["officer"], f"{V}/cases?limit=3")
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [ref for page in pages for ref in page] == cases


def test_following_previous_from_the_last_page_gives_the_pages_back(callers, cases):
    officer = callers["officer"]
    path = f"{V}/cases?limit=3"
    body = officer.get(path).json()
    while body["next"]:
        last = body
        body = officer.get(body["next"]).json()
    assert [c["reference"] for c in body["items"]] == cases[6:]
    back = officer.get(body["previous"]).json()
    assert [c["reference"] for c in back["items"]] == cases[3:6]
    assert back["items"] == last["items"]
    first = officer.get(back["previous"]).json()
    assert [c["reference"] for c in first["items"]] == cases[:3]


def test_a_filter_is_kept_in_the_links(callers, cases):
    body = callers["officer"].get(f"{V}/cases?limit=2&status=open").json()
    assert parse_qs(urlsplit(body["next"]).query)["status"] == ["open"]


def test_a_deep_page_costs_the_same_queries_as_the_first(callers, cases):
    officer = callers["officer"]
    first = f"{V}/cases?limit=2"
    deep = officer.get(officer.get(officer.get(first).json()["next"]).json()["next"]).request
    deep_path = f"{deep['PATH_INFO']}?{deep['QUERY_STRING']}"
    counts = []
    for path in (first, deep_path):
        with CaptureQueriesContext(connection) as queries:
            assert officer.get(path).status_code == 200
        counts.append(len(queries))
        assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert counts[0] == counts[1]


def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64 !",
        _cursor("o=-1"),
        _cursor("p=" + json.dumps(["2025-03-04T09:00:00+00:00"])),  # one field of two
        _cursor("p=" + json.dumps(["not a moment", "1"])),
        _cursor("p=not json"),
    ],
)
def test_a_cursor_the_list_did_not_give_is_refused_as_bad_input(callers, cases, cursor):
    response = callers["officer"].get(f"{V}/cases?{urlencode({'cursor': cursor})}")
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert [f["field"] for f in fields] == ["query.cursor"]
    assert "not a cursor this list gave" in fields[0]["reason"]


@pytest.mark.parametrize(
    ("path", "key"),
    [("/properties", "reference"), ("/households", "reference"), ("/people", "reference")],
)
def test_the_registers_page_by_cursor_too(callers, path, key):
    for _ in range(3):
        HouseholdFactory(property=PropertyFactory())
    officer = callers["officer"]
    everything = officer.get(f"{V}{path}?limit=500").json()["items"]
    pages = _walk(officer, f"{V}{path}?limit=2")
    walked = [ref for page in pages for ref in page]
    assert walked == [row[key] for row in everything]
    assert len(walked) >= 3

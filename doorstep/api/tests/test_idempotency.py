"""`Idempotency-Key` on every create: a retry returns the first response's resource."""

from __future__ import annotations

import pytest

from doorstep.api.models import IntakeRecord
from doorstep.api.tests.test_operations import OPS, _operations_world, by_id, send
from doorstep.properties.models import Property

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(world, at, callers, contractor_firm):
    """The conftest's world, extended as the operations table's is (for its rows)."""
    return _operations_world(world, at, callers, contractor_firm)


WRITES = [op for op in OPS if op.method != "GET"]
FLAT = {"kind": "flat", "address_line_1": "2 Elm Court"}


@pytest.mark.parametrize("op", WRITES, ids=by_id)
def test_a_retry_with_the_same_key_returns_the_first_resource(op, callers, world):
    officer = callers[op.caller]
    first = send(officer, op, op.path, op.body, world, HTTP_IDEMPOTENCY_KEY="retry-1")
    again = send(officer, op, op.path, op.body, world, HTTP_IDEMPOTENCY_KEY="retry-1")
    assert first.status_code == op.status, first.content
    assert again.status_code == first.status_code, again.content
    if first["Content-Type"].startswith("application/json"):
        # the same document (PostgreSQL's jsonb keeps the stored reply's keys in its own order)
        assert again.json() == first.json()
    else:  # bytes (an evidence pack): the same bytes again
        assert (again["Content-Type"], again.content) == (first["Content-Type"], first.content)
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    records = IntakeRecord.objects.order_by("pk")
    assert [r.outcome for r in records] == ["accepted", "accepted"]


def test_only_one_property_is_created(callers):
    officer = callers["officer"]
    refs = {
        officer.post("/api/v1/properties", FLAT, HTTP_IDEMPOTENCY_KEY="k").json()["reference"]
        for _ in range(3)
    }
    assert len(refs) == 1
    assert Property.objects.count() == 1


def test_without_a_key_each_request_creates(callers):
    officer = callers["officer"]
    officer.post("/api/v1/properties", FLAT)
    officer.post("/api/v1/properties", FLAT)
    assert Property.objects.count() == 2


def test_the_same_key_from_another_user_is_another_request(callers, make_caller):
    from doorstep.staff.roles import Role

    colleague = make_caller("hana", Role.HOUSING_OFFICER)
    first = callers["officer"].post("/api/v1/properties", FLAT, HTTP_IDEMPOTENCY_KEY="k")
    second = colleague.post("/api/v1/properties", FLAT, HTTP_IDEMPOTENCY_KEY="k")
    assert second.status_code == 201
    assert second.json()["reference"] != first.json()["reference"]
    assert Property.objects.count() == 2


def test_a_key_reused_for_a_different_request_is_refused(callers):
    officer = callers["officer"]
    officer.post("/api/v1/properties", FLAT, HTTP_IDEMPOTENCY_KEY="k")
    response = officer.post(
        "/api/v1/properties", {**FLAT, "address_line_1": "9 Elm Court"}, HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "idempotency_key_reused"
    assert error["fields"][0]["field"] == "header.Idempotency-Key"
    assert Property.objects.count() == 1


def test_a_refused_first_attempt_does_not_hold_the_key(callers):
    officer = callers["officer"]
    refused = officer.post("/api/v1/properties", {"kind": "flat"}, HTTP_IDEMPOTENCY_KEY="k")
    assert refused.status_code == 422
    accepted = officer.post("/api/v1/properties", FLAT, HTTP_IDEMPOTENCY_KEY="k")
    assert accepted.status_code == 201
    assert not accepted.has_header("Idempotent-Replayed")


def test_a_key_longer_than_the_log_keeps_is_refused(callers):
    response = callers["officer"].post("/api/v1/properties", FLAT, HTTP_IDEMPOTENCY_KEY="k" * 201)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "header.Idempotency-Key"
    assert not Property.objects.exists()

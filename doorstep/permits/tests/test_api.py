"""The permissions API beyond the operations table: the services' refusals in the error
envelope on the body's own fields, a retried request recorded once, the list waiting first, and
the pet check with none on record."""

from __future__ import annotations

import pytest

from doorstep.permits import services
from doorstep.permits.models import TenancyPermission

pytestmark = pytest.mark.django_db
V = "/api/v1"


@pytest.fixture
def world(world, at, callers):
    """The API tests' world, with the operations table's permissions: a dog waiting for a
    decision, a cat granted on condition it is kept indoors."""
    from doorstep.api.tests.test_operations import _permits_world

    return {**world, **_permits_world(world, at, callers)}


def _ask(callers, world, body, **headers):
    return callers["officer"].post(
        f"{V}/households/{world['household']}/permissions", body, **headers
    )


def test_a_pet_without_its_number_is_refused_on_the_bodys_field(callers, world):
    response = _ask(
        callers, world, {"subject": "pet", "detail": "A dog", "pet": {"species": "dog"}}
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {"field": "body.pet.number", "reason": services.BAD_NUMBER}
    ]
    response = _ask(callers, world, {"subject": "alteration", "detail": "A shower"})
    assert response.json()["error"]["fields"] == [
        {"field": "body.alteration.what", "reason": services.NO_ALTERATION}
    ]


def test_a_retried_request_is_recorded_once(callers, world):
    body = {"subject": "other", "detail": "May I put up a satellite dish?", "channel": "email"}
    before = TenancyPermission.objects.count()
    first = _ask(callers, world, body, HTTP_IDEMPOTENCY_KEY="ask-1")
    again = _ask(callers, world, body, HTTP_IDEMPOTENCY_KEY="ask-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert TenancyPermission.objects.count() == before + 1


def test_a_decided_request_is_refused_and_a_withdrawal_goes_through(callers, world):
    url = f"{V}/permissions/{world['permit_granted']}/decide"
    again = callers["manager"].post(url, {"outcome": "refused", "reason": "No"})
    assert again.status_code == 422
    (field,) = again.json()["error"]["fields"]
    assert field["field"] == "body.outcome"
    assert field["reason"].startswith("This request was already decided on ")
    withdrawn = callers["manager"].post(url, {"outcome": "withdrawn", "reason": "Loose again"})
    assert withdrawn.status_code == 200, withdrawn.content
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.json()["conditions"] == ["Kept indoors"]


def test_the_list_puts_those_waiting_first(callers, world):
    rows = callers["auditor"].get(f"{V}/permissions").json()["items"]
    assert [r["status"] for r in rows] == ["pending", "granted_with_conditions"]
    assert rows[0]["pet"] == {"species": "dog", "number": 1, "description": None}
    waiting = callers["auditor"].get(f"{V}/permissions?status=pending").json()["items"]
    assert [r["case"] for r in waiting] == [world["permit_pending"]]


def test_the_pet_check(callers, world):
    url = f"{V}/households/{world['household']}/pet-permission"
    out = callers["auditor"].get(f"{url}?words=five+dogs+and+a+cat").json()
    assert out["in_force"] is True
    assert out["conditions"] == ["Kept indoors"]
    assert out["not_covered"] == [{"species": "dog", "number": 5}]
    assert [p["case"] for p in out["permissions"]] == [
        world["permit_pending"],
        world["permit_granted"],
    ]
    before = callers["auditor"].get(f"{url}?on=2000-01-01").json()
    assert before["in_force"] is False
    assert "it was not in force on 1 January 2000" in before["words"]
    TenancyPermission.objects.all().delete()
    none = callers["auditor"].get(url).json()
    assert none["words"] == f"No pet permission on record for {world['household']}"

"""The Ombudsman's API beyond the operations table: a refusal names the field, and orders made
through the API are on `GET /commitments` with their deadlines and owners."""

from __future__ import annotations

import pytest

from doorstep.ombudsman import services

pytestmark = pytest.mark.django_db


def _refer(manager, world) -> str:
    response = manager.post(
        "/api/v1/ombudsman/referrals",
        {
            "household": world["household"],
            "complaints": [world["complaint"]],
            "ombudsman_ref": "7",
            "occurred": "2024-05-01",
        },
    )
    assert response.status_code == 201, response.content
    return response.json()["case"]


def test_orders_made_through_the_api_are_on_the_commitments_list(callers, world):
    manager = callers["manager"]
    case = _refer(manager, world)
    response = manager.post(
        f"/api/v1/cases/{case}/ombudsman/determination",
        {
            "occurred": "2024-06-03",
            "findings": [{"topic": "repairs", "outcome": "maladministration"}],
            "orders": [
                {"action": "Pay £300", "period": "6_weeks", "owner": "olivia"},
                {"action": "Apologise", "due": "2024-06-20", "owner": "mina"},
            ],
        },
    )
    assert response.status_code == 201, response.content
    assert [(o["due"], o["owner"]) for o in response.json()["orders"]] == [
        ("2024-06-20", "Mina"),
        ("2024-07-15", "Olivia"),
    ]
    owed = manager.get("/api/v1/commitments?as_of=2024-06-21").json()
    orders = {c["action"]: (c["due"], c["owner"], c["standing"]) for c in owed["items"]}
    assert orders["Apologise"] == ("2024-06-20", "Mina", "overdue")
    assert orders["Pay £300"] == ("2024-07-15", "Olivia", "open")


def test_an_order_without_an_owner_or_for_an_unknown_order_is_refused(callers, world):
    manager = callers["manager"]
    case = _refer(manager, world)
    body = {
        "occurred": "2024-06-03",
        "findings": [{"topic": "repairs", "outcome": "maladministration"}],
        "orders": [{"action": "Pay", "period": "4_weeks"}],
    }
    refused = manager.post(f"/api/v1/cases/{case}/ombudsman/determination", body)
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == [
        {"field": "body.orders", "reason": services.ORDER_NO_OWNER.format(n=1)}
    ]
    unknown = manager.post(
        f"/api/v1/cases/{case}/ombudsman/orders/o9/complied", {"evidence": "Done"}
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["message"] == services.NOT_DETERMINED.format(reference=case)


def test_evidence_outstanding_and_overdue_as_of_a_date(callers, world):
    manager = callers["manager"]
    case = _refer(manager, world)
    manager.post(
        f"/api/v1/cases/{case}/ombudsman/evidence-requests",
        {"items": ["Log", "Photos"], "due": "2024-06-10", "occurred": "2024-06-01"},
    )
    manager.post(
        f"/api/v1/cases/{case}/ombudsman/evidence-sent",
        {"request": "ER1", "items": ["Log"], "occurred": "2024-06-05"},
    )
    read = manager.get(f"/api/v1/cases/{case}/ombudsman?as_of=2024-06-11").json()
    assert read["evidence_requests"] == [
        {
            "request": "ER1",
            "requested": read["evidence_requests"][0]["requested"],
            "due": "2024-06-10",
            "items": ["Log", "Photos"],
            "sent": ["Log"],
            "outstanding": ["Photos"],
            "overdue": True,
        }
    ]
    unrequested = manager.post(
        f"/api/v1/cases/{case}/ombudsman/evidence-sent", {"request": "ER1", "items": ["Rent"]}
    )
    assert unrequested.json()["error"]["fields"][0]["field"] == "body.items"


def test_a_referral_of_an_unknown_complaint_names_it(callers, world):
    from doorstep.api.routers.ombudsman import UNKNOWN_COMPLAINT

    refused = callers["manager"].post(
        "/api/v1/ombudsman/referrals",
        {"household": world["household"], "complaints": ["CMP-1999-000001"], "ombudsman_ref": "8"},
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == [
        {
            "field": "body.complaints",
            "reason": UNKNOWN_COMPLAINT.format(reference="CMP-1999-000001"),
        }
    ]


def _determined(manager, world, ref: str) -> None:
    response = manager.post(
        "/api/v1/ombudsman/referrals",
        {
            "household": world["household"],
            "complaints": [world["complaint"]],
            "ombudsman_ref": ref,
            "occurred": "2024-05-01",
        },
    )
    assert response.status_code == 201, response.content
    case = response.json()["case"]
    body = {
        "occurred": "2024-06-03",
        "findings": [{"topic": "repairs", "outcome": "maladministration"}],
        "orders": [{"action": "Pay £300", "period": "6_weeks", "owner": "olivia"}],
    }
    assert manager.post(f"/api/v1/cases/{case}/ombudsman/determination", body).status_code == 201


def test_the_referrals_list_reads_a_page_in_the_same_queries_however_many_there_are(
    callers, world, django_assert_max_num_queries
):
    manager = callers["manager"]
    _determined(manager, world, "1")
    with django_assert_max_num_queries(100) as one:
        first = manager.get("/api/v1/ombudsman/referrals?as_of=2024-06-10")
    # Read now: each request clears Django's query log.
    queries = len(one.captured_queries)
    assert queries > 3
    for ref in ("2", "3", "4"):
        _determined(manager, world, ref)
    with django_assert_max_num_queries(queries):
        listed = manager.get("/api/v1/ombudsman/referrals?as_of=2024-06-10")
    assert first.json()["count"] == 1
    body = listed.json()
    assert body["count"] == 4
    assert [len(r["orders"]) for r in body["items"]] == [1, 1, 1, 1]
    # Only the page asked for is read.
    page = manager.get("/api/v1/ombudsman/referrals?as_of=2024-06-10&limit=2&offset=1").json()
    assert (page["count"], len(page["items"])) == (4, 2)

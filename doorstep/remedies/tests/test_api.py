"""The remedies API on a complaint case: the compensation as the replay reads it, and the
services' refusals in the error envelope, on the input they concern."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from doorstep.cases.services import record_on_case
from doorstep.remedies.services import OFFER_UNKNOWN, OFFSET_NOT_ASKED, OVERPAID, REFUND_KEPT_APART
from doorstep.staff.services import api_token_create

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _, raw = api_token_create(user=user, name="tests", at=dt.datetime.now(dt.UTC))
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client: Client, user, path: str, body) -> dict:
    response = client.post(
        path, data=json.dumps(body), content_type="application/json", **bearer(user)
    )
    return {"status": response.status_code, **response.json()}


def base(scene) -> str:
    return f"/api/v1/cases/{scene.case.reference}/compensation"


def refusal(result) -> tuple[int, str, str]:
    [field] = result["error"]["fields"]
    return result["status"], field["field"], field["reason"]


def test_an_offer_below_its_band_is_read_back_with_the_replays_finding(client, scene):
    body = {
        "occurred": "2024-06-01",
        "components": [
            {"amount": 150, "for": "Delay in repairs", "band": "considerable"},
            {"amount": 25, "for": "Late response", "kind": "goodwill"},
        ],
    }
    made = post(client, scene.officer, f"{base(scene)}/offers", body)
    assert made["status"] == 201, made
    assert (made["amount"], made["kind"], made["method"]) == (175.0, "compensation", "direct")
    read = client.get(base(scene) + "?as_of=2024-06-03", **bearer(scene.officer)).json()
    [offer] = read["offers"]
    assert [
        (p["band"], p["band_min"], p["band_max"], p["standing"]) for p in offer["components"]
    ] == [
        ("considerable", 250.0, 700.0, "below"),
        (None, None, None, None),
    ]
    assert [f["code"] for f in offer["failures"]] == ["compensation.below_policy"]
    assert (read["compensation_offered"], read["outstanding"]) == (175.0, 175.0)


def test_a_request_left_unanswered_by_the_response_is_found(client, scene):
    asked = post(
        client,
        scene.housing,
        f"{base(scene)}/requests",
        {"text": "£300 please", "amount": 300, "occurred": "2024-05-01"},
    )
    assert asked["status"] == 201, asked
    record_on_case(
        case=scene.case,
        kind="complaint.response",
        data={"stage": 1, "outcome": "upheld", "text": "Sorry"},
        actor=None,
        at=scene.at,
    )
    read = client.get(base(scene), **bearer(scene.officer)).json()
    [request] = read["requests"]
    assert [f["code"] for f in request["failures"]] == ["compensation.request_unanswered"]


def test_refusals_name_the_input(client, scene):
    refund_mixed = {
        "components": [
            {"amount": 100, "for": "Delay"},
            {"amount": 40, "for": "Rent credit", "kind": "refund"},
        ]
    }
    result = post(client, scene.officer, f"{base(scene)}/offers", refund_mixed)
    assert refusal(result) == (422, "body.components", REFUND_KEPT_APART)
    offset = {"components": [{"amount": 100, "for": "Delay"}], "method": "rent_account"}
    result = post(client, scene.officer, f"{base(scene)}/offers", offset)
    assert refusal(result) == (422, "body.method", OFFSET_NOT_ASKED)
    made = post(
        client,
        scene.officer,
        f"{base(scene)}/offers",
        {"components": [{"amount": 100, "for": "Delay"}]},
    )
    ref = made["offer"]
    result = post(client, scene.officer, f"{base(scene)}/payments", {"offer": ref, "amount": 150})
    assert refusal(result) == (
        422,
        "body.amount",
        OVERPAID.format(amount="£150", offer=ref, left="£100", total="£100", paid="£0"),
    )
    result = post(client, scene.officer, f"{base(scene)}/payments", {"offer": "OFR-1", "amount": 1})
    assert refusal(result) == (
        422,
        "body.offer",
        OFFER_UNKNOWN.format(offer="OFR-1", case=scene.case.reference),
    )


def test_an_offer_withdrawn_with_a_reason_owes_nothing_more_and_cannot_go_twice(client, scene):
    body = {"occurred": "2024-06-01", "components": [{"amount": 80, "for": "Missed visit"}]}
    made = post(client, scene.officer, f"{base(scene)}/offers", body)
    path = f"{base(scene)}/offers/{made['offer']}/withdraw"
    withdrawn = post(client, scene.officer, path, {"reason": "Made on the wrong case"})
    assert withdrawn["status"] == 200, withdrawn
    assert withdrawn["withdrawn"] is not None and withdrawn["offer"] == made["offer"]
    again = post(client, scene.officer, path, {"reason": "Again"})
    assert refusal(again)[:2] == (422, "body.offer")
    unknown = post(client, scene.officer, f"{base(scene)}/offers/OFR-0/withdraw", {"reason": "x"})
    assert refusal(unknown) == (
        422,
        "body.offer",
        OFFER_UNKNOWN.format(offer="OFR-0", case=scene.case.reference),
    )

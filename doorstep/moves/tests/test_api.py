"""The moves API beyond the operations table: a retried request or action does not write
twice, the flag of evidence on record in the response, a second decision refused in the error
envelope, a source's standing, and what a contractor may not read."""

from __future__ import annotations

import pytest

from doorstep.moves.services import ALREADY_DECIDED, ALREADY_OPEN
from doorstep.timeline.models import Event

pytestmark = pytest.mark.django_db
V = "/api/v1"
REQUEST = {"reason": "Someone keeps kicking my door at night.", "grounds": ["asb", "medical"]}


def _create(callers, world, **headers):
    return callers["officer"].post(f"{V}/households/{world['household']}/moves", REQUEST, **headers)


def test_a_retried_request_to_move_is_recorded_once(callers, world):
    headers = {"HTTP_IDEMPOTENCY_KEY": "move-1"}
    first = _create(callers, world, **headers)
    again = _create(callers, world, **headers)
    assert first.status_code == again.status_code == 201, first.content
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Event.objects.filter(kind="transfer.requested").count() == 1
    assert first.json()["case"].startswith("TRF-")


def test_a_second_request_while_one_is_open_is_refused_naming_it(callers, world):
    first = _create(callers, world).json()
    again = _create(callers, world)
    assert again.status_code == 422
    (field,) = again.json()["error"]["fields"]
    assert field["reason"] == ALREADY_OPEN.format(
        household=world["household"], reference=first["case"]
    )


def test_a_retried_action_writes_once(callers, world):
    reference = _create(callers, world).json()["case"]
    url = f"{V}/moves/{reference}/routes"
    body = {"routes": ["housing_register"], "support": "Sent the council's form."}
    headers = {"HTTP_IDEMPOTENCY_KEY": "routes-1"}
    first = callers["officer"].post(url, body, **headers)
    again = callers["officer"].post(url, body, **headers)
    assert first.status_code == again.status_code == 200
    assert Event.objects.filter(kind="transfer.support_offered").count() == 1
    assert again.json()["routes_offered"][0]["routes"] == ["housing_register"]


def test_the_response_flags_evidence_already_on_record(callers, world):
    reference = _create(callers, world).json()["case"]
    asked = (
        callers["officer"]
        .post(
            f"{V}/moves/{reference}/evidence/requests",
            {"what": "Survey of the noise", "types": ["survey_report"]},
        )
        .json()
    )
    # The world's survey report is on the household's record already.
    flag = asked["evidence_on_record"]
    assert flag["document"] == world["document"]
    assert flag["why"] == "a document of the type asked for"
    assert flag["text"].startswith(
        f"Evidence may already be on record: {world['document']} (Survey)"
    )
    listed = callers["auditor"].get(f"{V}/moves").json()["items"]
    assert listed[0]["evidence_on_record"]["document"] == world["document"]
    got = (
        callers["officer"]
        .post(
            f"{V}/moves/{reference}/evidence",
            {"what": "Survey", "source_name": "A neighbour", "document": world["document"]},
        )
        .json()
    )
    assert got["evidence_on_record"] is None
    (received,) = got["evidence_received"]
    assert received["standing"] == "not_authorised" and received["requested"] is True


def test_a_second_decision_is_refused(callers, world):
    reference = _create(callers, world).json()["case"]
    url = f"{V}/moves/{reference}/decision"
    first = callers["manager"].post(url, {"outcome": "approved"})
    assert first.status_code == 200 and first.json()["status"] == "approved"
    again = callers["manager"].post(url, {"outcome": "declined", "reason": "Changed our mind"})
    assert again.status_code == 422
    message = again.json()["error"]["message"]
    assert message.startswith(ALREADY_DECIDED.split("{", 1)[0])


def test_a_contractor_reads_no_moves(callers, world):
    reference = _create(callers, world).json()["case"]
    assert callers["contractor"].get(f"{V}/moves/{reference}").status_code == 403
    assert callers["contractor"].get(f"{V}/moves").status_code == 403


def test_an_unknown_person_is_refused_on_its_field(callers, world):
    reference = _create(callers, world).json()["case"]
    response = callers["officer"].post(
        f"{V}/moves/{reference}/evidence", {"what": "Letter", "source": "PER-1999-000001"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "body.source"

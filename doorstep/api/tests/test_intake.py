"""Every write request is kept in the intake log as received, accepted or refused."""

from __future__ import annotations

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import encode_multipart

from doorstep.api.models import IntakeRecord
from doorstep.api.tests.conftest import PDF
from doorstep.properties.models import Property

pytestmark = pytest.mark.django_db

# Spacing and a non-ASCII character kept exactly: the log holds what was sent, not a re-dump.
MULTIPART = "multipart/form-data; boundary=doorstep-boundary"
RAW = '{"kind": "flat",   "address_line_1": "2 Elm Court", "name": "Tŷ Newydd"}'


def only_record() -> IntakeRecord:
    records = list(IntakeRecord.objects.all())
    assert len(records) == 1, records
    return records[0]


def test_an_accepted_request_is_kept_exactly_as_received(callers):
    officer = callers["officer"]
    response = officer.client.post(
        "/api/v1/properties",
        data=RAW.encode(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {officer.token}",
        HTTP_IDEMPOTENCY_KEY="key-1",
    )
    assert response.status_code == 201
    record = only_record()
    assert record.body == RAW
    assert record.body_encoding == "utf-8"
    assert (record.method, record.path) == ("POST", "/api/v1/properties")
    assert record.content_type == "application/json"
    assert record.outcome == IntakeRecord.Outcome.ACCEPTED
    assert record.status_code == 201
    assert record.errors == []
    assert record.user == officer.user
    assert record.user_name == "Olivia"
    assert record.idempotency_key == "key-1"
    assert str(record.request_id) == response["X-Request-Id"]


def test_a_request_refused_for_validation_is_kept_with_its_reasons(callers):
    officer = callers["officer"]
    raw = '{"kind": "castle"}'
    response = officer.client.post(
        "/api/v1/properties",
        data=raw,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {officer.token}",
    )
    assert response.status_code == 422
    record = only_record()
    assert record.outcome == IntakeRecord.Outcome.REFUSED
    assert record.status_code == 422
    assert record.body == raw
    assert record.user == officer.user
    fields = {e["field"] for e in record.errors}
    assert fields == {"body.kind", "body.address_line_1"}
    assert not Property.objects.exists()


def test_a_request_refused_by_a_rule_is_kept_and_writes_nothing(callers, world):
    officer = callers["officer"]
    before = Property.objects.count()
    response = officer.post(
        "/api/v1/properties",
        {"kind": "house", "address_line_1": "3 Elm", "part_of": world["block"]},
    )
    assert response.status_code == 422
    record = IntakeRecord.objects.get()
    assert record.outcome == IntakeRecord.Outcome.REFUSED
    assert record.errors == [
        {"field": "body.part_of", "reason": "A house cannot be part of a block."}
    ]
    assert Property.objects.count() == before


@pytest.mark.parametrize("token", [None, "dst_wrong"])
def test_an_unauthenticated_request_is_kept(callers, token):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    response = callers["officer"].client.post(
        "/api/v1/people", data='{"full_name": "X"}', content_type="application/json", **headers
    )
    assert response.status_code == 401
    record = only_record()
    assert (record.outcome, record.status_code, record.user) == ("refused", 401, None)
    assert record.body == '{"full_name": "X"}'
    assert record.errors[0]["reason"].startswith("Send a valid API token")


def test_a_forbidden_request_is_kept_with_its_caller(callers):
    repairs = callers["repairs"]
    response = repairs.post("/api/v1/people", {"full_name": "X"})
    assert response.status_code == 403
    record = only_record()
    assert (record.outcome, record.status_code, record.user) == ("refused", 403, repairs.user)


def upload(caller, case: str, *, doc_type: str, title: str, name: str, content: bytes):
    """POST a document to the case as a multipart body; the body's bytes and the answer."""
    raw = encode_multipart(
        "doorstep-boundary",
        {
            "doc_type": doc_type,
            "title": title,
            "file": SimpleUploadedFile(name, content, "application/pdf"),
        },
    )
    response = caller.client.post(
        f"/api/v1/cases/{case}/documents",
        data=raw,
        content_type=MULTIPART,
        HTTP_AUTHORIZATION=f"Bearer {caller.token}",
    )
    return raw, response


def test_an_upload_is_kept_as_base64_of_the_exact_bytes(callers, world):
    raw, response = upload(
        callers["officer"],
        world["repair"],
        doc_type="photo",
        title="Tap",
        name="tap.pdf",
        content=PDF,
    )
    assert response.status_code == 201, response.content
    record = only_record()
    assert record.body_encoding == "base64"
    assert base64.b64decode(record.body) == raw
    assert record.content_type == MULTIPART


def test_a_body_that_is_not_utf8_is_kept_as_base64(callers):
    officer = callers["officer"]
    raw = b'{"full_name": "\xff\xfe"}'
    response = officer.client.post(
        "/api/v1/people",
        data=raw,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {officer.token}",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    record = only_record()
    assert (record.body_encoding, base64.b64decode(record.body)) == ("base64", raw)
    assert record.outcome == "refused"


def test_a_server_error_is_kept_and_its_writes_undone(callers, monkeypatch):
    from doorstep.api.routers import properties as router

    def broken(**kwargs):
        Property.objects.create(
            reference="PRP-2024-999999",
            kind="flat",
            address_line_1="x",
            created_at=kwargs["created_at"],
        )
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(router.properties, "property_create", broken)
    response = callers["officer"].post(
        "/api/v1/properties", {"kind": "flat", "address_line_1": "x"}
    )
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert "disk on fire" not in response.content.decode()
    record = only_record()
    assert (record.outcome, record.status_code) == ("refused", 500)
    assert not Property.objects.exists()


def test_reads_are_not_logged(callers, world):
    assert callers["officer"].get("/api/v1/properties").status_code == 200
    assert not IntakeRecord.objects.exists()


def test_the_record_errors_match_the_envelope(callers):
    response = callers["officer"].post("/api/v1/people", {"full_name": "", "shoe_size": 9})
    record = only_record()
    assert record.errors == json.loads(response.content)["error"]["fields"]
    assert {"field": "body.shoe_size", "reason": "Extra inputs are not permitted"} in record.errors


def test_an_upload_refused_for_its_contents_is_kept_as_received_with_the_reason(callers, world):
    scripted = PDF.replace(b"%PDF-1.4", b"%PDF-1.4\n<< /OpenAction << /S /JavaScript >> >>", 1)
    raw, response = upload(
        callers["officer"],
        world["repair"],
        doc_type="letter",
        title="Letter",
        name="letter.pdf",
        content=scripted,
    )
    assert response.status_code == 422, response.content
    reason = response.json()["error"]["fields"][0]["reason"]
    assert reason.startswith("This PDF holds JavaScript")
    record = only_record()
    assert record.outcome == "refused"
    assert base64.b64decode(record.body) == raw


def test_a_json_body_holding_a_nul_character_is_refused_and_kept_as_received(callers):
    officer = callers["officer"]
    raw = '{"kind": "flat", "address_line_1": "2 Elm\\u0000 Court"}'
    response = officer.client.post(
        "/api/v1/properties",
        data=raw,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {officer.token}",
    )
    assert response.status_code == 422
    assert "NUL character" in response.json()["error"]["fields"][0]["reason"]
    record = only_record()
    assert (record.outcome, record.body) == ("refused", raw)
    assert not Property.objects.filter(address_line_1__startswith="2 Elm").exists()

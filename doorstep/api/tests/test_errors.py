"""One error envelope for every refusal, naming the field at fault and why."""

from __future__ import annotations

import pytest

from doorstep.api.selectors import UNKNOWN_REFERENCE
from doorstep.api.tests.conftest import PDF
from doorstep.cases.services import ALREADY_CLOSED
from doorstep.contacts.services import CORRECTION_NAMES_NO_ENTRY, INTERNAL_CHANNEL
from doorstep.properties.services import UPRN_TAKEN

pytestmark = pytest.mark.django_db
V = "/api/v1"


def error_of(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_a_rule_refusal_names_its_field(callers, world):
    response = callers["officer"].post(
        f"{V}/properties", {"kind": "flat", "address_line_1": "2 Elm Court", "uprn": 100023336956}
    )
    error = error_of(response, 422)
    message = UPRN_TAKEN.format(uprn=100023336956, reference=world["flat"])
    assert error == {
        "code": "refused",
        "message": message,
        "fields": [{"field": "body.uprn", "reason": message}],
    }


def test_a_rule_refusal_without_a_field(callers, world):
    officer = callers["officer"]
    officer.post(f"{V}/cases/{world['complaint']}/close", {"reason": "Resolved"})
    response = officer.post(f"{V}/cases/{world['complaint']}/close", {"reason": "Again"})
    error = error_of(response, 422)
    assert error["message"] == ALREADY_CLOSED.format(reference=world["complaint"])
    assert error["fields"] == []


def test_event_data_refused_by_its_kind_names_every_field(callers, world):
    response = callers["officer"].post(
        f"{V}/cases/{world['repair']}/events",
        {
            "kind": "contact.in",
            "channel": "phone",
            "data": {"from": ["not", "a", "name"], "text": 5},
        },
    )
    error = error_of(response, 422)
    assert error["code"] == "invalid"
    assert {f["field"] for f in error["fields"]} == {"body.data.from", "body.data.text"}


def test_an_unknown_reference_in_the_body_is_a_field_error(callers):
    response = callers["officer"].post(f"{V}/households", {"property": "PRP-1999-000001"})
    error = error_of(response, 422)
    assert error["fields"] == [
        {
            "field": "body.property",
            "reason": UNKNOWN_REFERENCE.format(thing="property", reference="PRP-1999-000001"),
        }
    ]


def test_an_unknown_household_filter_is_a_query_error(callers):
    error = error_of(callers["officer"].get(f"{V}/cases?household=HH-1999-000001"), 422)
    assert error["fields"][0]["field"] == "query.household"


def test_an_unknown_field_is_refused_not_dropped(callers):
    response = callers["officer"].post(
        f"{V}/properties", {"kind": "flat", "address_line_1": "x", "adress_line_2": "typo"}
    )
    error = error_of(response, 422)
    assert error["fields"] == [
        {"field": "body.adress_line_2", "reason": "Extra inputs are not permitted"}
    ]


def test_a_contact_must_come_by_a_real_channel(callers, world):
    response = callers["officer"].post(
        f"{V}/cases/{world['repair']}/events",
        {"kind": "contact.in", "data": {"from": "Tess", "text": "Still dripping"}},
    )
    error = error_of(response, 422)
    assert error["fields"] == [{"field": "body.channel", "reason": INTERNAL_CHANNEL}]


def test_a_correction_must_name_what_it_corrects(callers, world):
    url = f"{V}/cases/{world['repair']}/events"
    officer = callers["officer"]
    refused = officer.post(url, {"kind": "record.corrected", "data": {"reason": "Wrong day"}})
    assert error_of(refused, 422)["fields"] == [
        {"field": "body.supersedes", "reason": CORRECTION_NAMES_NO_ENTRY}
    ]
    accepted = officer.post(
        url,
        {
            "kind": "record.corrected",
            "supersedes": world["note"],
            "data": {"reason": "Wrong day", "corrected": {"day": 3}},
        },
    )
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["supersedes"] == world["note"]
    assert accepted.json()["data"]["corrected"] == {"day": 3}  # unknown fields are kept


def test_a_date_that_is_no_date_is_refused(callers, world):
    response = callers["officer"].post(
        f"{V}/cases/{world['repair']}/events",
        {"kind": "note", "occurred": "last spring", "data": {"text": "x"}},
    )
    assert error_of(response, 422)["fields"][0]["field"] == "body.occurred"


def test_an_upload_refused_by_content_names_the_form_field(callers, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("tap.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "application/pdf")
    response = callers["officer"].upload(
        f"{V}/cases/{world['repair']}/documents", {"doc_type": "photo", "title": "Tap", "file": exe}
    )
    assert error_of(response, 422)["fields"][0]["field"] == "form.file"


def test_not_found_unauthenticated_and_unparseable(callers):
    officer = callers["officer"]
    assert error_of(officer.get(f"{V}/cases/REP-1999-000001"), 404)["code"] == "not_found"
    assert error_of(officer.client.get(f"{V}/cases"), 401)["code"] == "unauthenticated"
    unparseable = officer.client.post(
        f"{V}/people",
        data="{",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {officer.token}",
    )
    assert error_of(unparseable, 400)["code"] == "bad_request"


def test_a_communal_case_is_opened_for_a_building_and_takes_contacts(callers, world):
    officer = callers["officer"]
    case = officer.post(
        f"{V}/cases", {"case_type": "repair", "title": "Lift broken", "property": world["block"]}
    )
    assert case.status_code == 201
    assert case.json()["communal"] is True
    contact = officer.post(
        f"{V}/cases/{case.json()['reference']}/events",
        {
            "kind": "contact.out",
            "channel": "letter",
            "occurred": "2024-06-01",
            "data": {"to": "All residents", "text": "The lift will be repaired on Monday."},
        },
    )
    assert contact.status_code == 201, contact.content
    assert contact.json()["occurred"]["precision"] == "day"
    listed = officer.get(f"{V}/cases?household={world['household']}&type=repair").json()
    assert case.json()["reference"] in {c["reference"] for c in listed["items"]}


def test_a_document_downloads_as_stored(callers, world):
    response = callers["officer"].get(f"{V}/documents/{world['document']}/content")
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")

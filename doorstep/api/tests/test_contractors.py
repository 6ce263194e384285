"""A contractor sees only its own cases, and the entries and documents on them.

Anything else is not found (404), never forbidden: the answer does not confirm it exists.
"""

from __future__ import annotations

import pytest

from doorstep.api.tests.conftest import PDF

pytestmark = pytest.mark.django_db
V = "/api/v1"


def test_a_contractor_lists_only_its_own_cases(callers, world):
    response = callers["contractor"].get(f"{V}/cases")
    assert [c["reference"] for c in response.json()["items"]] == [world["repair"]]
    assert callers["other_contractor"].get(f"{V}/cases").json()["items"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/cases/{complaint}",
        "/cases/{complaint}/events",
        "/cases/{complaint}/documents",
        "/cases/{communal}",
        "/documents/{household_document}",
        "/documents/{household_document}/content",
    ],
)
def test_another_case_or_its_records_are_not_found(callers, world, path):
    response = callers["contractor"].get(V + path.format(**world))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        "/cases/{repair}",
        "/cases/{repair}/events",
        "/cases/{repair}/documents",
        "/documents/{document}",
        "/documents/{document}/content",
    ],
)
def test_its_own_case_and_records_are_visible_and_others_firms_are_not(callers, world, path):
    assert callers["contractor"].get(V + path.format(**world)).status_code == 200
    assert callers["other_contractor"].get(V + path.format(**world)).status_code == 404


def test_a_households_history_shows_a_contractor_only_its_cases_entries(callers, world):
    events = callers["contractor"].get(f"{V}/households/{world['household']}/events").json()
    assert events["count"] > 0
    assert {e["case"] for e in events["items"]} == {world["repair"]}
    everything = callers["officer"].get(f"{V}/households/{world['household']}/events").json()
    assert everything["count"] > events["count"]
    other = callers["other_contractor"].get(f"{V}/households/{world['household']}/events")
    assert other.status_code == 404


def test_a_households_documents_show_a_contractor_only_its_cases(callers, world):
    docs = callers["contractor"].get(f"{V}/households/{world['household']}/documents").json()
    assert [d["reference"] for d in docs["items"]] == [world["document"]]


def test_a_contractor_adds_to_its_own_case_only(callers, world):
    note = {"kind": "note", "data": {"text": "Washer fitted"}}
    contractor = callers["contractor"]
    assert contractor.post(f"{V}/cases/{world['repair']}/events", note).status_code == 201
    assert contractor.post(f"{V}/cases/{world['complaint']}/events", note).status_code == 404
    upload = {"doc_type": "photo", "title": "After", "file": _pdf()}
    assert contractor.upload(f"{V}/cases/{world['complaint']}/documents", upload).status_code == 404
    upload = {"doc_type": "photo", "title": "After", "file": _pdf()}
    assert (
        contractor.upload(f"{V}/households/{world['household']}/documents", upload).status_code
        == 404
    )


def test_a_contractor_cannot_correct_an_entry_on_another_case(callers, world):
    complaint_events = callers["officer"].get(f"{V}/cases/{world['complaint']}/events").json()
    uid = complaint_events["items"][0]["uid"]
    response = callers["contractor"].post(
        f"{V}/cases/{world['repair']}/events",
        {"kind": "record.corrected", "data": {"reason": "Wrong"}, "supersedes": uid},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "body.supersedes"


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("after.pdf", PDF, "application/pdf")

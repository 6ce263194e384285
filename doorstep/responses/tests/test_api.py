"""The responses API beyond the operation table: a draft saved then sent, the list of what was
sent with its letter, and a refusal naming the field in the service's words. (The callers and
their `world` are the API tests'; the world's complaint case is opened, not yet received.)"""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.commitments.models import Commitment
from doorstep.responses import services

pytestmark = pytest.mark.django_db
V = "/api/v1"

DRAFT = {
    "understood": "The tap repair took too long",
    "points": [{"point": "Slow repair", "decision": "upheld", "reasons": "Three weeks"}],
    "outcome": "upheld",
    "remedy": "Fix the tap",
    "commitments": [
        {"action": "Fix the tap", "due": "2099-06-30", "job": "J1", "items": ["washer"]}
    ],
    "send_to": "tess@example.org",
}


@pytest.fixture
def complaint(world, at):
    case = Case.objects.get(reference=world["complaint"])
    record_on_case(
        case=case,
        kind="complaint.received",
        data={"stage": 1, "text": "Slow"},
        actor=None,
        at=at - dt.timedelta(days=3),
    )
    return case.reference


def test_a_draft_saved_then_sent_is_listed_with_its_letter(callers, complaint):
    officer = callers["officer"]
    saved = officer.post(f"{V}/cases/{complaint}/responses/1/draft", DRAFT)
    assert saved.status_code == 200, saved.content
    assert saved.json()["commitments"][0]["commitment"] is None
    listed = officer.get(f"{V}/cases/{complaint}/responses").json()
    assert [d["stage"] for d in listed["drafts"]] == [1] and listed["sent"] == []
    sent = officer.post(f"{V}/cases/{complaint}/responses/1/send")
    assert sent.status_code == 201, sent.content
    body = sent.json()
    ref = body["commitments"][0]["commitment"]
    assert body["document"].startswith("DOC-") and body["sent_to"] == "tess@example.org"
    assert Commitment.objects.get(ref=ref).due_date == dt.date(2099, 6, 30)
    listed = officer.get(f"{V}/cases/{complaint}/responses").json()
    assert listed["drafts"] == []
    assert [(r["stage"], r["document"]) for r in listed["sent"]] == [(1, body["document"])]


def test_a_refusal_names_the_field_in_the_services_words(callers, complaint):
    officer = callers["officer"]
    officer.post(f"{V}/cases/{complaint}/responses/1/draft", {**DRAFT, "points": []})
    response = officer.post(f"{V}/cases/{complaint}/responses/1/send")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] == services.NO_POINTS
    assert error["fields"][0]["field"] == "body.points"


def test_a_due_date_that_is_not_a_date_is_refused_on_its_field(callers, complaint):
    body = {**DRAFT, "commitments": [{"action": "Fix", "due": "soon"}]}
    response = callers["officer"].post(f"{V}/cases/{complaint}/responses/1/draft", body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "body.commitments.0.due"


def test_a_contractor_cannot_read_a_complaints_responses(callers, complaint):
    response = callers["contractor"].get(f"{V}/cases/{complaint}/responses")
    assert response.status_code == 403

"""The complaints API beyond the operations table: a contact opens one case only (the second
try names it), the extension rule's refusal in the error envelope, the list's filters, and a
complaint case without a complaint on record is not found."""

from __future__ import annotations

import pytest

from doorstep.cases.services import CONTACT_ALREADY_OPENED
from doorstep.clocks.extensions import TOO_LATE
from doorstep.complaints.services import EXTENSION_REFUSED

pytestmark = pytest.mark.django_db
V = "/api/v1"


def test_a_contact_opens_one_complaint_and_the_second_try_names_it(callers, world):
    url = f"{V}/households/{world['household']}/complaints"
    first = callers["officer"].post(url, {"from_contact": world["contact"]})
    assert first.status_code == 201, first.content
    again = callers["officer"].post(url, {"from_contact": world["contact"]})
    assert again.status_code == 422
    fields = again.json()["error"]["fields"]
    assert fields == [
        {
            "field": "body.from_contact",
            "reason": CONTACT_ALREADY_OPENED.format(reference=first.json()["case"]),
        }
    ]


def test_an_extension_after_the_due_date_is_refused_with_the_rules_words(callers, world):
    created = callers["officer"].post(
        f"{V}/households/{world['household']}/complaints",
        {"text": "Nobody came", "channel": "phone", "occurred": "2024-06-03"},
    )
    reference = created.json()["case"]
    # Not acknowledged: due 24 June 2024 (from the acknowledgement's due date, 10 June).
    response = callers["manager"].post(
        f"{V}/complaints/{reference}/extend",
        {
            "new_due": "2024-07-05",
            "reason": "Waiting",
            "agreed_with_resident": True,
            "notified_how": "letter",
            "occurred": "2024-06-25",
        },
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {
            "field": "body.occurred",
            "reason": EXTENSION_REFUSED.format(why=TOO_LATE.format(due="24 Jun 2024")),
        }
    ]


def test_the_list_filters_and_a_case_without_a_complaint(callers, world):
    created = callers["officer"].post(
        f"{V}/households/{world['household']}/complaints", {"text": "Rude", "channel": "letter"}
    )
    reference = created.json()["case"]
    listed = callers["auditor"].get(f"{V}/complaints?stage=1").json()["items"]
    assert [c["case"] for c in listed] == [reference]
    assert callers["auditor"].get(f"{V}/complaints?stage=2").json()["items"] == []
    # The world's complaint case was opened without a complaint received: none to read.
    assert callers["auditor"].get(f"{V}/complaints/{world['complaint']}").status_code == 404
    assert callers["contractor"].get(f"{V}/complaints/{reference}").status_code == 403


def test_a_manager_sets_whether_an_extension_needs_agreement(callers, world):
    key = "complaints.extension.resident_agreement_required"
    body = {"key": key, "value": False, "effective_from": "2024-04-01", "source": "Policy 7.3"}
    response = callers["manager"].post(f"{V}/policy/overrides", body)
    assert response.status_code == 201, response.content
    assert response.json()["value"] is False
    refused = callers["manager"].post(f"{V}/policy/overrides", {**body, "value": 0})
    assert refused.status_code == 422
    assert "yes or no" in refused.json()["error"]["fields"][0]["reason"]
    shown = callers["auditor"].get(f"{V}/policy?on=2024-06-03").json()
    row = next(r for r in shown["keys"] if r["key"] == key)
    assert row["value"] is False

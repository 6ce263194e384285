"""Complaint pages: recording a complaint (or a service request) with the Code's definitions
shown, from a contact in one step; the case page's complaint section (each stage's clocks from
the page's one replay, the original due date beside an extended one, the reasonable adjustments
and the vulnerability flag, never its detail); each action's form and its refusals on the
field; the complaints list and its filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doorstep.cases.models import Case
from doorstep.clocks.extensions import NOT_IN_WRITING
from doorstep.complaints.choices import COMPLAINT_DEFINITION, SERVICE_REQUEST_DEFINITION
from doorstep.complaints.models import Complaint
from doorstep.complaints.services import (
    EXTENSION_REFUSED,
    INVOLVED_AT_STAGE1,
    complaint_acknowledge,
    complaint_assign,
    complaint_extend,
    complaint_receive,
)
from doorstep.complaints.tests.conftest import NOW, WORDS
from doorstep.complaints.tests.helpers import later
from doorstep.complaints.tests.test_complaint_handling import _answer


@pytest.fixture
def handler(client, homes):
    client.force_login(homes.handler)
    return client


def _page(client, complaint, as_of: str = "2025-11-12"):
    url = reverse("cases:case", args=[complaint.case.reference])
    return client.get(url, {"as_of": as_of}).content.decode()


def test_the_form_shows_the_codes_definitions_and_the_households_contacts(handler, homes):
    page = handler.get(reverse("complaints:receive", args=[homes.household.reference]))
    text = page.content.decode()
    assert str(COMPLAINT_DEFINITION).replace("'", "&#x27;") in text
    assert str(SERVICE_REQUEST_DEFINITION) in text
    assert "Nobody came back about the mould" in text  # the phone call, to choose
    assert "Large print" in text  # the reasonable adjustment


def test_a_complaint_from_a_contact_in_one_step(handler, homes):
    url = reverse("complaints:receive", args=[homes.household.reference])
    response = handler.post(
        url, {"classification": "complaint", "from_contact": str(homes.call.uid)}
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case", args=[complaint.case.reference])
    assert (complaint.text, complaint.from_contact) == (WORDS, homes.call)
    # The contact has opened its case: it is no longer offered, and a second try is refused.
    again = handler.post(url, {"classification": "complaint", "from_contact": str(homes.call.uid)})
    assert again.status_code == 200
    assert "Select a valid choice" in again.content.decode()


def test_a_service_request_is_recorded_as_an_enquiry(handler, homes):
    url = reverse("complaints:receive", args=[homes.household.reference])
    response = handler.post(
        url,
        {"classification": "service_request", "text": "Please fix the gate.", "channel": "phone"},
    )
    case = Case.objects.get(case_type="enquiry")
    assert response.status_code == 302 and response["Location"].endswith(case.reference + "/")
    assert not Complaint.objects.exists()


def test_a_complaint_without_words_is_refused_on_the_field(handler, homes):
    url = reverse("complaints:receive", args=[homes.household.reference])
    response = handler.post(url, {"classification": "complaint", "text": " ", "channel": "phone"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_text"' in text and "their words are the record" in text
    no_choice = handler.post(url, {"text": "x"})
    assert "Select whether this is a complaint or a service request" in no_choice.content.decode()


def test_the_case_page_shows_each_stage_with_its_clocks_and_what_the_handler_must_know(
    handler, homes, complaint
):
    complaint_acknowledge(actor=None, complaint=complaint, stage=1, at=later(NOW, days=1))
    complaint.refresh_from_db()
    complaint_extend(
        actor=None,
        complaint=complaint,
        new_due=dt.date(2025, 11, 28),
        reason="Waiting for the surveyor",
        agreed_with_resident=True,
        notified_how="letter",
        at=later(NOW, days=5),
    )
    page = _page(handler, complaint)
    assert 'id="complaint"' in page and "Stage 1: open" in page
    assert "Complaint Handling Code 2024" in page
    assert WORDS in page
    assert "Done 4 November 2025" in page  # the acknowledgement
    assert "Extended to 28 November 2025 (originally due 18 November 2025)" in page
    assert "Large print (16pt)" in page
    assert "Ada Adeyemi (Pregnancy)" in page  # the flag
    assert "asthma" not in page  # never the detail
    for name in ("acknowledge", "extend", "refuse", "assign"):
        url = reverse(f"complaints:{name}", args=[complaint.case.reference])
        if name != "acknowledge":
            assert url in page
    assert reverse("complaints:escalate", args=[complaint.case.reference]) not in page


def test_stage_2_is_shown_beside_stage_1_once_escalated(handler, homes, complaint):
    answered = _answer(complaint, 1, later(NOW, days=6))
    escalate = reverse("complaints:escalate", args=[complaint.case.reference])
    assert escalate in _page(handler, answered)
    response = handler.post(escalate, {"text": "I want a manager to look at it."})
    assert response.status_code == 302
    page = _page(handler, answered, as_of="2025-11-13")
    assert "Stage 2: open" in page and 'id="complaint-stage-2"' in page
    assert "I want a manager to look at it." in page


def test_an_invalid_extension_is_refused_on_its_field(handler, homes, complaint):
    url = reverse("complaints:extend", args=[complaint.case.reference])
    assert handler.get(url).status_code == 200
    response = handler.post(
        url,
        {
            "new_due_day": "28",
            "new_due_month": "11",
            "new_due_year": "2025",
            "reason": "Waiting for the surveyor",
            "agreed_with_resident": "on",
            "notified_how": "not_in_writing",
            "occurred_day": "5",
            "occurred_month": "11",
            "occurred_year": "2025",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert EXTENSION_REFUSED.format(why=NOT_IN_WRITING) in text
    assert 'href="#id_notified_how_0"' in text


def test_naming_an_officer_involved_at_stage_1_is_refused(handler, homes, complaint):
    complaint_assign(actor=None, complaint=complaint, officer=homes.handler, at=NOW)
    complaint.refresh_from_db()
    answered = _answer(complaint, 1, later(NOW, days=6))
    handler.post(
        reverse("complaints:escalate", args=[answered.case.reference]), {"text": "Review it"}
    )
    url = reverse("complaints:assign", args=[complaint.case.reference])
    response = handler.post(url, {"officer": "cora"})
    assert INVOLVED_AT_STAGE1.format(name="Cora") in response.content.decode()
    assert handler.post(url, {"officer": "carl"}).status_code == 302
    assert Complaint.objects.get().stage2_officer == homes.second


def test_the_list_shows_open_complaints_by_response_due_with_filters(handler, homes, complaint):
    later_one = complaint_receive(
        actor=None,
        household=homes.other,
        text="The caretaker was rude.",
        channel="in_person",
        at=later(NOW, days=3),
    )
    complaint_assign(actor=None, complaint=later_one, officer=homes.second, at=later(NOW, days=3))
    page = handler.get(reverse("complaints:list")).content.decode()
    first, second = complaint.case.reference, later_one.case.reference
    assert first in page and second in page and page.index(first) < page.index(second)
    assert 'aria-current="page"' in page and "Complaints" in page
    mine = handler.get(reverse("complaints:list"), {"officer": "carl"}).content.decode()
    assert second in mine and first not in mine
    unnamed = handler.get(reverse("complaints:list"), {"officer": "none"}).content.decode()
    assert first in unnamed and second not in unnamed
    stage2 = handler.get(reverse("complaints:list"), {"stage": "2"}).content.decode()
    assert first not in stage2 and "No open complaint matches." in stage2


def test_the_household_page_offers_the_way_in(handler, homes):
    page = handler.get(reverse("contacts:household", args=[homes.household.reference]))
    assert reverse("complaints:receive", args=[homes.household.reference]) in page.content.decode()


def test_the_open_stage_offers_its_response_draft_and_an_answered_one_does_not(
    handler, homes, complaint
):
    draft_1 = 'href="{}"'.format(reverse("responses:draft", args=[complaint.case.reference, 1]))
    assert draft_1 in _page(handler, complaint)
    answered = _answer(complaint, 1, later(NOW, days=6))
    assert draft_1 not in _page(handler, answered)


def test_an_imported_complaint_shows_its_responses_promises_and_claims(handler, homes):
    """Clarion's C2 as of the key's day: the stage 2 promises (k13 contradicted, k14 overdue)
    and the stage 2 claims (J5, J6) found not done (answer key rows 24, 27-28)."""
    from doorstep.interchange.models import ExternalRef, RefKind
    from doorstep.interchange.services import chronology_import
    from doorstep.interchange.tests.chronologies import CLARION, seed

    chronology_import(doc=seed(CLARION), source_name=CLARION, at=NOW)
    case = ExternalRef.objects.get(kind=RefKind.CASE, ref="C2").case
    url = reverse("cases:case", args=[case.reference])
    page = handler.get(url, {"as_of": "2023-08-11"}).content.decode()
    promised = page.split("Promised in the responses", 1)[1].split("</table>", 1)[0]
    assert "k13" in promised and "20 May 2022" in promised
    assert "Complete the raking out and repointing (arranged again)" in promised
    # Row 23-24: k2, k3, k5, k7, k8 and k14 never kept; k1, k4, k6 and k13 claimed, then
    # found not done.
    assert promised.count("Overdue") == 6
    assert promised.count("Claimed done, but found not done") == 4
    claims = page.split("Said in the responses to be done", 1)[1].split("</table>", 1)[0]
    assert "job J6" in claims and "job J5" in claims
    assert claims.count("Found not done") == 2

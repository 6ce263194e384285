"""Move pages: recording a request (from a contact in one step), the case page's move section
(the request and grounds, the evidence with its source and standing, the flag of evidence on
record, the decisions, the routes, the decision clock), each action's refusal on its field,
the moves list with the flag, and the household page's way in."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from doorstep.cases.tests.test_views import CASE_PAGE_MAX_QUERIES
from doorstep.moves.models import MoveRequest
from doorstep.moves.services import (
    NO_DECLINE_REASON,
    NO_SUPPORT,
    move_decide,
    move_evidence_receive,
    move_evidence_request,
    move_routes_offer,
)
from doorstep.moves.tests.conftest import NOW, WORDS, add_document

pytestmark = pytest.mark.django_db
LATER = NOW + dt.timedelta(days=3)


@pytest.fixture
def officer(client, homes):
    client.force_login(homes.officer)
    return client


def _page(client, move, as_of: str | None = "2025-11-12") -> str:
    url = reverse("cases:case", args=[move.case.reference])
    query = {"as_of": as_of} if as_of else {}
    return html.unescape(client.get(url, query).content.decode())


def _waiting_with_letter_on_record(homes, move):
    move = move_evidence_request(
        actor=homes.officer, move=move, what="Medical evidence", to=homes.worker,
        at=NOW + dt.timedelta(hours=1),
    )  # fmt: skip
    letter = add_document(homes, title="Letter from Sam Reed", at=LATER)
    return move, letter


def test_recording_a_request_from_a_contact_opens_the_case(officer, homes):
    url = reverse("moves:request", args=[homes.household.reference])
    page = officer.get(url).content.decode()
    assert "Record a request to move" in page and "Anti-social behaviour" in page
    response = officer.post(
        url, {"from_contact": str(homes.call.uid), "reason": "", "grounds": ["asb", "medical"]}
    )
    move = MoveRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case", args=[move.case.reference]) + "#move"
    assert move.reason == WORDS and move.from_contact == homes.call


def test_a_request_without_grounds_is_refused_on_the_field(officer, homes):
    url = reverse("moves:request", args=[homes.household.reference])
    response = officer.post(url, {"from_contact": "", "reason": "Move me", "channel": "phone"})
    assert response.status_code == 200
    assert "Choose the grounds the request rests on" in html.unescape(response.content.decode())
    assert not MoveRequest.objects.exists()


def test_the_case_page_shows_the_flag_and_the_way_to_record_it(officer, homes, move):
    move, letter = _waiting_with_letter_on_record(homes, move)
    page = _page(officer, move)
    assert "Request to move" in page and WORDS in page
    assert "Anti-social behaviour; Medical (physical or mental health)" in page
    assert (
        f"Evidence may already be on record: {letter.reference} (Letter from Sam Reed), "
        "added 6 November 2025" in page
    )
    assert (
        reverse("moves:receive", args=[move.case.reference]) + f"?document={letter.reference}"
        in page
    )
    assert "No clock runs while evidence is awaited" in page


def test_the_case_page_shows_evidence_standing_decisions_and_routes(officer, homes, move):
    move = move_evidence_receive(
        actor=homes.officer, move=move, what="A note", source=homes.stranger, at=LATER
    )
    move = move_evidence_receive(
        actor=homes.officer, move=move, what="CMHT letter", source=homes.worker, at=LATER
    )
    move = move_decide(
        actor=homes.manager, move=move, outcome="declined",
        reason="The ASB is being handled under the ASB policy.", at=LATER,
    )  # fmt: skip
    move = move_routes_offer(
        actor=homes.officer, move=move, routes=["mutual_exchange"],
        support="Registered her on HomeSwapper.", at=LATER,
    )  # fmt: skip
    page = _page(officer, move)
    assert "Pat Neil" in page and "Not from an authorised source" in page
    assert "Sam Reed" in page and "An authorised third party of the household" in page
    assert "(nothing was asked for)" in page
    assert "6 November 2025: <strong>Declined</strong>. The ASB is being handled" in page
    assert "Mutual exchange (e.g. HomeSwapper). Support given: Registered her on HomeSwapper." in (
        page
    )
    # Decided in time: the decision clock shows it done.
    assert "Done 6 November 2025" in page


def test_the_case_page_stays_within_its_query_budget(
    officer, homes, move, django_assert_max_num_queries
):
    move, _ = _waiting_with_letter_on_record(homes, move)
    url = reverse("cases:case", args=[move.case.reference])
    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        assert officer.get(url).status_code == 200


def test_the_moves_list_marks_flagged_requests(officer, homes, move):
    move, letter = _waiting_with_letter_on_record(homes, move)
    page = html.unescape(officer.get(reverse("moves:list")).content.decode())
    assert move.case.reference in page
    assert "Evidence may be on record" in page and letter.reference in page
    assert "No clock running" in page


def test_declining_without_a_reason_is_refused_on_the_field(client, homes, move):
    client.force_login(homes.manager)
    url = reverse("moves:decide", args=[move.case.reference])
    response = client.post(url, {"outcome": "declined", "reason": ""})
    assert response.status_code == 200
    assert NO_DECLINE_REASON in html.unescape(response.content.decode())
    response = client.post(url, {"outcome": "approved", "reason": ""})
    assert response.status_code == 302
    move.refresh_from_db()
    assert move.status == "approved"


def test_routes_without_support_are_refused_on_the_field(officer, move):
    url = reverse("moves:routes", args=[move.case.reference])
    response = officer.post(url, {"routes": ["housing_register"], "support": ""})
    assert NO_SUPPORT in html.unescape(response.content.decode())


def test_recording_the_flagged_document_as_received(officer, homes, move):
    move, letter = _waiting_with_letter_on_record(homes, move)
    url = reverse("moves:receive", args=[move.case.reference])
    page = officer.get(url, {"document": letter.reference}).content.decode()
    assert "Record evidence received" in page
    response = officer.post(
        url, {"what": "Letter from Sam Reed", "source": homes.worker.reference,
              "document": letter.reference},
    )  # fmt: skip
    assert response.status_code == 302
    move.refresh_from_db()
    assert move.status == "awaiting_decision"
    assert move.evidence_received[0]["document"] == letter.reference
    # Recorded today (the view reads the clock): as of today, nothing is awaited.
    assert "Evidence may already be on record" not in _page(officer, move, as_of=None)


def test_the_household_page_offers_the_way_in(officer, homes):
    page = officer.get(reverse("contacts:household", args=[homes.household.reference]))
    assert reverse("moves:request", args=[homes.household.reference]) in page.content.decode()

"""The response pages: draft, edit, preview and send on a complaint case; the stage 1 response
beside the stage 2 draft; the case page's section. The permission matrix is in
core/tests/test_views_permissions.py."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.urls import reverse

from doorstep.appointments.models import OutboxMessage
from doorstep.cases.services import case_open
from doorstep.responses import services
from doorstep.responses.models import ResponseDraft
from doorstep.responses.selectors import CLAIM_NOT_VERIFIED
from doorstep.responses.services import response_draft_save, response_send
from doorstep.responses.tests.conftest import complete
from doorstep.testing.complaint_cases import complaint_escalate
from doorstep.timeline.models import Event

pytestmark = pytest.mark.django_db


def form_data(
    *,
    points: list[dict[str, str]] = (),  # type: ignore[assignment]
    commitments: list[dict[str, str]] = (),  # type: ignore[assignment]
    claims: list[dict[str, str]] = (),  # type: ignore[assignment]
    **main: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {"escalation": "Ask us to escalate to stage 2.", **main}
    for prefix, rows in (("points", points), ("commitments", commitments), ("claims", claims)):
        data |= {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
        for i, row in enumerate(rows):
            data |= {f"{prefix}-{i}-{k}": v for k, v in row.items()}
    return data


FULL = form_data(
    understood="The leak was not fixed",
    points=[{"point": "The leak", "decision": "upheld", "reasons": "Three visits failed"}],
    outcome="upheld",
    remedy="Replace the waste pipe",
    commitments=[
        {
            "action": "Replace the waste pipe",
            "due_day": "1",
            "due_month": "7",
            "due_year": "2099",
            "job": "J1",
            "items": "1",
        }
    ],
    send_to="tess@example.org",
)


def url(name: str, case: Any, stage: int = 1) -> str:
    return reverse(f"responses:{name}", args=[case.reference, stage])


@pytest.fixture
def officer(client, scene):
    client.force_login(scene.officer)
    return client


def test_the_draft_page_starts_with_the_standard_escalation_wording(officer, scene):
    response = officer.get(url("draft", scene.case))
    assert response.status_code == 200
    assert "Draft the stage 1 response" in response.text
    assert "escalate your complaint to stage 2" in response.text


def test_saving_the_draft_keeps_it_and_writes_nothing_on_the_record(officer, scene):
    before = Event.objects.count()
    response = officer.post(url("draft", scene.case), {**FULL, "save": "1"})
    assert response.status_code == 302
    assert response["Location"] == url("draft", scene.case)
    draft = ResponseDraft.objects.get()
    assert draft.points == [
        {"point": "The leak", "decision": "upheld", "reasons": "Three visits failed"}
    ]
    assert draft.commitments == [
        {"action": "Replace the waste pipe", "due": "2099-07-01", "job": "J1", "items": ["1"]}
    ]
    assert Event.objects.count() == before
    page = officer.get(url("draft", scene.case)).text
    assert 'value="Replace the waste pipe"' in page  # the edit page is filled from the draft


def test_preview_shows_the_letter_and_sending_records_it(officer, scene):
    response = officer.post(url("draft", scene.case), {**FULL, "preview": "1"})
    assert response["Location"] == url("preview", scene.case)
    preview = officer.get(url("preview", scene.case))
    assert "Replace the waste pipe: by 1 July 2099 (job J1: 1)" in preview.text
    sent = officer.post(url("send", scene.case))
    assert sent.status_code == 302
    assert sent["Location"] == reverse("cases:case", args=[scene.case.reference]) + "#responses"
    assert Event.objects.filter(case=scene.case, kind="complaint.response").count() == 1
    assert OutboxMessage.objects.get().to == "tess@example.org"
    case_page = officer.get(reverse("cases:case", args=[scene.case.reference])).text
    assert "Complaint responses" in case_page
    event = Event.objects.get(kind="complaint.response")
    assert reverse("documents:download", args=[event.data["document"]]) in case_page
    # Once sent, the draft page shows the response as sent.
    assert officer.get(url("draft", scene.case))["Location"] == url("preview", scene.case)


def test_a_refused_send_says_what_is_missing(officer, scene):
    officer.post(url("draft", scene.case), {**FULL, "send_to": "", "save": "1"})
    response = officer.post(url("send", scene.case))
    assert response.status_code == 422
    assert services.NO_RECIPIENT in response.text
    assert not Event.objects.filter(kind="complaint.response").exists()


def test_a_bad_due_date_is_shown_on_its_field(officer, scene):
    data = {**FULL, "commitments-0-due_month": "13", "save": "1"}
    response = officer.post(url("draft", scene.case), data)
    assert response.status_code == 200
    assert "Enter a real date" in response.text
    assert not ResponseDraft.objects.exists()


def test_stage_2_before_the_escalation_is_refused_on_the_page(officer, scene):
    response = officer.post(url("draft", scene.case, 2), {**FULL, "save": "1"})
    assert response.status_code == 200
    message = services.STAGE2_BEFORE_ESCALATION.format(reference=scene.case.reference)
    assert html.escape(message) in response.text


def test_the_stage_2_draft_shows_stage_1_beside_it_with_a_contradiction(officer, scene, at):
    response_draft_save(actor=scene.officer, case=scene.case, stage=1, at=at, **complete())
    stage_1 = response_send(actor=scene.officer, case=scene.case, stage=1, at=at)
    promised = stage_1.data["commitments"][0]
    complaint_escalate(case=scene.case, at=at + dt.timedelta(days=3))
    claims = [{"commitment": promised["commitment"]}]
    response_draft_save(
        actor=scene.reviewer,
        case=scene.case,
        stage=2,
        at=at + dt.timedelta(days=4),
        **complete(claims_done=claims, commitments=[]),
    )
    page = officer.get(url("draft", scene.case, 2)).text
    assert "The stage 1 response" in page
    assert "Three visits failed." in page  # stage 1's reasons on its points
    assert promised["commitment"] in page
    warning = CLAIM_NOT_VERIFIED.format(
        what="Replace the waste pipe", ref=promised["commitment"], standing="overdue"
    )
    assert html.escape(warning) in page


def test_a_case_that_is_not_a_complaint_has_no_response_pages(officer, scene, at):
    repair = case_open(
        actor=None, case_type="repair", title="Tap", household=scene.household, at=at
    )
    assert officer.get(url("draft", repair)).status_code == 404
    assert officer.get(url("draft", scene.case, 3)).status_code == 404


def test_the_case_page_offers_the_draft_of_the_stage_open(officer, scene):
    page = officer.get(reverse("cases:case", args=[scene.case.reference])).text
    assert url("draft", scene.case) in page
    assert url("draft", scene.case, 2) not in page


def test_the_stage_2_draft_warns_whoever_sent_stage_1(client, scene, at):
    response_draft_save(actor=scene.officer, case=scene.case, stage=1, at=at, **complete())
    response_send(actor=scene.officer, case=scene.case, stage=1, at=at)
    complaint_escalate(case=scene.case, at=at)
    warning = "handled by someone not involved at stage 1"
    client.force_login(scene.officer)
    assert warning in client.get(url("draft", scene.case, 2)).text
    client.force_login(scene.reviewer)
    assert warning not in client.get(url("draft", scene.case, 2)).text


def test_the_preview_says_what_is_missing_before_sending(officer, scene):
    officer.post(url("draft", scene.case), {**FULL, "remedy": "", "save": "1"})
    page = officer.get(url("preview", scene.case)).text
    assert "This response cannot be sent yet:" in page
    assert html.escape(services.NO_REMEDY) in page
    officer.post(url("draft", scene.case), {**FULL, "save": "1"})
    assert "cannot be sent yet" not in officer.get(url("preview", scene.case)).text


def test_saving_again_as_the_page_posts_it_keeps_every_row(officer, scene):
    officer.post(url("draft", scene.case), {**FULL, "save": "1"})
    page = officer.get(url("draft", scene.case)).text
    assert 'name="points-INITIAL_FORMS" value="3"' in page  # one point, two blank rows
    again = {**FULL, "save": "1"}
    for prefix, rows in (("points", 3), ("commitments", 3), ("claims", 2)):
        again |= {f"{prefix}-TOTAL_FORMS": str(rows), f"{prefix}-INITIAL_FORMS": str(rows)}
    assert officer.post(url("draft", scene.case), again).status_code == 302
    draft = ResponseDraft.objects.get()
    assert len(draft.points) == 1 and len(draft.commitments) == 1 and draft.claims_done == []


def test_each_point_asks_for_its_decision_in_plain_words(officer, scene):
    response = officer.get(url("draft", scene.case))
    label = re.search(r'for="id_points-0-decision">([^<]*)</label>', response.text)
    assert label is not None and label.group(1).strip() == "Decision"  # not the class's name

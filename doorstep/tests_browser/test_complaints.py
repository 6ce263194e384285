"""A complaint's journey, in a real browser (ADR 5): a complaints officer records a complaint
from a contact already on the household's timeline, acknowledges it, drafts and sends the
stage 1 response with a commitment (which the commitments page then lists), records the
resident's request to escalate and names a manager not involved at stage 1; the manager drafts
the stage 2 response beside the stage 1 response, with a claim that something was done, and
sends it.

The server is the staff journey's (`test_staff_journey.py`, seeded by `seed.py`): the Okafor
household has a phone contact of 1 June 2024 about black mould, and the record has one login
per role. It runs on today's clock, so the complaint's stage 1 clocks (from the contact's
date) are long past, and the commitment is due four weeks from today.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from doorstep.tests_browser.test_staff_journey import browser as browser  # the fixtures
from doorstep.tests_browser.test_staff_journey import page as page
from doorstep.tests_browser.test_staff_journey import server as server
from doorstep.tests_browser.world import PASSWORD
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.browser
CONTACT_WORDS = "Black mould is back on the bathroom ceiling."
UNDERSTOOD_1 = "Black mould has come back on the bathroom ceiling since the last treatment."
ACTION = "Treat the bathroom ceiling for mould and fit an extractor fan"
ESCALATION = "The mould is still there and nobody has come to fit the fan."
UNDERSTOOD_2 = "Ms Okafor says the mould is still there and the fan is not fitted."
CLAIM = "Treated the bathroom ceiling with a fungicidal wash"


def _sign_in(page, username: str) -> None:
    page.goto("/")
    assert "/sign-in/" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=1)).to_have_text("Search the record")


def _errors_of(page) -> list[str]:
    """The page's console errors and uncaught exceptions, as they happen."""
    errors: list[str] = []

    def console(message) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _fill_date(scope, day: dt.date) -> None:
    scope.get_by_label("Day").fill(str(day.day))  # GOV.UK's date input
    scope.get_by_label("Month").fill(str(day.month))
    scope.get_by_label("Year").fill(str(day.year))


def _shown(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _preview_and_send(page, stage: int, *, letter_says: str) -> None:
    from playwright.sync_api import expect

    page.get_by_label("It is posted to the resident's address").check()
    page.get_by_role("button", name="Save and preview the letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Preview the stage {stage} response")
    expect(page.locator(".app-not-ready")).to_have_count(0)  # nothing missing
    expect(page.locator("pre.app-letter").first).to_contain_text(letter_says)
    page.get_by_role("button", name="Send the response").click()
    expect(page.get_by_text(f"Stage {stage} response sent.")).to_be_visible()


def test_a_complaint_from_a_contact_goes_through_stage_1_with_a_commitment_to_stage_2(
    page, browser, server
):
    from playwright.sync_api import expect

    today = dt.datetime.now(LONDON).date()
    due = today + dt.timedelta(days=28)

    # 1. A complaints officer records the household's contact as a complaint.
    _sign_in(page, "complaints")
    page.get_by_label("Search for a household, property or case").fill("Okafor")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=server.household).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1 Elm Court, Birmingham, B12 9QT")
    page.get_by_role("button", name="Record a complaint or a service request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record a complaint or a service request"
    )
    page.get_by_label(re.compile(r"^A complaint\.")).check()
    page.get_by_label(re.compile(re.escape(CONTACT_WORDS))).check()
    page.get_by_label("Case title (optional)").fill("Black mould in the bathroom")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Black mould in the bathroom")
    expect(page.get_by_text(re.compile(r"Complaint recorded: case CMP-"))).to_be_visible()
    case_url = page.url.split("#")[0]
    reference = case_url.rstrip("/").rsplit("/", 1)[-1]
    assert reference.startswith("CMP-")
    stage1 = page.locator("#complaint-stage-1")
    expect(stage1.get_by_role("heading", name="Stage 1")).to_be_visible()
    expect(stage1).to_contain_text(f"1 June 2024: {CONTACT_WORDS}")
    # The Code 2024's clocks run from the contact's day (Saturday 1 June 2024): acknowledge
    # within 5 working days, respond within 10 working days of the acknowledgement being due.
    acknowledgement = stage1.locator(".govuk-summary-list__row", has_text="Acknowledgement")
    response = stage1.locator(".govuk-summary-list__row", has_text="Response")
    expect(acknowledgement).to_contain_text("Due 7 June 2024")
    expect(acknowledgement).to_contain_text("Overdue")
    expect(response).to_contain_text("Due 21 June 2024")
    summary = page.locator("#complaint ~ dl")
    expect(summary).to_contain_text("Stage 1: open")
    expect(summary).to_contain_text("In a contact of 1 June 2024 (Phone)")
    # The officer names themself as the stage 1 complaints officer.
    page.get_by_role("link", name="Name the officer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Name the complaints officer")
    page.get_by_label("Who is the complaints officer?").select_option("Complaints Example")
    page.get_by_role("button", name="Name the officer").click()
    expect(page.get_by_text("Complaints officer named.")).to_be_visible()
    expect(summary).to_contain_text("Complaints Example")

    # 2. Acknowledge it.
    stage1.get_by_role("link", name="Acknowledge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acknowledge the complaint")
    page.get_by_role("button", name="Record the acknowledgement").click()
    expect(page.get_by_text("Acknowledgement recorded.")).to_be_visible()
    expect(acknowledgement).to_contain_text(f"Done {_shown(today)} Late")
    expect(stage1.get_by_role("link", name="Acknowledge")).to_have_count(0)

    # 3. Draft the stage 1 response from the stage's card, with one commitment; send it.
    stage1.get_by_role("link", name="Draft the stage 1 response").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft the stage 1 response")
    page.get_by_label("The complaint, as you understand it").fill(UNDERSTOOD_1)
    point = page.locator("#point-1")
    point.get_by_label("What the resident raised").fill("The mould came back")
    point.get_by_label("Decision").select_option("Upheld")
    point.get_by_label("Reasons").fill("The ceiling was only painted over in March.")
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("What will be put right").fill("We will treat the mould and fit a fan.")
    promise = page.locator("#commitment-1")
    promise.get_by_label("What will be done").fill(ACTION)
    _fill_date(promise, due)
    expect(page.get_by_label("How to take it further")).to_contain_text("escalate")
    _preview_and_send(page, 1, letter_says=ACTION)
    expect(summary).to_contain_text("Stage 1: answered")
    expect(response).to_contain_text(f"Done {_shown(today)} Late")
    sent = page.locator("#responses ~ table")
    expect(sent.locator("tbody tr")).to_have_count(1)
    expect(sent.locator("tbody tr").first).to_contain_text("Stage 1")
    expect(sent.locator("tbody tr").first).to_contain_text("Upheld")

    # The promise is on the ledger, due when the response said.
    page.goto("/commitments/")
    row = page.locator("#commitments tbody tr", has_text=ACTION)
    expect(row).to_contain_text(_shown(due))
    expect(row).to_contain_text(reference)
    page.goto(case_url)

    # 4. The resident asks to escalate; a manager not involved at stage 1 is named for stage 2.
    page.get_by_role("button", name="Escalate to stage 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Escalate to stage 2")
    page.get_by_label("What did the resident say when asking to escalate?").fill(ESCALATION)
    page.get_by_role("button", name="Escalate the complaint").click()
    expect(page.get_by_text("Complaint escalated to stage 2.")).to_be_visible()
    stage2 = page.locator("#complaint-stage-2")
    expect(stage2).to_contain_text(f"{_shown(today)}: {ESCALATION}")
    expect(stage2.locator(".govuk-summary-list__row", has_text="Response")).to_contain_text(
        re.compile(r"Due \d{1,2} \w+ \d{4}")
    )
    expect(summary).to_contain_text("Stage 2: open")
    # Stage 2 is for someone not involved at stage 1 (Code 2024, s.6).
    page.get_by_role("link", name="Name the officer").click()
    page.get_by_label("Who is the complaints officer?").select_option("Complaints Example")
    page.get_by_role("button", name="Name the officer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Complaints Example was involved at stage 1"
    )
    page.get_by_label("Who is the complaints officer?").select_option("Manager Example")
    page.get_by_role("button", name="Name the officer").click()
    expect(page.get_by_text("Complaints officer named.")).to_be_visible()
    expect(summary).to_contain_text("Manager Example")
    expect(summary).to_contain_text("Stage 1: Complaints Example")
    assert page.errors == []

    # 5. The manager drafts the stage 2 response beside the stage 1 response, and sends it.
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    try:
        manager = context.new_page()
        errors = _errors_of(manager)
        _sign_in(manager, "manager")
        manager.goto("/complaints/")
        manager.get_by_role("link", name=reference).first.click()
        manager.locator("#complaint-stage-2").get_by_role(
            "link", name="Draft the stage 2 response"
        ).click()
        expect(manager.get_by_role("heading", level=1)).to_have_text(
            "Draft the stage 2 (final) response"
        )
        beside = manager.locator(".govuk-grid-column-one-half", has=manager.locator("#stage-one"))
        expect(beside.get_by_role("heading", name="The stage 1 response")).to_be_visible()
        expect(beside.get_by_text(UNDERSTOOD_1, exact=True)).to_be_visible()
        expect(beside.locator("tbody tr", has_text=ACTION)).to_contain_text(_shown(due))
        expect(manager.get_by_text("You sent the stage 1 response.")).to_have_count(0)
        manager.get_by_label("The complaint, as you understand it").fill(UNDERSTOOD_2)
        point = manager.locator("#point-1")
        point.get_by_label("What the resident raised").fill("The fan is not fitted")
        point.get_by_label("Decision").select_option("Partly upheld")
        point.get_by_label("Reasons").fill("The fan is ordered; the mould was treated.")
        manager.get_by_label("Partly upheld", exact=True).check()
        manager.get_by_label("What will be put right").fill("We will fit the fan as promised.")
        manager.locator("#claim-1").get_by_label("Or an action said to be done").fill(CLAIM)
        expect(manager.get_by_label("How to take it further")).to_contain_text("Housing Ombudsman")
        _preview_and_send(manager, 2, letter_says=CLAIM)
        expect(manager.locator("#complaint ~ dl")).to_contain_text(
            "Stage 2: answered (final response)"
        )
        rows = manager.locator("#responses ~ table tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.nth(1)).to_contain_text("Stage 2")
        expect(rows.nth(1)).to_contain_text("Partly upheld")
        timeline = manager.locator("#timeline ~ ol.app-timeline")
        expect(timeline).to_contain_text("Stage 2 response sent: partly upheld")
        manager.screenshot(path=str(server.var_dir / "complaint.png"), full_page=True)
        assert errors == []
    finally:
        context.close()

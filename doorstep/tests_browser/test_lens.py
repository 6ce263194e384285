"""The lens in a real browser: a housing officer logs a phone call in which Grace Okafor says
she is fed up of chasing and has just come out of hospital; the page suggests, from her words,
that it may be a complaint and that there may be a vulnerability, and records neither. Twelve
days later (the call is dated so) nothing has been done: the manager's "Findings" page lists
"Dissatisfaction not logged as a complaint" for her household, with what it rests on, and the
hospital stay never recorded; the topic filter narrows the list to complaint handling; the
household page says the same.

The server is the staff journey's (`test_staff_journey.py`, seeded by `seed.py`), on today's
clock.
"""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.tests_browser.test_complaints import _errors_of, _fill_date, _sign_in
from doorstep.tests_browser.test_staff_journey import browser as browser  # the fixtures
from doorstep.tests_browser.test_staff_journey import page as page
from doorstep.tests_browser.test_staff_journey import server as server
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.browser
CALL = (
    "Third time I've rung about the damp in the back bedroom and nobody has called me back. "
    "I'm fed up of chasing you. I've just come out of hospital."
)


def test_a_call_expressing_dissatisfaction_left_unlogged_is_found(page, browser, server):
    from playwright.sync_api import expect

    errors = _errors_of(page)
    called = dt.datetime.now(LONDON).date() - dt.timedelta(days=12)

    # 1. The housing officer logs the call on the household page.
    _sign_in(page, "officer")
    page.goto(f"/households/{server.household}/")
    page.get_by_role("button", name="Add a contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a contact")
    page.get_by_label("Received: someone contacted the landlord").check()
    page.get_by_role("group", name="How?").get_by_label("Phone").check()
    page.get_by_label("Who was it from, or to?").fill("Grace Okafor")
    page.get_by_label("What was said or written").fill(CALL)
    _fill_date(page.get_by_role("group", name="When did it happen?"), called)
    page.get_by_role("button", name="Add contact").click()

    # 2. Its suggestions, from her words: nothing is recorded by them.
    suggestions = page.locator(".app-suggestions").first
    expect(suggestions).to_contain_text("This may be a complaint")
    expect(suggestions).to_contain_text("fed up")
    expect(suggestions).to_contain_text("Possible vulnerability: Physical health")
    expect(suggestions.get_by_role("link", name="Open a complaint")).to_be_visible()
    assert errors == []

    # 3. The manager sees it on the portfolio, and on the household page.
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    try:
        manager = context.new_page()
        manager_errors = _errors_of(manager)
        _sign_in(manager, "manager")
        manager.get_by_role("link", name="Findings", exact=True).click()
        expect(manager.get_by_role("heading", level=1)).to_have_text(
            "What the Ombudsman would find"
        )
        row = manager.locator("#findings tbody tr", has_text="Dissatisfaction not logged")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(server.household)
        expect(row).to_contain_text("the words of a contact")
        unrecorded = manager.locator("#findings tbody tr", has_text="hospital")
        expect(unrecorded).to_contain_text("Vulnerability disclosed, never recorded")
        manager.get_by_role("link", name="Complaint handling").first.click()
        rows = manager.locator("#findings tbody tr")
        expect(rows.filter(has_text="Dissatisfaction not logged")).to_have_count(1)
        expect(rows.filter(has_text="Vulnerability disclosed")).to_have_count(0)
        manager.goto(f"/households/{server.household}/")
        section = manager.locator("#findings ~ .app-finding", has_text="Dissatisfaction")
        expect(section.first).to_contain_text("The household's own record")
        assert manager_errors == []
    finally:
        context.close()

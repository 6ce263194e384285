"""An ASB case's journey, in a real browser: an ASB officer reports drug dealing for the Okafor
household, with Grace Okafor asking that nothing identifying her be done for 3 days; sees the
warning on the case page while the delay holds; opens the case and assesses her risk (high);
tries a warning to the alleged perpetrator inside the delay and is refused; and records it once
the delay has ended.

The server is the staff journey's (`test_staff_journey.py`, seeded by `seed.py`). It runs on
today's clock, and no event may be dated after it is recorded, so the report is dated six days
ago through the form's date fields: the delay ran from then until three days ago. The case
page is shown as of the day after the report (its replay date) to see the warning as it stood,
and each action is dated through the action form's date fields.
"""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.tests_browser.test_complaints import _errors_of, _fill_date, _shown, _sign_in
from doorstep.tests_browser.test_staff_journey import browser as browser  # the fixtures
from doorstep.tests_browser.test_staff_journey import page as page
from doorstep.tests_browser.test_staff_journey import server as server
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.browser
WORDS = "Men are dealing drugs from flat 2 every evening and one followed me up the stairs."
PERPETRATOR = "The tenant of flat 2"


def test_an_asb_report_with_a_delay_is_risk_assessed_and_acted_on_after_the_delay(
    page, browser, server
):
    from playwright.sync_api import expect

    errors = _errors_of(page)
    today = dt.datetime.now(LONDON).date()
    reported = today - dt.timedelta(days=6)
    until = reported + dt.timedelta(days=3)

    # 1. The ASB officer reports it from the ASB list's start page.
    _sign_in(page, "asb")
    page.get_by_role("link", name="ASB", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anti-social behaviour cases")
    page.get_by_role("button", name="Report ASB").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report ASB")
    page.get_by_label("Which household is the reporter in?").fill(server.household)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report ASB")
    page.get_by_label("Who is reporting it?").select_option(label="Grace Okafor")
    page.get_by_label("What kind of behaviour is it?").select_option(label="Drugs (dealing or use)")
    page.get_by_label("What happened?").fill(WORDS)
    page.get_by_label("Who is it about? (optional)").fill(PERPETRATOR)
    page.get_by_label("Where? (optional)").fill("Stairwell")
    page.get_by_role("group", name="Have the police been told?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("Did the reporter ask us to wait before acting? (days, optional)").fill("3")
    _fill_date(page.get_by_role("group", name="When was it reported? (optional)"), reported)
    page.get_by_role("button", name="Record the report").click()
    expect(page.get_by_text("ASB report recorded: case ASB-")).to_be_visible()
    case_url = page.url.split("#")[0]
    reference = case_url.rstrip("/").rsplit("/", 1)[-1]
    assert reference.startswith("ASB-")
    reports = page.locator("#asb-reports")
    expect(reports).to_contain_text(WORDS)
    expect(reports).to_contain_text(
        f"Asked for a delay of 3 days: nothing that identifies them before {_shown(until)}."
    )

    # 2. As the case stood the day after the report, the warning is shown prominently.
    page.goto(f"{case_url}?as_of={(reported + dt.timedelta(days=1)).isoformat()}")
    expect(page.locator("#asb-delay")).to_contain_text(
        f"Do not act in a way that identifies the reporter before {_shown(until)}."
    )
    page.goto(case_url)
    expect(page.locator("#asb-delay")).to_have_count(0)
    expect(page.locator(".app-asb-delay-ended")).to_contain_text(f"it ended on {_shown(until)}")

    # 3. Open the case, dated the day after the report.
    page.get_by_role("link", name="Open the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open the ASB case")
    _fill_date(page.get_by_role("group", name="When? (optional)"), reported + dt.timedelta(days=1))
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_text("ASB case opened.")).to_be_visible()

    # 4. Assess Grace's risk: high on the matrix.
    page.locator("#asb-risk").get_by_role("link", name="Assess the risk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assess the reporter's risk")

    def answer(question: str, choice: str) -> None:
        page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()

    answer("How vulnerable is the reporter (health, disability, age, isolation)?", "Significant")
    answer("Has the reporter been targeted before?", "Targeted persistently")
    answer("What is the impact on the reporter and their household?", "Severe")
    answer("Is it motivated by hostility to who the reporter is (a hate incident)?", "No")
    page.get_by_role("button", name="Record the risk assessment").click()
    expect(page.get_by_text("Risk assessment recorded.")).to_be_visible()
    expect(page.locator("#asb-risk")).to_contain_text("High risk, assessed on")
    expect(page.locator(".app-asb-high-risk")).to_contain_text(
        "High risk: review at least every 14 days."
    )

    # 5. A warning to the alleged perpetrator inside the delay is refused.
    page.locator("#asb-actions").get_by_role("link", name="Record an action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an action")
    page.get_by_label("What is the action?").select_option(label="Warning")
    expect(page.get_by_label("Who is it directed at? (optional)")).to_have_value(PERPETRATOR)
    page.get_by_label("What was done?").fill("Warning letter about the visitors at night.")
    inside = reported + dt.timedelta(days=2)
    _fill_date(page.get_by_role("group", name="When was it done? (optional)"), inside)
    page.get_by_role("button", name="Record the action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "This action would reveal the reporter inside the delay they asked for: nothing that "
        f"could identify them may be done before {_shown(until)}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an action")

    # 6. The same warning, dated after the delay ended, is recorded.
    after = until + dt.timedelta(days=1)
    _fill_date(page.get_by_role("group", name="When was it done? (optional)"), after)
    page.get_by_role("button", name="Record the action").click()
    expect(page.get_by_text("Action recorded.")).to_be_visible()
    expect(page.locator("#asb-actions")).to_contain_text(
        f"{_shown(after)}: Warning (directed at {PERPETRATOR})"
    )

    # The list shows the case first, tagged high risk.
    page.get_by_role("link", name="ASB", exact=True).click()
    first = page.locator("#asb-cases tbody tr").first
    expect(first).to_contain_text(reference)
    expect(first).to_contain_text("High risk")
    assert errors == []

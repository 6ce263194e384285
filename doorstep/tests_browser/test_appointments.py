"""An officer's appointment journey, in a real browser (ADR 5): book a visit for a job, move
it (telling the resident through Doorstep: the outbox notifier), record it attended with the
works completed, then verify the commitment covering the job on the commitments page. The
case's timeline shows each step and the message.

The server is the staff journey's (`test_staff_journey.py`), seeded with a job and a
commitment for it (`seed_appointments.py`). It runs on today's clock, so the visit is booked
for today (morning) and moved to this afternoon: a visit cannot be booked in the past, nor
recorded attended before its day.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from doorstep.tests_browser.test_staff_journey import ROOT, _free_port, _run, _wait_for, sign_in
from doorstep.tests_browser.test_staff_journey import browser as browser  # the fixtures
from doorstep.tests_browser.test_staff_journey import page as page
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.browser
EMAIL = "grace@example.org"


@dataclass(frozen=True)
class Server:
    url: str
    var_dir: Path
    case: str
    job: str
    commitment: int


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    var_dir = tmp_path_factory.mktemp("doorstep-var")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DOORSTEP_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="doorstep.settings.dev",
        DOORSTEP_NOTIFIER="outbox",
        PYTHONUNBUFFERED="1",
    )
    python = sys.executable
    _run([python, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    seed = "from doorstep.tests_browser.seed_appointments import main; main()"
    seeded = _run([python, "manage.py", "shell", "-c", seed], env)
    references = json.loads(seeded.strip().splitlines()[-1])
    _run(["bash", "scripts/build-frontend"], env)
    port = _free_port()
    log = var_dir / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(f"{url}/healthz", process, log)
        yield Server(
            url=url,
            var_dir=var_dir,
            case=references["case"],
            job=references["job"],
            commitment=references["commitment"],
        )
    finally:
        process.terminate()
        process.wait(timeout=10)


def _fill_date(tab, prefix: str, day: dt.date) -> None:
    tab.locator(f"#id_{prefix}_0").fill(str(day.day))  # GOV.UK's date input: day, month, year
    tab.locator(f"#id_{prefix}_1").fill(str(day.month))
    tab.locator(f"#id_{prefix}_2").fill(str(day.year))


def test_an_officer_books_moves_and_records_a_visit_then_verifies_the_work(page, server):
    from playwright.sync_api import expect

    today = dt.datetime.now(LONDON).date()
    sign_in(page)
    page.goto(f"/cases/{server.case}/")
    expect(page.get_by_role("heading", name="Appointments")).to_be_visible()

    # Book a visit for the job, this morning.
    page.get_by_role("button", name="Book an appointment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an appointment")
    page.get_by_label("Job", exact=True).select_option(server.job)
    _fill_date(page, "date", today)
    page.get_by_label("Morning (8am to 1pm)").check()
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("booked.")
    card = page.locator('[id^="appointment-APT-"]').first
    expect(card).to_contain_text("Booked")
    reference = card.get_attribute("id").removeprefix("appointment-")

    # Move it to this afternoon; the landlord tells the resident through Doorstep.
    card.get_by_role("link", name=f"Move {reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Move the appointment")
    _fill_date(page, "date", today)
    page.get_by_label("Afternoon (12pm to 6pm)").check()
    page.get_by_label("The landlord (or its contractor)").check()
    page.get_by_label("Yes").check()
    page.get_by_label("Send a message through Doorstep now").check()
    page.get_by_label("Resident's email address or mobile number").fill(EMAIL)
    page.get_by_label("Why was it moved? (optional)").fill("The plumber is running late")
    page.get_by_role("button", name="Move it").click()
    card = page.locator(f"#appointment-{reference}")
    expect(card).to_contain_text("Moved")
    expect(card).to_contain_text("outbox: stored")

    # Record it attended: the works completed (the contractor's word: a claim).
    card.get_by_role("link", name=f"Record attendance {reference}").click()
    page.get_by_label("Completed", exact=True).check()
    page.get_by_role("button", name="Record it").click()
    expect(page.locator(f"#appointment-{reference}")).to_contain_text("Attended")

    # The commitment for the job is claimed done, not kept: verify it on the commitments page.
    page.goto(f"/commitments/{server.commitment}/")
    expect(page.locator("main")).to_contain_text(
        f"A member of staff says job {server.job} is done (a claim until verified)"
    )
    expect(page.locator("main")).to_contain_text("Checked\tNot yet")
    page.get_by_label("Post-inspection").check()
    page.get_by_label("Confirmed done").check()
    page.get_by_label("Evidence").fill("Inspected: new washer fitted, no leak")
    page.get_by_role("button", name="Record the check").click()
    expect(page.locator("body")).to_contain_text("Kept")

    # The case's timeline shows every step, and the message.
    page.goto(f"/cases/{server.case}/")
    timeline = page.locator("#timeline ~ ol.app-timeline")
    expect(timeline).to_contain_text(f"Appointment {reference} booked for {server.job}")
    expect(timeline).to_contain_text(f"Appointment {reference} moved by the landlord")
    expect(timeline).to_contain_text(f"Message to {EMAIL} (outbox, stored)")
    expect(timeline).to_contain_text(f"Appointment {reference} attended: completed")
    expect(timeline).to_contain_text(f"says job {server.job} is done (a claim until verified)")
    expect(timeline).to_contain_text(f"Job {server.job} checked (post-inspection): confirmed done")
    page.screenshot(path=str(server.var_dir / "appointments.png"), full_page=True)
    assert page.errors == []

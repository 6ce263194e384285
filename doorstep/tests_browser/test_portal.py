"""The residents' portal, in a real browser (ADR 5, issue 9): a resident signs in, reports damp
and mould with a photo and sees the date its investigation will be judged by, reads the notice
of a moved appointment (and finds it in the outbox), confirms work the contractor says is
done, makes a complaint in her own words and takes an answered one to stage 2; she cannot
reach another household's case by changing the address; her support worker sees only what
the consent allows. axe-core (from its npm package) checks every portal page on the way, and
must find nothing.

The server is the portal's own, seeded by `seed_portal.py`, on today's clock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from doorstep.tests_browser.seed_portal import PASSWORD, RESIDENT, WORKER
from doorstep.tests_browser.test_staff_journey import ROOT, _free_port, _run, _wait_for
from doorstep.tests_browser.test_staff_journey import browser as browser  # the fixture

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass(frozen=True)
class Server:
    url: str
    var_dir: Path
    refs: dict[str, str]
    env: dict[str, str]

    def staff_answer(self, reference: str) -> None:
        """The landlord answers the complaint at stage 1 (in the server's database)."""
        code = f"from doorstep.tests_browser.seed_portal import answer; answer({reference!r})"
        _run([sys.executable, "manage.py", "shell", "-c", code], self.env)


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
    seed = "from doorstep.tests_browser.seed_portal import main; main()"
    refs = json.loads(
        _run([python, "manage.py", "shell", "-c", seed], env).strip().splitlines()[-1]
    )
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
        yield Server(url=url, var_dir=var_dir, refs=refs, env=env)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _tab(browser, server):
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    # What the Content Security Policy refused (Chromium says so on the console): nothing may be.
    tab.refused = []
    tab.on("console", lambda m: "Content Security Policy" in m.text and tab.refused.append(m.text))
    return context, tab


def accessible(tab) -> None:
    """axe-core's whole rule set on the page as it stands: no violation; and nothing on it
    (or any page before it) refused by the Content Security Policy."""
    # Evaluated through the browser's tools: a script tag would itself be inline code that the
    # page's policy (rightly) refuses.
    tab.evaluate(AXE.read_text())
    found = tab.evaluate("async () => (await axe.run(document)).violations")
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found
    ]
    assert problems == [], f"axe on {tab.url}:\n" + "\n".join(problems)
    assert tab.refused == []


def sign_in(tab, contact: str) -> None:
    tab.goto("/portal/")
    assert "/portal/sign-in/" in tab.url
    accessible(tab)
    tab.get_by_label("Email address or mobile number").fill(contact)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()


def test_a_resident_reports_follows_confirms_complains_and_escalates(browser, server):
    from playwright.sync_api import expect

    context, tab = _tab(browser, server)
    sign_in(tab, RESIDENT)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Your home")
    accessible(tab)

    # Damp and mould, with a photo: the case opens and shows the investigation's date.
    tab.get_by_role("button", name="Report a problem in your home").click()
    accessible(tab)
    tab.get_by_label("Damp or mould").check()
    tab.get_by_label("Where in your home?").fill("Back bedroom")
    tab.get_by_label("What is wrong?").fill("Black mould behind the wardrobe.")
    tab.get_by_label("When can we get in? (optional)").fill("Weekday mornings")
    tab.get_by_label("Photos (optional)").set_input_files(
        [{"name": "mould.png", "mimeType": "image/png", "buffer": PNG}]
    )
    tab.get_by_role("button", name="Send the report").click()
    expect(tab.locator(".govuk-notification-banner")).to_contain_text("We have your report.")
    expect(tab.get_by_text("We will investigate the problem by")).to_be_visible()
    expect(tab.get_by_role("link", name="Photo 1 sent with the report (mould.png)")).to_be_visible()
    accessible(tab)

    # The appointment the landlord moved, and its notice in the outbox.
    moved = dt.date.fromisoformat(server.refs["moved_to"])
    tab.goto(f"/portal/cases/{server.refs['hazard']}/")
    expect(
        tab.get_by_text(f"The appointment was moved to {moved.day} {moved:%B %Y}.")
    ).to_be_visible()
    accessible(tab)
    with sqlite3.connect(server.var_dir / "doorstep.sqlite3") as db:
        sent = db.execute(
            'SELECT text FROM appointments_outboxmessage WHERE "to" = ?', (RESIDENT,)
        ).fetchall()
    assert any(f"{moved.day}" in text for (text,) in sent), sent

    # The contractor says the tap is done: she confirms it.
    tab.goto(f"/portal/cases/{server.refs['repair']}/")
    tab.get_by_role("link", name="Replace the kitchen tap").click()
    accessible(tab)
    tab.get_by_label("Yes, it is done").check()
    tab.get_by_role("button", name="Send my answer").click()
    expect(tab.locator(".govuk-notification-banner")).to_contain_text("recorded your answer")
    expect(tab.get_by_role("cell", name="Done", exact=True)).to_be_visible()

    # A complaint in her own words.
    tab.goto("/portal/tell/")
    accessible(tab)
    tab.get_by_label("What do you want to tell us?").fill(
        "I am unhappy: nobody has called me back about the mould."
    )
    tab.get_by_role("button", name="Send").click()
    expect(tab.locator(".govuk-notification-banner")).to_contain_text("We have your complaint.")
    expect(tab.get_by_text("We will acknowledge your complaint by")).to_be_visible()
    accessible(tab)
    made = tab.url.rstrip("/").rsplit("/", 1)[-1]

    # Before stage 1 is answered she is told when it is due; once answered, it goes to stage 2.
    tab.get_by_role("link", name="Ask for stage 2").click()
    accessible(tab)
    tab.get_by_label("Why are you still unhappy?").fill("Nobody has called me.")
    tab.get_by_role("button", name="Ask for stage 2").click()
    expect(tab.locator(".govuk-error-summary")).to_contain_text("our response is due by")
    accessible(tab)
    server.staff_answer(made)
    tab.goto(f"/portal/cases/{made}/")
    expect(tab.get_by_text("We sent our stage 1 response.")).to_be_visible()
    tab.get_by_role("link", name="Ask for stage 2").click()
    tab.get_by_label("Why are you still unhappy?").fill("Nobody has called me since.")
    tab.get_by_role("button", name="Ask for stage 2").click()
    expect(tab.locator(".govuk-notification-banner")).to_contain_text("gone to stage 2")
    expect(tab.get_by_text("Your complaint went to stage 2.")).to_be_visible()
    expect(tab.get_by_text("We will respond to your stage 2 complaint by")).to_be_visible()
    accessible(tab)

    # Another household's case, by changing the address: not found.
    response = tab.goto(f"/portal/cases/{server.refs['theirs']}/")
    assert response is not None and response.status == 404
    for path in (
        "/portal/details/",
        "/portal/details/contact/",
        "/portal/details/help/",
        "/portal/details/share/",
        "/portal/anti-social-behaviour/",
    ):
        tab.goto(path)
        accessible(tab)
    tab.goto(f"/portal/cases/{server.refs['hazard']}/")
    tab.get_by_role("link", name="This does not suit me").click()
    accessible(tab)
    tab.goto("/portal/")
    tab.get_by_role("button", name="Sign out").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("You have signed out")
    accessible(tab)
    context.close()


def test_the_pages_before_signing_in_are_accessible(browser, server):
    from playwright.sync_api import expect

    context, tab = _tab(browser, server)
    tab.goto("/portal/register/")
    accessible(tab)
    tab.get_by_role("button", name="Send me a code").click()  # empty: the errors, accessible
    expect(tab.locator(".govuk-error-summary")).to_be_visible()
    accessible(tab)
    tab.get_by_label("Tenancy reference").fill("TEN-1999-000001")
    tab.get_by_label("Email address or mobile number").fill("nobody@example.org")
    tab.get_by_role("button", name="Send me a code").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Enter your code and choose a password"
    )
    accessible(tab)
    response = tab.goto("/portal/invitation/not-a-token-we-sent/")
    assert response is not None and response.status == 410
    accessible(tab)
    context.close()


def test_a_representative_sees_only_what_the_consent_allows(browser, server):
    from playwright.sync_api import expect

    context, tab = _tab(browser, server)
    sign_in(tab, WORKER)
    expect(tab.get_by_text("acting for this household")).to_be_visible()
    expect(tab.get_by_role("link", name="Leaking tap")).to_be_visible()
    expect(tab.get_by_role("link", name="Nobody came back")).to_have_count(0)
    accessible(tab)
    response = tab.goto(f"/portal/cases/{server.refs['complaint']}/")
    assert response is not None and response.status == 404
    response = tab.goto("/portal/tell/")
    assert response is not None and response.status == 403
    context.close()

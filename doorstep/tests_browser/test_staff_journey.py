"""A housing officer's journey through the staff UI, in a real browser.

Doorstep runs as a person would run it (ADR 0005): migrate, load a record, build the
stylesheet, `manage.py runserver` on a free loopback port, all inside a temporary
DOORSTEP_VAR_DIR with its own SQLite file. Playwright drives Debian's Chromium. A missing
Chromium fails the test: a skipped browser test would hide a broken UI.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from doorstep.tests_browser.world import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOTE = "Visited with the plumber; the washer is replaced and the drip has stopped."

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Server:
    url: str
    var_dir: Path
    household: str
    case: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _wait_for(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"The server stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if json.load(response) == {"status": "ok"}:
                    return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"The server did not answer {url} within 60 seconds:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    var_dir = tmp_path_factory.mktemp("doorstep-var")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DOORSTEP_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="doorstep.settings.dev",
        PYTHONUNBUFFERED="1",
    )
    python = sys.executable
    _run([python, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    seeded = _run(
        [
            python,
            "manage.py",
            "shell",
            "-c",
            "from doorstep.tests_browser.seed import main; main()",
        ],
        env,
    )
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
            url=url, var_dir=var_dir, household=references["household"], case=references["case"]
        )
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Debian's Chromium is not installed at {CHROMIUM}: "
            "run `apt-get install chromium` (scripts/check does)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def sign_in(page) -> None:
    page.goto("/")
    assert "/sign-in/" in page.url
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_officer_finds_a_household_opens_a_case_and_adds_a_note(page, server):
    from playwright.sync_api import expect

    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the record")
    page.get_by_label("Search for a household, property or case").fill("Okafor")
    page.get_by_role("button", name="Search").click()

    page.get_by_role("link", name=server.household).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1 Elm Court, Birmingham, B12 9QT")
    expect(page.get_by_text("Grace Okafor (Pregnancy)")).to_be_visible()
    page.screenshot(path=str(server.var_dir / "household-page.png"), full_page=True)

    page.get_by_role("link", name=server.case).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kitchen tap leaking")
    page.get_by_label("Add a note").fill(NOTE)
    page.get_by_role("button", name="Add note").click()

    expect(page.locator("#timeline ~ ol.app-timeline li").last).to_contain_text(NOTE)
    expect(page.get_by_text("Note added to the timeline.")).to_be_visible()
    page.screenshot(path=str(server.var_dir / "case-page.png"), full_page=True)
    assert page.errors == []


def test_the_page_is_styled_by_govuk_frontend_without_crown_or_gds_font(page, server):
    from playwright.sync_api import expect

    sign_in(page)
    # The module script ran: GOV.UK Frontend's components are initialised.
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    expect(page.locator(".govuk-service-navigation")).to_be_visible()
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "arial" in font.lower() and "GDS Transport" not in font
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-button')).backgroundColor"
    )
    assert colour != "rgba(0, 0, 0, 0)"  # the stylesheet loaded
    assert page.locator(".govuk-header__logotype, .govuk-footer__crown").count() == 0
    page.screenshot(path=str(server.var_dir / "home-page.png"), full_page=True)
    assert page.errors == []


def test_the_skip_link_is_the_first_stop_for_the_keyboard(page, server):
    from playwright.sync_api import expect

    sign_in(page)
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "govuk-skip-link" in focused
    expect(page.locator(".govuk-skip-link")).to_be_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab continues from the main content, past the header's links.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_the_api_documentation_works_under_the_content_security_policy(page, server):
    """Swagger UI (ninja's, from its own static files) draws every operation, and the strict
    policy refuses nothing on the page (every refusal is a console error)."""
    from playwright.sync_api import expect

    page.goto("/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=30_000)
    assert page.locator(".opblock").count() > 50
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    assert page.errors == []

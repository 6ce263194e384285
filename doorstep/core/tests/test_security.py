"""The security baseline (docs/security.md): production settings Django's deployment check
passes, the Content Security Policy on every response with nothing inline to break it, the
session's idle and absolute limits, and logs that carry a request id and no personal data."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from pythonjsonlogger.json import JsonFormatter

from doorstep.core.logs import RequestIdFilter
from doorstep.core.middleware import RENEW_EVERY_SECONDS, RENEWED_AT, SIGNED_IN_AT
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import build_world

ROOT = Path(__file__).resolve().parents[3]


def _production(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "doorstep.settings.production",
        "ALLOWED_HOSTS": "doorstep.example.org",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_check_with_no_warning():
    done = _production(DJANGO_SECRET_KEY="a" * 20 + "-production-grade-secret-" + "b" * 30)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_production_settings_refuse_to_start_without_a_real_secret():
    done = _production(DJANGO_SECRET_KEY="")
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY must be set to a real secret in production." in done.stderr


@pytest.fixture
def world(db, at):
    return build_world(at=at)


@pytest.fixture
def officer(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    return client


def _directives(header: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sign-in/", "/portal/sign-in/", "/healthz", "/api/v1/cases"])
def test_every_response_carries_the_strict_content_security_policy(client, path):
    policy = _directives(client.get(path)["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_a_signed_in_page_carries_it_too(officer):
    response = officer.get("/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


INLINE = {
    "an inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"),
    "a style element": re.compile(r"<style\b"),
    "a style attribute": re.compile(r"\sstyle\s*="),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']"),
    "a javascript: link": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_has_anything_inline_that_the_policy_would_block():
    templates = sorted((ROOT / "doorstep").glob("*/templates/**/*.html"))
    assert len(templates) > 50
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in templates
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]
    assert found == []


def test_the_checker_would_see_an_inline_script():
    assert INLINE["an inline script"].search('<script>alert("x")</script>')
    assert INLINE["an event handler attribute"].search('<a onclick="go()">')
    assert not INLINE["an inline script"].search('<script type="module" src="/s.mjs"></script>')


def test_cookies_are_out_of_scripts_reach_and_stay_on_this_site():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == settings.CSRF_COOKIE_SAMESITE == "Lax"


def test_a_session_ends_after_30_minutes_unused_and_use_renews_it(officer):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    officer.get("/")
    key = officer.cookies[settings.SESSION_COOKIE_NAME].value
    first = Session.objects.get(session_key=key).expire_date
    assert timezone.now() + timezone.timedelta(minutes=29) < first
    assert first <= timezone.now() + timezone.timedelta(minutes=30)

    # Within the minute: not written again (a busy page costs no session write).
    officer.get("/")
    assert Session.objects.get(session_key=key).expire_date == first

    # A minute on: the use renews it.
    session = officer.session
    session[RENEWED_AT] = time.time() - RENEW_EVERY_SECONDS
    session.save()
    written = Session.objects.get(session_key=key).expire_date
    time.sleep(0.01)
    officer.get("/")
    assert Session.objects.get(session_key=key).expire_date > written


def test_a_session_ends_12_hours_after_sign_in_however_busy(officer):
    session = officer.session
    assert time.time() - 5 < session[SIGNED_IN_AT] <= time.time()  # stamped at sign-in
    session[SIGNED_IN_AT] = time.time() - 12 * 3600 + 60
    session.save()
    assert officer.get("/").status_code == 200

    session = officer.session
    session[SIGNED_IN_AT] = time.time() - 12 * 3600 - 1
    session.save()
    response = officer.get("/", follow=True)
    assert response.redirect_chain[0][0].startswith("/sign-in/")
    assert "a session lasts no more than 12 hours" in response.content.decode()
    assert officer.get("/").status_code == 302


@pytest.fixture
def json_log():
    """The request log as production writes it: JSON, through the request id filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    formatters = cast(dict, settings.LOGGING)["formatters"]
    options = {k: v for k, v in formatters["json"].items() if k != "()"}
    handler.setFormatter(JsonFormatter(**options))
    logger = logging.getLogger("doorstep.requests")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_each_request_is_one_json_line_with_its_id_and_no_personal_data(officer, world, json_log):
    household = world.household
    response = officer.get(f"/households/{household.reference}/?q=Okafor")
    assert response.status_code == 200
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == response["X-Request-Id"]
    assert line["route"] == "/households/<str:reference>/"
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["user_id"] == world.users[Role.HOUSING_OFFICER].pk
    assert line["level"] == "INFO"
    text = json_log.getvalue()
    assert household.reference not in text
    assert "Okafor" not in text


EMAIL = "grace.okafor@example.org"


def test_an_unhandled_error_is_logged_with_its_traceback_by_pattern(officer, json_log, monkeypatch):
    from doorstep.core import views

    def broken(*args, **kwargs):
        raise RuntimeError(f"duplicate key: (email)=({EMAIL})")

    officer.raise_request_exception = False
    monkeypatch.setattr(views, "render", broken)
    response = officer.get("/")
    assert response.status_code == 500
    records = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert records[0]["message"] == "Unhandled RuntimeError on GET /"
    assert "in broken" in records[0]["traceback"]
    assert records[1]["status"] == 500 and records[1]["level"] == "ERROR"
    assert records[0]["request_id"] == records[1]["request_id"] == response["X-Request-Id"]
    # The error's message (which may quote what the database refused) is not logged.
    assert EMAIL not in json_log.getvalue()


def test_a_refusal_or_a_page_not_found_is_one_info_line_not_an_error(officer, world, json_log):
    assert officer.get("/cases/CASE-1999-999999/").status_code == 404
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert [(line["level"], line["status"]) for line in lines] == [("INFO", 404)]


@pytest.mark.parametrize(
    "address", ["/?q=Ok%00afor", "/cases/CASE%00/", "/api/v1/properties?q=%00"]
)
def test_a_nul_character_in_the_address_is_a_bad_request_never_a_server_error(officer, address):
    response = officer.get(address)
    assert response.status_code == 400
    if address.startswith("/api/"):
        assert response.json()["error"]["code"] == "bad_request"
    assert "NUL character" in response.content.decode()

"""The page furniture, the health check and the home page's search."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from doorstep.staff.roles import Role
from doorstep.tests_browser.world import build_world


@pytest.fixture
def world(db, at):
    return build_world(at=at)


@pytest.fixture
def officer(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    return client


@pytest.mark.django_db
def test_healthz_answers_without_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_home_sends_a_stranger_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in"))


def test_base_template_is_govuk_without_the_crown(officer, settings):
    html = officer.get("/").content.decode()
    assert '<html lang="en-GB" class="govuk-template">' in html
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html
    assert settings.DOORSTEP_LANDLORD_NAME in html
    assert "govuk-generic-header" in html
    assert "crown" not in html.lower()
    assert "Open Government Licence" not in html
    assert 'src="/static/core/doorstep.mjs"' in html and 'type="module"' in html
    assert "/static/build/doorstep.css" in html
    # No inline script: the Content Security Policy will forbid it.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_search_is_the_current_page_in_the_navigation(officer):
    html = officer.get("/").content.decode()
    assert re.search(r'href="/"\s+aria-current="page"', html)
    assert 'action="/sign-out/"' in html


@pytest.mark.parametrize(
    "query",
    ["Okafor", "HH-2024-000001", "1 Elm Court", "B12 9QT", "100070512345", "HS-0042"],
)
def test_search_finds_the_household_by_name_reference_address_postcode_uprn_alias(
    officer, world, query
):
    html = officer.get("/", {"q": query}).content.decode()
    assert f'href="/households/{world.household.reference}/"' in html


def test_search_finds_properties_and_cases(officer, world):
    html = officer.get("/", {"q": "Elm Court"}).content.decode()
    assert world.block.reference in html
    html = officer.get("/", {"q": world.case.reference}).content.decode()
    assert f'href="/cases/{world.case.reference}/"' in html


def test_a_contractor_searches_only_its_own_cases(client, world):
    client.force_login(world.users[Role.CONTRACTOR])
    html = client.get("/", {"q": "Elm"}).content.decode()
    assert "Households" not in html and "Properties" not in html
    html = client.get("/", {"q": world.other_firms_case.reference}).content.decode()
    assert f'href="/cases/{world.other_firms_case.reference}/"' not in html
    assert "No cases match." in html
    html = client.get("/", {"q": world.case.reference}).content.decode()
    assert f'href="/cases/{world.case.reference}/"' in html


def test_search_with_no_match_says_so(officer):
    html = officer.get("/", {"q": "Nowhere Street"}).content.decode()
    assert "No households match." in html

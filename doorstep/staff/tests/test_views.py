"""Signing in and out, and the throttle on failed sign-ins (django-axes, ADR 0003)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def officer(db):
    return staff_create(username="officer", password=PASSWORD, role=Role.HOUSING_OFFICER)


def test_sign_in_page_renders(client, db):
    response = client.get(reverse("staff:sign-in"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="govuk-label" for="id_username">Username</label>' in html
    assert 'autocomplete="current-password"' in html


def test_sign_in_then_home(client, officer):
    response = client.post(reverse("staff:sign-in"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_wrong_password_shows_the_error_summary(client, officer):
    response = client.post(reverse("staff:sign-in"), {"username": "officer", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter a correct username and password." in html
    assert "<title>Error: Sign in" in html


def test_blank_fields_link_to_each_field(client, db):
    html = client.post(reverse("staff:sign-in"), {}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


def test_sign_in_is_locked_for_15_minutes_after_5_failures(client, officer):
    for _ in range(4):
        response = client.post(reverse("staff:sign-in"), {"username": "officer", "password": "x"})
        assert response.status_code == 200
    response = client.post(reverse("staff:sign-in"), {"username": "officer", "password": "x"})
    assert response.status_code == 429
    # Locked: even the right password is refused now.
    response = client.post(reverse("staff:sign-in"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "Your account is locked for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post(client, officer):
    client.force_login(officer)
    assert client.get(reverse("staff:sign-out")).status_code == 405
    response = client.post(reverse("staff:sign-out"))
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:sign-in")
    assert client.get("/").status_code == 302

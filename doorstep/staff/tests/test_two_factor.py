"""Two-factor sign-in (ADR 21): a code from an authenticator app after the password; required
(when the policy says so) of every role that reads special category detail, available to all."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstep.staff.roles import Role
from doorstep.staff.services import api_token_create, staff_create
from doorstep.staff.twofactor import CODE_WRONG

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def required(settings):
    settings.DOORSTEP_TWO_FACTOR = "required"


@pytest.fixture
def officer(db):
    return staff_create(username="officer", password=PASSWORD, role=Role.HOUSING_OFFICER)


@pytest.fixture
def coordinator(db):
    return staff_create(username="coordinator", password=PASSWORD, role=Role.REPAIRS_COORDINATOR)


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("staff:sign-in"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code(device: TOTPDevice, steps_on: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_on * device.step
    return f"{totp.token():06d}"


def set_up(client: Client, user) -> TOTPDevice:
    page = client.get(reverse("staff:two-factor"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("staff:two-factor"), {"code": code(device), "next": "/"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_role_reading_special_category_detail_must_set_up_an_app_first(required, officer):
    client = sign_in("officer")
    response = client.get(reverse("core:home") + "?q=Elm")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:two-factor") + "?next=%2F%3Fq%3DElm"
    # Nothing else either, a page or a form.
    assert client.get(reverse("commitments:list")).status_code == 302
    assert client.post(reverse("commitments:list")).status_code == 302

    page = client.get(response["Location"]).content.decode()
    assert "you must set up an authenticator app before you go on" in page
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    key = page.split('<code id="secret">')[1].split("</code>")[0].replace(" ", "")
    assert device.config_url.split("secret=")[1].startswith(key)
    # Reloading the page keeps the same key (the app may already have scanned it).
    client.get(reverse("staff:two-factor"))
    assert TOTPDevice.objects.get(user=officer, confirmed=False).pk == device.pk

    done = client.post(
        reverse("staff:two-factor"), {"code": code(device), "next": "/?q=Elm"}, follow=True
    )
    assert done.redirect_chain[0][0] == "/?q=Elm"
    assert "Your authenticator app is set up." in done.content.decode()
    assert client.get(reverse("commitments:list")).status_code == 200


def test_a_wrong_code_is_refused_on_the_field_and_sets_nothing_up(required, officer):
    client = sign_in("officer")
    client.get(reverse("staff:two-factor"))
    device = TOTPDevice.objects.get(user=officer)
    wrong = str((int(code(device)) + 1) % 1_000_000).zfill(6)
    page = client.post(reverse("staff:two-factor"), {"code": wrong}).content.decode()
    assert CODE_WRONG in page
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    assert client.get(reverse("commitments:list")).status_code == 302


def test_with_an_app_set_up_every_sign_in_asks_for_a_fresh_code(required, officer):
    device = set_up(sign_in("officer"), officer)
    used = code(device)  # the code just used to set it up

    client = sign_in("officer")
    response = client.get(reverse("commitments:list"))
    assert response["Location"] == reverse("staff:two-factor-code") + "?next=%2Fcommitments%2F"
    # The code already used is refused (no replay within its 30 seconds)...
    refused = client.post(reverse("staff:two-factor-code"), {"code": used, "next": "/commitments/"})
    assert CODE_WRONG in refused.content.decode()
    # ...the next one is taken (after the wait a wrong code costs).
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    fresh_code = code(device, steps_on=1)
    fresh = client.post(
        reverse("staff:two-factor-code"), {"code": fresh_code, "next": "/commitments/"}
    )
    assert fresh["Location"] == "/commitments/"
    assert client.get(reverse("commitments:list")).status_code == 200


def test_the_next_page_must_be_doorsteps_own(required, officer):
    device = set_up(sign_in("officer"), officer)
    client = sign_in("officer")
    response = client.post(
        reverse("staff:two-factor-code"),
        {"code": code(device, steps_on=1), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_other_roles_may_set_an_app_up_and_are_then_asked_for_codes(required, coordinator):
    client = sign_in("coordinator")
    assert client.get(reverse("commitments:list")).status_code == 200  # not required
    page = client.get(reverse("staff:two-factor")).content.decode()
    assert "you must set up" not in page
    set_up(client, coordinator)
    again = sign_in("coordinator")
    assert again.get(reverse("commitments:list"))["Location"].startswith(
        reverse("staff:two-factor-code")
    )


def test_when_only_available_no_one_is_made_to(settings, officer):
    settings.DOORSTEP_TWO_FACTOR = "available"
    assert sign_in("officer").get(reverse("commitments:list")).status_code == 200


def test_a_lost_phone_is_reset_by_command_and_set_up_anew(required, officer, coordinator):
    on_lost_phone = sign_in("officer")
    set_up(on_lost_phone, officer)
    assert on_lost_phone.get("/").status_code == 200
    elsewhere = sign_in("coordinator")
    out = StringIO()
    call_command("two_factor_reset", "officer", stdout=out)
    assert out.getvalue().strip() == (
        "Removed 1 authenticator app(s) from officer and ended 1 session(s) they had open."
    )
    # The session on the lost phone is over; someone else's is not.
    assert on_lost_phone.get("/")["Location"].startswith(reverse("staff:sign-in"))
    assert elsewhere.get("/").status_code == 200
    assert sign_in("officer").get("/")["Location"].startswith(reverse("staff:two-factor"))


def test_the_api_takes_its_own_token_without_a_code(required, officer):
    set_up(sign_in("officer"), officer)
    _, token = api_token_create(user=officer, name="tests", at=timezone.now())
    response = Client().get("/api/v1/cases", headers={"authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_signing_out_is_always_possible(required, officer):
    client = sign_in("officer")
    assert client.post(reverse("staff:sign-out"))["Location"] == reverse("staff:sign-in")

"""The access log: every request refused to a known person is kept, with who asked, for what,
through which door; the reads of special category detail beside it; both for managers and the
auditor, and neither can be changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorstep.audit.models import AccessRefusal
from doorstep.portal.tests.test_portal import home, resident_client
from doorstep.staff.roles import Role
from doorstep.staff.services import api_token_create
from doorstep.testing.factories import CaseFactory
from doorstep.tests_browser.world import build_world
from doorstep.vulnerabilities.models import SpecialCategoryAccess


@pytest.fixture
def world(db, at):
    return build_world(at=at)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_contractor_asking_for_another_firms_case_is_told_not_found_and_it_is_kept(world):
    contractor = world.users[Role.CONTRACTOR]
    reference = world.other_firms_case.reference
    response = _client(contractor).get(reverse("cases:case", args=[reference]))
    assert response.status_code == 404
    refusal = AccessRefusal.objects.get()
    assert refusal.user == contractor
    assert refusal.via == "page"
    assert refusal.status == 404
    assert refusal.method == "GET"
    assert refusal.route == "/cases/<str:reference>/"
    assert refusal.asked_for == {"reference": reference}
    assert str(refusal.request_id) == response["X-Request-Id"]


def test_the_same_through_the_api(world, at):
    contractor = world.users[Role.CONTRACTOR]
    _, token = api_token_create(user=contractor, name="firm's system", at=at)
    reference = world.other_firms_case.reference
    response = Client().get(
        f"/api/v1/cases/{reference}", headers={"authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404
    refusal = AccessRefusal.objects.get()
    assert (refusal.user, refusal.via, refusal.status) == (contractor, "api", 404)
    assert refusal.route == "/api/v1/cases/<reference>"
    assert refusal.asked_for == {"reference": reference}


def test_a_role_without_the_permission_is_refused_and_it_is_kept(world):
    auditor = world.users[Role.AUDITOR]
    url = reverse("cases:add-note", args=[world.case.reference])
    assert _client(auditor).post(url, {"text": "Visited"}).status_code == 403
    refusal = AccessRefusal.objects.get()
    assert (refusal.user, refusal.status, refusal.method) == (auditor, 403, "POST")


@pytest.mark.django_db
def test_a_resident_asking_for_another_households_case_is_told_not_found_and_it_is_kept():
    household, tenant = home(email="mine@example.org")
    other, _ = home(email="theirs@example.org")
    theirs = CaseFactory.create(household=other, title="Noise from next door")
    client = resident_client(household, tenant)
    assert client.get(reverse("portal:case", args=[theirs.reference])).status_code == 404
    refusal = AccessRefusal.objects.get()
    assert refusal.via == "portal"
    assert refusal.route == "/portal/cases/<str:reference>/"
    assert refusal.asked_for == {"reference": theirs.reference}
    assert refusal.user.username.startswith("portal:")


def test_strangers_pages_served_and_urls_that_match_nothing_are_not_refusals(world):
    Client().get(reverse("cases:case", args=[world.case.reference]))  # to sign in
    officer = _client(world.users[Role.HOUSING_OFFICER])
    assert officer.get(reverse("cases:case", args=[world.case.reference])).status_code == 200
    assert officer.get("/no-such-page/").status_code == 404
    Client().get("/api/v1/cases", headers={"authorization": "Bearer not-a-token"})
    assert not AccessRefusal.objects.exists()


def test_the_log_cannot_be_changed_or_deleted(world):
    _client(world.users[Role.CONTRACTOR]).get(
        reverse("cases:case", args=[world.other_firms_case.reference])
    )
    refusal = AccessRefusal.objects.get()
    with pytest.raises(PermissionError):
        refusal.save()
    with pytest.raises(PermissionError):
        refusal.delete()
    for sql in ("UPDATE audit_accessrefusal SET status = 200", "DELETE FROM audit_accessrefusal"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AccessRefusal.objects.get().status == 404


def test_a_manager_reads_who_read_special_category_detail_and_who_was_refused(world):
    manager = world.users[Role.MANAGER]
    client = _client(manager)
    # The manager opens the household page: the register's detail is read, and logged.
    household = client.get(reverse("contacts:household", args=[world.household.reference]))
    assert household.status_code == 200
    read = SpecialCategoryAccess.objects.get()
    _client(world.users[Role.CONTRACTOR]).get(
        reverse("cases:case", args=[world.other_firms_case.reference])
    )

    page = client.get(reverse("audit:access-log")).content.decode()
    assert "1 read of special category detail" in page
    assert read.person.full_name in page and read.person.reference in page
    assert read.purpose in page

    refused = client.get(reverse("audit:access-log") + "?show=refusals").content.decode()
    assert "1 refused request" in refused
    assert world.other_firms_case.reference in refused
    assert "Not found (404)" in refused

    # Narrowed: by whom about, and to a window with nothing in it.
    about = client.get(reverse("audit:access-log") + f"?about={read.person.reference}")
    assert "1 read of special category detail" in about.content.decode()
    before = (timezone.localdate() - dt.timedelta(days=400)).isoformat()
    empty = client.get(reverse("audit:access-log") + f"?since={before}&until={before}")
    assert "No one read special category detail in this window." in empty.content.decode()


def test_a_window_ending_before_it_starts_is_refused_on_the_field(world):
    client = _client(world.users[Role.AUDITOR])
    page = client.get(reverse("audit:access-log") + "?since=2026-12-07&until=2026-12-01")
    assert "The end is before the start" in page.content.decode()
    far = client.get(reverse("audit:access-log") + "?until=9999-12-31&since=0001-01-01")
    assert far.status_code == 200
    assert far.content.decode().count("Give a day from 2000 to 2099") >= 2


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_only_managers_and_the_auditor_read_the_access_log(world, role):
    response = _client(world.users[role]).get(reverse("audit:access-log"))
    assert response.status_code == (200 if role in (Role.MANAGER, Role.AUDITOR) else 403)


def test_a_gates_refusal_is_kept_too_and_carries_the_policy(world):
    """The portal's boundary refuses a member of staff before the URL is resolved."""
    officer = _client(world.users[Role.HOUSING_OFFICER])
    response = officer.post(reverse("portal:case", args=[world.case.reference]))
    assert response.status_code == 403
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    refusal = AccessRefusal.objects.get()
    assert (refusal.status, refusal.via, refusal.route) == (
        403,
        "portal",
        "/portal/cases/<str:reference>/",
    )
    assert refusal.asked_for == {"reference": world.case.reference}


def test_a_secret_in_the_url_is_never_kept(world):
    officer = _client(world.users[Role.HOUSING_OFFICER])
    officer.get(reverse("portal:invitation", args=["a-secret-token"]))
    assert not AccessRefusal.objects.filter(asked_for__token="a-secret-token").exists()

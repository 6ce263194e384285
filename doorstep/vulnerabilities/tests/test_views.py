"""Recording a vulnerability from the household page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from doorstep.staff.roles import Role
from doorstep.tests_browser.world import build_world
from doorstep.vulnerabilities.models import Vulnerability
from doorstep.vulnerabilities.services import NO_CONSENT_NO_DETAIL


@pytest.fixture
def world(db, at):
    return build_world(at=at)


def form(world, **overrides):
    data = {
        "person": world.tenant.reference,
        "category": "mobility",
        "source": "third_party",
        "source_detail": "occupational therapist",
        "learned_day": "",
        "learned_month": "",
        "learned_year": "2019",
        "consent_to_record": "yes",
        "detail": "Uses a wheelchair",
        "review_on_day": "",
        "review_on_month": "",
        "review_on_year": "",
    }
    return {**data, **overrides}


def test_record_a_vulnerability_learned_in_a_year(client, world):
    client.force_login(world.users[Role.REPAIRS_COORDINATOR])
    url = reverse("vulnerabilities:add", args=[world.household.reference])
    assert client.get(url).status_code == 200
    response = client.post(url, form(world))
    assert response.status_code == 302
    vulnerability = Vulnerability.objects.get(category="mobility")
    assert (vulnerability.learned_text, vulnerability.source_detail) == (
        "2019",
        "occupational therapist",
    )


def test_detail_without_consent_shows_the_service_s_message_on_the_detail(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("vulnerabilities:add", args=[world.household.reference])
    html = client.post(url, form(world, consent_to_record="no")).content.decode()
    assert f'<a href="#id_detail">{escape(NO_CONSENT_NO_DETAIL)}</a>' in html
    assert not Vulnerability.objects.filter(category="mobility").exists()


def test_a_date_that_is_not_real_is_refused_before_the_service(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("vulnerabilities:add", args=[world.household.reference])
    html = client.post(
        url, form(world, learned_day="31", learned_month="2", learned_year="2021")
    ).content.decode()
    assert '<a href="#id_learned_day">Enter a real date</a>' in html

"""The household page, adding a contact, and opening a case from a contact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from doorstep.cases.services import CONTACT_ALREADY_OPENED
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import ADJUSTMENT_DETAIL, PREGNANCY_DETAIL, build_world
from doorstep.timeline.models import Event
from doorstep.vulnerabilities.models import SpecialCategoryAccess

# 18 today: session, user, permissions (2), the household and its 6 prefetches, register, access
# log, contact log (2), flags, cases, documents. A new section must earn its queries here.
# The running clocks (deadlines.views.household_section) add 34: the policy overrides and
# announced days (2), the household exported as a chronology to replay (20) and the block's
# communal cases exported (12); the exports grow with the people and cases, not the events.
# Issue 8's projection of the clocks is to replace the exports.
# A replay made and kept (ADR 19): 10 or 11 more (see `cases.tests.test_views`).
HOUSEHOLD_PAGE_MAX_QUERIES = 55 + 10


@pytest.fixture
def world(db, at):
    return build_world(at=at)


def page(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("contacts:household", args=[world.household.reference]))
    assert response.status_code == 200
    return response.content.decode()


def test_household_page_shows_the_record(client, world):
    html = page(client, world, Role.HOUSING_OFFICER)
    for text in [
        "1 Elm Court, Birmingham, B12 9QT",
        "Block: Elm Court",
        "Estate: Elm Estate",
        "100070512345",
        "Assured",
        "30 April 2018",
        "£108.25 a week",
        "Grace Okafor",
        "Tobi Okafor",
        "Text message",
        "Not before 10am",
        "Large print",
        "Sam Reid",
        "May act on: Repairs and hazards, Complaints",
        world.case.reference,
        "Black mould is back on the bathroom ceiling.",
        "Tap inspection",
    ]:
        assert text in html, text


def test_the_block_s_communal_case_is_on_each_flat_s_household_page(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    for household in (world.household, world.neighbours):
        html = client.get(reverse("contacts:household", args=[household.reference])).content
        assert f'href="/cases/{world.communal.reference}/"'.encode() in html
        assert b"Communal: Elm Court" in html


def test_repairs_coordinator_sees_the_flag_not_the_detail(client, world):
    html = page(client, world, Role.REPAIRS_COORDINATOR)
    assert "Grace Okafor (Pregnancy)" in html
    assert PREGNANCY_DETAIL not in html
    assert ADJUSTMENT_DETAIL not in html
    assert "Large print" in html
    assert not SpecialCategoryAccess.objects.exists()


def test_showing_the_detail_writes_the_access_log(client, world):
    html = page(client, world, Role.HOUSING_OFFICER)
    assert PREGNANCY_DETAIL in html
    assert ADJUSTMENT_DETAIL in html
    assert "May 2024" in html  # when the landlord learned of it, at the precision recorded
    log = list(SpecialCategoryAccess.objects.all())
    assert [(row.user, row.person, row.purpose) for row in log] == [
        (
            world.users[Role.HOUSING_OFFICER],
            world.tenant,
            f"Household page {world.household.reference}",
        )
    ]


def test_household_page_queries_are_bounded(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("contacts:household", args=[world.household.reference])
    with django_assert_max_num_queries(HOUSEHOLD_PAGE_MAX_QUERIES):
        assert client.get(url).status_code == 200


def test_unknown_household_is_404(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    assert client.get(reverse("contacts:household", args=["HH-1999-000009"])).status_code == 404


def contact_form(**overrides):
    today = timezone.localdate()
    data = {
        "direction": "in",
        "channel": "phone",
        "party": "Grace Okafor",
        "text": "The tap is worse.",
        "occurred_day": today.day,
        "occurred_month": today.month,
        "occurred_year": today.year,
        "occurred_hour": "",
        "occurred_minute": "",
        "case": "",
    }
    return {**data, **overrides}


def test_add_a_contact_at_a_date_and_time(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("contacts:add", args=[world.household.reference])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        contact_form(
            occurred_day=2,
            occurred_month=6,
            occurred_year=2024,
            occurred_hour="09",
            occurred_minute="15",
        ),
    )
    assert response.status_code == 302
    event = Event.objects.filter(kind="contact.in").latest("id")
    household = reverse("contacts:household", args=[world.household.reference])
    assert response["Location"] == f"{household}?added={event.uid}#event-{event.uid}"
    assert event.occurred_text == "2024-06-02T09:15"
    assert event.data == {"from": "Grace Okafor", "text": "The tap is worse."}


def test_add_a_contact_known_only_to_the_month(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("contacts:add", args=[world.household.reference])
    response = client.post(url, contact_form(occurred_day="", occurred_month=3, occurred_year=2021))
    assert response.status_code == 302
    event = Event.objects.filter(kind="contact.in").latest("id")
    assert (event.occurred_text, event.occurred_precision) == ("2021-03", "month")
    html = client.get(reverse("contacts:household", args=[world.household.reference])).content
    assert b"March 2021" in html


def test_add_a_contact_on_a_case_returns_to_the_case(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("contacts:add", args=[world.household.reference])
    url += f"?case={world.case.reference}"
    assert f'value="{world.case.reference}" selected'.encode() in client.get(url).content
    response = client.post(url, contact_form(case=world.case.reference))
    assert response["Location"] == reverse("cases:case", args=[world.case.reference])
    assert Event.objects.filter(kind="contact.in", case=world.case).exists()


def test_a_contact_dated_in_the_future_shows_the_service_s_message(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    url = reverse("contacts:add", args=[world.household.reference])
    response = client.post(
        url,
        contact_form(
            occurred_day=tomorrow.day, occurred_month=tomorrow.month, occurred_year=tomorrow.year
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert '<a href="#id_occurred_day">An event cannot have happened after it was recorded' in html
    assert 'id="id_occurred-error"' in html


def test_a_contact_form_missing_its_words_links_to_the_field(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("contacts:add", args=[world.household.reference])
    html = client.post(url, contact_form(text="", direction="")).content.decode()
    assert '<a href="#id_direction_0">Select whether it was received or sent</a>' in html
    assert '<a href="#id_text">Enter what was said or written</a>' in html


def test_open_a_case_from_a_contact_keeps_the_link(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("contacts:open-case", args=[world.household.reference, world.contact.uid])
    html = client.get(url).content.decode()
    assert "Black mould is back on the bathroom ceiling." in html
    response = client.post(url, {"case_type": "hazard", "title": "Black mould in bathroom"})
    assert response.status_code == 302
    opened = Event.objects.get(kind="case.opened", data__from_event=str(world.contact.uid))
    reference = opened.data["reference"]
    assert response["Location"] == reverse("cases:case", args=[reference])
    case_html = client.get(response["Location"]).content.decode()
    assert "Opened from a contact: “Black mould is back on the bathroom ceiling." in case_html
    household_html = page(client, world, Role.HOUSING_OFFICER)
    assert f'Opened case <a class="govuk-link" href="/cases/{reference}/">' in household_html
    again = client.post(url, {"case_type": "hazard", "title": "Again"}).content.decode()
    assert escape(CONTACT_ALREADY_OPENED.format(reference=reference)) in again
    assert "govuk-error-summary" in again

"""Triage's suggestions on an incoming contact (issue 7): shown to the officer with a link to
the page that acts on each, never applied; only to those allowed to act; vulnerability as its
category alone."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape

from doorstep.cases.services import case_open
from doorstep.contacts.selectors import contact_suggestions
from doorstep.contacts.services import contact_record
from doorstep.contacts.tests.test_views import contact_form
from doorstep.hazards.models import Hazard
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import build_world
from doorstep.timeline.models import Event
from doorstep.timeline.when import When
from doorstep.vulnerabilities.models import Vulnerability

FED_UP = "I'm fed up of waiting for the damp to be sorted. My son is disabled."
SERVICE_REQUEST = "Please can someone come and fix my kitchen tap?"


@pytest.fixture
def world(db, at):
    return build_world(at=at)


def household_html(client, world, role, **query):
    client.force_login(world.users[role])
    url = reverse("contacts:household", args=[world.household.reference])
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def add(world, text, at, case=None):
    return contact_record(
        actor=world.users[Role.HOUSING_OFFICER],
        household=world.household,
        direction="in",
        channel="phone",
        party="Grace Okafor",
        text=text,
        occurred=When.parse("2024-06-02"),
        at=at,
        case=case,
    )


def links(world, contact):
    reference = world.household.reference
    return {
        "complaint": reverse("complaints:receive", args=[reference]) + f"?contact={contact.uid}",
        "hazard": reverse("hazards:report", args=[reference])
        + "?"
        + urlencode({"hazard": "damp_mould", "contact": str(contact.uid)}),
        "vulnerability": reverse("vulnerabilities:add", args=[reference]) + "?category=disability",
    }


def test_the_contact_log_suggests_each_with_its_link(client, world, at):
    contact = add(world, FED_UP, at)
    html = household_html(client, world, Role.HOUSING_OFFICER)
    assert "This may be a complaint: these words express dissatisfaction" in html
    assert "&lsquo;fed up&rsquo;" in html
    assert "Possible hazard: Damp and mould growth" in html
    assert "&lsquo;damp&rsquo;" in html
    assert "Possible vulnerability: Disability." in html
    for url in links(world, contact).values():
        assert f'href="{escape(url)}"' in html, url


def test_a_plain_service_request_suggests_nothing(client, world, at):
    contact = add(world, SERVICE_REQUEST, at)
    html = household_html(client, world, Role.HOUSING_OFFICER, added=str(contact.uid))
    assert SERVICE_REQUEST in html
    assert "This may be a complaint" not in html
    assert "Open a complaint" not in html
    assert "The contact you added" not in html  # no banner without a suggestion
    assert (
        contact_suggestions(
            event=contact, user=world.users[Role.HOUSING_OFFICER], household_reference="x"
        )
        == []
    )


def test_adding_a_contact_lands_on_its_suggestions(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("contacts:add", args=[world.household.reference])
    response = client.post(url, contact_form(text=FED_UP), follow=True)
    html = response.content.decode()
    contact = Event.objects.filter(kind="contact.in").latest("id")
    assert response.redirect_chain[-1][0].endswith(f"?added={contact.uid}#event-{contact.uid}")
    banner = html[html.index("The contact you added") : html.index('id="contacts"')]
    assert "This may be a complaint" in banner
    assert f'href="{escape(links(world, contact)["complaint"])}"' in banner
    assert "Possible vulnerability: Disability." in banner


def test_vulnerability_shows_the_category_only_and_only_to_who_may_record_one(client, world, at):
    add(world, "She is 7 months pregnant and her son is disabled.", at)
    officer = household_html(client, world, Role.HOUSING_OFFICER)
    assert "Possible vulnerability: Disability." in officer
    assert "7 months pregnant&rsquo;" not in officer  # never the words, only the category
    # Pregnancy is already on the register (Grace Okafor): not suggested again.
    assert "Possible vulnerability: Pregnancy." not in officer
    auditor = household_html(client, world, Role.AUDITOR)
    assert "Possible vulnerability" not in auditor
    assert "Possible hazard" not in auditor
    assert "This may be a complaint" not in auditor


def test_each_suggestion_needs_the_permission_of_its_page(world, at):
    contact = add(world, FED_UP, at)
    kinds = {
        role: [
            s.kind
            for s in contact_suggestions(
                event=contact, user=world.users[role], household_reference="HH"
            )
        ]
        for role in (Role.HOUSING_OFFICER, Role.COMPLAINTS_OFFICER, Role.AUDITOR)
    }
    assert kinds[Role.HOUSING_OFFICER] == ["complaint", "hazard", "vulnerability"]
    assert kinds[Role.COMPLAINTS_OFFICER] == ["complaint", "vulnerability"]  # no hazard report
    assert kinds[Role.AUDITOR] == []


def test_a_contact_on_a_complaint_or_hazard_case_is_not_sent_there_again(world, at):
    officer = world.users[Role.HOUSING_OFFICER]
    complaint = case_open(
        actor=officer, case_type="complaint", title="Damp", household=world.household, at=at
    )
    hazard = case_open(
        actor=officer, case_type="hazard", title="Damp", household=world.household, at=at
    )
    on_complaint = Event.objects.select_related("case").get(pk=add(world, FED_UP, at, complaint).pk)
    on_hazard = Event.objects.select_related("case").get(pk=add(world, FED_UP, at, hazard).pk)

    def kinds(event, **kwargs):
        return [
            s.kind
            for s in contact_suggestions(
                event=event, user=officer, household_reference="HH", **kwargs
            )
        ]

    assert kinds(on_complaint) == ["hazard", "vulnerability"]
    assert kinds(on_hazard) == ["complaint", "vulnerability"]
    opened = add(world, FED_UP, at)
    assert kinds(opened, opened_case_type="complaint") == ["hazard", "vulnerability"]
    assert kinds(opened, recorded={"disability"}) == ["complaint", "hazard"]


def test_a_contact_sent_is_never_triaged(world, at):
    sent = contact_record(
        actor=world.users[Role.HOUSING_OFFICER],
        household=world.household,
        direction="out",
        channel="phone",
        party="Grace Okafor",
        text="Sorry you are fed up; the damp survey is booked.",
        occurred=When.parse("2024-06-02"),
        at=at,
    )
    user = world.users[Role.HOUSING_OFFICER]
    assert contact_suggestions(event=sent, user=user, household_reference="HH") == []


def test_the_hazard_link_prefills_the_report(client, world, at):
    contact = add(world, "Black mould in the bedroom, the baby sleeps there.", at)
    client.force_login(world.users[Role.HOUSING_OFFICER])
    html = client.get(links(world, contact)["hazard"]).content.decode()
    assert '<option value="damp_mould" selected>' in html
    assert "Black mould in the bedroom, the baby sleeps there." in html
    # Awareness runs from the contact: its day, 2 June 2024.
    for part, value in (("day", "2"), ("month", "6"), ("year", "2024"), ("hour", "")):
        assert re.search(rf'name="occurred_{part}"[^>]*value="{value}"', html), part
    # Nothing is reported until the officer submits it.
    assert not Hazard.objects.exists()


def test_the_hazard_report_ignores_what_it_cannot_read(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("hazards:report", args=[world.household.reference])
    html = client.get(url, {"hazard": "ghosts", "contact": "not-a-uid"}).content.decode()
    assert "selected>" not in html.split('id="id_hazard"')[1].split("</select>")[0]
    assert client.get(url, {"contact": str(world.contact.uid)}).status_code == 200


def test_the_vulnerability_link_prefills_the_category(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("vulnerabilities:add", args=[world.household.reference])
    html = client.get(url, {"category": "disability"}).content.decode()
    assert '<option value="disability" selected>' in html
    assert not Vulnerability.objects.filter(category="disability").exists()
    assert (
        "selected>"
        not in client.get(url, {"category": "x"})
        .content.decode()
        .split('id="id_category"')[1]
        .split("</select>")[0]
    )


def test_the_complaint_link_preselects_the_contact(client, world, at):
    contact = add(world, FED_UP, at)
    client.force_login(world.users[Role.HOUSING_OFFICER])
    html = client.get(links(world, contact)["complaint"]).content.decode()
    assert re.search(rf'value="{contact.uid}"[^>]*checked', html)


def test_the_household_page_is_no_dearer_with_suggestions(
    client, world, at, django_assert_max_num_queries
):
    from doorstep.contacts.tests.test_views import HOUSEHOLD_PAGE_MAX_QUERIES

    for text in (FED_UP, SERVICE_REQUEST, "No heating and I'm 8 months pregnant."):
        add(world, text, at)
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("contacts:household", args=[world.household.reference])
    with django_assert_max_num_queries(HOUSEHOLD_PAGE_MAX_QUERIES):
        assert client.get(url).status_code == 200


def test_the_case_page_suggests_for_its_contacts(client, world, at):
    contact = add(world, FED_UP, at, case=world.case)
    add(world, SERVICE_REQUEST, at, case=world.case)
    client.force_login(world.users[Role.HOUSING_OFFICER])
    html = client.get(reverse("cases:case", args=[world.case.reference])).content.decode()
    section = html[html.index("Suggestions from the contacts on this case") :]
    assert f'href="#event-{contact.uid}">Contact received 2 June 2024</a>' in section
    assert f'href="{escape(links(world, contact)["complaint"])}"' in section
    assert "Possible hazard: Damp and mould growth" in section
    assert section.count("Contact received 2 June 2024</a>") == 1  # not the service request
    client.force_login(world.users[Role.AUDITOR])
    html = client.get(reverse("cases:case", args=[world.case.reference])).content.decode()
    assert "Suggestions from the contacts on this case" not in html


def test_a_case_without_suggestions_has_no_section(client, world, at):
    add(world, SERVICE_REQUEST, at, case=world.case)
    client.force_login(world.users[Role.HOUSING_OFFICER])
    html = client.get(reverse("cases:case", args=[world.case.reference])).content.decode()
    assert "Suggestions from the contacts on this case" not in html

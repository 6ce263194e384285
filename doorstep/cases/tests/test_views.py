"""The case page: header, flags, the timeline at its centre, and the note form."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from doorstep.cases.services import NOTE_EMPTY, record_on_case
from doorstep.contacts.services import contact_record
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import PREGNANCY_DETAIL, build_world
from doorstep.timeline.kinds import REDACTED
from doorstep.timeline.models import Event
from doorstep.timeline.when import When
from doorstep.vulnerabilities.models import SpecialCategoryAccess

# 31 today. The page: session, user, permissions (2), the case, its people and links, flags,
# timeline (9). Its clocks (deadlines.views.case_section): the policy overrides and announced
# days (2), and the household exported as a chronology to replay (20: scope, names, policy, and
# per person, case and tenancy a query or two, so it grows with the household's size, not its
# events). Issue 8's projection of the clocks is to replace the export. The promise ledger's
# section (commitments.views.case_section): its rows for the case (1). The recurring defects
# (repeats.views.case_section) share the clocks' replay (deadlines.views.clocks_for_page): 0.
# The appointments, hazards and inspections sections of a repair case: 1 between them here
# (a repair case has no hazards; its inspections and appointments are one query each, and the
# world's case has none of either to read further).
# The remedies section (remedies.views.case_section): the case's compensation and complaint
# entries in one query (1); the replay is shared.
# Triage's suggestions for the case's contacts received (contacts.views.case_section): the
# contacts (1), and the household's register categories where there are any (1; none here).
# A replay made and kept (ADR 19, `deadlines.kept`): the kept rows read (1), the stamp
# (households, a query a level of the buildings, the communal areas, the references to the
# places the export said, the streams: 6 or 7), the
# snapshot's savepoint and release (2) and the replay kept (1), with its clocks
# (ADR 19, slice 3: in a savepoint of their own, 2; the day's deleted, 1; added, 1 where there
# are any). Once kept, the page costs the kept row and the stamp instead of the export's
# twenty-odd.
CASE_PAGE_MAX_QUERIES = 45 + 11 + 3


@pytest.fixture
def world(db, at):
    return build_world(at=at)


def case_page(client, world, role, case=None):
    client.force_login(world.users[role])
    response = client.get(reverse("cases:case", args=[(case or world.case).reference]))
    assert response.status_code == 200
    return response.content.decode()


def test_case_page_shows_header_flags_and_timeline(client, world):
    html = case_page(client, world, Role.HOUSING_OFFICER)
    for text in [
        world.case.reference,
        "Repair",
        "Kitchen tap leaking",
        "Open",
        f'href="/households/{world.household.reference}/"',
        "1 Elm Court, Birmingham, B12 9QT",
        "Officer Example",
        "Fixit Ltd",
        "Grace Okafor (Pregnancy)",
        "Case opened",
        "Called Ms Okafor; the tap drips constantly.",
        "recorded by Officer Example on 3 June 2024, 10:30",
        f'href="/documents/{world.document.reference}/"',
    ]:
        assert text in html, text


def test_each_date_is_shown_at_the_precision_recorded(client, world, at):
    officer = world.users[Role.HOUSING_OFFICER]
    for text in ("2021", "2021-03", "2021-03-04"):
        contact_record(
            actor=officer,
            household=world.household,
            direction="in",
            channel="letter",
            party="Grace Okafor",
            text=f"Letter dated {text}",
            occurred=When.parse(text),
            at=at,
            case=world.case,
        )
    html = case_page(client, world, Role.HOUSING_OFFICER)
    assert '<time datetime="2021">2021</time>' in html
    assert '<time datetime="2021-03">March 2021</time>' in html
    assert '<time datetime="2021-03-04">4 March 2021</time>' in html
    assert html.index("Letter dated 2021<") < html.index("Letter dated 2021-03<")


def test_a_contractor_cannot_see_another_firm_s_case(client, world):
    client.force_login(world.users[Role.CONTRACTOR])
    url = reverse("cases:case", args=[world.other_firms_case.reference])
    assert client.get(url).status_code == 404
    assert client.get(reverse("cases:case", args=[world.case.reference])).status_code == 200


def test_a_contractor_sees_no_flags_and_no_household_link(client, world):
    html = case_page(client, world, Role.CONTRACTOR)
    assert "Pregnancy" not in html
    assert f'href="/households/{world.household.reference}/"' not in html


def test_add_a_note_and_see_it_on_the_timeline(client, world):
    client.force_login(world.users[Role.CONTRACTOR])
    url = reverse("cases:add-note", args=[world.case.reference])
    response = client.post(url, {"text": "Washer replaced; no more drip.", "supersedes": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case", args=[world.case.reference]) + "#timeline"
    html = client.get(response["Location"]).content.decode()
    assert "Washer replaced; no more drip." in html
    assert "Note added to the timeline." in html


def test_an_empty_note_shows_the_service_s_message_on_the_field(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("cases:add-note", args=[world.case.reference])
    response = client.post(url, {"text": "   ", "supersedes": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#id_text">{escape(NOTE_EMPTY)}</a>' in html
    assert 'class="govuk-textarea govuk-textarea--error"' in html
    assert html.count("<title>Error: ") == 1


def test_a_correction_links_to_what_it_corrects(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    wrong = Event.objects.get(kind="note", case=world.case)
    page = client.get(reverse("cases:case", args=[world.case.reference]) + f"?corrects={wrong.uid}")
    assert f'<option value="{wrong.uid}" selected>'.encode() in page.content
    url = reverse("cases:add-note", args=[world.case.reference])
    client.post(url, {"text": "It was the bathroom tap, not the kitchen.", "supersedes": wrong.uid})
    correction = Event.objects.get(supersedes=wrong)
    html = case_page(client, world, Role.HOUSING_OFFICER)
    assert f'Corrects <a class="govuk-link" href="#event-{wrong.uid}">' in html
    assert f'Corrected by <a class="govuk-link" href="#event-{correction.uid}">' in html


def test_special_category_data_on_the_timeline_is_redacted_for_repairs(client, world, at):
    record_on_case(
        case=world.case,
        kind="vulnerability.reviewed",
        at=at,
        actor=world.users[Role.HOUSING_OFFICER],
        data={
            "person": world.tenant.reference,
            "category": "pregnancy",
            "outcome": PREGNANCY_DETAIL,
        },
        summary="Vulnerability reviewed: still current",
    )
    html = case_page(client, world, Role.REPAIRS_COORDINATOR)
    assert "Vulnerability reviewed: still current" in html
    assert PREGNANCY_DETAIL not in html
    assert REDACTED in html
    assert not SpecialCategoryAccess.objects.exists()

    html = case_page(client, world, Role.HOUSING_OFFICER)
    assert PREGNANCY_DETAIL in html
    row = SpecialCategoryAccess.objects.get()
    assert (row.person, row.purpose) == (world.tenant, f"Case page {world.case.reference}")


def test_a_communal_case_names_the_building(client, world):
    html = case_page(client, world, Role.HOUSING_OFFICER, case=world.communal)
    assert "None: a communal case for the building" in html
    assert "Communal" in html


def test_case_page_queries_are_bounded(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    for _ in range(5):
        record_on_case(
            case=world.case,
            kind="note",
            at=world.case.opened_at,
            actor=None,
            data={"text": "Another note"},
        )
    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        assert client.get(reverse("cases:case", args=[world.case.reference])).status_code == 200

"""Permission pages: asking for permission from the household page, the case page's section,
deciding and withdrawing (refusals on their field), the list waiting first, the pet check page,
and the pet permission on an ASB case with a report about pets (Bromford 202109189, Pets 8)."""

from __future__ import annotations

import datetime as dt
from html import escape

import pytest
from django.urls import reverse

from doorstep.cases.models import Case
from doorstep.cases.services import case_link, case_open, record_on_case
from doorstep.cases.tests.test_views import CASE_PAGE_MAX_QUERIES
from doorstep.permits import services
from doorstep.permits.choices import PermitStatus
from doorstep.permits.models import TenancyPermission
from doorstep.permits.services import permission_decide
from doorstep.permits.tests.conftest import NOW
from doorstep.timeline.when import When

FIVE_DOGS = "My neighbour keeps dogs, on some occasions as many as five dogs, and sells kittens."


@pytest.fixture
def officer(client, homes):
    client.force_login(homes.officer)
    return client


def _granted(homes, dog) -> TenancyPermission:
    return permission_decide(
        actor=homes.officer,
        permit=dog,
        outcome="granted_with_conditions",
        conditions=["Kept on a lead in the communal areas", "Fouling cleared up at once"],
        review_on=dt.date(2026, 11, 4),
        occurred=When.parse("2025-11-06"),
        at=NOW + dt.timedelta(days=3),
    )


def test_the_household_page_shows_its_permissions_with_conditions(officer, homes, dog):
    _granted(homes, dog)
    html = officer.get(reverse("contacts:household", args=[homes.household.reference])).content
    page = html.decode()
    assert 'id="permissions"' in page
    assert dog.case.reference in page
    assert "Keep a pet: 1 dog (Small terrier)" in page
    assert "Granted with conditions" in page
    assert "Kept on a lead in the communal areas" in page
    assert "review 4 November 2026" in page
    assert reverse("permits:request", args=[homes.household.reference]) in page


def test_an_auditor_reads_the_permissions_and_cannot_ask(client, homes, dog):
    client.force_login(homes.auditor)
    page = client.get(reverse("contacts:household", args=[homes.household.reference]))
    assert dog.case.reference in page.content.decode()
    assert reverse("permits:request", args=[homes.household.reference]) not in (
        page.content.decode()
    )


def test_asking_for_permission_opens_a_case_and_shows_it(officer, homes):
    url = reverse("permits:request", args=[homes.household.reference])
    assert "Ask for permission" in officer.get(url).content.decode()
    response = officer.post(
        url,
        {
            "subject": "alteration",
            "detail": "I would like a walk-in shower instead of the bath.",
            "alteration_what": "Replace the bath with a walk-in shower",
            "alteration_where": "Bathroom",
            "channel": "letter",
            "occurred_day": "3",
            "occurred_month": "11",
            "occurred_year": "2025",
        },
    )
    permit = TenancyPermission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("cases:case", args=[permit.case.reference]) + "#permission"
    )
    assert permit.requested_on == dt.date(2025, 11, 3)
    page = officer.get(response["Location"]).content.decode()
    assert "Request for permission recorded." in page
    assert "Replace the bath with a walk-in shower (Bathroom)" in page
    assert "Waiting for a decision" in page
    assert reverse("permits:decide", args=[permit.case.reference]) in page


def test_a_refused_request_shows_on_its_field_and_keeps_the_words(officer, homes):
    url = reverse("permits:request", args=[homes.household.reference])
    response = officer.post(
        url, {"subject": "pet", "detail": "Two cats", "pet_species": "cat", "channel": "phone"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert services.BAD_NUMBER in page
    assert 'id="pet_number-error"' in page or "pet_number" in page
    assert "Two cats" in page
    assert not TenancyPermission.objects.exists()


def test_deciding_refuses_a_grant_with_conditions_without_any(officer, homes, dog):
    url = reverse("permits:decide", args=[dog.case.reference])
    response = officer.post(url, {"outcome": "granted_with_conditions", "conditions": " "})
    assert response.status_code == 200
    assert escape(services.NO_CONDITIONS) in response.content.decode()
    response = officer.post(
        url,
        {
            "outcome": "granted_with_conditions",
            "conditions": "Kept on a lead in the communal areas\nFouling cleared up at once",
            "review_on_day": "4",
            "review_on_month": "11",
            "review_on_year": "2099",
        },
    )
    assert response.status_code == 302
    dog.refresh_from_db()
    assert dog.status == PermitStatus.GRANTED_WITH_CONDITIONS
    assert dog.conditions == ["Kept on a lead in the communal areas", "Fouling cleared up at once"]
    page = officer.get(response["Location"]).content.decode()
    assert "Fouling cleared up at once" in page
    assert reverse("permits:withdraw", args=[dog.case.reference]) in page
    again = officer.post(url, {"outcome": "refused", "reason": "No"})
    assert "This request was already decided on" in again.content.decode()


def test_withdrawing(officer, homes, dog):
    _granted(homes, dog)
    url = reverse("permits:withdraw", args=[dog.case.reference])
    response = officer.post(url, {"reason": ""})
    assert services.NO_WITHDRAWAL_REASON in response.content.decode()
    response = officer.post(url, {"reason": "Left loose in the communal areas again"})
    assert response.status_code == 302
    dog.refresh_from_db()
    assert dog.status == PermitStatus.WITHDRAWN


def test_the_list_shows_those_waiting_first(officer, homes, dog):
    done = services.permission_request(
        actor=homes.officer,
        household=homes.neighbour,
        subject="pet",
        detail="A cat",
        pet=services.PetIn("cat", 1),
        occurred=When.parse("2025-10-01"),
        at=NOW,
    )
    permission_decide(actor=homes.officer, permit=done, outcome="granted", at=NOW)
    page = officer.get(reverse("permits:list")).content.decode()
    assert '<strong class="govuk-service-navigation__active-fallback">Permissions' in page
    assert page.index(dog.case.reference) < page.index(done.case.reference)
    assert "Waiting for a decision" in page
    filtered = officer.get(reverse("permits:list"), {"status": "granted"}).content.decode()
    assert dog.case.reference not in filtered and done.case.reference in filtered


def test_the_check_page(officer, homes, dog):
    url = reverse("permits:check")
    assert "Household reference" in officer.get(url).content.decode()
    _granted(homes, dog)
    page = officer.get(url, {"household": homes.household.reference}).content.decode()
    assert (
        f"Pet permission for {homes.household.reference}: granted on 6 November 2025 for 1 dog "
        "(Small terrier), conditions: Kept on a lead in the communal areas; Fouling cleared up "
        "at once"
    ) in page
    neighbour = officer.get(url, {"household": homes.neighbour.reference}).content.decode()
    assert f"No pet permission on record for {homes.neighbour.reference}" in neighbour
    unknown = officer.get(url, {"household": "HH-NOPE"}).content.decode()
    assert "There is no household with the reference HH-NOPE." in unknown


def _asb(homes, **data) -> Case:
    case = case_open(
        actor=homes.officer,
        case_type="asb",
        title="Dogs in the block",
        household=homes.neighbour,
        at=NOW,
    )
    record_on_case(
        case=case,
        kind="asb.reported",
        data={"category": "pets", "text": FIVE_DOGS, **data},
        actor=homes.officer,
        at=NOW + dt.timedelta(days=30),
        occurred=When.parse("2025-12-01"),
    )
    return case


def test_an_asb_report_about_pets_is_checked_against_the_permission(
    officer, homes, dog, django_assert_max_num_queries
):
    _granted(homes, dog)
    case = _asb(homes, alleged_perpetrator_household=homes.household.reference)
    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        response = officer.get(reverse("cases:case", args=[case.reference]))
    page = response.content.decode()
    assert 'id="pet-permission"' in page
    assert (
        f"Pet permission for {homes.household.reference}: granted on 6 November 2025 for 1 dog"
    ) in page
    assert "the report names 5 dogs, cats, more than the permission covers" in page


def test_no_pet_permission_on_record_for_the_household_named(officer, homes):
    case = _asb(homes, alleged_perpetrator_household=homes.household.reference)
    page = officer.get(reverse("cases:case", args=[case.reference])).content.decode()
    assert f"No pet permission on record for {homes.household.reference}" in page


def test_a_linked_case_names_the_household(officer, homes, dog):
    _granted(homes, dog)
    case = _asb(homes)
    case_link(actor=homes.officer, case=case, other=dog.case, reason="Same dog", at=NOW)
    page = officer.get(reverse("cases:case", args=[case.reference])).content.decode()
    assert f"Pet permission for {homes.household.reference}: granted on" in page


def test_where_no_household_is_named_a_look_up_form(officer, homes):
    case = _asb(homes)
    page = officer.get(reverse("cases:case", args=[case.reference])).content.decode()
    assert "does not say which household it is about" in page
    assert f'action="{reverse("permits:check")}"' in page


def test_other_asb_reports_show_no_pet_section(officer, homes):
    case = case_open(
        actor=homes.officer, case_type="asb", title="Noise", household=homes.neighbour, at=NOW
    )
    record_on_case(
        case=case,
        kind="asb.reported",
        data={"category": "noise", "text": "Loud music"},
        actor=homes.officer,
        at=NOW,
    )
    page = officer.get(reverse("cases:case", args=[case.reference])).content.decode()
    assert 'id="pet-permission"' not in page


def test_the_permission_case_page_stays_within_the_query_budget(
    officer, homes, dog, django_assert_max_num_queries
):
    _granted(homes, dog)
    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        response = officer.get(reverse("cases:case", args=[dog.case.reference]))
    assert "Kept on a lead in the communal areas" in response.content.decode()


def test_bromfords_report_about_pets_names_no_household_so_the_page_offers_a_look_up(
    officer, homes
):
    """Bromford 202109189: the resident reported her neighbour's dogs (up to five) and kittens;
    the record names no household for them, and the landlord held no pet permission (Pets 8).
    The ASB case's page says so and offers the look-up."""
    from doorstep.interchange.services import chronology_import
    from doorstep.interchange.tests.chronologies import BROMFORD, seed
    from doorstep.timeline.models import Event

    chronology_import(doc=seed(BROMFORD), source_name=BROMFORD, at=NOW)
    report = Event.objects.filter(kind="asb.reported", data__category="pets").first()
    page = officer.get(reverse("cases:case", args=[report.case.reference])).content.decode()
    assert 'id="pet-permission"' in page
    assert "does not say which household it is about" in page
    assert not TenancyPermission.objects.exists()

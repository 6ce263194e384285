"""Hazard pages: report, the case page's hazards section (with the Awaab's Law clocks from the
deadlines section), the prioritised tag, the assessment prompt, and each action's form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doorstep.hazards.models import Hazard
from doorstep.hazards.services import hazard_report
from doorstep.hazards.tests.conftest import NOW, PDF
from doorstep.timeline.when import When

PRIORITISE = "Vulnerable household: prioritise"
PROMPT = "characteristics count in deciding"


@pytest.fixture
def officer(client, homes):
    client.force_login(homes.officer)
    return client


def _case_page(client, hazard):
    return client.get(reverse("cases:case", args=[hazard.case.reference]))


def test_reporting_a_hazard_opens_the_case_with_its_clocks(officer, homes):
    url = reverse("hazards:report", args=[homes.other.reference])
    assert officer.get(url).status_code == 200
    response = officer.post(
        url,
        {
            "hazard": "damp_mould",
            "location": "Bedroom wall",
            "description": "Black mould behind the wardrobe",
            "occurred_day": "3",
            "occurred_month": "11",
            "occurred_year": "2025",
            "occurred_hour": "10",
            "occurred_minute": "30",
        },
    )
    hazard = Hazard.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case", args=[hazard.case.reference])
    page = _case_page(officer, hazard).content.decode()
    assert "Damp and mould growth: Bedroom wall" in page
    # The Awaab's Law investigation clock (hazard.investigation): 10 working days.
    assert "Investigate the hazard" in page
    assert "17 November 2025" in page
    assert PRIORITISE not in page


def test_a_bad_report_is_refused_on_its_field(officer, homes):
    url = reverse("hazards:report", args=[homes.other.reference])
    response = officer.post(url, {"location": "Bedroom", "description": "Mould"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select the hazard" in page and 'href="#id_hazard"' in page


def test_damp_and_mould_in_a_vulnerable_household_is_prioritised(officer, homes, mould):
    page = _case_page(officer, mould).content.decode()
    assert PRIORITISE in page
    # In the home page's hazard search too, and only for that case.
    other = hazard_report(
        actor=None,
        household=homes.other,
        hazard="damp_mould",
        location="Kitchen",
        description="Mould",
        occurred=When.at(NOW),
        at=NOW,
    )
    assert PRIORITISE not in _case_page(officer, other).content.decode()
    found = officer.get(reverse("core:home") + "?q=Damp").content.decode()
    assert found.count(PRIORITISE) == 1
    # First in the hazard cases found, though the other was opened at the same moment, later.
    hazards = found[found.index("Hazard cases found") :]
    assert hazards.index(mould.case.reference) < hazards.index(other.case.reference)


def test_another_hazard_in_a_vulnerable_household_is_not_flagged_as_damp(officer, homes):
    fire = hazard_report(
        actor=None,
        household=homes.vulnerable,
        hazard="fire",
        location="Kitchen",
        description="No smoke alarm",
        occurred=When.at(NOW),
        at=NOW,
    )
    assert PRIORITISE not in _case_page(officer, fire).content.decode()


def test_the_assessment_prompts_about_the_occupiers_where_a_vulnerability_is_recorded(
    officer, homes, mould
):
    url = reverse("hazards:assess", args=[mould.case.reference, mould.pk])
    assert PROMPT in officer.get(url).content.decode()
    other = hazard_report(
        actor=None,
        household=homes.other,
        hazard="damp_mould",
        location="Kitchen",
        description="Mould",
        occurred=When.at(NOW),
        at=NOW,
    )
    other_url = reverse("hazards:assess", args=[other.case.reference, other.pk])
    assert PROMPT not in officer.get(other_url).content.decode()


def test_assess_then_summary_then_decant_through_the_forms(officer, homes, mould):
    ref = mould.case.reference
    response = officer.post(reverse("hazards:assess", args=[ref, mould.pk]), {"severity": "x"})
    assert "Select a valid choice" in response.content.decode()
    response = officer.post(
        reverse("hazards:assess", args=[ref, mould.pk]),
        {"severity": "significant", "cause": "Condensation; no extractor fan"},
    )
    assert response.status_code == 302
    response = officer.post(
        reverse("hazards:summary", args=[ref, mould.pk]),
        {"to": "Ada Adeyemi", "letter": SimpleUploadedFile("s.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    response = officer.post(
        reverse("hazards:decant-consider", args=[ref, mould.pk]),
        {"decision": "not_needed", "reason": " "},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Enter the reason for the decision" in page
    officer.post(
        reverse("hazards:decant-consider", args=[ref, mould.pk]),
        {"decision": "not_needed", "reason": "Works done room by room"},
    )
    officer.post(reverse("hazards:made-safe", args=[ref, mould.pk]), {})
    mould.refresh_from_db()
    assert mould.severity == "significant" and mould.summary_sent_to == "Ada Adeyemi"
    assert mould.decant == "not_needed" and mould.made_safe_at is not None
    page = _case_page(officer, mould).content.decode()
    assert "Condensation; no extractor fan" in page
    assert "Considered: not needed" in page


def test_the_made_safe_form_refuses_a_date_before_the_report(officer, mould):
    response = officer.post(
        reverse("hazards:made-safe", args=[mould.case.reference, mould.pk]),
        {"occurred_day": "1", "occurred_month": "11", "occurred_year": "2025"},
    )
    assert response.status_code == 200
    assert "before the hazard was reported" in response.content.decode()


def test_a_decant_starts_and_ends_through_the_forms(officer, mould):
    ref = mould.case.reference
    officer.post(
        reverse("hazards:decant-start", args=[ref, mould.pk]),
        {"where": "2 Birch Court", "reason": "Mould treatment"},
    )
    assert "End the decant" in _case_page(officer, mould).content.decode()
    officer.post(reverse("hazards:decant-end", args=[ref, mould.pk]), {"reason": "Back home"})
    mould.refresh_from_db()
    assert mould.decant == "returned"


def test_a_hazard_of_another_case_or_a_non_hazard_case_is_not_found(officer, homes, mould, at):
    from doorstep.cases.services import case_open

    repair = case_open(
        actor=None, case_type="repair", title="Tap", household=homes.vulnerable, at=at
    )
    assert officer.get(reverse("hazards:assess", args=[repair.reference, 1])).status_code == 404
    url = reverse("hazards:assess", args=[mould.case.reference, mould.pk + 99])
    assert officer.get(url).status_code == 404
    assert isinstance(NOW - dt.timedelta(0), dt.datetime)

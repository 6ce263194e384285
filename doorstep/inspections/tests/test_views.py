"""The case page's "Inspections and surveys": an inspection without its report shows the gap,
and attaching the report clears it; recording one through the form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doorstep.hazards.tests.conftest import PDF
from doorstep.inspections.models import Inspection
from doorstep.inspections.services import inspection_record

GAP = "No report on record"


@pytest.fixture
def officer(client, homes):
    client.force_login(homes.officer)
    return client


def test_an_inspection_without_a_report_shows_the_gap_until_it_is_attached(
    officer, homes, mould, now
):
    inspection = inspection_record(
        actor=homes.officer,
        case=mould.case,
        kind="inspection",
        by="Fixit Ltd",
        done_on=now.date(),
        findings="Mould above the bath",
        recommends=["Mould wash"],
        at=now,
    )
    case_url = reverse("cases:case", args=[mould.case.reference])
    page = officer.get(case_url).content.decode()
    assert "Inspections and surveys" in page
    assert GAP in page
    attach = reverse("inspections:attach-report", args=[mould.case.reference, inspection.reference])
    assert attach in page

    response = officer.post(attach, {"title": ""})
    assert response.status_code == 200 and "Select the report file" in response.content.decode()
    response = officer.post(
        attach, {"file": SimpleUploadedFile("r.pdf", PDF, "application/pdf"), "title": ""}
    )
    assert response.status_code == 302
    page = officer.get(case_url).content.decode()
    assert GAP not in page
    assert "Inspection report, 03 November 2025" in page


def test_recording_an_inspection_through_the_form(officer, mould):
    url = reverse("inspections:record", args=[mould.case.reference])
    assert officer.get(url).status_code == 200
    response = officer.post(url, {"kind": "survey", "by": "", "findings": "Wet walls"})
    page = response.content.decode()
    assert response.status_code == 200 and "Enter who inspected" in page
    response = officer.post(
        url,
        {
            "kind": "survey",
            "by": "Sam Surveyor",
            "done_on_day": "3",
            "done_on_month": "11",
            "done_on_year": "2025",
            "findings": "Wet walls at low level",
            "cause": "Rising damp",
            "recommendations": "Inject a damp-proof course\n\nReplaster",
            "report_file": SimpleUploadedFile("survey.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.recommendations == ["Inject a damp-proof course", "Replaster"]
    assert inspection.report is not None and inspection.report.doc_type == "survey_report"


def test_a_future_date_is_refused_on_its_field(officer, mould):
    url = reverse("inspections:record", args=[mould.case.reference])
    response = officer.post(
        url,
        {
            "kind": "inspection",
            "by": "Sam",
            "done_on_day": "1",
            "done_on_month": "1",
            "done_on_year": "2099",
            "findings": "x",
        },
    )
    assert response.status_code == 200
    assert 'href="#id_done_on' in response.content.decode()

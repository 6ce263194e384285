"""The hazards and inspections API beyond the operation table: domain refusals name the field
with the service's words, the prioritised flag, the report gap, and a contractor's view. (The
callers and their `world` are the API tests', whose household has a pregnancy on the register.)
"""

from __future__ import annotations

import pytest

from doorstep.api.tests.conftest import PDF
from doorstep.hazards import services
from doorstep.hazards.choices import HAZARD_NAMES
from doorstep.inspections import services as inspection_services

pytestmark = pytest.mark.django_db
V = "/api/v1"


def _report(caller, household, **changes):
    body = {
        "household": household,
        "hazard": "damp_mould",
        "location": "Bathroom",
        "description": "Black mould",
        "occurred": "2024-06-03T09:00:00+01:00",
    }
    return caller.post(f"{V}/hazards", {**body, **changes})


def test_an_unknown_hazard_is_refused_listing_the_allowed_ones(callers, world):
    response = _report(callers["officer"], world["household"], hazard="mould")
    assert response.status_code == 422
    error = response.json()["error"]
    allowed = ", ".join(sorted(HAZARD_NAMES))
    assert error["message"] == services.UNKNOWN_HAZARD.format(name="mould", allowed=allowed)
    assert error["fields"][0]["field"] == "body.hazard"


def test_damp_and_mould_in_the_vulnerable_household_is_prioritised(callers, world):
    out = _report(callers["officer"], world["household"]).json()
    assert out["prioritised"] is True and out["hazard_name"] == "Damp and mould growth"
    cold = _report(callers["officer"], world["household"], hazard="excess_cold").json()
    assert cold["prioritised"] is False
    listed = callers["auditor"].get(f"{V}/cases/{out['case']}/hazards").json()
    assert [h["hazard"] for h in listed["items"]] == ["damp_mould"]


def test_assessing_a_hazard_before_its_report_is_refused_on_the_field(callers, world):
    out = _report(callers["officer"], world["household"]).json()
    response = callers["officer"].post(
        f"{V}/cases/{out['case']}/hazards/{out['id']}/assess",
        {"severity": "significant", "cause": "Leak", "occurred": "2024-05"},
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] == services.BEFORE_REPORT.format(
        when="May 2024", reported="3 June 2024, 09:00"
    )
    assert error["fields"][0]["field"] == "body.occurred"


def test_an_inspection_without_a_report_is_a_gap_until_the_report_is_attached(callers, world):
    officer = callers["officer"]
    created = officer.post(
        f"{V}/cases/{world['repair']}/inspections",
        {"kind": "inspection", "by": "Fixit Ltd", "done_on": "2024-06-01", "findings": "Worn"},
    ).json()
    assert created["report_missing"] is True and created["report"] is None
    ref = created["reference"]
    attached = officer.upload(
        f"{V}/cases/{world['repair']}/inspections/{ref}/report",
        {"file": _pdf(), "title": "Fixit report"},
    )
    assert attached.status_code == 201, attached.content
    assert attached.json()["report_missing"] is False
    again = officer.upload(
        f"{V}/cases/{world['repair']}/inspections/{ref}/report", {"file": _pdf()}
    )
    assert again.status_code == 422
    assert again.json()["error"]["message"] == inspection_services.REPORT_ALREADY.format(
        reference=ref, document=attached.json()["report"]
    )


def test_a_contractor_does_not_see_another_firms_case_inspections(callers, world):
    response = callers["other_contractor"].get(f"{V}/cases/{world['repair']}/inspections")
    assert response.status_code == 404


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("report.pdf", PDF, "application/pdf")

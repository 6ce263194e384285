"""`GET /reports/tsm/{year}` and its cases: the same figures as the selector, with their
definitions and sources, and the cases behind a figure (the four ways of every operation are in
api/tests/test_operations.py)."""

from __future__ import annotations

import pytest

from doorstep.api.tests.conftest import caller_make
from doorstep.reports.tests.conftest import RECORDED, Landlord
from doorstep.staff.roles import Role

pytestmark = pytest.mark.django_db


def test_the_figures_of_a_year_with_their_definitions(landlord: Landlord):
    manager = caller_make(RECORDED, "mina", Role.MANAGER)
    response = manager.get("/api/v1/reports/tsm/2024")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["starts"], body["ends"], body["homes"]) == ("2024-04-01", "2025-03-31", 2)
    measures = {m["code"]: m for m in body["measures"]}
    assert (measures["CH02 (1)"]["numerator"], measures["CH02 (1)"]["denominator"]) == (2, 3)
    assert measures["CH02 (1)"]["unit"] == "percent"
    assert float(measures["CH01 (1)"]["value"]) == 2000.0
    assert "Technical requirements" in measures["NM01 (2)"]["source"]
    assert body["self_assessment"][0]["refused"] == 1


def test_the_cases_behind_a_figure(landlord: Landlord):
    auditor = caller_make(RECORDED, "ada", Role.AUDITOR)
    response = auditor.get("/api/v1/reports/tsm/2024/ch02-1/cases")
    assert response.status_code == 200, response.content
    rows = {row["case"]: row for row in response.json()["cases"]}
    assert rows[landlord.complaints["extended"].reference]["in_time"] is True
    assert rows[landlord.complaints["late"].reference]["counted"] is False
    assert landlord.complaints["march"].reference not in rows


def test_an_officer_is_refused(landlord: Landlord):
    officer = caller_make(RECORDED, "olivia", Role.HOUSING_OFFICER)
    assert officer.get("/api/v1/reports/tsm/2024").status_code == 403

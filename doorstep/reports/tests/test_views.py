"""The pages /reports/: the years, the measures of a year (cards, charts, table, the
self-assessment figures), the CSV file, the cases behind a figure, and who may read them."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from doorstep.reports import views
from doorstep.reports.selectors import Measure
from doorstep.reports.tests.conftest import AS_OF, Landlord
from doorstep.staff.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(views, "today", lambda: AS_OF)


def test_the_index_lists_each_reporting_year(client, landlord: Landlord):
    client.force_login(landlord.world.users[Role.MANAGER])
    page = client.get(reverse("reports:index")).content.decode()
    assert "1 April 2025 to 31 March 2026" in page  # the year of 1 May 2025
    assert "1 April 2023 to 31 March 2024" in page
    assert reverse("reports:tsm", args=[2024]) in page


def test_a_year_shows_each_measure_with_its_chart_and_source(client, landlord: Landlord):
    client.force_login(landlord.world.users[Role.AUDITOR])
    response = client.get(reverse("reports:tsm", args=[2024]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 April 2024 to 31 March 2025" in page
    for code in ("CH01 (1)", "CH01 (2)", "CH02 (1)", "CH02 (2)", "RP02 (1)", "RP02 (2)"):
        assert code in page
    assert "NM01 (2)" in page and "Tenant Satisfaction Measures: Technical requirements" in page
    main = page[page.index("<main") : page.index("</main>")]
    assert main.count("<svg") == 2 and "<script" not in main  # drawn on the server
    assert "66.7%" in page and "2000.00 per 1,000 homes" in page
    assert reverse("reports:cases", args=[2024, "ch02-1"]) in page
    assert 'id="self-assessment"' in page


def test_the_figures_download_as_csv(client, landlord: Landlord):
    client.force_login(landlord.world.users[Role.MANAGER])
    response = client.get(reverse("reports:tsm", args=[2024]), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["code"] for r in rows][:2] == ["CH01 (1)", "CH01 (2)"]
    ch02 = next(r for r in rows if r["code"] == "CH02 (1)")
    assert (ch02["numerator"], ch02["denominator"], ch02["value"]) == ("2", "3", "66.7")


def test_the_cases_behind_a_figure_link_to_each_case(client, landlord: Landlord):
    client.force_login(landlord.world.users[Role.MANAGER])
    page = client.get(reverse("reports:cases", args=[2024, "ch02-1"])).content.decode()
    for name in ("april", "extended", "late"):
        case = landlord.complaints[name]
        assert reverse("cases:case", args=[case.reference]) in page
    assert landlord.complaints["march"].reference not in page
    assert "28 June 2024" in page and "(extended)" in page
    assert ">No<" in page and ">Yes<" in page


def test_an_unknown_measure_or_year_is_not_found(client, landlord: Landlord):
    client.force_login(landlord.world.users[Role.MANAGER])
    assert client.get(reverse("reports:cases", args=[2024, "xx99"])).status_code == 404
    assert client.get(reverse("reports:tsm", args=[2019])).status_code == 404
    assert client.get(reverse("reports:tsm", args=[AS_OF.year + 1])).status_code == 404


def test_an_officer_and_a_contractor_are_refused(client, landlord: Landlord):
    for role in (Role.HOUSING_OFFICER, Role.CONTRACTOR):
        client.force_login(landlord.world.users[role])
        assert client.get(reverse("reports:tsm", args=[2024])).status_code == 403


def test_the_navigation_links_to_the_reports_for_a_manager_only(client, landlord: Landlord):
    client.force_login(landlord.world.users[Role.MANAGER])
    assert reverse("reports:index") in client.get(reverse("core:home")).content.decode()
    client.force_login(landlord.world.users[Role.HOUSING_OFFICER])
    assert reverse("reports:index") not in client.get(reverse("core:home")).content.decode()


def test_a_bar_is_as_long_as_its_value_against_the_widest():
    half = Measure("X", "x", "X", False, 1, 2, "", "", "")
    assert views.bar(half, 100.0)["width"] == views.CHART_WIDTH // 2
    assert views.bar(half, 0.0)["width"] == 0

"""The reports' pages and API cost a number of queries that does not grow with the households
whose cases they count (issue 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.reports import views
from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory
from doorstep.testing.portfolio import AS_OF, FEW, MORE, api_get, open_homes

pytestmark = pytest.mark.django_db
INDEX_MAX_QUERIES = 5
# The year's cases, one batch of clocks (10 more where its replays are made and kept, ADR 19:
# see `cases.tests.test_views`), the measures.
YEAR_MAX_QUERIES = 46 + 10


@pytest.mark.parametrize("homes", [FEW, MORE])
def test_the_reports_queries_do_not_grow_with_the_homes(
    client, monkeypatch, homes, django_assert_max_num_queries
):
    monkeypatch.setattr(views, "today", lambda: AS_OF)
    made = open_homes(homes)
    manager = StaffFactory.create(username="mina", role=Role.MANAGER)
    client.force_login(manager)
    with django_assert_max_num_queries(INDEX_MAX_QUERIES):
        assert client.get(reverse("reports:index")).status_code == 200
    complaint = made[-1].cases.get(case_type="complaint").reference
    for url in [
        reverse("reports:tsm", args=[2024]),
        reverse("reports:cases", args=[2024, "ch02-1"]),
        reverse("reports:cases", args=[2024, "rp02-1"]),
    ]:
        with django_assert_max_num_queries(YEAR_MAX_QUERIES):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(YEAR_MAX_QUERIES):
        page = client.get(reverse("reports:cases", args=[2024, "ch01-1"]))
    assert complaint in page.content.decode()
    for path in ("/api/v1/reports/tsm/2024", "/api/v1/reports/tsm/2024/ch02-1/cases"):
        with django_assert_max_num_queries(YEAR_MAX_QUERIES):
            assert api_get(manager, path).status_code == 200

"""The reports' pages and API cost a number of queries that does not grow with the households
whose cases they count (issue 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.reports import views
from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory
from doorstep.testing.kept import keeps_replays
from doorstep.testing.portfolio import AS_OF, FEW, MORE, api_get, open_homes

pytestmark = pytest.mark.django_db
INDEX_MAX_QUERIES = 5
# The year's cases, one batch of clocks (10 more where its replays are made and kept, ADR 19:
# see `cases.tests.test_views`), the measures; 9 more since the clocks are kept beside
# the replays (ADR 19, slice 3): the homes of the year's cases, the kept replays that might answer
# for the day, the snapshot they are looked for in (PostgreSQL: BEGIN, SET TRANSACTION, COMMIT;
# SQLite: a savepoint and its release), the clocks kept (deleting any of the day's and adding
# them, in a transaction of their own), the references of the repairs counted.
YEAR_MAX_QUERIES = 46 + 10 + 9
# The same year again: every home's clocks read from those kept (the stamps, the kept
# replays' days, the clocks), no replay made.
YEAR_WARM_MAX_QUERIES = 33


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


@keeps_replays
@pytest.mark.parametrize("homes", [FEW, MORE])
def test_the_year_asked_again_reads_the_clocks_kept(
    client, monkeypatch, homes, django_assert_max_num_queries
):
    monkeypatch.setattr(views, "today", lambda: AS_OF)
    open_homes(homes)
    client.force_login(StaffFactory.create(username="mina", role=Role.MANAGER))
    with django_assert_max_num_queries(YEAR_MAX_QUERIES):
        assert client.get(reverse("reports:tsm", args=[2024])).status_code == 200
    with django_assert_max_num_queries(YEAR_WARM_MAX_QUERIES):
        assert client.get(reverse("reports:tsm", args=[2024])).status_code == 200

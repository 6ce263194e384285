"""The page /lens/ and `GET /api/v1/findings` cost a number of queries that does not grow with
the households they read (issue 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory
from doorstep.testing.portfolio import AS_OF, FEW, MORE, api_get, open_homes

pytestmark = pytest.mark.django_db
# 10 more where the replays are made and kept (ADR 19, see `cases.tests.test_views`); 4 more
# with the clocks they show stopped (ADR 19, slice 3: a savepoint of their own and its release,
# the day's deleted, the new added).
LENS_MAX_QUERIES = 29 + 10 + 4


@pytest.mark.parametrize("homes", [FEW, MORE])
def test_the_lens_s_queries_do_not_grow_with_the_homes(
    client, homes, django_assert_max_num_queries
):
    open_homes(homes)
    manager = StaffFactory.create(username="mina", role=Role.MANAGER)
    client.force_login(manager)
    day = AS_OF.isoformat()
    with django_assert_max_num_queries(LENS_MAX_QUERIES):
        page = client.get(reverse("lens:portfolio"), {"as_of": day, "include_resolved": "on"})
    assert page.status_code == 200
    with django_assert_max_num_queries(LENS_MAX_QUERIES):
        api = api_get(manager, "/api/v1/findings", as_of=day, include_resolved=True)
    assert api.status_code == 200 and api.json()["count"] >= homes
    with django_assert_max_num_queries(LENS_MAX_QUERIES):
        summary = api_get(manager, "/api/v1/findings/summary", as_of=day)
    assert summary.status_code == 200

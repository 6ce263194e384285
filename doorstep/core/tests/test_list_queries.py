"""No list page (or list of the API) costs a query per row: each costs the same number of
queries with two homes on record as with eight (issue 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory
from doorstep.testing.portfolio import FEW, MORE, api_get, open_homes

pytestmark = pytest.mark.django_db

# Each list and its ceiling (the page's queries with any number of homes, and a little room).
PAGES = {
    "/?q=Resident": 12,  # the search: households, people, cases, properties
    reverse("asb:list"): 8,
    reverse("complaints:list"): 9,
    reverse("commitments:list"): 10,
    reverse("learning:list"): 8,
    reverse("moves:list"): 7,
    reverse("ombudsman:list"): 10,
    reverse("permits:list"): 7,
}
API_LISTS = (
    "/api/v1/cases",
    "/api/v1/complaints",
    "/api/v1/asb",
    "/api/v1/moves",
    "/api/v1/permissions",
    "/api/v1/ombudsman/referrals",
    "/api/v1/households",
    "/api/v1/people",
    "/api/v1/properties",
    "/api/v1/commitments",
    "/api/v1/learning",
)
API_LIST_MAX_QUERIES = 8


@pytest.mark.parametrize("homes", [FEW, MORE])
def test_the_list_pages_cost_the_same_whatever_the_homes(
    client, homes, django_assert_max_num_queries
):
    made = open_homes(homes)
    client.force_login(StaffFactory.create(username="mina", role=Role.MANAGER))
    for url, ceiling in PAGES.items():
        with django_assert_max_num_queries(ceiling):
            assert client.get(url).status_code == 200, url
    search = client.get("/", {"q": made[-1].reference}).content.decode()
    assert made[-1].reference in search
    complaints = client.get(reverse("complaints:list")).content.decode()
    assert all(h.cases.get(case_type="complaint").reference in complaints for h in made)
    block = made[-1].property.part_of
    with django_assert_max_num_queries(16):
        assert client.get(reverse("property:detail", args=[block.reference])).status_code == 200


@pytest.mark.parametrize("homes", [FEW, MORE])
def test_the_api_s_lists_cost_the_same_whatever_the_homes(homes, django_assert_max_num_queries):
    made = open_homes(homes)
    manager = StaffFactory.create(username="mina", role=Role.MANAGER)
    for path in API_LISTS:
        with django_assert_max_num_queries(API_LIST_MAX_QUERIES):
            response = api_get(manager, path, limit=100)
        assert response.status_code == 200, (path, response.content[:300])
    households = api_get(manager, "/api/v1/households", limit=100).json()
    assert len(households["items"]) >= len(made)

"""The work queue, the household page and the case page cost a number of queries that does not
grow with the households on record (issue 8): the clocks of every home are exported in chunks."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory
from doorstep.testing.kept import keeps_replays
from doorstep.testing.portfolio import AS_OF, FEW, MORE, api_get, open_homes

pytestmark = pytest.mark.django_db
# A page whose homes' replays are made (cold), and the same page again, its homes' replays kept
# (warm: ADR 19, `deadlines.kept`). Cold costs 13 more than before replays were kept: the kept
# rows read; the stamp (households, a level of the buildings a query, the communal areas, the
# references to the places the export said, the streams); the snapshot's transaction
# (PostgreSQL: BEGIN, SET TRANSACTION, COMMIT; SQLite, inside the test's: a savepoint and its
# release); and the replays kept (PostgreSQL: in a transaction of their own). Warm costs the
# kept rows and the stamp instead of the export's twenty-odd. Keeping the clocks each replay
# shows stopped beside it (ADR 19, slice 3) costs 2 more cold: the day's deleted and the new
# added (the keeping in a transaction or savepoint of its own).
# The queue reads every home's clocks as the reports do, from the clocks kept (`work_queue`),
# then only the homes of the clocks it shows whole: cold 16 more (the kept replays answering for
# the day, their stamps and clocks in a snapshot of their own, before the replays are made; the
# shown homes' kept replays and stamps read again), warm 13 more (the same, nothing made).
# Each counts 2 more on PostgreSQL than on SQLite (60 and 30): a snapshot is a transaction of
# its own there (BEGIN, SET TRANSACTION, COMMIT) against a savepoint and its release.
QUEUE_MAX_QUERIES = 62
QUEUE_WARM_MAX_QUERIES = 32
# 44 since the residents' portal's section (who in the household has an account: one query).
HOUSEHOLD_PAGE_MAX_QUERIES = 59
HOUSEHOLD_PAGE_WARM_MAX_QUERIES = 32
CASE_PAGE_MAX_QUERIES = 61
CASE_PAGE_WARM_MAX_QUERIES = 35


def _without_token(page) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())


@pytest.fixture
def manager():
    return StaffFactory.create(username="mina", role=Role.MANAGER)


@keeps_replays
@pytest.mark.parametrize("homes", [FEW, MORE])
def test_the_queue_s_queries_do_not_grow_with_the_homes(
    client, manager, homes, django_assert_max_num_queries
):
    made = open_homes(homes)
    client.force_login(manager)
    with django_assert_max_num_queries(QUEUE_MAX_QUERIES):
        page = client.get(reverse("deadlines:queue"), {"as_of": AS_OF.isoformat()})
    assert page.status_code == 200
    body = page.content.decode()
    assert all(c.reference in body for h in made for c in h.cases.filter(case_type="complaint"))
    with django_assert_max_num_queries(QUEUE_WARM_MAX_QUERIES):
        again = client.get(reverse("deadlines:queue"), {"as_of": AS_OF.isoformat()})
    assert _without_token(again) == _without_token(page)  # the same queue, from kept replays
    with django_assert_max_num_queries(QUEUE_WARM_MAX_QUERIES):
        api = api_get(manager, "/api/v1/queue", as_of=AS_OF.isoformat())
    assert api.status_code == 200
    assert api.json()["total"] >= homes * 2


@keeps_replays
@pytest.mark.parametrize("homes", [FEW, MORE])
def test_a_household_and_a_case_page_cost_the_same_whatever_the_homes(
    client, manager, homes, django_assert_max_num_queries
):
    household = open_homes(homes)[-1]
    case = household.cases.get(case_type="complaint")
    client.force_login(manager)
    with django_assert_max_num_queries(HOUSEHOLD_PAGE_MAX_QUERIES):
        page = client.get(reverse("contacts:household", args=[household.reference]))
    assert page.status_code == 200 and case.reference in page.content.decode()
    with django_assert_max_num_queries(HOUSEHOLD_PAGE_WARM_MAX_QUERIES):
        again = client.get(reverse("contacts:household", args=[household.reference]))
    assert again.status_code == 200
    with django_assert_max_num_queries(CASE_PAGE_WARM_MAX_QUERIES):  # its home's replay kept
        page = client.get(reverse("cases:case", args=[case.reference]))
    assert page.status_code == 200 and case.reference in page.content.decode()

"""The property page: where a place sits, who lives there, and the cases about it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.staff.roles import Role
from doorstep.tests_browser.world import build_world

PROPERTY_PAGE_MAX_QUERIES = 14


@pytest.fixture
def world(db, at):
    return build_world(at=at)


def page(client, world, role, place):
    client.force_login(world.users[role])
    response = client.get(reverse("property:detail", args=[place.reference]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_block_shows_its_flats_households_and_communal_cases(client, world):
    html = page(client, world, Role.HOUSING_OFFICER, world.block)
    assert world.flat.address in html and world.neighbours_flat.address in html
    assert world.household.reference in html and world.neighbours.reference in html
    assert world.communal.reference in html and "Communal" in html
    assert world.case.reference in html  # a flat's own case is about a place inside the block


def test_a_flat_shows_the_blocks_communal_case_and_where_it_sits(client, world):
    html = page(client, world, Role.HOUSING_OFFICER, world.flat)
    assert world.communal.reference in html
    assert reverse("property:detail", args=[world.block.reference]) in html
    assert world.neighbours.reference not in html


def test_a_contractor_sees_its_own_jobs_not_the_property_record(client, world):
    client.force_login(world.users[Role.CONTRACTOR])
    response = client.get(reverse("property:detail", args=[world.block.reference]))
    assert response.status_code == 403


def test_unknown_uprn_is_said_plainly(client, world):
    html = page(client, world, Role.AUDITOR, world.block)
    expected = str(world.block.uprn) if world.block.uprn else "UPRN unknown"
    assert expected in html


def test_an_unknown_property_is_not_found(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    assert client.get(reverse("property:detail", args=["PRP-1999-000999"])).status_code == 404


def test_query_count_is_bounded(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    with django_assert_max_num_queries(PROPERTY_PAGE_MAX_QUERIES):
        client.get(reverse("property:detail", args=[world.block.reference]))

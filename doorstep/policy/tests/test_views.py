"""The policy page: every key in force on a date, the days off announced by then, and the
manager's form for the landlord's own value."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from doorstep.policy.forms import NOT_JSON, ON_FORMAT
from doorstep.policy.models import PolicyOverride
from doorstep.policy.resolve import NOT_OVERRIDABLE, resolve
from doorstep.policy.services import NO_SOURCE, calendar_day_record, policy_override_record
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import build_world

PAGE_MAX_QUERIES = 8  # session, user, permissions (2), overrides, calendar days; two spare


@pytest.fixture
def world(db, at):
    return build_world(at=at)


def show(client, world, role, query="") -> str:
    client.force_login(world.users[role])
    response = client.get(reverse("policy:page") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_every_key_with_its_unit_source_and_date(client, world, at):
    policy_override_record(
        actor=world.users[Role.MANAGER], key="repairs.routine.working_days", value=15,
        source="Repairs policy 2024, para 4", at=at, effective_from=dt.date(2024, 4, 1),
    )  # fmt: skip
    calendar_day_record(
        actor=None, day=dt.date(2024, 12, 27), name="Christmas closure", kind="closure",
        announced_on=dt.date(2024, 3, 1), source="Board, March 2024", at=at,
    )  # fmt: skip
    html = show(client, world, Role.AUDITOR, "?on=2024-05-01")
    for text in [
        "Policy in force on 1 May 2024",
        "repairs.routine.working_days",
        "15 working days",
        "Repairs policy 2024, para 4",
        "1 Apr 2024",
        "asb.first_response_days",
        "5 calendar days",
        "24 hours",
        "hazards.investigation_working_days",
        "Not in force on this date",
        "Not set",
        "Christmas closure",
        "Friday 27 December 2024",
        "Landlord closure",
        "damp mould",
        "not yet confirmed",
    ]:
        assert escape(text) in html, text
    assert "Record the landlord" not in html  # an auditor cannot
    before = show(client, world, Role.AUDITOR, "?on=2024-02-29")
    assert "Christmas closure" not in before and "20 working days" in before


def test_the_page_costs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.AUDITOR])
    with django_assert_max_num_queries(PAGE_MAX_QUERIES):
        client.get(reverse("policy:page") + "?on=2026-01-01")


def test_without_a_date_the_page_shows_today_and_a_bad_date_is_explained(client, world):
    today = timezone.localdate()
    assert f"Policy in force on {today:%-d %B %Y}" in show(client, world, Role.HOUSING_OFFICER)
    html = show(client, world, Role.HOUSING_OFFICER, "?on=1%2F4%2F2024")
    assert "govuk-error-summary" in html and escape(str(ON_FORMAT)) in html
    assert f"Policy in force on {today:%-d %B %Y}" in html


def form(**changes):
    fields = {
        "key": "repairs.routine.working_days",
        "value": "15",
        "effective_from_day": "1",
        "effective_from_month": "4",
        "effective_from_year": "2025",
        "source": "Repairs policy 2025, para 4",
    }
    return fields | changes


def test_a_manager_records_an_override(client, world):
    client.force_login(world.users[Role.MANAGER])
    response = client.post(reverse("policy:add-override"), form())
    assert response.status_code == 302
    assert response["Location"] == reverse("policy:page") + "?on=2025-04-01"
    override = PolicyOverride.objects.get()
    assert (override.key, override.value, override.effective_from) == (
        "repairs.routine.working_days", 15, dt.date(2025, 4, 1),
    )  # fmt: skip
    assert override.recorded_by == world.users[Role.MANAGER]
    assert "Record the landlord" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "message", "anchor"),
    [
        ({"value": "fifteen"}, str(NOT_JSON), "id_value"),
        ({"source": "   "}, NO_SOURCE, "id_source"),
        (
            {"key": "hazards.summary_working_days", "value": "5"},
            NOT_OVERRIDABLE.format(
                key="hazards.summary_working_days",
                source=resolve("hazards.summary_working_days", dt.date(2026, 1, 1)).source,
            ),
            "id_value",
        ),
        ({"key": "repairs.quick.working_days"}, "is not a policy key", "id_key"),
    ],
)
def test_a_refused_override_is_explained_on_its_field(client, world, changes, message, anchor):
    client.force_login(world.users[Role.MANAGER])
    response = client.post(reverse("policy:add-override"), form(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and f'href="#{anchor}"' in html
    assert escape(message) in html
    assert not PolicyOverride.objects.exists()

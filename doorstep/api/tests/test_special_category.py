"""Special category data (health, pregnancy...) leaves the API only for roles that may read it."""

from __future__ import annotations

import pytest

from doorstep.api.tests.conftest import PREGNANCY_DETAIL
from doorstep.timeline.kinds import REDACTED

pytestmark = pytest.mark.django_db
V = "/api/v1"


@pytest.mark.parametrize("role", ["officer", "repairs", "auditor"])
def test_a_household_shows_vulnerability_flags_never_the_detail(callers, world, role):
    response = callers[role].get(f"{V}/households/{world['household']}")
    assert response.status_code == 200
    assert PREGNANCY_DETAIL not in response.content.decode()
    assert "detail" not in response.content.decode()
    assert response.json()["vulnerabilities"] == [
        {
            "person_reference": world["partner"],
            "person_name": "Pat Partner",
            "category": "pregnancy",
            "category_label": "Pregnancy",
            "recorded_on": "2024-05-04",
        }
    ]


def _vulnerability_events(caller, world):
    response = caller.get(f"{V}/households/{world['household']}/events?limit=100")
    return [e for e in response.json()["items"] if e["kind"].startswith("vulnerability.")]


def test_special_category_event_data_is_redacted_for_a_role_without_detail(callers, world):
    events = _vulnerability_events(callers["repairs"], world)
    assert {e["kind"] for e in events} == {"vulnerability.disclosed", "vulnerability.recorded"}
    for event in events:
        assert event["data"]["detail"] == REDACTED
        assert event["data"]["category"] == "pregnancy"  # that it exists, and its kind, show
    assert PREGNANCY_DETAIL not in str(events)


@pytest.mark.parametrize("role", ["officer", "auditor"])
def test_a_role_with_detail_permission_sees_it(callers, world, role):
    events = _vulnerability_events(callers[role], world)
    assert {e["data"]["detail"] for e in events} == {PREGNANCY_DETAIL}


def test_reading_the_detail_is_logged_against_the_person(callers, world):
    from doorstep.vulnerabilities.models import SpecialCategoryAccess

    officer = callers["officer"]
    officer.get(f"{V}/households/{world['household']}/events?limit=100")
    access = SpecialCategoryAccess.objects.get()
    assert (access.user, access.person.reference) == (officer.user, world["partner"])
    assert access.purpose == f"API: timeline of household {world['household']}"


def test_no_read_is_logged_where_nothing_special_was_shown(callers, world):
    from doorstep.vulnerabilities.models import SpecialCategoryAccess

    callers["repairs"].get(f"{V}/households/{world['household']}/events?limit=100")
    callers["officer"].get(f"{V}/cases/{world['repair']}/events")
    assert not SpecialCategoryAccess.objects.exists()

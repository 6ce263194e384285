"""The clocks where staff work: the case page's section and its replay, the household page's
running clocks, the work queue, and the replay's JSON download."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from doorstep.deadlines.forms import AS_OF_FORMAT
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import build_world

JUNE_3 = dt.date(2024, 6, 3)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The pages' today is 3 June 2024."""
    monkeypatch.setattr("doorstep.deadlines.views.today", lambda: JUNE_3)


def get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def case_url(case, as_of=None):
    url = reverse("cases:case", args=[case.reference])
    return f"{url}?as_of={as_of}" if as_of else url


def test_the_case_page_shows_each_clock_and_how_its_date_was_worked_out(client, live):
    html = get(client, live.world.users[Role.COMPLAINTS_OFFICER], case_url(live.complaint))
    clocks = html[html.index('id="clocks"') :]
    for text in [
        "As the record stood on 3 June 2024.",
        "Acknowledge the stage 1 complaint",
        "Respond to the stage 1 complaint",
        "3 May 2024",
        "13 May 2024",
        "28 May 2024",
        "Running",
        "overdue by 14 working days",
        "Overdue by 4 working days",
        "How this date was worked out",
        "Day 1 is 7 May 2024, the first working day after the start; day 5 is 13 May 2024.",
        "bank holidays: 6 May 2024 (May Day)",
        "27 May 2024 (Spring Bank Holiday)",
        "19 working days after the start; 20 counting the start day itself",
        "Complaint Handling Code 2024",
    ]:
        assert text in clocks, text
    assert "Replay</strong>" not in clocks
    assert clocks.index("Acknowledge the stage 1") < clocks.index("Respond to the stage 1")


def test_replayed_as_of_an_earlier_date_the_clock_runs(client, live):
    html = get(
        client, live.world.users[Role.HOUSING_OFFICER], case_url(live.complaint, "2024-05-08")
    )
    assert "As the record stood on 8 May 2024." in html
    assert "Replay</strong>" in html
    assert "due in 3 working days" in html
    assert "overdue" not in html[html.index('id="clocks"') :]
    assert 'value="2024-05-08"' in html
    assert f'href="/cases/{live.complaint.reference}/clocks.json?as_of=2024-05-08"' in html


def test_replayed_as_of_a_later_date_the_clock_is_breached(client, live):
    html = get(
        client, live.world.users[Role.HOUSING_OFFICER], case_url(live.complaint, "2024-07-01")
    )
    assert "overdue by 34 working days" in html


def test_a_date_that_is_not_one_is_refused_on_the_field_and_today_shown(client, live):
    html = get(
        client, live.world.users[Role.HOUSING_OFFICER], case_url(live.complaint, "8 May 2024")
    )
    assert str(AS_OF_FORMAT) in html
    assert "govuk-form-group--error" in html
    assert "As the record stood on 3 June 2024." in html


def test_a_case_with_no_clocks_says_so(client, live):
    html = get(client, live.world.users[Role.HOUSING_OFFICER], case_url(live.world.communal))
    assert "No clocks on this case on this date." in html


def test_the_replay_downloads_as_json(client, live):
    client.force_login(live.world.users[Role.HOUSING_OFFICER])
    url = reverse("deadlines:case-replay", args=[live.complaint.reference])
    response = client.get(url + "?as_of=2024-05-08")
    assert response.status_code == 200
    name = f"{live.complaint.reference}-clocks-2024-05-08.json"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    replay = json.loads(response.content)
    assert replay["as_of"] == "2024-05-08"
    assert [(c["clock"], c["due"], c["breached"]) for c in replay["clocks"]] == [
        ("complaint.stage1.acknowledgement", "2024-05-13", False),
        ("complaint.stage1.response", "2024-05-28", False),
    ]
    assert client.get(url + "?as_of=May").status_code == 400


def test_a_contractor_cannot_download_another_firm_s_replay(client, live):
    client.force_login(live.world.users[Role.CONTRACTOR])
    other = reverse("deadlines:case-replay", args=[live.world.other_firms_case.reference])
    assert client.get(other).status_code == 404
    own = reverse("deadlines:case-replay", args=[live.world.case.reference])
    assert client.get(own).status_code == 200


def test_the_household_page_lists_its_running_clocks_worst_first(client, live):
    url = reverse("contacts:household", args=[live.world.household.reference])
    html = get(client, live.world.users[Role.HOUSING_OFFICER], url)
    section = html[html.index("Running clocks") :]
    order = [
        "overdue by 14 working days",
        "overdue by 4 working days",
        "due in 2 working days",
        "due in 11 working days",
        "due in 10 working days",
    ]
    positions = [section.index(text) for text in order]
    assert positions == sorted(positions)
    assert f'href="/cases/{live.complaint.reference}/#clocks"' in section


def test_the_work_queue_puts_what_breaches_first_first(client, live):
    html = get(client, live.world.users[Role.MANAGER], reverse("deadlines:queue"))
    assert 'aria-current="page"' in html
    assert '<strong class="govuk-service-navigation__active-fallback">Work queue' in html
    table = html[html.index('id="queue"') :]
    order = [
        (live.complaint.reference, "overdue by 14 working days"),
        (live.complaint.reference, "overdue by 4 working days"),
        (live.later.reference, "due in 2 working days"),
        (live.world.case.reference, "due in 11 working days"),
        (live.world.other_firms_case.reference, "due in 11 working days"),
        (live.later.reference, "due in 10 working days"),
    ]
    rows = table.split('<tr class="govuk-table__row">')[2:]
    assert len(rows) == len(order)
    for row, (reference, status) in zip(rows, order, strict=True):
        assert reference in row and status in row, (reference, status)
    assert "Officer Example" in rows[3]
    assert "Respond to the stage 1 complaint" in rows[1]


def test_the_work_queue_as_of_another_date(client, live):
    html = get(
        client, live.world.users[Role.MANAGER], reverse("deadlines:queue") + "?as_of=2024-05-08"
    )
    assert "as the record stood on 8 May 2024" in html
    assert "due in 3 working days" in html


def test_a_contractor_s_queue_holds_only_its_own_cases(client, live):
    html = get(client, live.world.users[Role.CONTRACTOR], reverse("deadlines:queue"))
    assert live.world.case.reference in html
    assert live.world.other_firms_case.reference not in html
    assert live.complaint.reference not in html


def test_an_empty_queue_says_nothing_is_due(client, db, at):
    world = build_world(at=at)
    html = get(client, world.users[Role.HOUSING_OFFICER], reverse("deadlines:queue"))
    assert "No clocks are running on the open cases you can see. Nothing is due." in html


def test_the_queue_is_in_the_service_navigation_for_those_who_may_see_cases(client, live):
    html = get(client, live.world.users[Role.CONTRACTOR], reverse("core:home") + "?q=Elm")
    assert 'href="/queue/"' in html


# --- the lens on the case and household pages -------------------------------------------------


def test_the_case_page_says_what_the_ombudsman_would_find(client, live):
    """The complaint's clocks breached (as of 1 July 2024): the findings, each with its date,
    the events it rests on linked to the timeline, its rule and source."""
    html = get(
        client, live.world.users[Role.HOUSING_OFFICER], case_url(live.complaint, "2024-07-01")
    )
    assert 'id="findings"' in html
    section = html.split('id="findings"', 1)[1]
    assert "Complaint not acknowledged in time" in section
    assert "Complaint never answered" in section
    assert "14 May 2024" in section  # the day after the acknowledgement was due
    received = live.complaint.events.get(kind="complaint.received")
    assert f'href="#event-{received.uid}"' in section
    assert "not a finding of maladministration" in section
    assert "Complaint handling" in section  # the topic table


def test_before_a_clock_breaches_the_case_page_finds_nothing(client, live):
    """As of 8 May 2024 the complaint's clocks are still running."""
    html = get(
        client, live.world.users[Role.HOUSING_OFFICER], case_url(live.complaint, "2024-05-08")
    )
    section = html.split('id="findings"', 1)[1].split('id="timeline"', 1)[0]
    assert "Nothing to find" in section


def test_the_household_page_shows_the_findings_across_its_cases(client, live):
    household = live.complaint.household
    client.force_login(live.world.users[Role.HOUSING_OFFICER])
    html = client.get(f"/households/{household.reference}/").content.decode()
    section = html.split('id="findings"', 1)[1]
    assert live.complaint.reference in section
    assert "Complaint never answered" in section
    # the household's own: the pregnancy disclosed in May 2024, entered in the register on
    # 3 June (the pages' today), so resolved
    assert "Vulnerability disclosed, never recorded" in section
    assert "Resolved 3 June 2024" in section
    assert "The household's own record" in section

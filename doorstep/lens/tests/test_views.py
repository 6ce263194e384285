"""The page /lens/: what the Ombudsman would find across the cases one may see, its filters and
counts, the CSV download, a contractor refused, and a cost that grows by household, not by
finding."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorstep.interchange.tests.chronologies import BROMFORD, CLARION
from doorstep.lens.selectors import portfolio
from doorstep.lens.tests.conftest import AS_OF, import_record
from doorstep.lens.views import CSV_COLUMNS
from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory

pytestmark = pytest.mark.django_db
URL = reverse("lens:portfolio")
ALL = {"as_of": AS_OF.isoformat(), "include_resolved": "on"}


def test_a_manager_reads_what_the_ombudsman_would_find_as_of_a_date(client, record):
    client.force_login(record.manager)
    response = client.get(URL, ALL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "What the Ombudsman would find" in page
    assert "It is not the Ombudsman's judgement" in page
    assert "21 March 2024" in page  # the date it is read as of
    found = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True)
    assert f"{len(found.findings)} findings listed" in page
    first = found.findings[0]
    assert reverse("cases:case", args=[first.case.reference]) in page
    assert first.explanation.replace("'", "&#x27;")[:60] in page
    # each count links to the list it counts, the other choices kept
    assert 'data-facet="team" data-value="complaints"' in page
    assert "team=complaints" in page and "include_resolved=on" in page
    assert 'aria-current="page"' in page and reverse("lens:portfolio") in page


def test_the_filters_narrow_the_list(client, record):
    client.force_login(record.manager)
    clarion = {c.reference for c in record.clarion}
    bromford = {c.reference for c in record.bromford}
    page = client.get(URL, {**ALL, "team": "complaints"}).content.decode()
    assert any(reference in page for reference in clarion)
    assert not any(f'">{reference}</a>' in page for reference in bromford)
    found = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True, team="complaints")
    assert f"{len(found.findings)} findings listed" in page
    asb = client.get(URL, {**ALL, "topic": "asb"}).content.decode()
    assert "Anti-social behaviour" in asb and "Stage 1 response late" not in asb


def test_by_default_the_page_lists_what_is_going_on_and_what_arose_lately(client, record):
    client.force_login(record.manager)
    page = client.get(URL, {"as_of": AS_OF.isoformat()}).content.decode()
    found = portfolio(user=record.manager, as_of=AS_OF)
    assert f"{len(found.findings)} findings listed" in page
    assert "arose since 22 December 2023" in page


def test_a_date_not_understood_is_said_and_today_is_read_instead(client, record):
    client.force_login(record.manager)
    response = client.get(URL, {"as_of": "21 March", "team": "complaints"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the date as year-month-day" in page


def test_the_list_downloads_as_csv_oldest_first(client, record):
    client.force_login(record.manager)
    response = client.get(URL, {**ALL, "format": "csv", "team": "complaints"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="findings-2024-03-21.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == CSV_COLUMNS
    found = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True, team="complaints")
    assert len(rows) - 1 == len(found.findings)
    arose = [row[0] for row in rows[1:]]
    assert arose == sorted(arose)
    assert {row[11] for row in rows[1:]} == {"Complaints team"}


def test_a_contractor_is_refused(client, record):
    client.force_login(record.contractor)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "csv"}).status_code == 403


def test_the_pages_queries_grow_by_household_not_by_finding(client, django_assert_max_num_queries):
    """Clarion's record read alone, then with Bromford's: the second record adds a bounded
    number of queries for each household (or building with communal cases) it brings, however
    many findings it holds."""
    manager = StaffFactory.create(username="mina", role=Role.MANAGER)
    client.force_login(manager)
    first = import_record(CLARION)[CLARION]
    with CaptureQueriesContext(connection) as alone:
        assert client.get(URL, ALL).status_code == 200
    before = len(portfolio(user=manager, as_of=AS_OF, include_resolved=True).findings)
    second = import_record(BROMFORD)[BROMFORD]
    homes = {c.household_id or -c.property_id for c in second}
    homes -= {c.household_id or -c.property_id for c in first}
    per_home = 25  # some 20 each: the export, the replay's reads, the cases
    with django_assert_max_num_queries(len(alone) + per_home * len(homes)):
        assert client.get(URL, ALL).status_code == 200
    after = len(portfolio(user=manager, as_of=AS_OF, include_resolved=True).findings)
    assert after - before > 0


def test_the_team_and_officer_lists_offer_those_the_findings_name(client, record):
    client.force_login(record.manager)
    page = client.get(URL, {**ALL, "team": "repairs"}).content.decode()
    assert '<option value="repairs" selected>Repairs team</option>' in page
    assert '<option value="complaints">Complaints team</option>' in page
    # the officers are those of the repairs team's findings; across every team, Olu too
    assert 'value="olu"' not in page and '<option value="none">No officer</option>' in page
    assert '<option value="olu">Olu Ade</option>' in client.get(URL, ALL).content.decode()
    refused = client.get(URL, {**ALL, "team": "<b>"}).content.decode()
    assert "Choose one of the values listed" in refused

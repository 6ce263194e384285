"""The portfolio: the findings of two imported records (Clarion and Bromford) across every case
a manager may see are the files' own; the window, the filters and the counts agree with each
other; oldest first; the age bands counted back from the date asked about; the redress per
household; nothing for a contractor."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from doorstep.interchange.replay import replay
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.lens.selectors import AGE_BANDS, FACETS, NONE, age_band, portfolio
from doorstep.lens.tests.conftest import AS_OF
from doorstep.staff.roles import Role
from doorstep.testing.factories import CaseFactory, HouseholdFactory, StaffFactory
from doorstep.timeline.when import LONDON, When
from doorstep.vulnerabilities.services import vulnerability_record

pytestmark = pytest.mark.django_db


def _from_files(as_of: dt.date = AS_OF) -> list[dict]:
    return [f for name in (CLARION, BROMFORD) for f in replay(seed(name), as_of=as_of)["findings"]]


def test_every_finding_of_both_records_is_listed_and_counted_by_topic_as_the_files_say(record):
    found = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True)
    files = _from_files()
    assert len(found.findings) == len(files) > 50
    by_topic = {c.value: c.count for c in found.by_topic}
    assert by_topic == dict(Counter(f["topic"] for f in files))
    assert {c.value: c.count for c in found.by_code} == dict(Counter(f["code"] for f in files))
    assert Counter(f.date.isoformat() for f in found.findings) == Counter(f["date"] for f in files)
    # two households, and each building with a communal case: one replay each
    cases = record.clarion + record.bromford
    homes = {c.household_id or -c.property_id for c in cases}
    assert found.households == len(homes) == 2 + sum(1 for h in homes if h < 0)
    assert found.notes == []


def test_the_list_is_oldest_first_and_each_row_names_its_case_household_team_and_officer(record):
    found = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True)
    dates = [f.date for f in found.findings]
    assert dates == sorted(dates)
    clarion = {c.pk for c in record.clarion}
    for finding in found.findings:
        assert finding.case is not None
        assert finding.data["case"] == finding.case.reference
        if finding.case.pk in clarion:
            assert finding.team == record.complaints
            assert finding.household is not None
        assert finding.explanation
        assert finding.severity in {"low", "medium", "high"}
    assert any("an imprecise date" in f.rests_on for f in found.findings)


def test_by_default_the_list_is_what_is_going_on_and_what_arose_in_the_last_90_days(record):
    everything = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True).findings
    found = portfolio(user=record.manager, as_of=AS_OF)
    assert found.since == AS_OF - dt.timedelta(days=90)
    wanted = [f for f in everything if f.ongoing or f.date >= found.since]
    assert [f.data["key"] for f in found.findings] == [f.data["key"] for f in wanted]
    assert len(found.findings) < len(everything)  # the long-over failures are left out
    assert found.in_window == len(found.findings)


def test_arose_since_a_date_takes_in_what_arose_from_then(record):
    everything = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True).findings
    since = dt.date(2022, 1, 1)
    found = portfolio(user=record.manager, as_of=AS_OF, since=since)
    assert found.since == since
    expected = [f for f in everything if f.ongoing or f.date >= since]
    assert len(found.findings) == len(expected)
    over = [f for f in found.findings if not f.ongoing]
    assert over and all(f.date >= since for f in over)


def test_a_team_an_officer_a_topic_a_code_and_an_age_each_narrow_the_list(record):
    everything = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True).findings
    mine = {record.clarion[0].pk}
    complaints = {c.pk for c in record.clarion}

    def listed(**filters) -> list:
        found = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True, **filters)
        return found.findings

    by_team = listed(team="complaints")
    assert by_team and {f.case.pk for f in by_team} <= complaints
    assert len(by_team) == sum(1 for f in everything if f.case.pk in complaints)
    assert all(f.team is None for f in listed(team=NONE))
    assert {f.case.pk for f in listed(officer="olu")} == mine
    assert all(f.officer is None for f in listed(officer=NONE))
    assert {f.topic for f in listed(topic="asb")} == {"asb"}
    assert {f.code for f in listed(code="repair.overdue")} == {"repair.overdue"}
    assert listed(team="no-such-team") == []
    both = listed(team="complaints", topic="repairs")
    assert both and all(f.topic == "repairs" and f.case.pk in complaints for f in both)
    old = listed(age="over_365")
    assert old and all((AS_OF - f.date).days >= 365 for f in old)


def test_each_count_is_the_length_of_the_list_its_link_shows(record):
    found = portfolio(user=record.manager, as_of=AS_OF, team="complaints")
    for facet in FACETS:
        for count in found.counts[facet]:
            if count.count == 0:
                continue
            filters = {"team": "complaints", facet: count.value}
            narrowed = portfolio(user=record.manager, as_of=AS_OF, **filters)
            assert len(narrowed.findings) == count.count, (facet, count)
    # the team's own counts are taken across every team, the chosen one marked
    teams = {c.value: c for c in found.by_team}
    assert set(teams) == {"complaints", "repairs", NONE}
    assert teams["complaints"].chosen and not teams["repairs"].chosen


@pytest.mark.parametrize(
    ("days", "band"),
    [
        (0, "under_30"),
        (29, "under_30"),
        (30, "30_to_90"),
        (89, "30_to_90"),
        (90, "90_to_365"),
        (364, "90_to_365"),
        (365, "over_365"),
        (4000, "over_365"),
    ],
)
def test_age_bands_count_back_from_the_day_asked_about(days, band):
    assert age_band(AS_OF - dt.timedelta(days=days), AS_OF).key == band


def test_the_age_of_a_finding_moves_with_the_date_asked_about(record):
    later = AS_OF + dt.timedelta(days=400)
    now = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True)
    assert [c.key for c in AGE_BANDS] == [c.value for c in now.by_age]
    assert sum(c.count for c in now.by_age) == len(now.findings)
    recent = {c.value: c.count for c in now.by_age}
    assert recent["90_to_365"] > 0
    then = portfolio(user=record.manager, as_of=later, include_resolved=True)
    assert {c.value: c.count for c in then.by_age}["90_to_365"] == sum(
        1 for f in then.findings if 90 <= (later - f.date).days < 365
    )
    assert all(f.age.key == "over_365" for f in then.findings if f.date <= AS_OF)


def test_redress_is_suggested_per_household_never_summed_across_them(record):
    found = portfolio(user=record.manager, as_of=AS_OF, include_resolved=True)
    households = {c.household.reference for c in record.clarion + record.bromford if c.household}
    labels = {r.label for r in found.redress}
    assert households <= labels
    assert sum(t.count for r in found.redress for t in r.topics) == len(found.findings)
    for r in found.redress:
        for topic in r.topics:
            assert topic.suggestion.low > 0
            assert "not a finding of maladministration" in topic.suggestion.reasoning


def test_a_contractor_sees_no_finding(record):
    for case in record.bromford:
        case.contractor = record.contractor.contractor
        case.save(update_fields=["contractor"])
    found = portfolio(user=record.contractor, as_of=AS_OF, include_resolved=True)
    assert found.findings == [] and found.households == 0


def _disclosed_late(household) -> None:
    """A vulnerability disclosed on 10 January 2024, entered in the register on 1 March."""
    vulnerability_record(
        actor=None,
        household=household,
        person=household.members.first().person,
        category="pregnancy",
        source="self",
        learned=When.parse("2024-01-10"),
        at=dt.datetime(2024, 3, 1, 10, 0, tzinfo=LONDON),
        consent_to_record=False,
    )


def test_a_households_own_findings_are_listed_where_it_has_a_case(db):
    """The late entry in the register is a finding about the household itself (no case): listed
    for the household with a case, not for the one without."""
    case = CaseFactory.create()
    _disclosed_late(case.household)
    _disclosed_late(HouseholdFactory.create())
    manager = StaffFactory.create(username="mina", role=Role.MANAGER)
    found = portfolio(user=manager, as_of=dt.date(2024, 3, 21))
    assert [(f.code, f.case, f.household) for f in found.findings] == [
        ("vulnerability.not_recorded", None, case.household)
    ]
    own = found.findings[0]
    assert own.team is None and own.officer is None and own.resolved == dt.date(2024, 3, 1)
    assert [(c.value, c.count) for c in found.by_team] == [(NONE, 1)]
    assert [r.household for r in found.redress] == [case.household]

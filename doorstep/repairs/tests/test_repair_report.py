"""`repair_report`: a repair case and its `repair.reported`, on the household's record or,
communal, on the building's; its target from the policy in force on the day, shorter for a
vulnerable household only where the landlord's policy says so."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.selectors import cases_for_household
from doorstep.contacts.services import contact_record
from doorstep.core.errors import DomainError
from doorstep.policy.services import policy_override_record
from doorstep.repairs import services
from doorstep.repairs.services import repair_report
from doorstep.testing.helpers import appended
from doorstep.timeline.when import LONDON, When

pytestmark = pytest.mark.django_db


def report(estate, at, **kwargs):
    given = {
        "actor": estate.officer,
        "household": estate.household,
        "location": "Kitchen",
        "description": "The cold tap drips",
        "priority": "routine",
        "occurred": When.at(at),
        "at": at,
    }
    return repair_report(**{**given, **kwargs})


def test_a_repair_opens_a_case_on_the_households_record(estate, at):
    with appended() as written:
        reported = report(estate, at)
    case = reported.case
    assert written.kinds == ["case.opened", "repair.reported"]
    assert (case.case_type, case.household, case.property) == (
        "repair",
        estate.household,
        estate.flat,
    )
    assert case.title == "Kitchen: The cold tap drips"
    assert reported.event.data == {
        "priority": "routine",
        "location": "Kitchen",
        "description": "The cold tap drips",
        "communal": False,
        "security": False,
    }
    assert reported.event.case == case and reported.event.household == estate.household


def test_a_communal_repair_belongs_to_the_block_and_shows_on_every_household_in_it(estate, at):
    reported = report(
        estate, at, communal=True, location="Communal front door", description="Will not lock"
    )
    case = reported.case
    assert case.household is None and case.property == estate.block and case.communal
    assert reported.event.household is None and reported.event.property == estate.block
    for household in (estate.household, estate.neighbours):
        assert case in cases_for_household(household=household)
    assert case not in cases_for_household(household=estate.lone)


def test_a_communal_repair_reported_for_the_building_itself(estate, at):
    reported = report(estate, at, household=None, property=estate.block, communal=True)
    assert reported.case.property == estate.block and reported.case.household is None
    assert reported.case in cases_for_household(household=estate.neighbours)


@pytest.mark.parametrize(
    ("priority", "due", "due_at", "rule"),
    [
        ("emergency", "2024-06-04", "2024-06-04T10:30",
         "Complete an emergency repair within 24 hours"),
        ("urgent", "2024-06-10", None, "Complete an urgent repair within 5 working days"),
        ("routine", "2024-07-01", None, "Complete a routine repair within 20 working days"),
        ("planned", "2024-09-01", None, "Complete planned work within 90 days"),
    ],
)  # fmt: skip
def test_the_target_comes_from_the_policy_for_the_priority(estate, at, priority, due, due_at, rule):
    target = report(estate, at, household=estate.lone, priority=priority).target
    assert target is not None
    assert target.due == dt.date.fromisoformat(due)
    assert target.rule == rule
    assert target.source.startswith("Doorstep default")
    if due_at:
        assert target.due_at == dt.datetime.fromisoformat(due_at).replace(tzinfo=LONDON)
    assert target.vulnerable == ""


def test_an_insecure_fault_is_due_within_the_make_safe_hours(estate, at):
    target = report(estate, at, communal=True, security=True, priority="routine").target
    assert target.due_at == dt.datetime(2024, 6, 4, 10, 30, tzinfo=LONDON)
    assert target.rule == "Make safe a fault that leaves a home or block insecure within 24 hours"


def test_the_landlords_own_target_applies_from_its_date_and_not_to_an_earlier_report(estate, at):
    policy_override_record(
        actor=None,
        key="repairs.routine.working_days",
        value=10,
        source="Repairs policy 2024, para 4",
        at=at,
        effective_from=dt.date(2024, 6, 10),
    )
    earlier = report(estate, at, household=estate.lone).target
    assert earlier.due == dt.date(2024, 7, 1)
    assert earlier.rule == "Complete a routine repair within 20 working days"
    later_at = dt.datetime(2024, 6, 10, 9, 0, tzinfo=LONDON)
    later = report(estate, later_at, household=estate.lone, occurred=When.at(later_at)).target
    assert later.due == dt.date(2024, 6, 24)
    assert later.source == "Repairs policy 2024, para 4"


def test_a_report_dated_before_the_landlords_target_keeps_the_target_then_in_force(estate, at):
    policy_override_record(
        actor=None,
        key="repairs.routine.working_days",
        value=10,
        source="Repairs policy 2024, para 4",
        at=at,
        effective_from=dt.date(2024, 6, 1),
    )
    old = report(estate, at, household=estate.lone, occurred=When.parse("2024-05-20")).target
    assert old.due == dt.date(2024, 6, 18)  # 20 working days from Mon 20 May (27 May a holiday)
    assert "20 working days" in old.rule


def test_a_vulnerable_households_target_is_shorter_where_the_policy_says_so(
    estate, at, shorter_for_vulnerable
):
    target = report(estate, at).target
    assert target.due == dt.date(2024, 6, 17)
    assert target.rule == "Complete a routine repair within 10 working days"
    assert target.source == "Repairs policy v5, para 6.1"
    assert target.vulnerable.startswith(
        "A vulnerability was disclosed in the household before the clock started"
    )
    assert "repairs.routine.vulnerable_working_days = 10, not 20" in target.vulnerable


def test_without_the_landlords_policy_a_vulnerability_does_not_change_the_target(estate, at):
    target = report(estate, at).target
    assert target.due == dt.date(2024, 7, 1)
    assert target.vulnerable == ""


def test_the_shorter_target_applies_only_to_a_household_with_a_disclosed_vulnerability(
    estate, at, shorter_for_vulnerable
):
    assert report(estate, at, household=estate.neighbours).target.due == dt.date(2024, 7, 1)
    # Nor to a communal repair: the building has no household.
    assert report(estate, at, communal=True).target.due == dt.date(2024, 7, 1)
    # Nor to a priority the landlord set no shorter target for.
    assert report(estate, at, priority="urgent").target.due == dt.date(2024, 6, 10)


def test_a_vulnerability_disclosed_after_the_report_does_not_shorten_it(
    estate, at, shorter_for_vulnerable
):
    early = When.parse("2024-05-13")
    target = report(estate, at, occurred=early).target
    assert target.due == dt.date(2024, 6, 11)  # 20 working days from 13 May, not 10


def test_a_repair_reported_from_a_contact_keeps_it_as_the_origin(estate, at):
    contact = contact_record(
        actor=None,
        household=estate.household,
        direction="in",
        channel="phone",
        party="Ada Adeyemi",
        text="My kitchen tap is dripping",
        occurred=When.at(at),
        at=at,
    )
    reported = report(estate, at, from_contact=contact)
    opened = reported.case.events.get(kind="case.opened")
    assert opened.data["from_event"] == str(contact.uid)
    assert reported.event.channel == "phone"


@pytest.mark.parametrize(
    ("given", "message", "field"),
    [
        ({"location": "  "}, services.NO_LOCATION, "location"),
        ({"location": "x" * 201}, services.LOCATION_TOO_LONG, "location"),
        ({"description": ""}, services.NO_DESCRIPTION, "description"),
        ({"priority": "whenever"}, services.BAD_PRIORITY, "priority"),
        ({"household": None}, services.NO_PLACE, "household"),
    ],
)
def test_bad_input_is_refused_on_its_field(estate, at, given, message, field):
    with appended() as written, pytest.raises(DomainError) as refused:
        report(estate, at, **given)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert written == []


def test_a_communal_repair_needs_a_building(estate, at):
    with pytest.raises(DomainError) as refused:
        report(estate, at, household=estate.lone, communal=True)
    assert refused.value.message == services.NOT_IN_A_BUILDING.format(address="9 Ash Lane")
    assert refused.value.field == "communal"
    with pytest.raises(DomainError) as refused:
        report(estate, at, household=None, property=estate.flat, communal=True)
    assert refused.value.message == services.NOT_A_BUILDING.format(
        address="1 Oak Court", kind="flat"
    )
    with pytest.raises(DomainError) as refused:
        report(estate, at, household=estate.lone, property=estate.block, communal=True)
    assert refused.value.message == services.NOT_THE_HOUSEHOLDS_BUILDING.format(address="Oak Court")


def test_a_repair_to_a_home_is_for_its_household(estate, at):
    with pytest.raises(DomainError) as refused:
        report(estate, at, household=None, property=estate.flat)
    assert refused.value.message == services.HOME_NEEDS_HOUSEHOLD
    with pytest.raises(DomainError) as refused:
        report(estate, at, property=estate.other_flat)
    assert refused.value.message == services.NOT_THE_HOME.format(home="1 Oak Court")


def test_a_report_cannot_be_dated_after_it_was_recorded(estate, at):
    with pytest.raises(DomainError) as refused:
        report(estate, at, occurred=When.parse("2024-06-04"))
    assert refused.value.field == "occurred"

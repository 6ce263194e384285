from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError, NotPermitted
from doorstep.staff.roles import Role
from doorstep.testing.factories import HouseholdFactory, PersonFactory, StaffFactory
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When
from doorstep.vulnerabilities.models import SpecialCategoryAccess
from doorstep.vulnerabilities.selectors import vulnerability_details, vulnerability_flags
from doorstep.vulnerabilities.services import (
    LEARNED_AFTER_RECORDED,
    NO_CONSENT_NO_DETAIL,
    NOT_IN_HOUSEHOLD,
    vulnerability_record,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    return HouseholdFactory()


def _record(household, at, **overrides):
    args = {
        "actor": None,
        "household": household,
        "person": household.members.get().person,
        "category": "pregnancy",
        "source": "third_party",
        "learned": When.parse("2021-03"),
        "at": at,
        "consent_to_record": True,
        "detail": "Due September 2021",
        "source_detail": "health visitor",
    }
    return vulnerability_record(**{**args, **overrides})


def test_learning_and_recording_are_two_dated_events(household, at):
    with appended() as events:
        vulnerability = _record(household, at)
    assert events.kinds == ["vulnerability.disclosed", "vulnerability.recorded"]
    assert events[0].occurred_text == "2021-03"
    assert vulnerability.learned_on == dt.date(2021, 3, 31)
    assert vulnerability.recorded_on == at.date()
    assert vulnerability.hds_alert == "Pregnancy"


def test_everyone_sees_the_flag_without_the_detail(household, at):
    _record(household, at)
    (flag,) = vulnerability_flags(household=household)
    assert flag.category_label == "Pregnancy"
    assert "Due" not in repr(flag)


def test_detail_is_only_for_roles_that_need_it_and_every_read_is_logged(household, at):
    _record(household, at)
    with pytest.raises(NotPermitted):
        vulnerability_details(
            household=household,
            user=StaffFactory(role=Role.REPAIRS_COORDINATOR),
            purpose="household page",
            at=at,
        )
    officer = StaffFactory(role=Role.HOUSING_OFFICER)
    (entry,) = vulnerability_details(
        household=household, user=officer, purpose="household page", at=at
    )
    assert entry.detail == "Due September 2021"
    log = SpecialCategoryAccess.objects.get()
    assert (log.user, log.person, log.purpose) == (officer, entry.person, "household page")


def test_without_consent_only_the_fact_is_recorded(household, at):
    with pytest.raises(DomainError) as info:
        _record(household, at, consent_to_record=False)
    assert info.value.message == NO_CONSENT_NO_DETAIL
    assert _record(household, at, consent_to_record=False, detail="").detail == ""


def test_the_person_must_be_in_the_household(household, at):
    stranger = PersonFactory()
    with pytest.raises(DomainError) as info:
        _record(household, at, person=stranger)
    assert info.value.message == NOT_IN_HOUSEHOLD.format(person=stranger, household=household)


def test_it_cannot_be_learned_after_it_is_recorded(household, at):
    with pytest.raises(DomainError) as info:
        _record(household, at, learned=When.on(at.date() + dt.timedelta(days=2)))
    assert info.value.message == LEARNED_AFTER_RECORDED


def test_a_migrated_record_enters_the_register_without_new_events(household, at):
    from doorstep.vulnerabilities.services import vulnerability_register_entry

    person = household.members.get().person
    with appended() as events:
        entry = vulnerability_register_entry(
            household=household,
            person=person,
            category="disability",
            source="self",
            learned=When.parse("2021-03"),
            recorded_on=dt.date(2022, 1, 5),
        )
    assert events.kinds == []
    assert (entry.learned_text, entry.learned_on, entry.recorded_on) == (
        "2021-03",
        dt.date(2021, 3, 31),
        dt.date(2022, 1, 5),
    )
    again = vulnerability_register_entry(
        household=household,
        person=person,
        category="disability",
        source="self",
        learned=When.parse("2021-03"),
        recorded_on=dt.date(2022, 1, 5),
    )
    assert again is None
    assert (
        vulnerability_register_entry(
            household=household,
            person=PersonFactory(),
            category="age",
            source="self",
            learned=When.parse("2021"),
            recorded_on=dt.date(2022, 1, 5),
        )
        is None
    )

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from doorstep.core.errors import DomainError
from doorstep.residents.selectors import authority_in_force, household_search, households_at
from doorstep.residents.services import (
    CONSENT_BY_NON_MEMBER,
    NOT_A_HOME,
    TENANT_NOT_MEMBER,
    adjustment_record,
    contact_preference_set,
    household_create,
    household_member_add,
    tenancy_end,
    tenancy_start,
    third_party_authorise,
    third_party_withdraw,
)
from doorstep.testing.factories import HouseholdFactory, PersonFactory, PropertyFactory
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    return HouseholdFactory()


@pytest.fixture
def tenant(household):
    return household.members.get().person


def test_opening_a_household_records_it(at):
    flat = PropertyFactory()
    with appended() as events:
        household = household_create(actor=None, property=flat, at=at)
    assert events.kinds == ["household.created"]
    assert events[0].data == {"property": flat.reference}
    assert household.reference.startswith("HH-2024-")


def test_a_household_lives_in_a_home_not_a_block(at):
    block = PropertyFactory().part_of
    with pytest.raises(DomainError) as info:
        household_create(actor=None, property=block, at=at)
    assert info.value.message == NOT_A_HOME.format(kind="block")


def test_a_tenancy_records_tenure_start_and_rent(household, tenant, at):
    with appended() as events:
        tenancy = tenancy_start(
            actor=None,
            household=household,
            tenants=[tenant],
            at=at,
            tenure="assured",
            start=dt.date(2018, 4, 30),
            rent_weekly=Decimal("108.25"),
        )
    assert events.kinds == ["tenancy.started"]
    assert events[0].data["rent_weekly"] == 108.25
    assert list(tenancy.tenants.all()) == [tenant]


def test_a_tenancy_with_unknown_start_is_allowed(household, tenant, at):
    tenancy = tenancy_start(actor=None, household=household, tenants=[tenant], at=at)
    assert tenancy.start is None and tenancy.tenure == ""


def test_a_tenant_must_be_in_the_household(household, at):
    stranger = PersonFactory()
    with pytest.raises(DomainError) as info:
        tenancy_start(actor=None, household=household, tenants=[stranger], at=at)
    assert info.value.message == TENANT_NOT_MEMBER.format(person=stranger)


def test_ending_a_tenancy_keeps_it_and_records_why(household, tenant, at):
    tenancy = tenancy_start(
        actor=None, household=household, tenants=[tenant], at=at, start=dt.date(2020, 1, 1)
    )
    with appended() as events:
        tenancy_end(actor=None, tenancy=tenancy, end=dt.date(2024, 6, 1), reason="Transfer", at=at)
    assert events.kinds == ["tenancy.ended"]
    with pytest.raises(DomainError, match="already ended"):
        tenancy_end(actor=None, tenancy=tenancy, end=dt.date(2024, 6, 2), reason="x", at=at)


def test_contact_preferences_and_adjustments_are_recorded(household, tenant, at):
    with appended() as events:
        contact_preference_set(
            actor=None, household=household, person=tenant, channel="email", at=at
        )
        adjustment_record(
            actor=None,
            household=household,
            person=tenant,
            kind="large_print",
            detail="Sight loss",
            at=at,
        )
    assert events.kinds == ["person.contact_preference_set", "person.adjustment_recorded"]
    assert tenant.adjustments.get().kind == "large_print"


def test_a_third_party_acts_within_the_consent_given(household, tenant, at):
    worker = PersonFactory(full_name="Jo Support", organisation="Mental health team")
    with appended() as events:
        authority = third_party_authorise(
            actor=None,
            household=household,
            third_party=worker,
            consent_given_by=tenant,
            relationship="support worker",
            scope=["repairs", "moves"],
            at=at,
        )
    assert events.kinds == ["third_party.authorised"]
    assert authority.scope_labels() == ["Repairs and hazards", "Moves and transfers"]
    assert authority_in_force(authority=authority, on=at.date())
    third_party_withdraw(actor=None, authority=authority, reason="Ended support", at=at)
    assert not authority_in_force(authority=authority, on=at.date())


def test_consent_must_come_from_the_household(household, at):
    with pytest.raises(DomainError) as info:
        third_party_authorise(
            actor=None,
            household=household,
            third_party=PersonFactory(),
            consent_given_by=PersonFactory(),
            relationship="friend",
            scope=["all"],
            at=at,
        )
    assert info.value.message == CONSENT_BY_NON_MEMBER


def test_a_person_joins_a_household_once(household, tenant, at):
    with pytest.raises(DomainError, match="already a member"):
        household_member_add(
            actor=None, household=household, person=tenant, relationship="tenant", at=at
        )


def test_search_finds_a_household_by_member_name_and_the_block_finds_its_households(household):
    name = household.members.get().person.full_name
    assert list(household_search(query=name)) == [household]
    assert household in households_at(property=household.property.part_of)

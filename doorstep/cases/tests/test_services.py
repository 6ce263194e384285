from __future__ import annotations

import pytest
from django.core.management import call_command

from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_for_household, cases_visible_to
from doorstep.cases.services import (
    ALREADY_CLOSED,
    LINK_SELF,
    NOTE_EMPTY,
    PROPERTY_NOT_HOUSEHOLDS,
    CaseDraft,
    case_assign,
    case_close,
    case_link,
    case_open,
    case_reopen,
    cases_open,
    note_add,
)
from doorstep.core.errors import DomainError, ItemRefused
from doorstep.staff.models import Contractor
from doorstep.staff.roles import Role
from doorstep.testing.factories import CaseFactory, HouseholdFactory, StaffFactory
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db


def test_opening_a_case_gives_it_a_human_reference_and_an_event(at):
    household = HouseholdFactory()
    with appended() as events:
        case = case_open(
            actor=None, case_type="complaint", title="Mould not treated", household=household, at=at
        )
    assert case.reference == "CMP-2024-000001"
    assert events.kinds == ["case.opened"]
    assert events[0].case == case and events[0].household == household


def test_many_cases_open_in_order_with_consecutive_references_and_their_events(at):
    household = HouseholdFactory()
    case_open(actor=None, case_type="repair", title="Before", household=household, at=at)
    drafts = [
        CaseDraft(case_type="repair", title="Leak", at=at, household=household),
        CaseDraft(case_type="complaint", title="Delay", at=at, household=household),
        CaseDraft(case_type="repair", title=" Door ", at=at, household=household),
    ]
    with appended() as events:
        cases = cases_open(actor=None, drafts=drafts)
    assert [c.reference for c in cases] == [
        "REP-2024-000002",
        "CMP-2024-000001",
        "REP-2024-000003",
    ]
    assert [c.title for c in cases] == ["Leak", "Delay", "Door"]
    assert events.kinds == ["case.opened"] * 3
    assert [e.case for e in events] == cases
    assert [e.data["reference"] for e in events] == [c.reference for c in cases]


def test_a_case_refused_among_many_is_named_and_none_is_opened(at):
    household = HouseholdFactory()
    elsewhere = HouseholdFactory().property
    drafts = [
        CaseDraft(case_type="repair", title="Leak", at=at, household=household),
        CaseDraft(case_type="repair", title="x", at=at, household=household, property=elsewhere),
    ]
    with pytest.raises(ItemRefused) as info:
        cases_open(actor=None, drafts=drafts)
    assert info.value.index == 1
    assert info.value.message == PROPERTY_NOT_HOUSEHOLDS.format(address=elsewhere.address)
    assert not Case.objects.filter(household=household).exists()


def test_status_is_derived_from_the_timeline(at):
    case = CaseFactory()
    with appended() as events:
        case_close(actor=None, case=case, reason="Fixed and confirmed", at=at)
        case_reopen(actor=None, case=case, reason="Leak came back", at=at)
        case_close(actor=None, case=case, reason="Fixed again", at=at)
    assert events.kinds == ["case.closed", "case.reopened", "case.closed"]
    assert case.status == "closed"
    with pytest.raises(DomainError) as info:
        case_close(actor=None, case=case, reason="again", at=at)
    assert info.value.message == ALREADY_CLOSED.format(reference=case.reference)


def test_rebuild_recomputes_status_from_events_and_finds_nothing_to_change(at, capsys):
    case = CaseFactory()
    case_close(actor=None, case=case, reason="Done", at=at)
    call_command("rebuild")
    assert "0 case(s) differed" in capsys.readouterr().out
    assert Case.objects.get(pk=case.pk).status == "closed"


def test_a_communal_repair_shows_on_every_household_in_the_block(at):
    first = HouseholdFactory()
    block = first.property.part_of
    second = HouseholdFactory(property__part_of=block)
    door = case_open(
        actor=None, case_type="repair", title="Communal door will not lock", property=block, at=at
    )
    assert door.communal
    assert door in cases_for_household(household=first)
    assert door in cases_for_household(household=second)
    assert door not in cases_for_household(household=HouseholdFactory())


def test_a_case_cannot_be_about_another_households_home(at):
    elsewhere = HouseholdFactory().property
    with pytest.raises(DomainError) as info:
        case_open(
            actor=None,
            case_type="repair",
            title="x",
            household=HouseholdFactory(),
            property=elsewhere,
            at=at,
        )
    assert info.value.message == PROPERTY_NOT_HOUSEHOLDS.format(address=elsewhere.address)


def test_notes_and_links(at):
    case, other = CaseFactory(), CaseFactory()
    with pytest.raises(DomainError) as info:
        note_add(actor=None, case=case, text="  ", at=at)
    assert info.value.message == NOTE_EMPTY
    with appended() as events:
        case_link(actor=None, case=case, other=other, reason="Complaint about repair", at=at)
    assert events.kinds == ["case.linked", "case.linked"]
    assert list(case.links.all()) == [other]
    with pytest.raises(DomainError, match=LINK_SELF):
        case_link(actor=None, case=case, other=case, reason="x", at=at)


def test_a_contractor_sees_only_its_own_cases(at):
    mine, theirs = Contractor.objects.create(name="Acme"), Contractor.objects.create(name="Zed")
    own, other = CaseFactory(), CaseFactory()
    case_assign(actor=None, case=own, contractor=mine, at=at)
    case_assign(actor=None, case=other, contractor=theirs, at=at)
    worker = StaffFactory(role=Role.CONTRACTOR, contractor=mine)
    assert list(cases_visible_to(user=worker)) == [own]
    assert set(cases_visible_to(user=StaffFactory())) >= {own, other}

from __future__ import annotations

import pytest

from doorstep.cases.services import CONTACT_ALREADY_OPENED
from doorstep.contacts.selectors import contact_log
from doorstep.contacts.services import (
    CORRECTION_NAMES_NO_ENTRY,
    INTERNAL_CHANNEL,
    NOT_A_CASE_ENTRY,
    case_entry_add,
    case_open_from_contact,
    contact_record,
)
from doorstep.core.errors import DomainError
from doorstep.testing.factories import CaseFactory, HouseholdFactory
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db


def _call(household, at, **overrides):
    args = {
        "actor": None,
        "household": household,
        "direction": "in",
        "channel": "phone",
        "party": "Resident",
        "text": "Black mould in the bathroom, baby due soon",
        "occurred": When.at(at),
        "at": at,
    }
    return contact_record(**{**args, **overrides})


def test_every_contact_lands_on_the_household(at):
    household = HouseholdFactory()
    with appended() as events:
        contact = _call(household, at)
        _call(
            household,
            at,
            direction="out",
            channel="letter",
            party="Resident",
            text="We will visit on 4 April",
        )
    assert events.kinds == ["contact.in", "contact.out"]
    assert contact.data == {
        "from": "Resident",
        "text": "Black mould in the bathroom, baby due soon",
    }
    assert [entry.event.kind for entry in contact_log(household=household)] == [
        "contact.out",
        "contact.in",
    ]


def test_a_contact_about_a_case_lands_on_the_case_too(at):
    case = CaseFactory()
    contact = _call(case.household, at, case=case)
    assert contact.case == case and contact.household == case.household


def test_a_contact_opens_a_case_in_one_step_keeping_the_link(at):
    household = HouseholdFactory()
    contact = _call(household, at)
    with appended() as events:
        case = case_open_from_contact(
            actor=None, contact=contact, case_type="hazard", title="Damp and mould", at=at
        )
    assert events.kinds == ["case.opened", "case.linked"]
    assert events[0].data["from_event"] == str(contact.uid)
    assert events[0].channel == "phone"
    (entry,) = contact_log(household=household)
    assert entry.opened_case == case.reference
    with pytest.raises(DomainError) as info:
        case_open_from_contact(actor=None, contact=contact, case_type="complaint", title="x", at=at)
    assert info.value.message == CONTACT_ALREADY_OPENED.format(reference=case.reference)


def test_a_contact_comes_on_a_real_channel(at):
    with pytest.raises(DomainError) as info:
        _call(HouseholdFactory(), at, channel="internal")
    assert info.value.message == INTERNAL_CHANNEL


def test_an_imprecise_contact_keeps_its_precision(at):
    contact = _call(HouseholdFactory(), at, occurred=When.parse("2021-03"))
    assert contact.occurred_precision == "month"


def test_a_note_a_contact_and_a_correction_are_added_to_a_case(at):
    case = CaseFactory()
    with appended() as events:
        note = case_entry_add(
            actor=None, case=case, kind="note", data={"text": "Washer ordered"}, at=at
        )
        contact = case_entry_add(
            actor=None,
            case=case,
            kind="contact.out",
            data={"to": "Resident", "text": "Fitter booked for Tuesday"},
            channel="letter",
            occurred=When.parse("2024-05"),
            at=at,
        )
        correction = case_entry_add(
            actor=None,
            case=case,
            kind="record.corrected",
            data={"reason": "The washer was ordered the day before"},
            supersedes=note,
            at=at,
        )
    assert events.kinds == ["note", "contact.out", "record.corrected"]
    assert all(e.case == case and e.household == case.household for e in events)
    assert (contact.channel, contact.occurred_precision) == ("letter", "month")
    assert correction.supersedes == note


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        ({"kind": "case.closed", "data": {"reason": "Done"}}, "kind", NOT_A_CASE_ENTRY),
        ({"kind": "contact.in", "data": {"text": "Still dripping"}}, "channel", INTERNAL_CHANNEL),
        (
            {"kind": "record.corrected", "data": {"reason": "Wrong day"}},
            "supersedes",
            CORRECTION_NAMES_NO_ENTRY,
        ),
    ],
)
def test_a_case_entry_is_refused_where_a_rule_says_so(at, entry, field, message):
    case = CaseFactory()
    with appended() as events, pytest.raises(DomainError) as info:
        case_entry_add(actor=None, case=case, at=at, **entry)
    assert (info.value.field, info.value.message) == (field, message)
    assert events.kinds == []
    assert NOT_A_CASE_ENTRY == "Add one of: note, contact.in, contact.out, record.corrected."


def test_a_new_contact_needs_its_words_though_the_record_may_hold_legacy_ones_without(at):
    from doorstep.contacts.services import CONTACT_EMPTY, case_entry_add

    household = HouseholdFactory()
    with pytest.raises(DomainError) as info:
        _call(household, at, text="   ")
    assert (info.value.message, info.value.field) == (CONTACT_EMPTY, "text")
    case = CaseFactory(household=household)
    with pytest.raises(DomainError) as info:
        case_entry_add(
            actor=None,
            case=case,
            kind="contact.in",
            channel="phone",
            data={"from": "R1", "text": None},
            at=at,
        )
    assert info.value.message == CONTACT_EMPTY
    from doorstep.timeline import kinds

    assert kinds.get("contact.in").validate({"from": None, "text": None}) == {
        "from": None,
        "text": None,
    }

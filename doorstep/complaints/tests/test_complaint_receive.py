"""`complaint_receive` and `service_request_record`: a complaint from any channel or in one step
from a contact on the record (keeping the link), and a service request recorded as an enquiry
case instead."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.choices import CaseType
from doorstep.cases.services import CONTACT_ALREADY_OPENED
from doorstep.complaints.choices import COMPLAINT_DEFINITION, CodeVersion, ComplaintStatus
from doorstep.complaints.services import (
    BAD_CHANNEL,
    CONTACT_OTHER_HOUSEHOLD,
    NO_HOUSEHOLD,
    NO_REQUEST_TEXT,
    NO_TEXT,
    NOT_A_CONTACT_IN,
    TEXT_TOO_LONG,
    complaint_receive,
    service_request_record,
)
from doorstep.complaints.tests.conftest import NOW, WORDS
from doorstep.complaints.tests.helpers import kinds
from doorstep.contacts.services import contact_record
from doorstep.core.errors import DomainError
from doorstep.timeline.models import Event
from doorstep.timeline.when import When


def test_a_complaint_from_a_contact_opens_a_complaint_case_keeping_the_link(homes):
    complaint = complaint_receive(actor=homes.officer, from_contact=homes.call, text="", at=NOW)
    case = complaint.case
    assert case.case_type == CaseType.COMPLAINT and case.reference.startswith("CMP-2025-")
    assert kinds(case) == ["case.opened", "case.linked", "complaint.received"]
    opened = Event.objects.get(case=case, kind="case.opened")
    assert opened.data["from_event"] == str(homes.call.uid)
    received = Event.objects.get(case=case, kind="complaint.received")
    assert received.data == {
        "stage": 1,
        "text": WORDS,
        "classification": "complaint",
        "definition": str(COMPLAINT_DEFINITION),
    }
    # The contact's date and channel: the Code's clocks run from when it came in.
    assert received.occurred_text == "2025-11-03T09:15" and received.channel == "phone"
    assert complaint.from_contact == homes.call
    assert (complaint.stage, complaint.status, complaint.text) == (
        1,
        ComplaintStatus.STAGE1_OPEN,
        WORDS,
    )
    assert complaint.code_version == CodeVersion.CODE_2024


def test_the_same_contact_cannot_open_two_cases(homes):
    first = complaint_receive(actor=homes.officer, from_contact=homes.call, text="", at=NOW)
    with pytest.raises(DomainError) as refused:
        complaint_receive(actor=homes.officer, from_contact=homes.call, text="", at=NOW)
    assert refused.value.message == CONTACT_ALREADY_OPENED.format(reference=first.case.reference)


def test_a_complaint_from_any_channel_in_the_residents_words(homes):
    complaint = complaint_receive(
        actor=homes.officer,
        household=homes.household,
        text="  The letter I got was rude.  ",
        channel="letter",
        occurred=When.parse("2024-03-28"),
        at=NOW,
    )
    received = Event.objects.get(case=complaint.case, kind="complaint.received")
    assert received.data["text"] == "The letter I got was rude."
    assert received.channel == "letter"
    assert kinds(complaint.case) == ["case.opened", "complaint.received"]
    # Received before 1 April 2024: the earlier Code applies, and its escalation keeps it.
    assert complaint.code_version == CodeVersion.EARLIER


@pytest.mark.parametrize(
    ("kwargs", "message", "field"),
    [
        ({"text": "x"}, NO_HOUSEHOLD, "household"),
        ({"household": "h", "text": "   "}, NO_TEXT, "text"),
        ({"household": "h", "text": "x" * 5001}, TEXT_TOO_LONG, "text"),
        ({"household": "h", "text": "x", "channel": "internal"}, BAD_CHANNEL, "channel"),
    ],
)
def test_receiving_refuses_bad_input(homes, kwargs, message, field):
    if kwargs.get("household") == "h":
        kwargs["household"] = homes.household
    with pytest.raises(DomainError) as refused:
        complaint_receive(actor=homes.officer, at=NOW, **kwargs)
    assert (refused.value.message, refused.value.field) == (message, field)


def test_only_a_contact_received_can_be_a_complaint(homes):
    sent = contact_record(
        actor=None,
        household=homes.household,
        direction="out",
        channel="letter",
        party="Ada Adeyemi",
        text="We will visit on Friday.",
        occurred=When.at(NOW),
        at=NOW,
    )
    with pytest.raises(DomainError) as refused:
        complaint_receive(actor=homes.officer, from_contact=sent, text="", at=NOW)
    assert (refused.value.message, refused.value.field) == (NOT_A_CONTACT_IN, "from_contact")


def test_a_contact_of_another_household_is_refused(homes):
    with pytest.raises(DomainError) as refused:
        complaint_receive(
            actor=homes.officer, household=homes.other, from_contact=homes.call, text="", at=NOW
        )
    assert refused.value.message == CONTACT_OTHER_HOUSEHOLD


def test_a_service_request_is_an_enquiry_case_not_a_complaint(homes):
    case = service_request_record(
        actor=homes.officer,
        household=homes.household,
        text="Please can someone fix the gate latch.",
        party="Ada Adeyemi",
        at=NOW,
    )
    assert case.case_type == CaseType.ENQUIRY and case.reference.startswith("ENQ-")
    assert kinds(case) == ["case.opened", "contact.in"]
    said = Event.objects.get(case=case, kind="contact.in")
    assert said.data["classification"] == "service_request"
    assert said.data["from"] == "Ada Adeyemi"
    assert not hasattr(case, "complaint") or case.complaint is None


def test_a_service_request_from_a_contact_keeps_the_link(homes):
    case = service_request_record(actor=homes.officer, from_contact=homes.call, text="", at=NOW)
    assert kinds(case) == ["case.opened", "case.linked"]
    with pytest.raises(DomainError) as refused:
        complaint_receive(actor=homes.officer, from_contact=homes.call, text="", at=NOW)
    assert refused.value.message == CONTACT_ALREADY_OPENED.format(reference=case.reference)


def test_a_service_request_needs_the_words(homes):
    with pytest.raises(DomainError) as refused:
        service_request_record(actor=None, household=homes.household, text=" ", at=NOW)
    assert refused.value.message == NO_REQUEST_TEXT


def test_the_2024_code_from_the_first_of_april_2024(homes):
    on_the_day = complaint_receive(
        actor=None,
        household=homes.household,
        text="x",
        occurred=When.on(dt.date(2024, 4, 1)),
        at=NOW,
    )
    assert on_the_day.code_version == CodeVersion.CODE_2024

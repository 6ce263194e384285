"""`complaint_extend`: the live service refuses an extension the Code would not allow, with the
clock engine's own words (`clocks.extensions.extension_problem`), and tells the resident in
writing (the notifier, logged as a `contact.out`, or a letter recorded). And the other use of
the same rule: an imported history with such an extension is replayed with it marked invalid.

Acknowledged Tue 4 Nov 2025: the stage 1 response is due Tue 18 Nov; the Code's limit for an
extension is a further 10 working days, Tue 2 Dec (counted by hand)."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.appointments.models import OutboxMessage
from doorstep.clocks.extensions import NOT_AGREED, NOT_IN_WRITING, TOO_LATE, TOO_LONG
from doorstep.complaints.choices import OMBUDSMAN_DETAILS, NotifiedHow
from doorstep.complaints.services import (
    BAD_NOTIFIED_HOW,
    EXTENSION_REFUSED,
    NO_ADDRESS,
    NO_EXTENSION_REASON,
    NO_NEW_DUE,
    complaint_acknowledge,
    complaint_extend,
)
from doorstep.complaints.tests.conftest import NOW
from doorstep.complaints.tests.helpers import count, kinds, later
from doorstep.core.errors import DomainError
from doorstep.deadlines.selectors import case_clocks
from doorstep.interchange.services import chronology_import
from doorstep.policy.services import policy_override_record
from doorstep.timeline.models import Event
from doorstep.timeline.when import When

AGREEMENT = "complaints.extension.resident_agreement_required"
TOLD = later(NOW, days=7)  # Mon 10 Nov 2025


@pytest.fixture
def acknowledged(homes, complaint):
    return complaint_acknowledge(
        actor=homes.handler, complaint=complaint, stage=1, at=later(NOW, days=1)
    )


def _extend(complaint, **kwargs):
    args = {
        "actor": None,
        "complaint": complaint,
        "new_due": dt.date(2025, 12, 1),
        "reason": "We are waiting for the surveyor's report.",
        "agreed_with_resident": True,
        "notified_how": NotifiedHow.LETTER,
        "at": TOLD,
        **kwargs,
    }
    return complaint_extend(**args)


def test_an_extension_by_letter_moves_the_due_date(homes, acknowledged):
    before = count(acknowledged.case)
    done = _extend(acknowledged, actor=homes.handler)
    assert kinds(acknowledged.case, before) == ["complaint.extended", "contact.out"]
    extended = Event.objects.get(case=acknowledged.case, kind="complaint.extended")
    assert extended.data == {
        "stage": 1,
        "new_due": "2025-12-01",
        "reason": "We are waiting for the surveyor's report.",
        "agreed_with_resident": True,
        "in_writing": True,
        "notified_how": "letter",
    }
    letter = Event.objects.get(case=acknowledged.case, kind="contact.out")
    assert letter.channel == "letter"
    assert "1 December 2025" in letter.data["text"] and OMBUDSMAN_DETAILS in letter.data["text"]
    assert (done.extended1_to, done.response_due) == (dt.date(2025, 12, 1), dt.date(2025, 12, 1))
    clock = next(
        c
        for c in case_clocks(case=acknowledged.case, as_of=dt.date(2025, 11, 20)).clocks
        if c.clock == "complaint.stage1.response"
    )
    assert (clock.due, clock.original_due) == (dt.date(2025, 12, 1), dt.date(2025, 11, 18))


def test_an_extension_through_the_notifier_sends_the_written_notice(homes, acknowledged):
    _extend(acknowledged, notified_how=NotifiedHow.NOTIFIER, to="ada@example.org")
    sent = OutboxMessage.objects.get()
    assert sent.to == "ada@example.org" and "surveyor's report" in sent.text
    assert "Housing Ombudsman" in sent.text
    logged = Event.objects.get(case=acknowledged.case, kind="contact.out")
    assert logged.data["notification"]["complaint"] == acknowledged.case.reference
    assert logged.data["notification"]["status"] == "stored"


def _refused(complaint, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        _extend(complaint, **kwargs)
    assert count(complaint.case) == before_count[0]
    return refused.value


before_count = [0]


@pytest.fixture
def counted(acknowledged):
    before_count[0] = count(acknowledged.case)
    return acknowledged


def test_not_in_writing_is_refused(counted):
    error = _refused(counted, notified_how=NotifiedHow.NOT_IN_WRITING)
    assert (error.message, error.field) == (
        EXTENSION_REFUSED.format(why=NOT_IN_WRITING),
        "notified_how",
    )


def test_after_the_original_due_date_is_refused(counted):
    error = _refused(counted, occurred=When.parse("2025-11-19"), at=later(NOW, days=16))
    assert (error.message, error.field) == (
        EXTENSION_REFUSED.format(why=TOO_LATE.format(due="18 Nov 2025")),
        "occurred",
    )


def test_beyond_the_limit_without_a_good_reason_is_refused(counted):
    error = _refused(counted, new_due=dt.date(2025, 12, 3))
    assert (error.message, error.field) == (
        EXTENSION_REFUSED.format(why=TOO_LONG.format(n=10, limit="2 Dec 2025")),
        "new_due",
    )


def test_beyond_the_limit_with_a_good_reason_is_allowed(homes, acknowledged):
    done = _extend(
        acknowledged,
        new_due=dt.date(2025, 12, 12),
        good_reason="The structural engineer's first date is 8 December.",
    )
    assert done.response_due == dt.date(2025, 12, 12)
    extended = Event.objects.get(case=acknowledged.case, kind="complaint.extended")
    assert extended.data["good_reason"] == "The structural engineer's first date is 8 December."


def test_without_agreement_is_refused_where_the_policy_asks_for_it(counted):
    error = _refused(counted, agreed_with_resident=False)
    assert (error.message, error.field) == (
        EXTENSION_REFUSED.format(why=NOT_AGREED),
        "agreed_with_resident",
    )


def test_without_agreement_is_allowed_where_the_policy_does_not_ask_for_it(homes, acknowledged):
    policy_override_record(
        actor=homes.manager,
        key=AGREEMENT,
        value=False,
        source="Complaints policy 2025, paragraph 7.3",
        at=NOW,
        effective_from=None,
    )
    done = _extend(acknowledged, agreed_with_resident=False)
    assert done.response_due == dt.date(2025, 12, 1)


@pytest.mark.parametrize(
    ("kwargs", "message", "field"),
    [
        ({"new_due": None}, NO_NEW_DUE, "new_due"),
        ({"reason": " "}, NO_EXTENSION_REASON, "reason"),
        ({"notified_how": "pigeon"}, BAD_NOTIFIED_HOW, "notified_how"),
        ({"notified_how": NotifiedHow.NOTIFIER, "to": ""}, NO_ADDRESS, "to"),
    ],
)
def test_extension_refuses_bad_input(counted, kwargs, message, field):
    error = _refused(counted, **kwargs)
    assert (error.message, error.field) == (message, field)


# --- the same rule in a replay of an imported history ------------------------------------------


def _history(**extension):
    data = {"stage": 1, "new_due": "2022-03-31", "reason": "Survey", **extension}
    return {
        "format": "doorstep-chronology/1",
        "landlord": {"name": "Old Homes", "nation": "england"},
        "properties": [{"ref": "P1", "uprn": None, "address": "1 Old Street", "kind": "flat"}],
        "people": [{"ref": "R1", "name": "Resident", "role": "tenant"}],
        "tenancies": [
            {"ref": "T1", "property": "P1", "tenants": ["R1"], "start": "2018-04-30", "end": None}
        ],
        "cases": [{"ref": "C1", "type": "complaint", "property": "P1", "people": ["R1"]}],
        "events": [
            {
                "id": "e1",
                "at": "2022-03-03",
                "case": "C1",
                "kind": "complaint.received",
                "by": "R1",
                "channel": "phone",
                "summary": "Complaint",
                "data": {"stage": 1, "text": "Nobody came."},
            },
            {
                "id": "e2",
                "at": "2022-03-15",
                "case": "C1",
                "kind": "complaint.extended",
                "by": "landlord",
                "channel": "letter",
                "summary": "Extended",
                "data": data,
            },
        ],
    }


@pytest.mark.parametrize(
    ("extension", "why"),
    [
        ({"agreed_with_resident": True, "in_writing": False}, NOT_IN_WRITING),
        ({"agreed_with_resident": False}, NOT_AGREED),
        ({"agreed_with_resident": True, "new_due": "2022-04-08"}, "no good reason recorded"),
    ],
)
def test_an_imported_invalid_extension_leaves_the_due_date_and_says_why(db, extension, why):
    chronology_import(doc=_history(**extension), source_name="old.json", at=NOW)
    complaint_case = Event.objects.get(kind="complaint.received").case
    clock = next(
        c
        for c in case_clocks(case=complaint_case, as_of=dt.date(2022, 3, 20)).clocks
        if c.clock == "complaint.stage1.response"
    )
    assert clock.data["extension_valid"] is False
    assert (clock.due, clock.original_due) == (dt.date(2022, 3, 17), None)
    assert any(why in line for line in clock.explanation)
    # The projection, from the same events, keeps the original due date too.
    assert complaint_case.complaint.response_due == dt.date(2022, 3, 17)
    assert complaint_case.complaint.extended1_to == dt.date(2022, 3, 31) or "new_due" in extension

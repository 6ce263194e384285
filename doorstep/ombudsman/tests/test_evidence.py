"""`evidence_request` and `evidence_send`: each request with its items and due date, what was
sent against it (with its documents), and what is outstanding or overdue as of a date."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.ombudsman import services
from doorstep.ombudsman.selectors import ombudsman_record, referrals_page
from doorstep.ombudsman.services import Upload, evidence_request, evidence_send
from doorstep.ombudsman.tests.conftest import PDF
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When

ITEMS = ["Repairs log since 2021", "Stage 2 response letter", "Surveyor's report"]


@pytest.fixture
def asked(homes, now, referral):
    return evidence_request(
        actor=homes.officer,
        case=referral,
        items=[*ITEMS, " ", ITEMS[0]],
        due=When.parse("2024-06-17"),
        at=now,
    )


def test_a_request_is_named_and_lists_its_items_once(homes, now, referral, asked):
    assert asked.kind == "ombudsman.evidence_requested"
    assert asked.data == {"request": "ER1", "items": ITEMS, "due": "2024-06-17"}
    second = evidence_request(
        actor=None, case=referral, items=["Photos"], due=When.parse("2024-07-01"), at=now
    )
    assert second.data["request"] == "ER2"


@pytest.mark.parametrize(
    ("items", "due", "message", "field"),
    [
        ([" "], When.parse("2024-06-17"), services.NO_ITEMS, "items"),
        (["Log"], None, services.NO_DUE, "due"),
        (
            ["Log"],
            When.parse("2024-05-31"),
            services.DUE_BEFORE_REQUEST.format(due="31 May 2024", asked="3 June 2024, 10:30"),
            "due",
        ),
    ],
)
def test_a_request_needs_items_and_a_due_date_after_it(
    homes, now, referral, items, due, message, field
):
    with appended() as events, pytest.raises(DomainError) as refused:
        evidence_request(actor=None, case=referral, items=items, due=due, at=now)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert events == []


def test_evidence_sent_counts_against_its_request_with_the_documents(homes, now, referral, asked):
    later = now + dt.timedelta(days=2)
    letter = document_add(
        actor=None,
        content=PDF,
        original_name="stage2.pdf",
        doc_type="letter",
        title="Stage 2",
        case=homes.complaint,
        at=now,
    )
    with appended() as events:
        evidence_send(
            actor=homes.officer,
            case=referral,
            request="ER1",
            items=[ITEMS[1], ITEMS[0]],
            documents=[letter],
            uploads=[Upload(PDF, "log.pdf", "Repairs log")],
            at=later,
        )
    assert events.kinds == ["document.added", "ombudsman.evidence_sent"]
    uploaded = Document.objects.get(title="Repairs log")
    assert uploaded.case == referral
    assert events[-1].data == {
        "request": "ER1",
        "items": [ITEMS[1], ITEMS[0]],
        "documents": [letter.reference, uploaded.reference],
    }
    request = ombudsman_record(case=referral, as_of=later.date()).requests[0]
    assert request.outstanding == [ITEMS[2]]
    assert not request.overdue


def test_items_not_sent_by_the_due_date_are_overdue_the_day_after(homes, now, referral, asked):
    on_the_day = ombudsman_record(case=referral, as_of=dt.date(2024, 6, 17)).requests[0]
    day_after = ombudsman_record(case=referral, as_of=dt.date(2024, 6, 18)).requests[0]
    assert on_the_day.outstanding == ITEMS and not on_the_day.overdue
    assert day_after.overdue
    page = referrals_page(user=homes.officer, as_of=dt.date(2024, 6, 18))
    assert [(r.case, q.id, q.overdue) for r, q in page.outstanding] == [(referral, "ER1", True)]
    evidence_send(actor=None, case=referral, request="ER1", items=ITEMS, at=now)
    assert referrals_page(user=homes.officer, as_of=dt.date(2024, 6, 18)).outstanding == []


def test_a_request_asked_after_the_date_is_not_there_yet(homes, now, referral, asked):
    assert ombudsman_record(case=referral, as_of=dt.date(2024, 6, 2)).requests == []


def test_evidence_for_an_unknown_request_or_an_unrequested_item_is_refused(
    homes, now, referral, asked
):
    with pytest.raises(DomainError) as refused:
        evidence_send(actor=None, case=referral, request="ER9", items=[ITEMS[0]], at=now)
    assert refused.value.message == services.UNKNOWN_REQUEST.format(
        request="ER9", reference=referral.reference
    )
    with pytest.raises(DomainError) as refused:
        evidence_send(actor=None, case=referral, request="ER1", items=["Rent statement"], at=now)
    assert refused.value.message == services.UNREQUESTED_ITEM.format(
        item="Rent statement", request="ER1", asked="; ".join(ITEMS)
    )
    assert refused.value.field == "items"
    with pytest.raises(DomainError) as refused:
        evidence_send(actor=None, case=referral, request="ER1", items=[], at=now)
    assert refused.value.message == services.NO_ITEMS_SENT


def test_a_document_of_another_household_is_not_sent(homes, now, referral, asked):
    elsewhere = document_add(
        actor=None,
        content=PDF,
        original_name="x.pdf",
        doc_type="letter",
        title="Someone else's letter",
        case=homes.others_complaint,
        at=now,
    )
    with appended() as events, pytest.raises(DomainError) as refused:
        evidence_send(
            actor=None,
            case=referral,
            request="ER1",
            items=[ITEMS[0]],
            documents=[elsewhere],
            at=now,
        )
    assert refused.value.message == services.DOCUMENT_ELSEWHERE.format(
        reference=elsewhere.reference
    )
    assert events == []

"""`order_comply`: the evidence of compliance keeps the order on the ledger and stops its
`ombudsman.order` clock; an order past its deadline without it is overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.commitments.choices import Recorded
from doorstep.core.errors import DomainError
from doorstep.deadlines.selectors import case_clocks
from doorstep.documents.models import Document
from doorstep.ombudsman import services
from doorstep.ombudsman.selectors import ombudsman_record
from doorstep.ombudsman.services import (
    FindingIn,
    OrderIn,
    Upload,
    determination_record,
    order_comply,
)
from doorstep.ombudsman.tests.conftest import PDF
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When


@pytest.fixture
def order(homes, now, referral) -> str:
    event = determination_record(
        actor=homes.officer,
        case=referral,
        occurred=When.parse("2024-06-03"),
        findings=[FindingIn("complaint handling", "maladministration")],
        orders=[OrderIn("Apologise in writing", homes.manager, period="4_weeks")],
        at=now,
    )
    return str(event.data["orders"][0]["commitment"])


def _order_clock(case, as_of):
    return next(
        c for c in case_clocks(case=case, as_of=as_of).clocks if c.clock == "ombudsman.order"
    )


def test_compliance_keeps_the_order_and_stops_its_clock(homes, now, referral, order):
    later = now + dt.timedelta(days=10)
    with appended() as events:
        kept = order_comply(
            actor=homes.officer,
            case=referral,
            order=order,
            evidence=" Letter sent 12 June ",
            uploads=[Upload(PDF, "apology.pdf", "Apology letter")],
            at=later,
        )
    assert events.kinds == ["document.added", "ombudsman.order_complied"]
    letter = Document.objects.get(title="Apology letter")
    assert events[-1].data == {
        "commitment": order,
        "evidence": "Letter sent 12 June",
        "documents": [letter.reference],
    }
    assert kept.state == Recorded.KEPT
    after_deadline = dt.date(2024, 8, 1)
    assert ombudsman_record(case=referral, as_of=after_deadline).orders[0].standing == "kept"
    clock = _order_clock(referral, after_deadline)
    assert clock.data["stopped"] == "2024-06-13"
    assert clock.data["breached"] is False


def test_without_compliance_the_order_is_overdue_after_its_deadline(homes, now, referral, order):
    clock = _order_clock(referral, dt.date(2024, 7, 2))
    assert (clock.data["due"], clock.data["stopped"], clock.data["breached"]) == (
        "2024-07-01",
        None,
        True,
    )
    assert ombudsman_record(case=referral, as_of=dt.date(2024, 7, 2)).orders[0].standing == (
        "overdue"
    )


def test_compliance_with_an_unknown_order_is_refused(homes, now, referral, order):
    with appended() as events, pytest.raises(DomainError) as refused:
        order_comply(actor=None, case=referral, order="ORD-1999-000001", evidence="Done", at=now)
    assert refused.value.message == services.UNKNOWN_ORDER.format(
        order="ORD-1999-000001", reference=referral.reference
    )
    assert refused.value.field == "order"
    assert events == []


def test_compliance_needs_evidence_and_is_recorded_once(homes, now, referral, order):
    with pytest.raises(DomainError) as refused:
        order_comply(actor=None, case=referral, order=order, evidence=" ", at=now)
    assert refused.value.message == services.NO_COMPLIANCE_EVIDENCE
    order_comply(actor=None, case=referral, order=order, evidence="Done", at=now)
    with pytest.raises(DomainError) as refused:
        order_comply(actor=None, case=referral, order=order, evidence="Again", at=now)
    assert refused.value.message == services.ALREADY_COMPLIED.format(
        order=order, day="3 June 2024, 10:30"
    )


def test_no_compliance_before_a_determination_or_before_its_date(homes, now, referral):
    with pytest.raises(DomainError) as refused:
        order_comply(actor=None, case=referral, order="o1", evidence="Done", at=now)
    assert refused.value.message == services.NOT_DETERMINED.format(reference=referral.reference)


def test_compliance_dated_before_the_determination_is_refused(homes, now, referral, order):
    with pytest.raises(DomainError) as refused:
        order_comply(
            actor=None,
            case=referral,
            order=order,
            evidence="Done",
            occurred=When.parse("2024-06-01"),
            at=now,
        )
    assert refused.value.message == services.BEFORE_DETERMINATION.format(
        when="1 June 2024", day="3 June 2024"
    )

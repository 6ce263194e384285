"""The remedies' services: what each appends, and each refusal, word for word."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from doorstep.cases.services import record_on_case
from doorstep.core.errors import DomainError
from doorstep.remedies.selectors import offer_on_case, process_closed
from doorstep.remedies.services import (
    ALREADY_WITHDRAWN,
    AMOUNT_NOT_MONEY,
    BAND_NOT_IN_FORCE,
    METHOD_UNKNOWN,
    NO_PARTS,
    OFFER_UNKNOWN,
    OFFER_WITHDRAWN,
    OFFSET_HOW_NEEDED,
    OFFSET_NOT_ASKED,
    OVERPAID,
    PAID_BEFORE_OFFER,
    PAID_IN_FULL,
    PART_AMOUNT_NEEDED,
    PART_FOR_NEEDED,
    PART_KIND_UNKNOWN,
    PAYMENT_NEEDED,
    REFUND_KEPT_APART,
    REFUND_NO_BAND,
    WITHDRAW_REASON_NEEDED,
    WORDS_NEEDED,
    Part,
    compensation_offer,
    compensation_offer_withdraw,
    compensation_pay,
    compensation_request,
)
from doorstep.remedies.tests.conftest import part
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db


def refused(message: str, field: str, call, **kwargs) -> None:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert (caught.value.message, caught.value.field) == (message, field)


def offer(scene, *parts, **kwargs):
    return compensation_offer(
        actor=scene.officer, case=scene.case, parts=parts or (part(),), at=scene.at, **kwargs
    )


# --- requests ------------------------------------------------------------------------------


def test_a_request_records_her_words_and_the_amount_she_named(scene):
    with appended() as events:
        compensation_request(
            actor=scene.housing,
            case=scene.case,
            text="  I want £300 for the months of mould ",
            amount=Decimal("300"),
            occurred=When.parse("2024-05-20"),
            at=scene.at,
        )
    [event] = events
    assert (event.kind, event.case, event.occurred_text) == (
        "compensation.requested",
        scene.case,
        "2024-05-20",
    )
    assert event.data == {"text": "I want £300 for the months of mould", "amount": 300}
    assert event.summary == "The resident asked for compensation of £300"


def test_a_request_without_an_amount_keeps_it_null(scene):
    event = compensation_request(actor=None, case=scene.case, text="Compensation", at=scene.at)
    assert event.data["amount"] is None


def test_a_request_needs_her_words(scene):
    refused(
        WORDS_NEEDED,
        "text",
        compensation_request,
        actor=None,
        case=scene.case,
        text=" ",
        at=scene.at,
    )


@pytest.mark.parametrize("amount", ["-1", "12.345", "NaN"])
def test_a_request_amount_must_be_money(scene, amount):
    refused(
        AMOUNT_NOT_MONEY,
        "amount",
        compensation_request,
        actor=None,
        case=scene.case,
        text="Money",
        amount=Decimal(amount),
        at=scene.at,
    )


# --- offers ----------------------------------------------------------------------------------


def test_an_offer_of_compensation_is_recorded_part_by_part(scene):
    with appended() as events:
        offer(
            scene,
            Part(
                Decimal("300"),
                "Delay in repairs",
                band="considerable",
                failure="clock:repair.target:J1",
            ),
            Part(Decimal("25.50"), "Late response", kind="goodwill"),
        )
    [event] = events
    assert event.kind == "compensation.offered"
    assert event.data == {
        "offer": f"OFR-{scene.at.year}-000001",
        "amount": 325.5,
        "components": [
            {
                "amount": 300,
                "for": "Delay in repairs",
                "kind": "compensation",
                "band": "considerable",
                "failure": "clock:repair.target:J1",
            },
            {"amount": 25.5, "for": "Late response", "kind": "goodwill"},
        ],
        "kind": "compensation",
        "counted_as_compensation": True,
        "method": "direct",
        "resident_asked_for_offset": False,
    }
    assert event.summary == "Compensation of £325.50 offered (OFR-2024-000001)"


def test_a_refund_is_its_own_offer_and_never_counted_as_compensation(scene):
    event = offer(scene, part("331.68", band=None, kind="refund"))
    assert (event.data["kind"], event.data["counted_as_compensation"]) == ("refund", False)


def test_goodwill_alone_is_not_counted_as_compensation(scene):
    event = offer(scene, part("50", band=None, kind="goodwill"))
    assert (event.data["kind"], event.data["counted_as_compensation"]) == ("goodwill", False)


def test_a_refund_cannot_be_mixed_into_compensation(scene):
    with pytest.raises(DomainError) as caught:
        offer(scene, part("100"), part("40", band=None, kind="refund"))
    assert (caught.value.message, caught.value.field) == (REFUND_KEPT_APART, "components")


def test_a_refund_names_no_band(scene):
    with pytest.raises(DomainError) as caught:
        offer(scene, part("40", band="minor", kind="refund"))
    assert (caught.value.message, caught.value.field) == (REFUND_NO_BAND, "components.0.band")


def test_a_part_below_its_band_is_allowed(scene):
    event = offer(scene, part("150", band="considerable"))
    assert event.data["components"][0]["band"] == "considerable"


@pytest.mark.parametrize(
    ("parts", "message", "field"),
    [
        ((), NO_PARTS, "components"),
        ((part("100"), part("0")), PART_AMOUNT_NEEDED, "components.1.amount"),
        ((Part(Decimal(10), "  "),), PART_FOR_NEEDED, "components.0.for"),
        ((Part(Decimal(10), "x", kind="bonus"),), PART_KIND_UNKNOWN, "components.0.kind"),
        ((part("10.001"),), AMOUNT_NOT_MONEY, "components.0.amount"),
    ],
)
def test_each_part_must_be_complete(scene, parts, message, field):
    with pytest.raises(DomainError) as caught:
        compensation_offer(actor=None, case=scene.case, parts=parts, at=scene.at)
    assert (caught.value.message, caught.value.field) == (message, field)


def test_a_band_must_be_in_force_on_the_offers_day(scene):
    with pytest.raises(DomainError) as caught:
        offer(scene, part(band="severe"))
    assert caught.value.message == BAND_NOT_IN_FORCE.format(band="severe", day="2024-06-03")
    with pytest.raises(DomainError) as caught:
        offer(scene, part(band="minor"), occurred=When.parse("2022-12-31"))
    assert caught.value.message == BAND_NOT_IN_FORCE.format(band="minor", day="2022-12-31")
    assert caught.value.field == "components.0.band"


@pytest.mark.parametrize("method", ["rent_account", "rent_account_if_arrears"])
def test_the_rent_account_only_where_the_resident_asked(scene, method):
    with pytest.raises(DomainError) as caught:
        offer(scene, method=method)
    assert (caught.value.message, caught.value.field) == (OFFSET_NOT_ASKED, "method")
    with pytest.raises(DomainError) as caught:
        offer(scene, method=method, resident_asked_for_offset=True)
    assert (caught.value.message, caught.value.field) == (OFFSET_HOW_NEEDED, "offset_asked_how")
    event = offer(
        scene,
        method=method,
        resident_asked_for_offset=True,
        offset_asked_on=When.parse("2024-05-30"),
        offset_asked_how="By phone to the complaints team",
    )
    assert {
        k: event.data[k] for k in ("method", "resident_asked_for_offset", "offset_asked_on")
    } == {
        "method": method,
        "resident_asked_for_offset": True,
        "offset_asked_on": "2024-05-30",
    }


def test_an_unknown_method_is_refused(scene):
    with pytest.raises(DomainError) as caught:
        offer(scene, method="cheque")
    assert (caught.value.message, caught.value.field) == (METHOD_UNKNOWN, "method")


def test_an_offer_after_the_process_closed_is_recorded(scene):
    record_on_case(
        case=scene.case,
        kind="complaint.response",
        data={"stage": 2, "outcome": "upheld", "text": "Final response"},
        actor=None,
        at=scene.at - dt.timedelta(days=5),
    )
    assert process_closed(case=scene.case) is not None
    assert offer(scene).kind == "compensation.offered"


# --- payments --------------------------------------------------------------------------------


def pay(scene, ref, amount="100", **kwargs):
    return compensation_pay(
        actor=scene.officer,
        case=scene.case,
        offer=ref,
        amount=Decimal(amount),
        at=scene.at,
        **kwargs,
    )


def test_payments_against_an_offer_until_it_is_paid(scene):
    ref = offer(scene, part("100")).data["offer"]
    with appended() as events:
        pay(scene, ref, "60", occurred=When.parse("2024-06-03"))
    [event] = events
    assert event.data == {
        "amount": 60,
        "method": "direct",
        "offer": ref,
        "resident_asked_for_offset": False,
    }
    pay(scene, ref, "40")
    entry = offer_on_case(case=scene.case, ref=ref)
    assert (entry.paid, entry.outstanding) == (Decimal(100), Decimal(0))


def test_overpaying_an_offer_is_refused(scene):
    ref = offer(scene, part("100")).data["offer"]
    pay(scene, ref, "60")
    with pytest.raises(DomainError) as caught:
        pay(scene, ref, "50")
    assert caught.value.message == OVERPAID.format(
        amount="£50", offer=ref, left="£40", total="£100", paid="£60"
    )
    assert caught.value.field == "amount"


def test_paying_an_unknown_offer_is_refused(scene):
    with pytest.raises(DomainError) as caught:
        pay(scene, "OFR-2024-999999")
    assert caught.value.message == OFFER_UNKNOWN.format(
        offer="OFR-2024-999999", case=scene.case.reference
    )


def test_paying_a_withdrawn_offer_is_refused(scene):
    ref = offer(scene).data["offer"]
    with appended() as events:
        compensation_offer_withdraw(
            actor=scene.officer, case=scene.case, offer=ref, reason="Made in error", at=scene.at
        )
    assert events.kinds == ["note"]
    assert events[0].data == {"text": "Made in error", "withdraws_offer": ref}
    with pytest.raises(DomainError) as caught:
        pay(scene, ref)
    assert caught.value.message == OFFER_WITHDRAWN.format(offer=ref, day="2024-06-03")


def test_a_payment_needs_an_amount_and_cannot_precede_its_offer(scene):
    ref = offer(scene, occurred=When.parse("2024-06-01")).data["offer"]
    with pytest.raises(DomainError) as caught:
        pay(scene, ref, "0")
    assert (caught.value.message, caught.value.field) == (PAYMENT_NEEDED, "amount")
    with pytest.raises(DomainError) as caught:
        pay(scene, ref, occurred=When.parse("2024-05-31"))
    assert caught.value.message == PAID_BEFORE_OFFER.format(day="2024-06-01")


def test_paying_to_the_rent_account_needs_her_request(scene):
    ref = offer(scene, part("100")).data["offer"]
    with pytest.raises(DomainError) as caught:
        pay(scene, ref, method="rent_account")
    assert (caught.value.message, caught.value.field) == (OFFSET_NOT_ASKED, "method")
    event = pay(
        scene,
        ref,
        method="rent_account",
        resident_asked_for_offset=True,
        offset_asked_on=When.parse("2024-06-02"),
        offset_asked_how="Email",
    )
    assert event.data["resident_asked_for_offset"] is True


def test_an_offer_she_asked_to_go_to_the_rent_account_may_be_paid_there(scene):
    ref = offer(
        scene,
        method="rent_account",
        resident_asked_for_offset=True,
        offset_asked_on=When.parse("2024-05-30"),
        offset_asked_how="By phone",
    ).data["offer"]
    assert pay(scene, ref, method="rent_account").data["method"] == "rent_account"


# --- withdrawal ------------------------------------------------------------------------------


def test_withdrawing_needs_a_reason_and_happens_once(scene):
    ref = offer(scene, part("100")).data["offer"]
    kwargs = {"actor": None, "case": scene.case, "offer": ref, "at": scene.at}
    with pytest.raises(DomainError) as caught:
        compensation_offer_withdraw(reason=" ", **kwargs)
    assert (caught.value.message, caught.value.field) == (WITHDRAW_REASON_NEEDED, "reason")
    compensation_offer_withdraw(reason="Error", **kwargs)
    with pytest.raises(DomainError) as caught:
        compensation_offer_withdraw(reason="Again", **kwargs)
    assert caught.value.message == ALREADY_WITHDRAWN.format(offer=ref, day="2024-06-03")


def test_an_offer_paid_in_full_cannot_be_withdrawn(scene):
    ref = offer(scene, part("100")).data["offer"]
    pay(scene, ref, "100")
    with pytest.raises(DomainError) as caught:
        compensation_offer_withdraw(actor=None, case=scene.case, offer=ref, reason="x", at=scene.at)
    assert caught.value.message == PAID_IN_FULL.format(offer=ref)

"""The remedies pages: the case page's section, and the request, offer and payment forms (the
permission matrix is in core/tests/test_views_permissions.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from doorstep.cases.services import record_on_case
from doorstep.policy.services import policy_override_record
from doorstep.remedies.selectors import BELOW_BAND
from doorstep.remedies.services import (
    OFFER_WITHDRAWN,
    OFFSET_NOT_ASKED,
    OVERPAID,
    WITHDRAW_REASON_NEEDED,
    Part,
    compensation_offer,
    compensation_offer_withdraw,
)
from doorstep.remedies.tests.conftest import part
from doorstep.testing.helpers import appended
from doorstep.timeline.models import Event

pytestmark = pytest.mark.django_db


def url(name, scene):
    return reverse(f"remedies:{name}", args=[scene.case.reference])


def case_page(client, scene):
    return client.get(reverse("cases:case", args=[scene.case.reference])).content.decode()


def offered(scene, *parts, **kwargs):
    return compensation_offer(
        actor=scene.officer, case=scene.case, parts=parts or (part(),), at=scene.at, **kwargs
    )


def test_the_case_page_shows_each_offer_with_its_band_and_the_replays_flags(client, scene):
    offered(
        scene,
        Part(Decimal(150), "Delay in repairs", band="considerable"),
        Part(Decimal(25), "Late response", kind="goodwill"),
    )
    client.force_login(scene.officer)
    page = case_page(client, scene)
    assert 'id="remedies"' in page
    assert "£175 compensation" in page
    assert "considerable (£250\u2013£700)" in page
    assert "below the band" in page
    assert "compensation.below_policy" in page
    assert "£175 outstanding" in page
    assert "Goodwill" in page


def test_the_offer_form_offers_the_bands_in_force_with_their_examples(client, scene):
    client.force_login(scene.officer)
    page = client.get(url("offer", scene)).content.decode()
    assert "Considerable" in page and "£250 to £700" in page
    assert escape("Failing over months to act on repairs") in page
    assert "Something else (describe it)" in page
    assert 'id="outside-process"' not in page


def test_the_offer_form_offers_the_cases_breached_clocks_as_failures(client, scene):
    record_on_case(
        case=scene.case,
        kind="complaint.received",
        data={"stage": 1, "text": "Nobody calls back"},
        actor=None,
        at=scene.at - dt.timedelta(days=50),
    )
    client.force_login(scene.officer)
    page = client.get(url("offer", scene)).content.decode()
    assert 'value="clock:complaint.stage1.acknowledgement:' in page


def post_offer(client, scene, **extra):
    body = {
        "part_1_amount": "150",
        "part_1_for": "Delay in repairs",
        "part_1_kind": "compensation",
        "part_1_band": "considerable",
        "method": "direct",
        **extra,
    }
    return client.post(url("offer", scene), body)


def test_an_offer_below_its_band_is_warned_about_before_it_is_saved(client, scene):
    client.force_login(scene.officer)
    with appended() as events:
        response = post_offer(client, scene)
    assert (response.status_code, events.kinds) == (200, [])
    warning = BELOW_BAND.format(n=1, amount="150", min="250", max="700", band="Considerable")
    assert escape(warning) in response.content.decode()
    with appended() as events:
        response = post_offer(client, scene, confirm_below_band="on")
    assert (response.status_code, events.kinds) == (302, ["compensation.offered"])
    assert response["Location"].endswith("#remedies")


def test_the_rent_account_is_refused_unless_she_asked(client, scene):
    client.force_login(scene.officer)
    with appended() as events:
        response = post_offer(client, scene, part_1_amount="300", method="rent_account")
    assert (response.status_code, events.kinds) == (200, [])
    assert escape(OFFSET_NOT_ASKED) in response.content.decode()
    response = post_offer(
        client,
        scene,
        part_1_amount="300",
        method="rent_account",
        resident_asked_for_offset="on",
        offset_asked_on_day="1",
        offset_asked_on_month="6",
        offset_asked_on_year="2024",
        offset_asked_how="By phone",
    )
    assert response.status_code == 302
    data = Event.objects.get(kind="compensation.offered").data
    assert (data["method"], data["resident_asked_for_offset"]) == ("rent_account", True)


def test_a_refund_from_the_form_never_counts_as_compensation(client, scene):
    client.force_login(scene.officer)
    response = post_offer(
        client,
        scene,
        part_1_kind="refund",
        part_1_band="",
        part_1_for="Rent credit",
        counted_as_compensation="on",
    )
    assert response.status_code == 302
    data = Event.objects.get(kind="compensation.offered").data
    assert (data["kind"], data["counted_as_compensation"]) == ("refund", False)


def test_an_offer_after_the_process_closed_is_flagged_on_the_form_and_the_page(client, scene):
    record_on_case(
        case=scene.case,
        kind="complaint.response",
        data={"stage": 2, "outcome": "upheld", "text": "Final response"},
        actor=None,
        at=scene.at - dt.timedelta(days=5),
    )
    client.force_login(scene.officer)
    assert 'id="outside-process"' in client.get(url("offer", scene)).content.decode()
    assert post_offer(client, scene, part_1_amount="300").status_code == 302
    assert "compensation.outside_process" in case_page(client, scene)


def test_a_request_is_recorded_from_its_form(client, scene):
    client.force_login(scene.housing)
    with appended() as events:
        response = client.post(url("request", scene), {"text": "I want £300", "amount": "300"})
    assert (response.status_code, events.kinds) == (302, ["compensation.requested"])
    assert "I want £300" in case_page(client, scene)


def test_a_payment_is_recorded_and_the_balance_falls(client, scene):
    ref = offered(scene, part("100")).data["offer"]
    client.force_login(scene.officer)
    body = {
        "offer": ref,
        "amount": "60",
        "occurred_day": "3",
        "occurred_month": "6",
        "occurred_year": "2024",
        "method": "direct",
    }
    assert client.post(url("payment", scene), body).status_code == 302
    assert "£40 outstanding" in case_page(client, scene)
    response = client.post(url("payment", scene), {**body, "amount": "50"})
    message = OVERPAID.format(amount="£50", offer=ref, left="£40", total="£100", paid="£60")
    assert escape(message) in response.content.decode()


def test_a_withdrawn_offer_cannot_be_paid_from_the_form(client, scene):
    ref = offered(scene, part("100")).data["offer"]
    compensation_offer_withdraw(
        actor=scene.officer, case=scene.case, offer=ref, reason="In error", at=scene.at
    )
    client.force_login(scene.officer)
    body = {
        "offer": ref,
        "amount": "10",
        "occurred_day": "3",
        "occurred_month": "6",
        "occurred_year": "2024",
        "method": "direct",
    }
    response = client.post(url("payment", scene), body)
    assert escape(OFFER_WITHDRAWN.format(offer=ref, day="2024-06-03")) in response.content.decode()


def test_an_offer_is_judged_by_the_bands_in_force_on_its_own_date(client, scene):
    policy_override_record(
        actor=scene.officer,
        key="compensation.band.minor",
        value={"min": 80, "max": 300, "examples": []},
        source="Compensation policy 2024",
        at=scene.at - dt.timedelta(days=10),
        effective_from=dt.date(2024, 6, 1),
    )
    client.force_login(scene.officer)
    dated = {"occurred_day": "1", "occurred_month": "5", "occurred_year": "2024"}
    body = {"part_1_amount": "60", "part_1_band": "minor", **dated}
    assert post_offer(client, scene, **body).status_code == 302  # £50 to £250 on 1 May
    response = post_offer(client, scene, part_1_amount="60", part_1_band="minor")
    assert response.status_code == 200  # £80 to £300 today: a warning first
    assert "below the minimum of £80" in response.content.decode()


def test_an_offer_is_withdrawn_from_its_form_with_a_reason(client, scene):
    ref = offered(scene, part("100")).data["offer"]
    client.force_login(scene.officer)
    response = client.post(url("withdraw", scene), {"offer": ref, "reason": ""})
    assert escape(WITHDRAW_REASON_NEEDED) in response.content.decode()
    with appended() as events:
        response = client.post(url("withdraw", scene), {"offer": ref, "reason": "Made in error"})
    assert (response.status_code, events.kinds) == (302, ["note"])
    assert "Withdrawn" in case_page(client, scene)

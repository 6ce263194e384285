"""The Ombudsman's pages: refer a complaint, record the determination through its form (orders
with a period and an owner land on `/commitments/` with their deadlines and owners), record
compliance, the case page's section, and `/ombudsman/`. The permission matrix is in
core/tests/test_views_permissions.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doorstep.cases.models import Case
from doorstep.commitments.models import Commitment
from doorstep.ombudsman import services
from doorstep.ombudsman.services import FindingIn, OrderIn, determination_record, evidence_request
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db


def test_a_complaint_is_referred_from_the_household(client, homes):
    client.force_login(homes.officer)
    url = reverse("ombudsman:refer", args=[homes.household.reference])
    page = client.get(url + f"?complaint={homes.complaint.reference}")
    assert page.status_code == 200
    assert homes.complaint.reference in page.content.decode()
    assert homes.others_complaint.reference not in page.content.decode()
    response = client.post(
        url,
        {
            "complaints": [homes.complaint.reference],
            "ombudsman_ref": "202455555",
            "text": "",
            "occurred_month": "5",
            "occurred_year": "2024",
        },
    )
    case = Case.objects.get(case_type="ombudsman")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case", args=[case.reference])
    assert case.referral.ombudsman_ref == "202455555"


def test_a_refused_referral_shows_the_reason_on_its_field(client, homes, referral):
    client.force_login(homes.officer)
    response = client.post(
        reverse("ombudsman:refer", args=[homes.household.reference]),
        {
            "complaints": [homes.second_complaint.reference],
            "ombudsman_ref": "202412345",
            "occurred_day": "1",
            "occurred_month": "6",
            "occurred_year": "2024",
        },
    )
    assert response.status_code == 200
    message = services.OMBUDSMAN_REF_TAKEN.format(ref="202412345", case=referral.reference)
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert 'href="#id_ombudsman_ref"' in response.content.decode()


def _determination_form(homes) -> dict[str, str]:
    return {
        "occurred_day": "3",
        "occurred_month": "6",
        "occurred_year": "2024",
        "finding_1_topic": "damp and mould",
        "finding_1_outcome": "severe maladministration",
        "finding_2_topic": "complaint handling",
        "finding_2_outcome": "maladministration",
        "order_1_action": "Apologise in writing",
        "order_1_period": "4_weeks",
        "order_1_owner": str(homes.manager.pk),
        "order_2_action": "Pay £600",
        "order_2_due_day": "15",
        "order_2_due_month": "7",
        "order_2_due_year": "2024",
        "order_2_owner": str(homes.officer.pk),
    }


def test_the_determinations_orders_are_on_the_commitments_list_with_deadlines_and_owners(
    client, homes, referral
):
    client.force_login(homes.officer)
    response = client.post(
        reverse("ombudsman:determination", args=[referral.reference]),
        _determination_form(homes),
    )
    assert response.status_code == 302
    rows = Commitment.objects.filter(case=referral).order_by("due_date")
    assert [(r.action, r.due_date, r.owner_name) for r in rows] == [
        ("Apologise in writing", dt.date(2024, 7, 1), "Maya Manager"),
        ("Pay £600", dt.date(2024, 7, 15), "Cara Complaints"),
    ]
    listed = client.get(reverse("commitments:list") + "?as_of=2024-07-02").content.decode()
    assert "Apologise in writing" in listed and "Pay £600" in listed
    assert "Owner: Maya Manager" in listed and "Owner: Cara Complaints" in listed
    assert "1 July 2024" in listed and "15 July 2024" in listed
    assert "Overdue" in listed  # the 4-week order, past its deadline on 2 July


def test_an_order_without_an_owner_is_refused_on_the_form(client, homes, referral):
    client.force_login(homes.officer)
    form = _determination_form(homes) | {"order_2_owner": ""}
    response = client.post(reverse("ombudsman:determination", args=[referral.reference]), form)
    assert response.status_code == 200
    assert services.ORDER_NO_OWNER.format(n=2) in response.content.decode()
    assert not Commitment.objects.filter(case=referral).exists()


def test_the_case_page_shows_evidence_findings_and_orders(client, homes, now, referral):
    evidence_request(
        actor=None, case=referral, items=["Repairs log"], due=When.parse("2024-06-10"), at=now
    )
    determination_record(
        actor=None,
        case=referral,
        occurred=When.parse("2024-06-03"),
        findings=[FindingIn("record keeping", "maladministration")],
        orders=[OrderIn("Review record keeping", homes.manager, period="6_weeks")],
        at=now,
    )
    client.force_login(homes.officer)
    page = client.get(reverse("cases:case", args=[referral.reference]) + "?as_of=2024-06-11")
    html = page.content.decode()
    assert page.status_code == 200
    assert "202412345" in html
    assert "Repairs log" in html and "Overdue" in html
    assert "Record keeping" in html or "record keeping" in html
    assert "Review record keeping" in html and "Maya Manager" in html
    assert (
        reverse("ombudsman:comply", args=[referral.reference, Commitment.objects.get().ref]) in html
    )


def test_a_complaint_case_page_offers_the_referral(client, homes):
    client.force_login(homes.officer)
    html = client.get(reverse("cases:case", args=[homes.complaint.reference])).content.decode()
    assert reverse("ombudsman:refer", args=[homes.household.reference]) in html


def test_compliance_is_recorded_from_the_form(client, homes, now, referral):
    found = determination_record(
        actor=None,
        case=referral,
        occurred=When.parse("2024-06-03"),
        findings=[FindingIn("repairs", "service failure")],
        orders=[OrderIn("Apologise", homes.manager, period="28_days")],
        at=now,
    )
    order = found.data["orders"][0]["commitment"]
    client.force_login(homes.officer)
    url = reverse("ombudsman:comply", args=[referral.reference, order])
    refused = client.post(url, {"evidence": ""})
    assert services.NO_COMPLIANCE_EVIDENCE in refused.content.decode()
    response = client.post(url, {"evidence": "Letter sent"})
    assert response.status_code == 302
    assert Commitment.objects.get(ref=order).state == "kept"
    assert (
        client.get(reverse("ombudsman:comply", args=[referral.reference, "nope"])).status_code
        == 404
    )


def test_the_referrals_page_lists_outstanding_evidence_and_owed_orders(
    client, homes, now, referral
):
    evidence_request(
        actor=None, case=referral, items=["Repairs log"], due=When.parse("2024-06-10"), at=now
    )
    determination_record(
        actor=None,
        case=referral,
        occurred=When.parse("2024-06-03"),
        findings=[FindingIn("repairs", "maladministration")],
        orders=[OrderIn("Pay £300", homes.manager, period="8_weeks")],
        at=now,
    )
    client.force_login(homes.officer)
    html = client.get(reverse("ombudsman:list") + "?as_of=2024-06-11").content.decode()
    assert "Repairs log" in html and "Overdue" in html
    assert "Pay £300" in html and "29 July 2024" in html
    assert referral.reference in html

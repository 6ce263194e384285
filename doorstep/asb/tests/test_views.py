"""The ASB pages: the list (high risk first with its tag, then by the next clock due), the
"Report ASB" start page and report form, the case page section (the reporter's safety wishes
while a delay holds, high risk, the vulnerability flag without its detail, reports, risk,
actions, case review), and the action page refusing an action inside the delay for an officer
and taking a manager's override."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doorstep.asb.models import AsbCase
from doorstep.asb.services import asb_assess, asb_open
from doorstep.asb.tests.conftest import HIGH, LOW, NOW, report
from doorstep.asb.tests.helpers import count, last
from doorstep.cases.tests.test_views import CASE_PAGE_MAX_QUERIES
from doorstep.timeline.when import When

PERPETRATOR = "The tenant of 2 Oak Court"


def _page(client, user, asb, **query):
    client.force_login(user)
    url = reverse("cases:case", args=[asb.case.reference])
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_page_warns_while_the_delay_holds(client, homes, opened):
    html = _page(client, homes.officer, opened, as_of="2024-03-05")
    assert "Do not act in a way that identifies the reporter before 7 March 2024." in html
    html = _page(client, homes.officer, opened, as_of="2024-03-08")
    assert "Do not act in a way" not in html
    assert "it ended on 7 March 2024" in html


def test_the_case_page_shows_the_report_risk_and_the_vulnerability_flag_only(client, homes, opened):
    asb_assess(actor=homes.officer, asb=opened, answers=HIGH, at=NOW)
    html = _page(client, homes.officer, opened, as_of="2024-03-05")
    for text in [
        "Drugs (dealing or use)",
        "Stairwell",
        "(communal)",
        "Police told",
        "High risk: review at least every 14 days.",
        "High risk, assessed on 4 March 2024 (score 6)",
        "Targeted persistently",
        "A vulnerability is recorded on the register for the reporter.",
        "Not met: the threshold is 3 reports of separate incidents within 6 months.",
    ]:
        assert text in html, text
    assert "heart condition" not in html


def test_the_case_page_of_an_asb_case_stays_within_the_query_budget(
    client, homes, opened, django_assert_max_num_queries
):
    asb_assess(actor=homes.officer, asb=opened, answers=HIGH, at=NOW)
    client.force_login(homes.manager)
    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        response = client.get(reverse("cases:case", args=[opened.case.reference]))
    assert response.status_code == 200


def test_the_list_puts_high_risk_first_with_its_tag(client, homes, opened):
    low = report(homes, household=homes.other, reporter=homes.stranger, category="noise")
    asb_open(actor=homes.officer, asb=low, at=NOW)
    asb_assess(actor=homes.officer, asb=low, answers=LOW, at=NOW)
    asb_assess(actor=homes.officer, asb=opened, answers=HIGH, at=NOW)
    client.force_login(homes.officer)
    html = client.get(reverse("asb:list")).content.decode()
    assert html.index(opened.case.reference) < html.index(low.case.reference)
    assert "High risk" in html


def test_the_start_page_goes_to_the_households_report_form(client, homes):
    client.force_login(homes.officer)
    response = client.post(reverse("asb:start"), {"household": homes.household.reference})
    assert response.status_code == 302
    assert response["Location"] == reverse("asb:report", args=[homes.household.reference])
    response = client.post(reverse("asb:start"), {"household": "HH-NOPE"})
    assert "There is no household with that reference." in response.content.decode()


def test_reporting_asb_through_the_form(client, homes):
    client.force_login(homes.officer)
    response = client.post(
        reverse("asb:report", args=[homes.household.reference]),
        {
            "reporter": homes.ada.reference,
            "category": "harassment",
            "text": "He shouts at me on the stairs.",
            "alleged_perpetrator": PERPETRATOR,
            "police_involved": "no",
            "delay_days": "3",
            "channel": "phone",
        },
    )
    assert response.status_code == 302
    asb = AsbCase.objects.get()
    assert response["Location"].endswith(f"/cases/{asb.case.reference}/#asb")
    assert asb.reports[0]["delay_days"] == 3
    assert asb.reports[0]["police_involved"] is False


def test_a_report_without_words_is_shown_again_with_the_reason(client, homes):
    client.force_login(homes.officer)
    response = client.post(
        reverse("asb:report", args=[homes.household.reference]),
        {"reporter": homes.ada.reference, "category": "noise", "text": ""},
    )
    assert response.status_code == 200
    assert "Write down what the reporter said happened" in response.content.decode()
    assert not AsbCase.objects.exists()


def _act(client, user, asb, **extra):
    client.force_login(user)
    data = {"type": "warning", "against": PERPETRATOR, "details": "Warning letter."}
    data.update(extra)
    return client.post(reverse("asb:act", args=[asb.case.reference]), data)


def _day(day: dt.date) -> dict[str, str]:
    return {
        "occurred_day": str(day.day),
        "occurred_month": str(day.month),
        "occurred_year": str(day.year),
    }


def test_the_action_page_refuses_an_officer_inside_the_delay(client, homes, opened):
    events = count(opened.case)
    response = _act(client, homes.officer, opened, **_day(dt.date(2024, 3, 5)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "would reveal the reporter inside the delay" in html
    assert "Manager&#x27;s reason" not in html  # an officer has no override to give
    assert count(opened.case) == events


def test_the_action_page_takes_a_managers_override(client, homes, opened):
    response = _act(
        client,
        homes.manager,
        opened,
        override_reason="Violence threatened: the police asked us to act now.",
        **_day(dt.date(2024, 3, 5)),
    )
    assert response.status_code == 302
    assert last(opened.case, "asb.action").data["delay_override"]["by"] == "Mina"


def test_the_action_page_records_an_action_after_the_delay(client, homes, opened):
    response = _act(client, homes.officer, opened, **_day(dt.date(2024, 3, 7)))
    assert response.status_code == 302
    html = _page(client, homes.officer, opened)
    assert "7 March 2024: Warning" in html


def test_the_review_page_reassesses_the_risk(client, homes, opened):
    client.force_login(homes.officer)
    response = client.post(
        reverse("asb:review", args=[opened.case.reference]),
        {
            "summary": "Quieter since the warning.",
            **HIGH,
            "reporter_updated": "in_person",
        },
    )
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.risk_level == "high" and opened.reviews[0]["reporter_updated"] == "in_person"


@pytest.mark.parametrize("name", ["open", "decline", "assess", "close"])
def test_a_contractor_never_sees_an_asb_case(client, homes, reported, name):
    reported.case.contractor = homes.contractor.contractor
    reported.case.save(update_fields=["contractor"])
    client.force_login(homes.contractor)
    assert client.get(reverse("cases:case", args=[reported.case.reference])).status_code == 404
    assert client.get(reverse(f"asb:{name}", args=[reported.case.reference])).status_code == 403


def test_an_occurred_date_from_the_form_dates_the_report(client, homes):
    client.force_login(homes.officer)
    day = NOW.date() - dt.timedelta(days=2)
    response = client.post(
        reverse("asb:report", args=[homes.household.reference]),
        {
            "reporter": homes.ada.reference,
            "category": "noise",
            "text": "Music all night.",
            **_day(day),
        },
    )
    assert response.status_code == 302
    assert AsbCase.objects.get().reports[0]["day"] == When.on(day).text


def test_the_household_page_offers_report_asb_to_those_who_may(client, homes):
    url = reverse("contacts:household", args=[homes.household.reference])
    client.force_login(homes.housing)
    assert (
        reverse("asb:report", args=[homes.household.reference]) in client.get(url).content.decode()
    )
    client.force_login(homes.auditor)
    assert "Report ASB" not in client.get(url).content.decode()

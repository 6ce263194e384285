"""Reporting ASB: a new ASB case on the reporter's household, from any channel or from a
contact on the record; a further report added to the live case; the reporter's safety wishes
kept with the report; and every refusal, which loses nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.asb.choices import AsbStatus
from doorstep.asb.services import (
    BAD_DELAY,
    NO_REPORTER,
    NO_TEXT,
    asb_close,
    asb_report,
)
from doorstep.asb.tests.conftest import NOW, WORDS, report
from doorstep.asb.tests.helpers import count, kinds, last
from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.core.errors import DomainError
from doorstep.timeline.when import When


def test_a_report_opens_an_asb_case_on_the_reporters_household(homes):
    asb = report(homes)
    case = asb.case
    assert case.case_type == CaseType.ASB and case.reference.startswith("ASB")
    assert case.household == homes.household
    assert kinds(case) == ["case.opened", "asb.reported"]
    data = last(case, "asb.reported").data
    assert data == {
        "category": "drugs",
        "text": WORDS,
        "police_involved": False,
        "informant_delay_requested_days": 3,
        "reporter": homes.ada.reference,
        "communal": True,
        "alleged_perpetrator": "The tenant of 2 Oak Court",
        "location": "Stairwell",
        "alleged_perpetrator_household": homes.other.reference,
    }
    assert asb.status == AsbStatus.REPORTED
    assert asb.reporter == homes.ada
    assert asb.delay_until == dt.date(2024, 3, 7)
    # The first response and the risk assessment are due 5 days after the report.
    assert asb.next_due == dt.date(2024, 3, 9)


def test_the_police_not_being_told_is_kept_and_decides_nothing(homes):
    asb = report(homes, police_involved=None, crime_reference="")
    assert last(asb.case, "asb.reported").data["police_involved"] is None
    assert asb.status == AsbStatus.REPORTED


def test_a_report_keeps_the_crime_reference_and_the_incident_date(homes):
    asb = report(
        homes,
        police_involved=True,
        crime_reference="CR/123/24",
        incident_date=When.parse("2024-02"),
    )
    data = last(asb.case, "asb.reported").data
    assert data["crime_reference"] == "CR/123/24"
    assert data["incident_date"] == "2024-02"
    assert asb.reports[0]["crime_reference"] == "CR/123/24"


def test_a_report_from_a_contact_takes_its_words_date_and_channel(homes):
    asb = asb_report(
        actor=homes.officer,
        reporter=homes.ada,
        category="drugs",
        text="",
        from_contact=homes.call,
        at=NOW,
    )
    assert asb.case.household == homes.household
    assert asb.reports[0]["text"] == WORDS
    assert asb.reports[0]["channel"] == "phone"
    assert last(asb.case, "case.opened").data["from_event"] == str(homes.call.uid)
    assert asb.first_reported_at == When.parse("2024-03-04T09:15").earliest


def test_a_further_report_on_a_live_case_adds_to_it(homes, opened):
    before = Case.objects.count()
    asb = report(homes, case=opened.case, category="threats", text="He shouted at my door.")
    assert Case.objects.count() == before
    assert asb.case == opened.case
    assert [r["category"] for r in asb.reports] == ["drugs", "threats"]
    assert asb.status == AsbStatus.OPEN


@pytest.mark.parametrize(
    ("extra", "message", "field"),
    [
        ({"reporter": None}, NO_REPORTER, "reporter"),
        ({"text": "  "}, NO_TEXT, "text"),
        ({"delay_days": 91}, BAD_DELAY, "delay_days"),
        ({"delay_days": -1}, BAD_DELAY, "delay_days"),
        ({"category": "loud"}, None, "category"),
        ({"channel": "pigeon"}, None, "channel"),
    ],
)
def test_a_report_missing_what_it_needs_is_refused_and_nothing_written(
    homes, extra, message, field
):
    cases = Case.objects.count()
    with pytest.raises(DomainError) as refused:
        report(homes, **extra)
    assert refused.value.field == field
    if message:
        assert refused.value.message == message
    assert Case.objects.count() == cases


def test_the_reporter_must_be_of_the_household(homes):
    with pytest.raises(DomainError) as refused:
        report(homes, reporter=homes.stranger)
    assert refused.value.field == "reporter"
    assert "Bo Brown is not a member of household" in refused.value.message


def test_a_report_cannot_be_added_to_a_closed_case(homes, opened):
    asb_close(
        actor=homes.officer,
        asb=opened,
        reason="Quiet",
        told="not_told",
        not_told_reason="Moved",
        at=NOW,
    )
    events = count(opened.case)
    with pytest.raises(DomainError) as refused:
        report(homes, case=opened.case)
    assert refused.value.field == "case"
    assert count(opened.case) == events


def test_a_report_cannot_be_added_to_another_households_case(homes, opened):
    with pytest.raises(DomainError) as refused:
        report(homes, household=homes.other, reporter=homes.stranger, case=opened.case)
    assert refused.value.field == "case"

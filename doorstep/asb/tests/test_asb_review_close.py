"""Reviews (the reporter's risk re-assessed, the reporter updated), closing (a reason, the
reporter told or why not), and the ASB case review threshold across the household's reports,
with the reporter told of it."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.asb.choices import AsbStatus
from doorstep.asb.services import (
    NO_ADDRESS,
    NO_CLOSE_REASON,
    NO_NOT_TOLD_REASON,
    NO_SUMMARY,
    asb_case_review_tell,
    asb_close,
    asb_review,
)
from doorstep.asb.tests.conftest import HIGH, LOW, NOW, report
from doorstep.asb.tests.helpers import count, kinds, last
from doorstep.cases.choices import CaseStatus
from doorstep.core.errors import DomainError
from doorstep.timeline.when import When

LATER = NOW + dt.timedelta(days=14)


def test_a_review_reassesses_the_risk_and_updates_the_reporter_by_message(homes, opened):
    asb = asb_review(
        actor=homes.officer,
        asb=opened,
        summary="Warning letter sent; no incidents since.",
        answers=HIGH,
        reporter_updated="message",
        to="ada@example.org",
        at=LATER,
    )
    assert kinds(asb.case)[-3:] == ["asb.risk_assessed", "asb.reviewed", "contact.out"]
    assert asb.risk_level == "high"
    assert last(asb.case, "asb.reviewed").data == {
        "summary": "Warning letter sent; no incidents since.",
        "reporter_updated": "message",
    }
    message = last(asb.case, "contact.out").data
    assert message["to"] == "ada@example.org"
    assert message["about"] == "asb.review"
    assert asb.reviews[0]["day"] == "2024-03-18"


def test_a_review_told_by_phone_sends_nothing(homes, opened):
    asb = asb_review(
        actor=homes.officer,
        asb=opened,
        summary="Quieter.",
        answers=LOW,
        reporter_updated="phone",
        at=LATER,
    )
    assert "contact.out" not in kinds(asb.case)
    assert asb.risk_level == "low"


@pytest.mark.parametrize(
    ("extra", "message", "field"),
    [
        ({"summary": ""}, NO_SUMMARY, "summary"),
        ({"answers": {}}, None, "answers"),
        ({"reporter_updated": "message", "to": ""}, NO_ADDRESS, "to"),
        ({"reporter_updated": "pigeon"}, None, "reporter_updated"),
    ],
)
def test_a_review_missing_what_it_needs_is_refused(homes, opened, extra, message, field):
    args = {
        "actor": homes.officer,
        "asb": opened,
        "summary": "Quieter.",
        "answers": LOW,
        "reporter_updated": "phone",
        "at": LATER,
    }
    args.update(extra)
    events = count(opened.case)
    with pytest.raises(DomainError) as refused:
        asb_review(**args)
    assert refused.value.field == field
    if message:
        assert refused.value.message == message
    assert count(opened.case) == events


def test_closing_tells_the_reporter_and_closes_the_case(homes, opened):
    asb = asb_close(
        actor=homes.officer,
        asb=opened,
        reason="No incidents for three months.",
        told="message",
        to="07700900123",
        at=LATER,
    )
    assert asb.status == AsbStatus.CLOSED
    assert asb.case.status == CaseStatus.CLOSED
    assert asb.reporter_told_closed is True
    assert last(asb.case, "contact.out").data["about"] == "asb.closed"
    assert asb.next_due is None


def test_closing_without_telling_the_reporter_needs_the_reason(homes, opened):
    with pytest.raises(DomainError) as refused:
        asb_close(actor=homes.officer, asb=opened, reason="Quiet", told="not_told", at=LATER)
    assert refused.value.message == NO_NOT_TOLD_REASON
    asb = asb_close(
        actor=homes.officer,
        asb=opened,
        reason="Quiet",
        told="not_told",
        not_told_reason="She has moved and left no address.",
        at=LATER,
    )
    assert last(asb.case, "asb.closed").data == {
        "reason": "Quiet",
        "reporter_told": False,
        "reporter_not_told_reason": "She has moved and left no address.",
    }


def test_closing_needs_a_reason(homes, opened):
    with pytest.raises(DomainError) as refused:
        asb_close(actor=homes.officer, asb=opened, reason="", told="message", to="a@b.c", at=LATER)
    assert refused.value.message == NO_CLOSE_REASON


def test_the_case_review_threshold_counts_the_households_reports_across_its_cases(homes, opened):
    assert opened.case_review_met_on is None
    report(homes, case=opened.case, occurred=When.parse("2024-03-10"), at=LATER)
    third = report(homes, category="threats", occurred=When.parse("2024-03-12"), at=LATER)
    assert third.case != opened.case
    opened.refresh_from_db()
    assert third.case_review_met_on == dt.date(2024, 3, 12)
    assert opened.case_review_met_on == dt.date(2024, 3, 12)


def test_reports_outside_the_window_do_not_meet_the_threshold(homes, opened):
    report(
        homes,
        case=opened.case,
        occurred=When.parse("2024-10-10"),
        at=LATER + dt.timedelta(days=300),
    )
    asb = report(
        homes,
        case=opened.case,
        occurred=When.parse("2024-10-12"),
        at=LATER + dt.timedelta(days=300),
    )
    assert asb.case_review_met_on is None


def test_the_reporter_is_told_of_the_case_review_once_it_is_met(homes, opened):
    with pytest.raises(DomainError) as refused:
        asb_case_review_tell(actor=homes.officer, asb=opened, to="ada@example.org", at=NOW)
    assert refused.value.message == (
        "The ASB case review threshold is not met: the household has made 1 of the 3 reports "
        "needed within 6 months."
    )
    report(homes, case=opened.case, occurred=When.parse("2024-03-10"), at=LATER)
    asb = report(homes, case=opened.case, occurred=When.parse("2024-03-12"), at=LATER)
    asb = asb_case_review_tell(actor=homes.officer, asb=asb, to="ada@example.org", at=LATER)
    assert asb.case_review_told_at == LATER
    assert last(asb.case, "contact.out").data["about"] == "asb.case_review"
    with pytest.raises(DomainError) as again:
        asb_case_review_tell(actor=homes.officer, asb=asb, to="ada@example.org", at=LATER)
    assert "already told" in again.value.message

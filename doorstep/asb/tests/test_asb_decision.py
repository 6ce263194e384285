"""Opening or declining an ASB case: declined only for a reason the landlord's policy in force
allows, explained; never because the matter was not reported to the police, even where the
landlord's policy lists it (Bromford 202109189, ASB 8 and 12.2)."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.asb.choices import AsbStatus
from doorstep.asb.services import NO_DECLINE_REASON, asb_decline, asb_open
from doorstep.asb.tests.conftest import NOW
from doorstep.asb.tests.helpers import count, kinds
from doorstep.cases.choices import CaseStatus
from doorstep.clocks.asb import POLICE_NEVER
from doorstep.core.errors import DomainError
from doorstep.policy.services import policy_override_record


def test_opening_the_case_starts_the_review(homes, reported):
    asb = asb_open(actor=homes.officer, asb=reported, at=NOW)
    assert asb.status == AsbStatus.OPEN
    assert asb.opened_at == NOW
    assert kinds(asb.case)[-1] == "asb.case_opened"


def test_a_case_is_opened_once(homes, opened):
    with pytest.raises(DomainError) as refused:
        asb_open(actor=homes.officer, asb=opened, at=NOW)
    assert "already opened on 4 March 2024" in refused.value.message


def test_declining_for_a_reason_the_policy_allows_closes_the_case(homes, reported):
    asb = asb_decline(
        actor=homes.officer,
        asb=reported,
        reason_code="civil_matter",
        reason="A dispute between neighbours about a fence.",
        at=NOW,
    )
    assert asb.status == AsbStatus.DECLINED
    assert asb.decline_code == "civil_matter"
    assert asb.case.status == CaseStatus.CLOSED
    assert kinds(asb.case)[-2:] == ["asb.case_declined", "case.closed"]
    assert asb.next_due is None


def test_declining_because_the_police_were_not_told_is_refused(homes, reported):
    events = count(reported.case)
    with pytest.raises(DomainError) as refused:
        asb_decline(
            actor=homes.officer,
            asb=reported,
            reason_code="not_reported_to_police",
            reason="She has not reported it to the police.",
            at=NOW,
        )
    assert refused.value.message == POLICE_NEVER
    assert refused.value.field == "reason_code"
    assert count(reported.case) == events


def test_the_police_reason_is_refused_even_where_the_landlords_policy_lists_it(homes, reported):
    policy_override_record(
        actor=None,
        key="asb.decline_reasons_allowed",
        value=["not_reported_to_police", "not_asb"],
        source="Our ASB policy 2019",
        at=NOW - dt.timedelta(days=30),
        effective_from=dt.date(2019, 1, 1),
    )
    with pytest.raises(DomainError) as refused:
        asb_decline(
            actor=homes.officer,
            asb=reported,
            reason_code="not_reported_to_police",
            reason="Not reported to the police.",
            at=NOW,
        )
    assert refused.value.message == POLICE_NEVER


def test_a_reason_the_landlords_policy_does_not_allow_is_refused(homes, reported):
    policy_override_record(
        actor=None,
        key="asb.decline_reasons_allowed",
        value=["not_asb"],
        source="Our ASB policy 2023",
        at=NOW - dt.timedelta(days=30),
        effective_from=dt.date(2023, 1, 1),
    )
    with pytest.raises(DomainError) as refused:
        asb_decline(
            actor=homes.officer, asb=reported, reason_code="civil_matter", reason="Fence.", at=NOW
        )
    assert "only because what was reported is not anti-social behaviour" in refused.value.message


def test_a_decline_needs_its_explanation(homes, reported):
    with pytest.raises(DomainError) as refused:
        asb_decline(actor=homes.officer, asb=reported, reason_code="not_asb", reason=" ", at=NOW)
    assert refused.value.message == NO_DECLINE_REASON
    assert refused.value.field == "reason"


def test_an_opened_case_is_not_declined(homes, opened):
    with pytest.raises(DomainError):
        asb_decline(actor=homes.officer, asb=opened, reason_code="not_asb", reason="No.", at=NOW)

"""Actions on an ASB case, and the reporter's safety wishes (Bromford 202109189, order o5):
an action that would reveal the reporter inside the delay she asked for is refused without a
manager's override; a manager may override it, with a reason kept on the action; an officer
may not, even with a reason. The agreed next step goes on the promise ledger."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorstep.asb.services import (
    NEXT_STEP_NO_DATE,
    NO_AGENCY_NAME,
    ONLY_MANAGERS_OVERRIDE,
    asb_act,
)
from doorstep.asb.tests.conftest import NOW
from doorstep.asb.tests.helpers import count, last
from doorstep.commitments.models import Commitment
from doorstep.core.errors import DomainError
from doorstep.timeline.when import When

INSIDE = "This action would reveal the reporter inside the delay they asked for"
PERPETRATOR = "The tenant of 2 Oak Court"


def _warn(homes, asb, actor=None, **extra):
    args = {
        "actor": actor or homes.officer,
        "asb": asb,
        "type": "warning",
        "against": PERPETRATOR,
        "details": "Warning about visitors at night.",
        "at": NOW,
    }
    args.update(extra)
    return asb_act(**args)


# --- the done-when: the reporter's delay ------------------------------------------------------


def test_an_action_revealing_the_reporter_inside_her_delay_is_refused(homes, opened):
    events = count(opened.case)
    with pytest.raises(DomainError) as refused:
        _warn(homes, opened)
    assert refused.value.message.startswith(INSIDE)
    assert "before 7 March 2024" in refused.value.message
    assert refused.value.field == "against"
    assert count(opened.case) == events


def test_a_manager_overrides_the_delay_with_a_reason(homes, opened):
    asb = _warn(
        homes,
        opened,
        actor=homes.manager,
        override_reason="He threatened her son with a knife: we cannot wait.",
    )
    data = last(asb.case, "asb.action").data
    assert data["reveals_reporter"] is True
    assert data["delay_override"] == {
        "reason": "He threatened her son with a knife: we cannot wait.",
        "by": "Mina",
    }


def test_a_manager_without_a_reason_is_refused(homes, opened):
    with pytest.raises(DomainError) as refused:
        _warn(homes, opened, actor=homes.manager)
    assert refused.value.message.startswith(INSIDE)


def test_an_officer_is_refused_even_with_a_reason(homes, opened):
    events = count(opened.case)
    with pytest.raises(DomainError) as refused:
        _warn(homes, opened, override_reason="I think it is urgent.")
    assert refused.value.message == ONLY_MANAGERS_OVERRIDE.format(until="7 March 2024")
    assert refused.value.field == "override_reason"
    assert count(opened.case) == events


def test_the_same_action_after_the_delay_is_recorded(homes, opened):
    after = NOW + dt.timedelta(days=3)  # Thursday 7 March 2024
    asb = _warn(homes, opened, at=after)
    data = last(asb.case, "asb.action").data
    assert data["reveals_reporter"] is True
    assert "delay_override" not in data
    assert asb.actions[0]["day"] == "2024-03-07"


def test_an_action_dated_after_the_delay_is_recorded_whenever_it_is_told(homes, opened):
    asb = _warn(homes, opened, at=NOW + dt.timedelta(days=10), occurred=When.parse("2024-03-07"))
    assert asb.actions[0]["day"] == "2024-03-07"


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.integers(min_value=0, max_value=20))
def test_the_delay_holds_for_exactly_the_days_asked(homes, opened, days):
    day = dt.date(2024, 3, 4) + dt.timedelta(days=days)
    occurred = When.on(day)
    at = max(NOW, occurred.latest)
    if days < 3:
        with pytest.raises(DomainError):
            _warn(homes, opened, occurred=occurred, at=at)
    else:
        asb = _warn(homes, opened, occurred=occurred, at=at)
        assert day.isoformat() in [a["day"] for a in asb.actions]


def test_an_action_that_reveals_no_one_may_be_taken_inside_the_delay(homes, opened):
    asb = asb_act(
        actor=homes.officer,
        asb=opened,
        type="visit",
        details="Visited Ada at home to agree the plan.",
        at=NOW,
    )
    assert last(asb.case, "asb.action").data["reveals_reporter"] is False


def test_an_override_with_no_delay_in_force_is_not_recorded(homes, opened):
    asb = _warn(
        homes, opened, actor=homes.manager, override_reason="x", at=NOW + dt.timedelta(days=5)
    )
    assert "delay_override" not in last(asb.case, "asb.action").data


# --- the action plan --------------------------------------------------------------------------


def test_the_agreed_next_step_is_a_promise_on_the_case(homes, opened):
    asb = asb_act(
        actor=homes.officer,
        asb=opened,
        type="interview",
        details="Interviewed Ada with her son.",
        next_step="Write to the tenant of 2 Oak Court",
        next_step_due=When.parse("2024-03-08"),
        at=NOW,
    )
    data = last(asb.case, "asb.action").data
    assert data["next_step"] == "Write to the tenant of 2 Oak Court"
    assert data["next_step_due"] == "2024-03-08"
    promise = Commitment.objects.get(case=asb.case)
    assert promise.action == "Write to the tenant of 2 Oak Court"


def test_a_next_step_needs_its_date(homes, opened):
    with pytest.raises(DomainError) as refused:
        asb_act(actor=homes.officer, asb=opened, type="visit", next_step="Call back", at=NOW)
    assert refused.value.message == NEXT_STEP_NO_DATE


def test_a_referral_names_the_agency(homes, opened):
    after = NOW + dt.timedelta(days=4)
    asb = asb_act(actor=homes.officer, asb=opened, type="referral", agency="police", at=after)
    assert last(asb.case, "asb.action").data["agency"] == {"kind": "police", "name": "The police"}
    with pytest.raises(DomainError) as refused:
        asb_act(actor=homes.officer, asb=opened, type="referral", agency="other", at=after)
    assert refused.value.message == NO_AGENCY_NAME


def test_an_unknown_action_is_refused(homes, opened):
    with pytest.raises(DomainError) as refused:
        asb_act(actor=homes.officer, asb=opened, type="shout", at=NOW)
    assert refused.value.field == "type"


def test_actions_wait_for_the_case_to_be_opened(homes, reported):
    with pytest.raises(DomainError) as refused:
        asb_act(actor=homes.officer, asb=reported, type="visit", at=NOW)
    assert "Open the ASB case before you record an action" in refused.value.message


def test_an_action_dated_before_the_report_is_refused(homes, opened):
    with pytest.raises(DomainError) as refused:
        asb_act(
            actor=homes.officer, asb=opened, type="visit", occurred=When.parse("2024-03-01"), at=NOW
        )
    assert refused.value.field == "occurred"

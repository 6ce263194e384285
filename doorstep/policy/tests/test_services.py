from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.policy.selectors import policy_in_force
from doorstep.policy.services import NO_SOURCE, policy_override_record

pytestmark = pytest.mark.django_db


def test_an_override_applies_from_its_date_and_earlier_dates_keep_the_default(at):
    policy_override_record(
        actor=None,
        key="repairs.routine.working_days",
        value=15,
        source="Repairs policy 2024, para 4",
        at=at,
        effective_from=dt.date(2024, 6, 1),
    )
    before = {r.key: r for r in policy_in_force(on=dt.date(2024, 5, 31))}
    after = {r.key: r for r in policy_in_force(on=dt.date(2024, 6, 1))}
    assert before["repairs.routine.working_days"].value == 20
    assert after["repairs.routine.working_days"].value == 15
    assert after["repairs.routine.working_days"].source == "Repairs policy 2024, para 4"


def test_awaabs_law_shows_only_once_in_force():
    keys_2024 = {r.key for r in policy_in_force(on=dt.date(2024, 1, 1))}
    keys_2026 = {r.key for r in policy_in_force(on=dt.date(2026, 1, 1))}
    assert "hazards.investigation_working_days" not in keys_2024
    assert "hazards.investigation_working_days" in keys_2026


def test_bad_overrides_are_refused_with_the_reason(at):
    with pytest.raises(DomainError) as info:
        policy_override_record(
            actor=None,
            key="repairs.routine.working_days",
            value=15,
            source=" ",
            at=at,
            effective_from=None,
        )
    assert info.value.message == NO_SOURCE
    with pytest.raises(DomainError, match="cannot override"):
        policy_override_record(
            actor=None,
            key="hazards.summary_working_days",
            value=5,
            source="x",
            at=at,
            effective_from=None,
        )
    with pytest.raises(DomainError, match="whole number above 0") as info:
        policy_override_record(
            actor=None,
            key="repairs.urgent.working_days",
            value="five",
            source="x",
            at=at,
            effective_from=None,
        )
    assert info.value.field == "value"

"""`hazard_made_safe`: writes `hazard.made_safe`, once, never before the report."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.hazards import services
from doorstep.hazards.services import hazard_made_safe
from doorstep.hazards.tests.helpers import kinds_on
from doorstep.timeline.when import When


def test_made_safe_is_recorded_once(homes, now, mould):
    later = now + dt.timedelta(hours=20)
    hazard_made_safe(actor=homes.officer, hazard=mould, at=later)
    assert kinds_on(mould.case) == ["case.opened", "hazard.reported", "hazard.made_safe"]
    assert mould.case.events.get(kind="hazard.made_safe").data == {"hazard": "damp_mould"}
    mould.refresh_from_db()
    assert mould.made_safe_at == later
    with pytest.raises(DomainError) as refused:
        hazard_made_safe(actor=homes.officer, hazard=mould, at=later)
    assert refused.value.message == services.ALREADY_MADE_SAFE.format(when="04 November 2025")


def test_made_safe_before_the_report_is_refused(homes, now, mould):
    with pytest.raises(DomainError) as refused:
        hazard_made_safe(actor=None, hazard=mould, occurred=When.parse("2025-10"), at=now)
    assert refused.value.message == services.BEFORE_REPORT.format(
        when="October 2025", reported="3 November 2025, 10:30"
    )
    assert kinds_on(mould.case) == ["case.opened", "hazard.reported"]

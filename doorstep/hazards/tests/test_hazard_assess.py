"""`hazard_assess`: severity and cause, written as `hazard.assessed`."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.hazards import services
from doorstep.hazards.services import hazard_assess
from doorstep.hazards.tests.helpers import kinds_on
from doorstep.timeline.when import When


def test_an_assessment_is_recorded_with_its_severity_and_cause(homes, now, mould):
    later = now + dt.timedelta(days=2)
    hazard = hazard_assess(
        actor=homes.officer,
        hazard=mould,
        severity="significant",
        cause="No extractor fan; condensation",
        at=later,
    )
    assert kinds_on(mould.case) == ["case.opened", "hazard.reported", "hazard.assessed"]
    event = mould.case.events.get(kind="hazard.assessed")
    assert event.data == {
        "severity": "significant",
        "cause": "No extractor fan; condensation",
        "hazard": "damp_mould",
    }
    hazard.refresh_from_db()
    assert (hazard.severity, hazard.assessed_at) == ("significant", later)


@pytest.mark.parametrize(
    ("severity", "cause", "message", "field"),
    [
        ("bad", "Leak", services.BAD_SEVERITY, "severity"),
        ("emergency", " ", services.NO_CAUSE, "cause"),
    ],
)
def test_bad_input_is_refused(homes, now, mould, severity, cause, message, field):
    with pytest.raises(DomainError) as refused:
        hazard_assess(actor=None, hazard=mould, severity=severity, cause=cause, at=now)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert kinds_on(mould.case) == ["case.opened", "hazard.reported"]


def test_an_assessment_before_the_report_is_refused(homes, now, mould):
    with pytest.raises(DomainError) as refused:
        hazard_assess(
            actor=None,
            hazard=mould,
            severity="significant",
            cause="Leak",
            occurred=When.parse("2025-11-01"),
            at=now,
        )
    assert refused.value.message == services.BEFORE_REPORT.format(
        when="1 November 2025", reported="3 November 2025, 10:30"
    )
    assert refused.value.field == "occurred"

"""`decant_consider`, `decant_start` and `decant_end`: every decision with its reason."""

from __future__ import annotations

import pytest

from doorstep.core.errors import DomainError
from doorstep.hazards import services
from doorstep.hazards.services import decant_consider, decant_end, decant_start
from doorstep.hazards.tests.helpers import kinds_on

BASE = ["case.opened", "hazard.reported"]


def test_a_decant_considered_is_recorded_with_its_reason(homes, now, mould):
    hazard = decant_consider(
        actor=homes.officer,
        hazard=mould,
        decision="declined",
        reason="The resident prefers to stay with the works done room by room.",
        at=now,
    )
    assert kinds_on(mould.case) == [*BASE, "decant.considered"]
    assert mould.case.events.get(kind="decant.considered").data == {
        "decision": "declined",
        "reason": "The resident prefers to stay with the works done room by room.",
        "hazard": "damp_mould",
    }
    assert hazard.decant == "declined"


@pytest.mark.parametrize(
    ("decision", "reason", "message", "field"),
    [
        ("maybe", "Works", services.BAD_DECISION, "decision"),
        ("offered", "  ", services.NO_DECANT_REASON, "reason"),
    ],
)
def test_a_decision_needs_its_reason(homes, now, mould, decision, reason, message, field):
    with pytest.raises(DomainError) as refused:
        decant_consider(actor=None, hazard=mould, decision=decision, reason=reason, at=now)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert kinds_on(mould.case) == BASE


def test_a_decant_starts_and_ends(homes, now, mould):
    with pytest.raises(DomainError) as refused:
        decant_start(actor=None, hazard=mould, reason="", where="2 Birch Court", at=now)
    assert refused.value.message == services.NO_DECANT_REASON
    with pytest.raises(DomainError) as refused:
        decant_start(actor=None, hazard=mould, reason="Works", where="", at=now)
    assert refused.value.message == services.NO_DECANT_WHERE
    with pytest.raises(DomainError) as refused:
        decant_end(actor=None, hazard=mould, reason="Back home", at=now)
    assert refused.value.message == services.NOT_DECANTED

    decant_start(
        actor=homes.officer, hazard=mould, reason="Mould treatment", where="2 Birch Court", at=now
    )
    assert mould.decant == "decanted"
    assert mould.case.events.get(kind="decant.started").data == {
        "reason": "Mould treatment",
        "where": "2 Birch Court",
        "hazard": "damp_mould",
    }
    with pytest.raises(DomainError) as refused:
        decant_start(actor=None, hazard=mould, reason="Again", where="Elsewhere", at=now)
    assert refused.value.message == services.ALREADY_DECANTED.format(where="2 Birch Court")
    with pytest.raises(DomainError) as refused:
        decant_consider(actor=None, hazard=mould, decision="offered", reason="x", at=now)
    assert refused.value.message == services.DECANTED_NOW.format(where="2 Birch Court")

    decant_end(actor=homes.officer, hazard=mould, reason="Works complete", at=now)
    assert kinds_on(mould.case) == [*BASE, "decant.started", "decant.ended"]
    assert mould.case.events.get(kind="decant.ended").data == {
        "reason": "Works complete",
        "hazard": "damp_mould",
    }
    assert mould.decant == "returned"

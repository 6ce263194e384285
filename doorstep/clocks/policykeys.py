"""The policy keys the clocks read, and what `policy/defaults.py` does not (yet) say.

The chronology format names its policy keys (`shared/domain/chronology.md`, "Top level"); each
is a key of `doorstep.policy.defaults` too. This module adds only what the clocks need beyond
that, kept here so that `policy/` is not edited from the clocks' side:

1. `ALIASES`: other spellings of the acknowledgement keys a landlord's file may use, mapped to
   the names in `policy/defaults.py` (`complaints.stageN.acknowledgement_working_days`).
2. `asb.risk_assessment_days` defaults to the *first-response time* (`regulation.md`, Doorstep's
   default policy): where a landlord sets `asb.first_response_days` and not the risk-assessment
   key, the landlord's first-response value applies to both. `policy/defaults.py` holds a fixed
   5 instead.

Both belong in `policy/defaults.py` (an alias table in `resolve.known_key`; a "derived from"
field on `PolicyKey`); until they move, `value()` is the one way the clocks resolve a key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from doorstep.policy.resolve import Override, Resolved, resolve

STAGE1_ACK = "complaints.stage1.acknowledgement_working_days"
STAGE2_ACK = "complaints.stage2.acknowledgement_working_days"
STAGE1_RESPONSE = "complaints.stage1.response_working_days"
STAGE2_RESPONSE = "complaints.stage2.response_working_days"
STAGE1_EXTENSION = "complaints.stage1.extension_max_working_days"
STAGE2_EXTENSION = "complaints.stage2.extension_max_working_days"
REPAIR_EMERGENCY = "repairs.emergency.hours"
REPAIR_URGENT = "repairs.urgent.working_days"
REPAIR_ROUTINE = "repairs.routine.working_days"
REPAIR_PLANNED = "repairs.planned.days"
COMMUNAL_SECURITY = "repairs.communal_security.make_safe_hours"
APPOINTMENT_DAYS = "repairs.non_emergency.appointment_days"
ASB_FIRST_RESPONSE = "asb.first_response_days"
ASB_RISK_ASSESSMENT = "asb.risk_assessment_days"
ASB_REVIEW = "asb.review_interval_days"
TRANSFER_DECISION = "transfers.decision_working_days"
VERIFY_WITHIN = "commitments.verify_within_working_days"
HAZARD_EMERGENCY = "hazards.emergency.hours"
HAZARD_INVESTIGATION = "hazards.investigation_working_days"
HAZARD_SUMMARY = "hazards.summary_working_days"
HAZARD_SAFETY = "hazards.safety_work_working_days"
HAZARD_FURTHER = "hazards.further_work_working_days"
HAZARD_FURTHER_START = "hazards.further_work_start_weeks"

ALIASES: dict[str, str] = {
    "complaints.stage1.acknowledgement_days": STAGE1_ACK,
    "complaints.stage1.acknowledge_working_days": STAGE1_ACK,
    "complaints.stage1.acknowledgement": STAGE1_ACK,
    "complaints.stage2.acknowledgement_days": STAGE2_ACK,
    "complaints.stage2.acknowledge_working_days": STAGE2_ACK,
    "complaints.stage2.acknowledgement": STAGE2_ACK,
}

DERIVED_FROM: dict[str, str] = {ASB_RISK_ASSESSMENT: ASB_FIRST_RESPONSE}

DERIVED_NOTE = (
    "No {key} of the landlord's own: the default is the first-response time, so the "
    "landlord's {parent} applies."
)
ACK_RESPONSE_KEYS: dict[int, tuple[str, str, str]] = {
    1: (STAGE1_ACK, STAGE1_RESPONSE, STAGE1_EXTENSION),
    2: (STAGE2_ACK, STAGE2_RESPONSE, STAGE2_EXTENSION),
}


def canonical_key(key: str) -> str:
    """The `policy/defaults.py` name of a chronology policy key."""
    return ALIASES.get(key, key)


def _own(key: str, on: dt.date, overrides: Iterable[Override]) -> bool:
    return any(
        o.key == key and (o.effective_from is None or o.effective_from <= on) for o in overrides
    )


def value(key: str, on: dt.date, overrides: Iterable[Override] = ()) -> Resolved:
    """The value of `key` in force on `on` (the day the clock started), and its source."""
    overrides = tuple(overrides)
    parent = DERIVED_FROM.get(key)
    if parent and not _own(key, on, overrides) and _own(parent, on, overrides):
        found = resolve(parent, on, overrides)
        note = DERIVED_NOTE.format(key=key, parent=parent)
        return Resolved(key, found.value, found.effective_from, found.source, True, note)
    return resolve(canonical_key(key), on, overrides)

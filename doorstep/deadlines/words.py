"""How a clock is said to staff: its name in plain English, and where it stands.

The clock names are the chronology format's (`doorstep.clocks.definitions.DEFINITIONS`); each
has a name here that says what must be done, as an officer would put it. A test holds the two
lists together, so a new clock cannot reach a page without one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

CLOCK_NAMES = {
    "complaint.stage1.acknowledgement": _("Acknowledge the stage 1 complaint"),
    "complaint.stage1.response": _("Respond to the stage 1 complaint"),
    "complaint.stage2.acknowledgement": _("Acknowledge the stage 2 complaint"),
    "complaint.stage2.response": _("Respond to the stage 2 complaint"),
    "hazard.emergency": _("Investigate and make safe the emergency hazard"),
    "hazard.investigation": _("Investigate the hazard"),
    "hazard.summary": _("Send the resident the written summary of the investigation"),
    "hazard.safety_work": _("Make the home safe"),
    "hazard.further_work": _("Begin the further work"),
    "hazard.further_work_start": _("Start the further work"),
    "repair.target": _("Complete the repair"),
    "asb.first_response": _("Respond to the report of anti-social behaviour"),
    "asb.risk_assessment": _("Assess the risk to the reporter"),
    "asb.review": _("Review the anti-social behaviour case"),
    "transfer.decision": _("Decide the transfer request"),
    "commitment.due": _("Keep the promise"),
    "commitment.verification": _("Check that the work claimed done was done"),
    "ombudsman.order": _("Comply with the Ombudsman's order"),
}

COMMITMENT_STATES = {
    "open": _("Open"),
    "kept": _("Kept"),
    "overdue": _("Overdue"),
    "claimed_not_verified": _("Claimed done, not checked"),
    "contradicted": _("Claimed done, but found not done"),
    "dropped": _("Dropped"),
}

MET = _("met")
DUE_TODAY = _("due today")
DUE_IN = _("due in {amount}")
OVERDUE_BY = _("overdue by {amount}")
LATE_BY = _("met late, by {amount}")


def clock_name(clock: str) -> str:
    """The clock's name in plain English (its format name, where it has none yet)."""
    return str(CLOCK_NAMES.get(clock, clock))


def _amount(n: int, unit: str) -> str:
    if unit == "working_days":
        return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
    if unit == "hours":
        return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def overdue_amount(clock: Mapping[str, Any]) -> str:
    """By how much a breached clock is (or was) late, in its own unit. A working-day clock
    due on a Friday is late on the Saturday though no working day has passed: that is said in
    days."""
    unit = str(clock["unit"])
    if unit == "hours" and clock["overdue_hours"] is not None:
        return _amount(int(clock["overdue_hours"]), "hours")
    if unit == "working_days" and clock["overdue_working_days"]:
        return _amount(int(clock["overdue_working_days"]), unit)
    return _amount(int(clock["overdue_days"]), "days")


def status_words(clock: Mapping[str, Any]) -> str:
    """'due in 3 working days', 'overdue by 60 working days', 'met', 'met late, by 5 working
    days', from a clock of the replay's JSON."""
    if clock["stopped"]:
        return LATE_BY.format(amount=overdue_amount(clock)) if clock["breached"] else str(MET)
    if clock["breached"]:
        return OVERDUE_BY.format(amount=overdue_amount(clock))
    unit, remaining = str(clock["unit"]), int(clock["remaining"] or 0)
    if remaining == 0:  # hours are counted to the end of the day asked about, as days are
        return str(DUE_TODAY)
    return DUE_IN.format(amount=_amount(remaining, unit))


def commitment_state(state: str) -> str:
    return str(COMMITMENT_STATES.get(state, state))

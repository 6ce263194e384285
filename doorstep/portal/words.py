"""What a resident reads of their case's timeline: a sentence of our own for each kind of entry
they may see, never a member of staff's summary or note.

Only the kinds named here are shown: anything else (a note, an assignment, an internal risk
assessment, a vulnerability, an evidence pack, a correction's bookkeeping) is left out. What
an entry says beyond its kind comes only from the members named below, chosen because the
resident was told them or told us them (the date of an appointment, the text of a response
sent to them, what they reported)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

Words = Callable[[Mapping[str, Any]], str]


def _day(value: Any) -> str:
    """A date as "14 July 2026" (a month or year as given)."""
    text = str(value or "")
    try:
        return dt.date.fromisoformat(text[:10]).strftime("%-d %B %Y")
    except ValueError:
        return text


def _stage(data: Mapping[str, Any]) -> str:
    return str(data.get("stage") or 1)


HAZARD_NAMES = {"damp_mould": "damp and mould"}


def _hazard(data: Mapping[str, Any]) -> str:
    hazard = str(data.get("hazard") or "")
    return HAZARD_NAMES.get(hazard, hazard.replace("_", " "))


RESIDENT_WORDS: dict[str, Words] = {
    "case.opened": lambda d: _("We opened this case."),
    "case.closed": lambda d: _("We closed this case."),
    "case.reopened": lambda d: _("We reopened this case."),
    "repair.reported": lambda d: (
        _("The repair was reported: %(what)s.")
        % {"what": d.get("description") or d.get("location") or _("no details given")}
    ),
    "hazard.reported": lambda d: (
        _("The problem was reported (%(hazard)s): %(what)s.")
        % {"hazard": _hazard(d), "what": d.get("description") or d.get("location") or ""}
    ),
    "works.raised": lambda d: _("We ordered the work."),
    "works.completed": lambda d: _("The work was recorded as done."),
    "works.verified": lambda d: _("The work was checked and confirmed as done."),
    "works.recurred": lambda d: _("The problem came back."),
    "appointment.booked": lambda d: (
        _("An appointment was booked for %(day)s.") % {"day": _day(d.get("date"))}
    ),
    "appointment.moved": lambda d: (
        _("The appointment was moved to %(day)s.") % {"day": _day(d.get("date"))}
    ),
    "appointment.cancelled": lambda d: _("The appointment was cancelled."),
    "appointment.attended": lambda d: _("The appointment took place."),
    "appointment.missed": lambda d: _("The appointment did not take place."),
    "inspection.done": lambda d: _("An inspection took place."),
    "hazard.made_safe": lambda d: _("The hazard was made safe."),
    "hazard.summary_sent": lambda d: _("We sent you a written summary of what we found."),
    "complaint.received": lambda d: (
        _("We received your complaint (stage %(stage)s).") % {"stage": _stage(d)}
    ),
    "complaint.acknowledged": lambda d: _("We acknowledged your complaint."),
    "complaint.extended": lambda d: _("We told you we needed more time to respond."),
    "complaint.response": lambda d: (
        _("We sent our stage %(stage)s response.") % {"stage": _stage(d)}
    ),
    "complaint.escalated": lambda d: _("Your complaint went to stage 2."),
    "complaint.refused": lambda d: _("We did not accept the complaint."),
    "commitment.made": lambda d: (
        _("We promised: %(action)s, by %(day)s.")
        % {"action": d.get("action") or "", "day": _day(d.get("due"))}
    ),
    "commitment.kept": lambda d: _("We did what we promised."),
    "compensation.offered": lambda d: _("We offered you compensation."),
    "compensation.paid": lambda d: _("We paid you compensation."),
    "asb.reported": lambda d: _("The behaviour was reported."),
    "asb.case_opened": lambda d: _("We opened an anti-social behaviour case."),
    "asb.case_declined": lambda d: _("We decided not to open an anti-social behaviour case."),
    "asb.reviewed": lambda d: _("We reviewed the case."),
    "asb.closed": lambda d: _("We closed the anti-social behaviour case."),
    "transfer.requested": lambda d: _("You asked to move."),
    "transfer.evidence_requested": lambda d: _("We asked for evidence for the move."),
    "transfer.evidence_received": lambda d: _("We received evidence for the move."),
    "transfer.decided": lambda d: _("We decided on the request to move."),
    "permission.requested": lambda d: _("You asked for permission."),
    "permission.decided": lambda d: _("We decided on your request for permission."),
    "ombudsman.referred": lambda d: _("The complaint was referred to the Housing Ombudsman."),
    "ombudsman.determination": lambda d: _("The Housing Ombudsman made its decision."),
}


def contact_in_words(data: Mapping[str, Any], channel: str) -> str:
    """A contact from a member of the household, in their own words."""
    said = str(data.get("text") or "").strip()
    how = CHANNEL_WORDS.get(channel, "")
    if said:
        return _("You contacted us%(how)s: \u201c%(said)s\u201d") % {"how": how, "said": said}
    return _("You contacted us%(how)s.") % {"how": how}


def contact_out_words(data: Mapping[str, Any], channel: str) -> str:
    """A contact we made with a member of the household, with what we said."""
    said = str(data.get("text") or "").strip()
    how = CHANNEL_WORDS.get(channel, "")
    if said:
        return _("We contacted you%(how)s: \u201c%(said)s\u201d") % {"how": how, "said": said}
    return _("We contacted you%(how)s.") % {"how": how}


CHANNEL_WORDS = {
    "phone": " by phone",
    "email": " by email",
    "letter": " by letter",
    "visit": " on a visit",
    "portal": " through this website",
    "in_person": " in person",
}


# What each clock promises the resident, as "We will ... by <date>". A clock not named here
# (checking a contractor's claim, say) is the landlord's own business and is not shown.
RESIDENT_CLOCKS = {
    "complaint.stage1.acknowledgement": _lazy("acknowledge your complaint"),
    "complaint.stage1.response": _lazy("respond to your complaint"),
    "complaint.stage2.acknowledgement": _lazy("acknowledge your stage 2 complaint"),
    "complaint.stage2.response": _lazy("respond to your stage 2 complaint"),
    "hazard.emergency": _lazy("investigate and make your home safe"),
    "hazard.investigation": _lazy("investigate the problem"),
    "hazard.summary": _lazy("send you a written summary of what we found"),
    "hazard.safety_work": _lazy("do the work to make your home safe"),
    "hazard.further_work": _lazy("begin the further work"),
    "hazard.further_work_start": _lazy("start the further work"),
    "repair.target": _lazy("complete the repair"),
    "asb.first_response": _lazy("respond to your report"),
    "asb.risk_assessment": _lazy("assess the risk to you"),
    "asb.review": _lazy("review your case"),
    "transfer.decision": _lazy("decide your request to move"),
}

# Where a promise stands, as the resident would put it.
PROMISE_STATES = {
    "open": _lazy("Not done yet"),
    "kept": _lazy("Done"),
    "overdue": _lazy("Late"),
    "claimed_not_verified": _lazy("We say it is done"),
    "contradicted": _lazy("Not done, though we said it was"),
    "dropped": _lazy("Withdrawn"),
}

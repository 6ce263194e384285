"""Extensions of a complaint response: when one moves the due date, and when it does not.

Source: Complaint Handling Code 2024, sections 5 (stage 1) and 6 (stage 2): an extension is
only with reasons and the new date given to the resident, within the original timescale, and no
more than a further 10 (stage 1) or 20 (stage 2) working days without good reason
(`complaints.stageN.extension_max_working_days`). Doorstep applies the same test to earlier
complaints (the 2020/2022 Code allowed up to 10 further working days with an explanation). The
format records agreement as `agreed_with_resident` and the explanation as `reason`: a valid
extension needs both. An invalid one leaves `due` at the original date (`findings.md`,
`complaint.extension_invalid`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorstep.clocks.explain import show
from doorstep.clocks.facts import Fact, latest_date
from doorstep.clocks.specs import ClockSpec
from doorstep.workdays import Calendar

EXTENSION_VALID = "Extended by {event} to {due} (agreed with the resident, reason given)."
EXTENSION_INVALID = "The extension {event} is not valid ({why}), so the clock stays due on {due}."
EXTENSION_NO_EFFECT = "The extension {event} would not move the due date later; it is ignored."
NO_NEW_DATE = "it gives no new date"
NOT_AGREED = "it is not recorded as agreed with the resident"
NO_REASON = "it gives no reason"
TOO_LATE = "it was given after the response was already due, {due}"
TOO_LONG = "it goes beyond the Code's limit of {n} further working days, {limit}"


@dataclass(frozen=True)
class Extended:
    """The due date after any extensions, the original beside it, and whether they were valid."""

    due: dt.date
    original_due: dt.date | None
    valid: bool | None
    notes: tuple[str, ...]


def apply_extensions(spec: ClockSpec, original: dt.date, calendar: Calendar) -> Extended:
    """Valid extensions move `due`; `original_due` is kept beside it. An invalid one (not agreed
    with the resident, no reason, given after the due date, or beyond the Code's limit) leaves
    `due` where it was (Complaint Handling Code 2024, sections 5 and 6)."""
    extensions = sorted(
        (e for e in spec.extensions if e.could_follow(spec.anchor)), key=lambda e: e.sort_key()
    )
    if not extensions:
        return Extended(original, None, None, ())
    limit = None
    if spec.extension_limit is not None:
        limit = calendar.add_working_days(original, spec.extension_limit)
    due, valid, notes = original, True, []
    for event in extensions:
        new_due = event.data.get("new_due")
        why = extension_problem(event, due, limit, spec.extension_limit)
        if why is not None:
            valid = False
            notes.append(EXTENSION_INVALID.format(event=event.id, why=why, due=show(due)))
        elif latest_date(str(new_due)) <= due:
            notes.append(EXTENSION_NO_EFFECT.format(event=event.id))
        else:
            due = latest_date(str(new_due))
            notes.append(EXTENSION_VALID.format(event=event.id, due=show(due)))
    return Extended(due, original if due != original else None, valid, tuple(notes))


def extension_problem(
    event: Fact, due: dt.date, limit: dt.date | None, n: int | None
) -> str | None:
    """Why an extension is not valid (None: it is), given the due date so far."""
    data = event.data
    if not data.get("new_due"):
        return NO_NEW_DATE
    if data.get("agreed_with_resident") is not True:
        return NOT_AGREED
    if not str(data.get("reason") or "").strip():
        return NO_REASON
    if event.earliest_date > due:
        return TOO_LATE.format(due=show(due))
    if limit is not None and latest_date(str(data["new_due"])) > limit:
        return TOO_LONG.format(n=n, limit=show(limit))
    return None

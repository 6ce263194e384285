"""Extensions of a complaint response: when one moves the due date, and when it does not.

Source: Complaint Handling Code 2024, sections 5 (stage 1) and 6 (stage 2): an extension is
only with reasons and the new date given to the resident, within the original timescale, and no
more than a further 10 (stage 1) or 20 (stage 2) working days without good reason
(`complaints.stageN.extension_max_working_days`). Doorstep applies the same test to earlier
complaints (the 2020/2022 Code allowed up to 10 further working days with an explanation).

The format records the explanation as `reason` and agreement as `agreed_with_resident`;
Doorstep's own optional members add `good_reason` (why the Code's limit may be passed: with one
recorded, the limit does not apply) and `in_writing` (false: the resident was not told in
writing, which the Code requires). The Code asks for the reasons and the new date to be given
to the resident; agreement is required only where the landlord's policy asks for it
(`complaints.extension.resident_agreement_required`, default yes, as Doorstep has always
judged). An invalid extension leaves `due` at the original date (`findings.md`,
`complaint.extension_invalid`).

One rule, two uses: `extension_problem` judges an extension in a replay (the engine) and a
proposed one before it is recorded (the complaints app refuses it with the same words).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorstep.clocks.explain import show
from doorstep.clocks.facts import Fact, latest_date
from doorstep.clocks.specs import ClockSpec
from doorstep.workdays import Calendar

EXTENSION_VALID = "Extended by {event} to {due} (reason and new date given to the resident)."
EXTENSION_GOOD_REASON = (
    "Extended by {event} to {due}, beyond the Code's limit, for a good reason: {why}."
)
EXTENSION_INVALID = "The extension {event} is not valid ({why}), so the clock stays due on {due}."
EXTENSION_NO_EFFECT = "The extension {event} would not move the due date later; it is ignored."
NO_NEW_DATE = "it gives no new date"
NOT_AGREED = "it is not recorded as agreed with the resident"
NO_REASON = "it gives no reason"
NOT_IN_WRITING = "it was not given to the resident in writing"
TOO_LATE = "it was given after the response was already due, {due}"
TOO_LONG = (
    "it goes beyond the Code's limit of {n} further working days, {limit}, with no good reason "
    "recorded"
)


@dataclass(frozen=True)
class Extended:
    """The due date after any extensions, the original beside it, and whether they were valid."""

    due: dt.date
    original_due: dt.date | None
    valid: bool | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Judged:
    """One extension as the rule sees it: why it is not valid (None: it is), and the due date
    it leaves (moved only by a valid extension to a later date)."""

    event: Fact
    problem: str | None
    due: dt.date
    moved: bool


def judge_extensions(spec: ClockSpec, original: dt.date, calendar: Calendar) -> list[Judged]:
    """Each extension of the clock in order, judged against the due date so far."""
    extensions = sorted(
        (e for e in spec.extensions if e.could_follow(spec.anchor)), key=lambda e: e.sort_key()
    )
    limit = None
    if spec.extension_limit is not None:
        limit = calendar.add_working_days(original, spec.extension_limit)
    due, judged = original, []
    for event in extensions:
        why = extension_problem(
            event,
            due,
            limit,
            spec.extension_limit,
            agreement_required=spec.extension_agreement_required,
        )
        moved = why is None and latest_date(str(event.data.get("new_due"))) > due
        if moved:
            due = latest_date(str(event.data["new_due"]))
        judged.append(Judged(event, why, due, moved))
    return judged


def apply_extensions(spec: ClockSpec, original: dt.date, calendar: Calendar) -> Extended:
    """Valid extensions move `due`; `original_due` is kept beside it. An invalid one (no
    reason, not in writing, not agreed where the landlord's policy asks for agreement, given
    after the due date, or beyond the Code's limit without a good reason) leaves `due` where it
    was (Complaint Handling Code 2024, sections 5 and 6)."""
    judged = judge_extensions(spec, original, calendar)
    if not judged:
        return Extended(original, None, None, ())
    valid, notes = True, []
    before = original
    for one in judged:
        if one.problem is not None:
            valid = False
            notes.append(
                EXTENSION_INVALID.format(event=one.event.id, why=one.problem, due=show(before))
            )
        elif not one.moved:
            notes.append(EXTENSION_NO_EFFECT.format(event=one.event.id))
        elif _good_reason(one.event):
            why = _good_reason(one.event)
            notes.append(
                EXTENSION_GOOD_REASON.format(event=one.event.id, due=show(one.due), why=why)
            )
        else:
            notes.append(EXTENSION_VALID.format(event=one.event.id, due=show(one.due)))
        before = one.due
    due = judged[-1].due
    return Extended(due, original if due != original else None, valid, tuple(notes))


def _good_reason(event: Fact) -> str:
    return str(event.data.get("good_reason") or "").strip()


def extension_problem(
    event: Fact,
    due: dt.date,
    limit: dt.date | None,
    n: int | None,
    *,
    agreement_required: bool = True,
) -> str | None:
    """Why an extension is not valid (None: it is), given the due date so far, the Code's
    limit (`limit`, `n` further working days) and whether the landlord's policy asks for the
    resident's agreement. A good reason recorded (`good_reason`) allows going beyond the limit;
    `in_writing: false` is never valid (the Code: reasons and new date given in writing)."""
    data = event.data
    if not data.get("new_due"):
        return NO_NEW_DATE
    if data.get("in_writing") is False:
        return NOT_IN_WRITING
    if agreement_required and data.get("agreed_with_resident") is not True:
        return NOT_AGREED
    if not str(data.get("reason") or "").strip():
        return NO_REASON
    if event.earliest_date > due:
        return TOO_LATE.format(due=show(due))
    beyond = limit is not None and latest_date(str(data["new_due"])) > limit
    if beyond and not _good_reason(event):
        return TOO_LONG.format(n=n, limit=show(limit))  # type: ignore[arg-type]
    return None

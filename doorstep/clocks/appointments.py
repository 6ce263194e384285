"""Appointments as the record tells them: each visit's history, where it stands as of a date,
and where the landlord failed the resident with it.

The kinds are the chronology format's (`shared/domain/chronology.md`, "Repairs and hazards":
`appointment.booked`, `.moved`, `.cancelled`, `.attended`, `.missed`); the failures are the
lens's appointment codes (`shared/domain/findings.md`):

- `appointment.missed_by_landlord`: the landlord or its contractor did not come
  (`appointment.missed` with `by: landlord`). The original slot of a moved or cancelled
  appointment is not also missed, and a resident who was out because nobody told her of the new
  date has not missed it: that failure is the change without notice.
- `appointment.changed_without_notice`: moved or cancelled by the landlord with no record that
  the resident was told (`resident_informed` false, or not recorded at all: the landlord must be
  able to show that she was told).
- `appointment.not_first_time_fix`: attended but left incomplete (outcome `partial` or
  `not_started`: not enough time, wrong trade or materials, forgot).

A failure the event raises by itself is dated at the event's earliest possible moment
(`chronology.md`, "Events"), and says so where that date is imprecise, where it rests on an
inference (`by_basis`) or a disputed fact (`disputed: true`), or on an absence of records.

Pure: facts in, visits out; the replay, the case page and the lens read the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from doorstep.clocks.explain import show
from doorstep.clocks.facts import Fact, Facts, latest_date

MISSED_BY_LANDLORD = "appointment.missed_by_landlord"
CHANGED_WITHOUT_NOTICE = "appointment.changed_without_notice"
NOT_FIRST_TIME_FIX = "appointment.not_first_time_fix"
KINDS = (
    "appointment.booked",
    "appointment.moved",
    "appointment.cancelled",
    "appointment.attended",
    "appointment.missed",
)
INCOMPLETE = ("partial", "not_started")

# States, as of the replay date.
BOOKED = "booked"
MOVED = "moved"
CANCELLED = "cancelled"
ATTENDED = "attended"
MISSED = "missed"
OUTCOME_NOT_RECORDED = "outcome_not_recorded"

RULE_MISSED = (
    "Keep appointments made with the resident; a missed appointment is a service failure "
    "(Housing Ombudsman, findings on missed appointments; Clarion 202208650, CH 2)"
)
RULE_NOTICE = (
    "Tell the resident before an appointment is moved or cancelled, and record that she was told "
    "(Housing Ombudsman, Clarion 202208650, CH 2; Knowledge and Information Management "
    "spotlight, May 2023)"
)
RULE_FIRST_TIME = (
    "Plan a visit so the work is done on the day: enough time, the right trade and materials "
    "(the landlord's first-time-fix aim; Clarion 202208650, A&F 3, 7)"
)

MISSED_TEXT = "{what}, set for {day}, was missed by the landlord: nobody came to do it."
INFERRED = " Who missed it rests on an inference: {basis}."
MOVED_TEXT = "{what}, set for {old}, was moved by the landlord to {new}{told}."
CANCELLED_TEXT = "{what}, set for {old}, was cancelled by the landlord{told}."
NOT_TOLD = " without the resident being told"
NO_RECORD_TOLD = ", and there is no record that the resident was told"
NOT_FIXED = "{what} was attended {day} but the work was {outcome}{reason}."
OUTCOMES = {"partial": "only partly done", "not_started": "not started"}
DISPUTED = " The fact is disputed."
IMPRECISE = (
    " Its date is imprecise (between {first} and {last}): the finding is dated at the earliest."
)
NO_BOOKING = " Its booking is not on record."
WHAT = "Appointment {appointment}{purpose}"


@dataclass(frozen=True)
class Failure:
    """One way an appointment failed the resident, on the day it arose."""

    code: str
    date: dt.date
    case: str | None
    appointment: str
    events: tuple[str, ...]
    explanation: str
    rule: str
    imprecise: bool
    assumed: bool = False
    disputed: bool = False
    absence: bool = False


@dataclass(frozen=True)
class Step:
    """One entry of an appointment's history."""

    event: str
    kind: str
    on: dt.date
    date: dt.date | None
    by: str
    informed: bool | None
    outcome: str
    imprecise: bool = False


@dataclass(frozen=True)
class Visit:
    """One appointment: what it was for, its current date, where it stands, its failures."""

    case: str | None
    appointment: str
    purpose: str | None
    date: dt.date | None
    first_date: dt.date | None
    state: str
    outcome: str
    booked_event: str | None
    history: tuple[Step, ...]
    failures: tuple[Failure, ...] = field(default=())


def _day(value: object) -> dt.date | None:
    return latest_date(str(value)) if value else None


def _what(appointment: str, purpose: str | None) -> str:
    return WHAT.format(appointment=appointment, purpose=f" for {purpose}" if purpose else "")


def _flags(fact: Fact) -> tuple[bool, bool, str]:
    disputed = fact.data.get("disputed") is True
    note = (DISPUTED if disputed else "") + (
        IMPRECISE.format(first=show(fact.earliest_date), last=show(fact.latest_date))
        if fact.imprecise
        else ""
    )
    return fact.imprecise, disputed, note


def _told(fact: Fact) -> tuple[str, bool] | None:
    """Why a change by the landlord is a failure (None: the resident was told)."""
    informed = fact.data.get("resident_informed")
    if informed is True:
        return None
    return (NOT_TOLD, False) if informed is False else (NO_RECORD_TOLD, True)


def _failure(fact: Fact, visit: _Draft) -> Failure | None:
    """The failure this entry of the appointment's history raises, if any."""
    found = _judged(fact, visit)
    if found is None:
        return None
    code, text, rule, assumed, absence = found
    imprecise, disputed, note = _flags(fact)
    if not visit.booked_event:
        note += NO_BOOKING
    return Failure(
        code=code,
        date=fact.earliest_date,
        case=fact.case,
        appointment=visit.appointment,
        events=visit.events_with(fact),
        explanation=text + note,
        rule=rule,
        imprecise=imprecise,
        assumed=assumed,
        disputed=disputed,
        absence=absence,
    )


def _judged(fact: Fact, visit: _Draft) -> tuple[str, str, str, bool, bool] | None:
    """(code, explanation, rule, assumed, resting on an absence of records), or None."""
    what = _what(visit.appointment, visit.purpose)
    old = _shown(visit.date, fact)
    if fact.kind == "appointment.missed" and fact.data.get("by") == "landlord":
        basis = fact.data.get("by_basis")
        text = MISSED_TEXT.format(what=what, day=old)
        text += INFERRED.format(basis=_lower_first(str(basis).rstrip("."))) if basis else ""
        return MISSED_BY_LANDLORD, text, RULE_MISSED, bool(basis), False
    if fact.kind in ("appointment.moved", "appointment.cancelled"):
        told = _told(fact) if fact.data.get("by") == "landlord" else None
        if told is None:
            return None
        words, absence = told
        if fact.kind == "appointment.moved":
            new = _day(fact.data.get("date"))
            shown = show(new) if new else "a date not on record"
            text = MOVED_TEXT.format(what=what, old=old, new=shown, told=words)
        else:
            text = CANCELLED_TEXT.format(what=what, old=old, told=words)
        return CHANGED_WITHOUT_NOTICE, text, RULE_NOTICE, False, absence
    outcome = str(fact.data.get("outcome") or "")
    if fact.kind == "appointment.attended" and outcome in INCOMPLETE:
        reason = _lower_first(str(fact.data.get("reason") or "").strip().rstrip("."))
        text = NOT_FIXED.format(
            what=what,
            day=_on(fact),
            outcome=OUTCOMES[outcome],
            reason=f": {reason}" if reason else "",
        )
        return NOT_FIRST_TIME_FIX, text, RULE_FIRST_TIME, False, False
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _on(fact: Fact) -> str:
    """'16 Jun 2022', or 'between 25 Mar 2022 and 13 Apr 2022' for an imprecise entry."""
    if not fact.imprecise:
        return f"on {show(fact.earliest_date)}"
    return f"between {show(fact.earliest_date)} and {show(fact.latest_date)}"


def _shown(day: dt.date | None, fact: Fact) -> str:
    return show(day) if day else f"a date not on record (the entry is of {fact.at})"


@dataclass
class _Draft:
    """An appointment while its history is read, in time order."""

    case: str | None
    appointment: str
    purpose: str | None = None
    date: dt.date | None = None
    first_date: dt.date | None = None
    state: str = BOOKED
    outcome: str = ""
    booked_event: str | None = None
    steps: list[Step] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def events_with(self, fact: Fact) -> tuple[str, ...]:
        ids = [self.booked_event] if self.booked_event else []
        ids += [s.event for s in self.steps if s.kind in ("appointment.moved",)]
        return tuple(dict.fromkeys([*ids, fact.id]))

    def read(self, fact: Fact) -> None:
        data: Mapping[str, object] = fact.data
        if fact.case and not self.case:
            self.case = fact.case
        if data.get("for") and not self.purpose:
            self.purpose = str(data["for"])
        failure = _failure(fact, self)
        if failure is not None:
            self.failures.append(failure)
        new_date = _day(data.get("date"))
        if fact.kind == "appointment.booked":
            self.booked_event = self.booked_event or fact.id
            self.state = BOOKED
            self.date = new_date or self.date
            self.first_date = self.first_date or new_date
        elif fact.kind == "appointment.moved":
            self.state, self.date = MOVED, new_date or self.date
        elif fact.kind == "appointment.cancelled":
            self.state = CANCELLED
        elif fact.kind == "appointment.attended":
            self.state, self.outcome = ATTENDED, str(data.get("outcome") or "")
        elif fact.kind == "appointment.missed":
            self.state = MISSED
        if self.date is None and fact.kind in ("appointment.attended", "appointment.missed"):
            self.date = fact.earliest_date if not fact.imprecise else None
        informed = data.get("resident_informed")
        self.steps.append(
            Step(
                event=fact.id,
                kind=fact.kind,
                on=fact.earliest_date,
                date=new_date,
                by=str(data.get("by") or ""),
                informed=informed if isinstance(informed, bool) else None,
                outcome=str(data.get("outcome") or ""),
                imprecise=fact.imprecise,
            )
        )

    def visit(self, as_of: dt.date) -> Visit:
        state = self.state
        if state in (BOOKED, MOVED) and self.date is not None and self.date < as_of:
            state = OUTCOME_NOT_RECORDED
        return Visit(
            case=self.case,
            appointment=self.appointment,
            purpose=self.purpose,
            date=self.date,
            first_date=self.first_date,
            state=state,
            outcome=self.outcome,
            booked_event=self.booked_event,
            history=tuple(self.steps),
            failures=tuple(self.failures),
        )


def appointments(facts: Facts, *, as_of: dt.date) -> list[Visit]:
    """Every appointment in the record as of `as_of`, in order of first mention, each with its
    history, where it stands (`booked`, `moved`, `cancelled`, `attended`, `missed`, or
    `outcome_not_recorded` once its day has passed with nothing on record) and its failures."""
    drafts: dict[str, _Draft] = {}
    for fact in facts.as_of(as_of).of_kind(*KINDS):
        ref = fact.data.get("appointment")
        if ref is None:
            continue
        draft = drafts.setdefault(str(ref), _Draft(case=fact.case, appointment=str(ref)))
        draft.read(fact)
    return [draft.visit(as_of) for draft in drafts.values()]


def failures(facts: Facts, *, as_of: dt.date) -> list[Failure]:
    """Every appointment failure in the record as of `as_of`, in the order they arose."""
    found = [f for v in appointments(facts, as_of=as_of) for f in v.failures]
    return sorted(found, key=lambda f: (f.date, f.appointment, f.code))

"""What the reminders read: each running clock on an open case that falls due within the
policy's `reminders.working_days_before` working days of a day and has not been reminded of
for that due date, with whom to tell.

The clocks are the deadlines' replay as of the day (`deadlines.selectors.clocks_of`): the
same clocks, in the same working days, the case page and the work queue show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from doorstep.cases.choices import CaseStatus
from doorstep.cases.models import Case
from doorstep.deadlines.selectors import CaseClock, LivePolicy, clocks_of, live_policy
from doorstep.policy.resolve import resolve
from doorstep.policy.services import NATION
from doorstep.timeline.models import Event
from doorstep.workdays.announced import calendar_as_known
from doorstep.workdays.calendar import Calendar, calendar_for

KEY = "reminders.working_days_before"


@dataclass(frozen=True)
class Owed:
    """A reminder owed: the clock, the working days left before it falls due (0: due today),
    and the staff to tell (the officer; with none, the team's members with an email)."""

    clock: CaseClock
    working_days_left: int
    to: list[Any]

    @property
    def key(self) -> tuple[int, str, str, str]:
        return reminder_key(self.clock.case.pk, self.clock.clock, self.clock.subject, self.due)

    @property
    def due(self) -> str:
        return self.clock.due_moment.date().isoformat()


def reminder_key(case: int, clock: str, subject: str | None, due: str) -> tuple[int, str, str, str]:
    return (case, clock, subject or "", due)


def working_days_before(*, as_of: dt.date, policy: LivePolicy) -> int:
    return int(resolve(KEY, as_of, policy.overrides).value)


def _keys(reminders: QuerySet[Event]) -> set[tuple[int, str, str, str]]:
    rows = reminders.values_list("case_id", "data__clock", "data__subject", "data__due")
    return {reminder_key(case, clock, subject, due) for case, clock, subject, due in rows}


def reminded() -> set[tuple[int, str, str, str]]:
    """The (case, clock, subject, due) of every reminder already on the open cases' records."""
    return _keys(Event.objects.filter(kind="reminder.sent", case__status=CaseStatus.OPEN))


def reminded_on(case: Case) -> set[tuple[int, str, str, str]]:
    """The keys of the reminders already on one case's record."""
    return _keys(Event.objects.filter(kind="reminder.sent", case=case))


def _left(calendar: Calendar, as_of: dt.date, clock: CaseClock) -> int | None:
    """Working days from `as_of` to the running clock's due day; None where it is breached,
    has no due day or falls outside the calendar's years."""
    if clock.breached or clock.due_moment.date() == dt.date.max:
        return None
    try:
        return max(0, calendar.working_days_between(as_of, clock.due_moment.date()))
    except ValueError:
        return None


def _recipients(case: Case, team_members: dict[int, list[Any]]) -> list[Any]:
    if case.officer is not None and case.officer.is_active and case.officer.email:
        return [case.officer]
    if case.owner_team_id is None:
        return []
    return team_members.get(case.owner_team_id, [])


def reminders_owed(*, as_of: dt.date, policy: LivePolicy | None = None) -> list[Owed]:
    """Every reminder owed as of `as_of`, soonest due first. Cost: one replay of each home
    with an open case (`clocks_of`, in chunks), and three queries besides."""
    policy = policy or live_policy()
    before = working_days_before(as_of=as_of, policy=policy)
    calendar = calendar_as_known(calendar_for(NATION), policy.announced, as_of)
    cases = list(
        Case.objects.filter(status=CaseStatus.OPEN)
        .select_related("household__property", "property", "officer", "owner_team")
        .order_by("pk")
    )
    found = clocks_of(cases, as_of=as_of, policy=policy)
    done = reminded()
    team_members: dict[int, list[Any]] = {}
    for user in (
        get_user_model()
        .objects.filter(is_active=True, team__isnull=False)
        .exclude(email="")
        .order_by("username")
    ):
        if user.team_id is not None:
            team_members.setdefault(user.team_id, []).append(user)
    owed = []
    for clock in found.running:
        left = _left(calendar, as_of, clock)
        if left is None or left > before:
            continue
        candidate = Owed(clock, left, _recipients(clock.case, team_members))
        if candidate.key not in done:
            owed.append(candidate)
    return sorted(owed, key=lambda o: o.clock.sort_key())

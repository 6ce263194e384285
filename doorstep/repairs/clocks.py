"""A repair's target, as the clocks engine works it out: never counted here.

The `repair.target` rules (the job's own target, else the priority's policy target in force on
the day the clock started, shorter for a vulnerable household where the landlord's policy says
so, the communal security make-safe hours where the fault leaves a home or block insecure) live
once, in `doorstep.clocks.families.repairs`. This module only hands the engine the facts it
needs from the live record: the event that starts the clock and the household's disclosures of
vulnerability, with every policy override and announced day off on record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from doorstep.clocks.engine import ClockResult, compute_clocks
from doorstep.clocks.facts import Fact, Facts, fact_from_event, local_date
from doorstep.policy.resolve import SHORTER
from doorstep.policy.selectors import announced_days, overrides_all
from doorstep.residents.models import Household
from doorstep.timeline.models import Event
from doorstep.vulnerabilities.selectors import vulnerability_flags

CLOCK = "repair.target"
REPORT = "the report"
DISCLOSURE = "the disclosure"
REGISTER = "the vulnerability register"
# The words of the engine's note where a vulnerability shortened the target
# (`policy.resolve.SHORTER`: "..., so the landlord's shorter timescale applies: ...").
SHORTENED = SHORTER.split("), ", 1)[1].split(":", 1)[0]


@dataclass(frozen=True)
class Target:
    """When a repair (or a job) is due, the rule that says so and where the rule comes from,
    and the engine's explanation in sentences. `vulnerable` is the sentence saying the target
    is shorter because of a vulnerability disclosed in the household, where it is."""

    due: dt.date
    due_at: dt.datetime | None
    rule: str
    source: str
    lines: tuple[str, ...]
    vulnerable: str

    @classmethod
    def of(cls, clock: ClockResult) -> Target:
        lines = clock.explanation.lines
        vulnerable = next((line for line in lines if SHORTENED in line), "")
        rule = clock.rule.split(". Source: ", 1)[0]
        return cls(clock.due, clock.due_at, rule, clock.source, lines, vulnerable)


def _entry(event: Event, ref: str, case: str | None) -> dict[str, Any]:
    """An event as the chronology format writes it, for `clocks.facts.fact_from_event`."""
    return {
        "id": ref,
        "at": event.occurred_text,
        "case": case,
        "kind": event.kind,
        "by": event.by or "landlord",
        "summary": event.summary,
        "data": event.data,
    }


def _disclosures(household: Household | None) -> Iterable[Fact]:
    """The household's disclosures of vulnerability: the `vulnerability.disclosed` events on its
    record, and the register's entries (a disclosure made in a contact writes no event of its
    own; the register says it was known by the day it was recorded)."""
    if household is None:
        return []
    events = Event.objects.filter(household=household, kind="vulnerability.disclosed")
    facts = [fact_from_event(_entry(e, DISCLOSURE, None), e.seq) for e in events.order_by("seq")]
    for flag in vulnerability_flags(household=household):
        entry = {
            "id": REGISTER,
            "at": flag.recorded_on.isoformat(),
            "kind": "vulnerability.disclosed",
        }
        facts.append(fact_from_event({**entry, "by": "landlord", "data": {}}, 0))
    return facts


def target_from(
    *, start: Event, ref: str, household: Household | None, as_of: dt.date | None = None
) -> Target | None:
    """The target of the `repair.target` clock that `start` (a `repair.reported`, or a
    `works.raised` named `ref`) starts, as of `as_of` (default: the day it started). None where
    the record gives no priority and no target (no target, no clock)."""
    started = fact_from_event(_entry(start, ref, "repair"), start.seq)
    facts = Facts(
        events=(*_disclosures(household), started),
        overrides=tuple(overrides_all()),
        announced=announced_days(),
    )
    day = max(as_of or started.latest_date, local_date(started.latest))
    for clock in compute_clocks(facts, as_of=day):
        if clock.clock == CLOCK and clock.start_event == ref:
            return Target.of(clock)
    return None

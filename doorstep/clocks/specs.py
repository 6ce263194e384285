"""A clock before it is timed: which events start, stop and extend one running clock.

The family modules (`doorstep.clocks.families`) build `ClockSpec`s from the facts; the engine
(`doorstep.clocks.engine`) times every spec the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from doorstep.clocks import policykeys
from doorstep.clocks.definitions import Definition, Unit
from doorstep.clocks.facts import Fact, Facts
from doorstep.policy.resolve import Override, Resolved
from doorstep.workdays import Calendar


@dataclass(frozen=True)
class Stop:
    """An event that may stop a clock, at the moment it counts (its earliest possible one)."""

    fact: Fact
    earliest: dt.datetime
    latest: dt.datetime
    outcome: str = ""
    imprecise: bool = False

    @classmethod
    def of(cls, fact: Fact, outcome: str = "") -> Stop:
        return cls(fact, fact.stops_at, fact.latest, outcome, fact.imprecise)


@dataclass(frozen=True)
class ClockSpec:
    """One clock of one case: its start, its number and its candidate stops.

    `anchor` is the event that brought the clock into being; a stop counts only if it may have
    happened at or after it. `started_at` is the moment counted from (an imprecise start's
    latest). `amount` is in `unit`; DATE clocks have `fixed_due` instead.
    """

    definition: Definition
    unit: Unit
    case: str | None
    subject: str
    anchor: Fact
    start_event: Fact
    started_at: dt.datetime
    rule: str
    source: str
    amount: int | None = None
    fixed_due: dt.date | None = None
    stops: tuple[Stop, ...] = ()
    extensions: tuple[Fact, ...] = ()
    extension_limit: int | None = None
    notes: tuple[str, ...] = ()
    imprecise: bool = False
    events: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a family reads: the facts in the replay, the policy and the calendar."""

    facts: Facts
    as_of: dt.date
    overrides: tuple[Override, ...]
    calendar: Calendar

    def policy(self, key: str, on: dt.date) -> Resolved:
        """The value of `key` in force on the day the clock started."""
        return policykeys.value(key, on, self.overrides)


def stops_of(facts: Iterable[Fact], outcome: str = "") -> tuple[Stop, ...]:
    return tuple(Stop.of(f, outcome) for f in facts)


def any_imprecise(*facts: Fact | None) -> bool:
    return any(f is not None and f.imprecise for f in facts)


def flags_of(*facts: Fact | None) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for fact in facts:
        if fact is not None:
            found.update(dict.fromkeys(fact.flags))
    return tuple(found)

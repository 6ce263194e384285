"""A chronology's events as immutable facts, each with its earliest and latest possible moment.

The rules are the chronology format's (`shared/domain/chronology.md`, "Events"):

- `at` carries its own precision (`2021`, `2021-03`, `2021-03-30`, a date-time). A month or a
  year runs from its first moment to its last.
- Where the source gives only a window, `at` is the latest date it allows and
  `data.date_bounds` holds `{"after": date or null, "not_after": date}`. The earliest possible
  moment is the day after `after` (after its last day, where `after` is a month or a year), or
  else the first day of the month or year of `at`. Such an event is imprecise too.
- An imprecise event that STARTS a clock counts from its latest moment; one that STOPS a clock
  counts from its earliest (`Fact.starts_at`, `Fact.stops_at`), so imprecision never
  manufactures a breach.
- An event is in a replay as of D when its earliest possible moment is on or before D
  (`Fact.in_replay`). Ties keep file order (`Fact.order`).

Pure: no Django, no database. The database will later build the same `Facts`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from doorstep.policy.resolve import Override
from doorstep.timeline.when import LONDON, Precision, When
from doorstep.workdays import AnnouncedDay

ONE_DAY = dt.timedelta(days=1)
LANDLORD_SOURCE = "{landlord}'s own policy (chronology landlord.policy, {key})"
NO_EVENTS = "A chronology needs an `events` list."


def freeze(value: Any) -> Any:
    """A read-only copy of JSON data: objects become mappings, lists become tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def start_of(day: dt.date) -> dt.datetime:
    """The first moment of a day in London."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LONDON)


def end_of(day: dt.date) -> dt.datetime:
    """The last moment of a day in London."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=LONDON)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def latest_date(text: str) -> dt.date:
    """The last day a date of any precision allows (`2022-05` -> 31 May 2022)."""
    return When.parse(text).latest_date


def earliest_date(text: str) -> dt.date:
    """The first day a date of any precision allows (`2023-07` -> 1 July 2023)."""
    return When.parse(text).earliest_date


def is_imprecise_text(text: str) -> bool:
    return not When.parse(text).is_precise


def _first_of_period(when: When) -> dt.date:
    """The first day of the month (or, for a year, of the year) of `when`."""
    day = when.earliest_date
    if when.precision is Precision.YEAR:
        return dt.date(day.year, 1, 1)
    return dt.date(day.year, day.month, 1)


def moments(at: str, date_bounds: Mapping[str, Any] | None) -> tuple[dt.datetime, dt.datetime]:
    """The earliest and latest possible moments of an event (chronology.md, "Events")."""
    when = When.parse(at)
    if not date_bounds:
        return when.earliest, when.latest
    after = date_bounds.get("after")
    first = latest_date(str(after)) + ONE_DAY if after else _first_of_period(when)
    return min(start_of(first), when.latest), when.latest


@dataclass(frozen=True)
class Fact:
    """One event of a chronology, normalised: immutable, with its possible moments."""

    id: str
    case: str | None
    kind: str
    by: str
    order: int
    at: str
    earliest: dt.datetime
    latest: dt.datetime
    imprecise: bool
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), compare=False)
    summary: str = field(default="", compare=False)

    @property
    def earliest_date(self) -> dt.date:
        return local_date(self.earliest)

    @property
    def latest_date(self) -> dt.date:
        return local_date(self.latest)

    @property
    def starts_at(self) -> dt.datetime:
        """The moment counted when this event starts a clock: its latest possible one."""
        return self.latest

    @property
    def stops_at(self) -> dt.datetime:
        """The moment counted when this event stops a clock: its earliest possible one."""
        return self.earliest

    @property
    def date_only(self) -> bool:
        """Whether the source gave no time of day (hour clocks then count from the day's end)."""
        return When.parse(self.at).precision is not Precision.TIME

    def in_replay(self, as_of: dt.date) -> bool:
        """In a replay as of `as_of` when its earliest possible moment is on or before it."""
        return self.earliest_date <= as_of

    def could_follow(self, other: Fact) -> bool:
        """Whether this event may have happened at or after `other` (their windows allow it)."""
        return self.latest >= other.earliest

    @property
    def flags(self) -> tuple[str, ...]:
        """What the source marks as not stated: an assumed priority, a disputed fact."""
        return tuple(
            name for name in ("priority_assumed", "disputed") if self.data.get(name) is True
        )

    def sort_key(self) -> tuple[dt.datetime, int]:
        return (self.earliest, self.order)


@dataclass(frozen=True)
class CaseRef:
    """A case of the chronology: its ref, type and the cases it links to."""

    ref: str
    type: str
    links: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Facts:
    """Everything the clock engine reads: the facts, the cases and their links, the policy,
    and the days off announced after the `holidays` package's data (each with the date it was
    announced)."""

    events: tuple[Fact, ...]
    cases: Mapping[str, CaseRef] = field(default_factory=lambda: MappingProxyType({}))
    overrides: tuple[Override, ...] = ()
    nation: str = "england"
    landlord: str = ""
    announced: tuple[AnnouncedDay, ...] = ()

    def as_of(self, day: dt.date) -> Facts:
        """Only the facts in a replay as of `day`."""
        return replace(self, events=tuple(f for f in self.events if f.in_replay(day)))

    def linked(self, case: str | None) -> frozenset[str]:
        """The case and every case linked to it, in either direction (one hop)."""
        if case is None:
            return frozenset()
        found = {case}
        own = self.cases.get(case)
        if own is not None:
            found |= own.links
        found |= {ref for ref, other in self.cases.items() if case in other.links}
        return frozenset(found)

    def of_kind(self, *kinds: str, cases: Iterable[str | None] | None = None) -> list[Fact]:
        """Facts of these kinds (in these cases, where given), in time then file order."""
        wanted = None if cases is None else set(cases)
        index = self._by_kind
        places = sorted(i for kind in set(kinds) for i in index.get(kind, ()))
        found = [f for f in (self.events[i] for i in places) if wanted is None or f.case in wanted]
        return sorted(found, key=Fact.sort_key)

    @functools.cached_property
    def _by_kind(self) -> dict[str, list[int]]:
        """Where each kind's facts are among `events` (read many times by each replay: the
        engine asks for facts by kind some hundreds of times)."""
        index: dict[str, list[int]] = {}
        for i, fact in enumerate(self.events):
            index.setdefault(fact.kind, []).append(i)
        return index

    def case_refs(self) -> list[str]:
        """Every case named by a fact, in order of first appearance."""
        return list(dict.fromkeys(f.case for f in self.events if f.case is not None))


def fact_from_event(event: Mapping[str, Any], order: int) -> Fact:
    """One chronology event as a fact."""
    data = event.get("data") or {}
    bounds = data.get("date_bounds")
    earliest, latest = moments(str(event["at"]), bounds)
    imprecise = bool(bounds) or is_imprecise_text(str(event["at"]))
    return Fact(
        id=str(event["id"]),
        case=event.get("case"),
        kind=str(event["kind"]),
        by=str(event.get("by", "")),
        order=order,
        at=str(event["at"]),
        earliest=earliest,
        latest=latest,
        imprecise=imprecise,
        data=freeze(data),
        summary=str(event.get("summary", "")),
    )


def overrides_from(policy: Mapping[str, Any], landlord: str) -> tuple[Override, ...]:
    """The landlord's policy as dated overrides: a plain value is in force throughout;
    `{value, effective_from}` from the first day `effective_from` allows."""
    return tuple(_override(key, raw, landlord) for key, raw in policy.items())


def _override(key: str, raw: Any, landlord: str) -> Override:
    source = LANDLORD_SOURCE.format(landlord=landlord or "The landlord", key=key)
    if isinstance(raw, Mapping) and "value" in raw and "effective_from" in raw:
        start = earliest_date(str(raw["effective_from"]))
        return Override(key, freeze(raw["value"]), start, source)
    return Override(key, freeze(raw), None, source)


def _cases(doc: Mapping[str, Any]) -> Mapping[str, CaseRef]:
    found = {
        str(c["ref"]): CaseRef(str(c["ref"]), str(c.get("type", "")), frozenset(c.get("links", ())))
        for c in doc.get("cases", ())
    }
    return MappingProxyType(found)


def _events(doc: Mapping[str, Any]) -> Iterator[Fact]:
    events = doc.get("events")
    if not isinstance(events, list):
        raise ValueError(NO_EVENTS)
    for order, event in enumerate(events):
        yield fact_from_event(event, order)


def facts_from_chronology(doc: Mapping[str, Any]) -> Facts:
    """Normalise a parsed `doorstep-chronology/1` document (validate it first)."""
    landlord = doc.get("landlord") or {}
    name = str(landlord.get("name", ""))
    return Facts(
        events=tuple(_events(doc)),
        cases=_cases(doc),
        overrides=overrides_from(landlord.get("policy") or {}, name),
        nation=str(landlord.get("nation", "england")),
        landlord=name,
    )

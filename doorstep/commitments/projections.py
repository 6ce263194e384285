"""The promise ledger read from the live record: one household's (or building's) events as the
clock engine's facts, each commitment's state worked out by the pure ledger
(`clocks.ledger.commitment_states`), and the `Commitment` rows kept in step with it.

One function decides a commitment's state, `clocks.ledger.state_of`; nothing here repeats its
rules. The ledger reads a whole history, not one case: a promise made in a complaint response
is kept by the verification of its job recorded on the repair case.

`Commitment.state` is the ledger's answer with no clock running: what it would say on any
later date if nothing more were recorded (`eventual`). Overdue and "claimed but not verified"
depend on the date asked about, so `standings` asks the ledger again, as of that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Model

from doorstep.clocks.facts import Fact, Facts, fact_from_event, latest_date, local_date
from doorstep.clocks.families.promises import Promise, claims, of_commitment, promises
from doorstep.clocks.ledger import (
    CLAIMED_NOT_VERIFIED,
    CONTRADICTED,
    DROPPED,
    KEPT,
    CommitmentState,
    _about,
    commitment_states,
)
from doorstep.commitments.choices import Recorded
from doorstep.commitments.models import Commitment
from doorstep.policy.selectors import announced_days, overrides_all
from doorstep.staff.models import User
from doorstep.timeline.models import Event, Stream
from doorstep.workdays import calendar_as_known, calendar_for

# The ledger's states with no clock running, as `Commitment.state` records them. Overdue is
# open that has passed its date; claimed_not_verified is a claim whose check is late.
RECORDED = {
    KEPT: Recorded.KEPT,
    DROPPED: Recorded.DROPPED,
    CONTRADICTED: Recorded.CONTRADICTED,
    CLAIMED_NOT_VERIFIED: Recorded.CLAIMED,
}
NATION = "england"  # Doorstep serves landlords in England (the chronology's `nation`)


@dataclass(frozen=True)
class Projected:
    """What one `Commitment` row holds, worked out from the facts (event ids are uids)."""

    ref: str
    kind: str
    action: str
    due_text: str
    due_date: dt.date | None
    owner_name: str
    owner_username: str
    made_event: str
    made_on: dt.date
    job: str
    items: tuple[Any, ...]
    state: str
    state_since: dt.date
    claim_event: str | None
    verified_event: str | None


def _entry(fact: Fact, ref: str) -> Mapping[str, Any]:
    """The entry of the event that made the promise (a response lists several)."""
    if fact.kind == "commitment.made":
        return fact.data
    listed = fact.data.get("commitments") or fact.data.get("orders") or ()
    return next((e for e in listed if str(e.get("commitment")) == ref), {})


def _thaw(value: Any) -> Any:
    """Frozen fact data (mappings, tuples) as plain JSON values again."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


def _last_claim(facts: Facts, promise: Promise) -> Fact | None:
    said = [c.event for c in claims(facts) if _about(c, promise)]
    return max(said, key=Fact.sort_key) if said else None


def _by_id(facts: Facts) -> dict[str, Fact]:
    return {f.id: f for f in facts.events}


def _since(facts: Facts, state: CommitmentState, promise: Promise) -> tuple[dt.date, str | None]:
    """When the recorded state began, and the event that verified (or contradicted) it."""
    found = _by_id(facts)
    if state.state == DROPPED:
        stop = of_commitment(facts, ("commitment.dropped",), promise.commitment, DROPPED)[0]
        return stop.fact.earliest_date, None
    if state.state in (KEPT, CONTRADICTED):
        verdict = found[state.events[-1]]
        return verdict.earliest_date, verdict.id
    if state.state == CLAIMED_NOT_VERIFIED:
        return found[state.events[-1]].latest_date, None
    return state.made, None


def eventual(facts: Facts) -> list[Projected]:
    """Every promise in the facts, as the record leaves it: the ledger's state with no clock
    running (asked as of the last day there is, then overdue read as open)."""
    forever = dt.date.max
    states = {
        s.commitment: s
        for s in commitment_states(
            facts, as_of=forever, overrides=facts.overrides, calendar=calendar_for(NATION)
        )
    }
    found = []
    for promise in promises(facts):
        state = states[promise.commitment]
        entry = _entry(promise.made, promise.commitment)
        since, verdict = _since(facts, state, promise)
        claim = _last_claim(facts, promise)
        found.append(
            Projected(
                ref=promise.commitment,
                kind=promise.kind,
                action=promise.action,
                due_text=promise.due or "",
                due_date=latest_date(promise.due) if promise.due else None,
                owner_name=str(entry.get("owner") or ""),
                owner_username=str(entry.get("owner_username") or ""),
                made_event=promise.made.id,
                made_on=local_date(promise.made.starts_at),
                job=promise.job or "",
                items=tuple(_thaw(entry.get("items") or ())),
                state=RECORDED.get(state.state, Recorded.OPEN),
                state_since=since,
                claim_event=claim.id if claim else None,
                verified_event=verdict,
            )
        )
    return found


# --- the live record ---------------------------------------------------------------------------


def _fact(event: Event) -> Fact:
    return fact_from_event(
        {
            "id": str(event.uid),
            "case": event.case.reference if event.case else None,
            "kind": event.kind,
            "by": event.by,
            "at": event.occurred_text,
            "summary": event.summary,
            "data": event.data,
        },
        event.seq,
    )


@dataclass(frozen=True)
class History:
    """One stream's events as facts, and the events by uid."""

    facts: Facts
    events: Mapping[str, Event]


def histories(stream_ids: Iterable[int]) -> dict[int, History]:
    """The facts of each stream (one query for them all), judged by the policy on record."""
    rows = (
        Event.objects.filter(stream_id__in=set(stream_ids))
        .select_related("case")
        .order_by("stream_id", "seq")
    )
    grouped: dict[int, list[Event]] = {}
    for event in rows:
        grouped.setdefault(event.stream_id, []).append(event)
    overrides = tuple(overrides_all())
    return {
        stream_id: History(
            Facts(events=tuple(_fact(e) for e in events), overrides=overrides),
            {str(e.uid): e for e in events},
        )
        for stream_id, events in grouped.items()
    }


def standings(
    stream_ids: Iterable[int], *, as_of: dt.date
) -> dict[tuple[int, str], CommitmentState]:
    """Each promise of these streams as of `as_of` (the ledger's answer), by (stream, ref).
    A promise made after `as_of` is not there."""
    announced = announced_days()
    calendar = calendar_as_known(calendar_for(NATION), announced, as_of)
    found = {}
    for stream_id, history in histories(stream_ids).items():
        facts = replace(history.facts, announced=announced)
        for state in commitment_states(
            facts, as_of=as_of, overrides=facts.overrides, calendar=calendar
        ):
            found[(stream_id, state.commitment)] = state
    return found


def _owner(username: str) -> Model | None:
    return User.objects.filter(username=username).first() if username else None


def _values(projected: Projected, history: History, stream: Stream) -> dict[str, Any]:
    made = history.events[projected.made_event]
    owner = _owner(projected.owner_username)
    return {
        "kind": projected.kind,
        "case": made.case,
        "household": stream.household,
        "action": projected.action,
        "due_text": projected.due_text,
        "due_date": projected.due_date,
        "owner": owner,
        "owner_name": projected.owner_name,
        "made_by_name": made.actor_name,
        "made_on": projected.made_on,
        "made_event": made,
        "job": projected.job,
        "items": list(projected.items),
        "state": projected.state,
        "state_since": projected.state_since,
        "claim_event": history.events.get(projected.claim_event or ""),
        "verified_event": history.events.get(projected.verified_event or ""),
    }


def _differs(row: Commitment, values: Mapping[str, Any]) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())


def commitments_project(*, stream: Stream) -> int:
    """Bring the stream's `Commitment` rows into line with its events; returns how many rows
    were created or changed. Called by the services, inside their transaction."""
    return commitments_project_many([stream])


def commitments_project_many(streams: Sequence[Stream]) -> int:
    """`commitments_project` of many histories, their events read in one query (an import's)."""
    found = histories([stream.pk for stream in streams])
    held: dict[int, dict[str, Commitment]] = {}
    existing = Commitment.objects.filter(stream__in=streams).select_related(
        "case", "household", "owner", "made_event", "claim_event", "verified_event"
    )
    for row in existing:
        held.setdefault(row.stream_id, {})[row.ref] = row
    changed = 0
    for stream in streams:
        history = found.get(stream.pk)
        if history is not None:
            changed += _project(stream, history, held.get(stream.pk, {}))
    return changed


def _project(stream: Stream, history: History, rows: Mapping[str, Commitment]) -> int:
    changed = 0
    for projected in eventual(history.facts):
        values = _values(projected, history, stream)
        row = rows.get(projected.ref)
        if row is None:
            Commitment.objects.create(stream=stream, ref=projected.ref, **values)
        elif _differs(row, values):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
        else:
            continue
        changed += 1
    return changed

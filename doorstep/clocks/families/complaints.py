"""Complaint clocks: acknowledgement and response at stages 1 and 2.

Sources: Complaint Handling Code 2024 (statutory from 1 April 2024), sections 5 and 6; for
complaints received before then, the 2020/2022 Code as Doorstep applies it (`regulation.md`):
response counted from receipt (stage 1) and from the escalation request (stage 2). The Code is
the one in force when the complaint was received; its escalation keeps it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from doorstep.clocks.definitions import (
    CHC_2024_FROM,
    Definition,
    Stage1Acknowledgement,
    Stage1Response,
    Stage2Acknowledgement,
    Stage2Response,
    Unit,
    complaint_code_2024,
)
from doorstep.clocks.facts import Fact, Facts, end_of, local_date
from doorstep.clocks.specs import ClockSpec, Context, any_imprecise, stops_of
from doorstep.policy.resolve import Resolved

KINDS = (
    "complaint.received",
    "complaint.acknowledged",
    "complaint.extended",
    "complaint.escalated",
    "complaint.response",
    "complaint.refused",
)
# The policy keys of each stage: acknowledgement, response, most a response may be extended.
STAGE_KEYS: dict[int, tuple[str, str, str]] = {
    stage: (
        f"complaints.stage{stage}.acknowledgement_working_days",
        f"complaints.stage{stage}.response_working_days",
        f"complaints.stage{stage}.extension_max_working_days",
    )
    for stage in (1, 2)
}
AGREEMENT_KEY = "complaints.extension.resident_agreement_required"
ACKS: dict[int, Definition] = {1: Stage1Acknowledgement, 2: Stage2Acknowledgement}
RESPONSES: dict[int, Definition] = {1: Stage1Response, 2: Stage2Response}
OPENED_BY = {1: "receipt", 2: "the escalation request"}

CODE_EARLIER = (
    "Received {day}, before 1 April 2024: the earlier Complaint Handling Code applies, and "
    "Doorstep counts the response from {opened}."
)
CODE_2024 = "Received {day}: the Complaint Handling Code 2024 applies."
CODE_KEPT = "The escalation keeps the Code in force when the complaint was received."
NO_ACK = (
    "No acknowledgement on record: under the 2024 Code the response is counted from when the "
    "acknowledgement was due ({due})."
)
LATE_ACK = (
    "The acknowledgement ({event}) came after it was due: the response is counted from its due "
    "date ({due}), so a late acknowledgement cannot extend the response time."
)
FROM_ACK = "Counted from the acknowledgement ({event})."


@dataclass(frozen=True)
class Thread:
    """One complaint in a case: its receipt and the events that follow it."""

    case: str | None
    events: tuple[Fact, ...]

    def at_stage(self, stage: int, *kinds: str) -> list[Fact]:
        return [f for f in self.events if f.kind in kinds and stage_of(f) == stage]

    def opener(self, stage: int) -> Fact | None:
        """The receipt (stage 1) or the escalation request (stage 2)."""
        found = self.at_stage(stage, "complaint.received", "complaint.escalated")
        return found[0] if found else None


def show(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def stage_of(fact: Fact) -> int:
    """A complaint event's stage: its own, else 2 for an escalation and 1 for the rest."""
    stage = fact.data.get("stage")
    if isinstance(stage, int) and stage in (1, 2):
        return stage
    return 2 if fact.kind == "complaint.escalated" else 1


def threads(ctx: Context, case: str | None) -> list[Thread]:
    """The complaints of a case (see `threads_in`)."""
    return threads_in(ctx.facts, case)


def threads_in(facts: Facts, case: str | None) -> list[Thread]:
    """The complaints of a case: each receipt opens one; later events join the latest receipt
    they may follow."""
    events = facts.of_kind(*KINDS, cases=[case])
    receipts = [f for f in events if f.kind == "complaint.received" and stage_of(f) == 1]
    if len(receipts) < 2:
        return [Thread(case, tuple(events))] if events else []
    groups: dict[str, list[Fact]] = {r.id: [] for r in receipts}
    for fact in events:
        owners = [r for r in receipts if fact.could_follow(r)] or receipts[:1]
        groups[owners[-1].id].append(fact)
    return [Thread(case, tuple(groups[r.id])) for r in receipts]


def code_day(start: dt.date, code_2024: bool) -> dt.date:
    """The day whose policy applies: the clock's start, but an earlier-Code complaint escalated
    after 1 April 2024 keeps the earlier Code, so its keys are resolved on 31 March 2024, the
    earlier Code's last day in force.

    Why here and not in `policy`: the policy knows what was in force on a date; which date a
    complaint is judged by is a rule about complaints (the Code in force when the complaint was
    received governs its escalation too: `regulation.md`). Resolving on that last day, rather
    than on the escalation day with a flag, keeps one resolution rule for every key: the
    earlier Code's value and citation, and the landlord's own value then in force."""
    if not code_2024 and start >= CHC_2024_FROM:
        return CHC_2024_FROM - dt.timedelta(days=1)
    return start


def specs(ctx: Context) -> Iterator[ClockSpec]:
    """Every complaint clock in the replay."""
    for case in ctx.facts.case_refs():
        for thread in threads(ctx, case):
            yield from thread_specs(ctx, thread)


def thread_specs(ctx: Context, thread: Thread) -> Iterator[ClockSpec]:
    first = thread.opener(1) or thread.opener(2)
    if first is None:
        return
    code_2024 = complaint_code_2024(local_date(first.starts_at))
    for stage in (1, 2):
        opener = thread.opener(stage)
        if opener is not None:
            yield from stage_specs(ctx, thread, stage, opener, code_2024)


def _code_note(opener: Fact, stage: int, code_2024: bool) -> tuple[str, ...]:
    day = show(local_date(opener.starts_at))
    note = (
        CODE_2024.format(day=day)
        if code_2024
        else CODE_EARLIER.format(day=day, opened=OPENED_BY[stage])
    )
    return (note, CODE_KEPT) if stage == 2 else (note,)


def stage_specs(
    ctx: Context, thread: Thread, stage: int, opener: Fact, code_2024: bool
) -> Iterator[ClockSpec]:
    ack_key, response_key, extension_key = STAGE_KEYS[stage]
    opened = local_date(opener.starts_at)
    ack_policy = ctx.policy(ack_key, code_day(opened, code_2024))
    ack = ACKS[stage]
    ack_spec = ClockSpec(
        definition=ack,
        unit=Unit.WORKING_DAYS,
        case=thread.case,
        subject=f"stage {stage}",
        anchor=opener,
        start_event=opener,
        started_at=opener.starts_at,
        rule=ack.rule.format(n=ack_policy.value),
        source=ack_policy.source,
        amount=int(ack_policy.value),
        stops=stops_of(thread.at_stage(stage, *ack.stops)),
        notes=_code_note(opener, stage, code_2024),
        imprecise=opener.imprecise,
        events=(opener.id,),
    )
    yield ack_spec
    # The response counts from the acknowledgement's due date as that clock has it: counted with
    # the calendar as known when the acknowledgement clock stopped (or on the replay date).
    ack_due = ctx.calendar_of(ack_spec).add_working_days(opened, int(ack_policy.value))
    yield response_spec(ctx, thread, stage, opener, code_2024, ack_due, response_key, extension_key)


def _response_start(
    thread: Thread, stage: int, opener: Fact, code_2024: bool, ack_due: dt.date
) -> tuple[Fact, dt.datetime, str, str]:
    """What the response is counted from: (event, moment, the rule's words, a note)."""
    if not code_2024:
        return opener, opener.starts_at, OPENED_BY[stage], ""
    acks = [f for f in thread.at_stage(stage, "complaint.acknowledged") if f.could_follow(opener)]
    if not acks:
        return opener, end_of(ack_due), "the acknowledgement", NO_ACK.format(due=show(ack_due))
    ack = acks[0]
    if local_date(ack.starts_at) > ack_due:
        note = LATE_ACK.format(event=ack.id, due=show(ack_due))
        return ack, end_of(ack_due), "the acknowledgement", note
    return ack, ack.starts_at, "the acknowledgement", FROM_ACK.format(event=ack.id)


def response_spec(
    ctx: Context,
    thread: Thread,
    stage: int,
    opener: Fact,
    code_2024: bool,
    ack_due: dt.date,
    response_key: str,
    extension_key: str,
) -> ClockSpec:
    start_event, started_at, words, note = _response_start(
        thread, stage, opener, code_2024, ack_due
    )
    day = code_day(local_date(started_at), code_2024)
    policy: Resolved = ctx.policy(response_key, day)
    limit = ctx.policy(extension_key, day)
    agreement = ctx.policy(AGREEMENT_KEY, day)
    definition = RESPONSES[stage]
    notes = _code_note(opener, stage, code_2024) + ((note,) if note else ())
    return ClockSpec(
        definition=definition,
        unit=Unit.WORKING_DAYS,
        case=thread.case,
        subject=f"stage {stage}",
        anchor=opener,
        start_event=start_event,
        started_at=started_at,
        rule=definition.rule.format(n=policy.value, start=words),
        source=policy.source,
        amount=int(policy.value),
        stops=stops_of(thread.at_stage(stage, *definition.stops)),
        extensions=tuple(thread.at_stage(stage, *definition.extends)),
        extension_limit=int(limit.value),
        extension_agreement_required=bool(agreement.value),
        notes=notes,
        imprecise=any_imprecise(opener, start_event),
        events=tuple(dict.fromkeys((opener.id, start_event.id))),
    )


def response_spec_of(ctx: Context, case: str, stage: int, event: Fact) -> ClockSpec | None:
    """The response clock of `stage` in `case` that an extension (`event`, in the facts) would
    extend: the latest complaint of the case it may follow."""
    found = [
        spec
        for thread in threads(ctx, case)
        if event in thread.events
        for spec in thread_specs(ctx, thread)
        if spec.definition is RESPONSES[stage]
    ]
    return found[-1] if found else None

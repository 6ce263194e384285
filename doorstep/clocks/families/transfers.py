"""Transfer clocks: a decision on a request to move.

Source: `chronology.md` ("Clocks": `transfer.decision`); `regulation.md`: Doorstep's default of
20 working days (`transfers.decision_working_days`), no statute sets it.
"""

from __future__ import annotations

from collections.abc import Iterator

from doorstep.clocks.definitions import TransferDecision
from doorstep.clocks.facts import Fact, local_date
from doorstep.clocks.specs import ClockSpec, Context, stops_of

FROM_REQUEST = "the request"
FROM_EVIDENCE = "the evidence being received"
EVIDENCE_NOTE = (
    "Evidence was requested ({asked}); the clock runs from its receipt ({received}), not from "
    "the request of {day}."
)


def specs(ctx: Context) -> Iterator[ClockSpec]:
    """One clock per request to move; none while requested evidence is awaited."""
    for request in ctx.facts.of_kind("transfer.requested"):
        spec = request_spec(ctx, request)
        if spec is not None:
            yield spec


def _start(ctx: Context, request: Fact) -> tuple[Fact, str, str] | None:
    """What the decision is counted from: the request, or the evidence received after the last
    request for evidence (None while it is awaited)."""
    case = [request.case]
    asked = [
        f
        for f in ctx.facts.of_kind("transfer.evidence_requested", cases=case)
        if f.could_follow(request)
    ]
    if not asked:
        return request, FROM_REQUEST, ""
    last = asked[-1]
    received = [
        f
        for f in ctx.facts.of_kind("transfer.evidence_received", cases=case)
        if f.could_follow(last)
    ]
    if not received:
        return None
    day = f"{local_date(request.starts_at):%d %b %Y}"
    note = EVIDENCE_NOTE.format(asked=last.id, received=received[0].id, day=day)
    return received[0], FROM_EVIDENCE, note


def request_spec(ctx: Context, request: Fact) -> ClockSpec | None:
    found = _start(ctx, request)
    if found is None:
        return None
    start, words, note = found
    policy = ctx.policy(TransferDecision.policy_key or "", local_date(start.starts_at), start)
    decided = ctx.facts.of_kind(*TransferDecision.stops, cases=[request.case])
    return ClockSpec(
        definition=TransferDecision,
        unit=TransferDecision.unit,
        case=request.case,
        subject=f"request {request.id}",
        anchor=request,
        start_event=start,
        started_at=start.starts_at,
        rule=TransferDecision.rule.format(n=policy.value, start=words),
        source=policy.source,
        amount=int(policy.value),
        stops=stops_of(decided),
        notes=tuple(n for n in (note, policy.note) if n),
        imprecise=request.imprecise or start.imprecise,
        events=tuple(dict.fromkeys((request.id, start.id))),
    )

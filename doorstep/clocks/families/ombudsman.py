"""Ombudsman order clocks: each order of a determination by its deadline.

Source: Housing Ombudsman Scheme; deadlines are counted from the determination and stated in the
order itself (28 days, 4, 6 or 8 weeks in the seeds), so the clock reads the order's `due`.
"""

from __future__ import annotations

from collections.abc import Iterator

from doorstep.clocks.definitions import OmbudsmanOrder, Unit
from doorstep.clocks.facts import is_imprecise_text, latest_date
from doorstep.clocks.families.promises import ORDER, Promise, of_commitment, promises
from doorstep.clocks.specs import ClockSpec, Context

ORDER_SOURCE = "The Ombudsman's determination ({event}), order {order}"


def specs(ctx: Context) -> Iterator[ClockSpec]:
    """A clock for every order with a deadline."""
    for promise in promises(ctx.facts):
        if promise.kind == ORDER and promise.due:
            yield order_spec(ctx, promise)


def order_spec(ctx: Context, order: Promise) -> ClockSpec:
    due_text = str(order.due)
    complied = of_commitment(ctx.facts, OmbudsmanOrder.stops, order.commitment, "complied")
    rule = OmbudsmanOrder.rule + (f": {order.action}" if order.action else "")
    return ClockSpec(
        definition=OmbudsmanOrder,
        unit=Unit.DATE,
        case=order.case,
        subject=f"order {order.commitment}",
        anchor=order.made,
        start_event=order.made,
        started_at=order.made.starts_at,
        rule=rule,
        source=ORDER_SOURCE.format(event=order.made.id, order=order.commitment),
        fixed_due=latest_date(due_text),
        stops=tuple(complied),
        imprecise=order.made.imprecise or is_imprecise_text(due_text),
        events=(order.made.id,),
    )

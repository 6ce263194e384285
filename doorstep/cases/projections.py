"""A case's current state, derived from its events. Pure: events in, state out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from doorstep.cases.choices import CaseStatus

OPENING = {"case.opened", "case.reopened"}
CLOSING = {"case.closed"}


@dataclass(frozen=True)
class CaseState:
    status: str
    closed_at: dt.datetime | None


def case_state(events: Iterable[tuple[str, dt.datetime]]) -> CaseState:
    """`events` are (kind, occurred) in timeline order; the last opening or closing wins."""
    status, closed_at = CaseStatus.OPEN.value, None
    for kind, occurred in events:
        if kind in CLOSING:
            status, closed_at = CaseStatus.CLOSED.value, occurred
        elif kind in OPENING:
            status, closed_at = CaseStatus.OPEN.value, None
    return CaseState(status=status, closed_at=closed_at)

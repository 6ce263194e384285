"""Small helpers for the complaints tests."""

from __future__ import annotations

import datetime as dt

from doorstep.cases.models import Case
from doorstep.timeline.models import Event


def kinds(case: Case, since: int = 0) -> list[str]:
    """The kinds of the case's events, in the order written, after the first `since`."""
    return list(Event.objects.filter(case=case).order_by("id").values_list("kind", flat=True))[
        since:
    ]


def count(case: Case) -> int:
    return Event.objects.filter(case=case).count()


def later(at: dt.datetime, **delta: float) -> dt.datetime:
    return at + dt.timedelta(**delta)

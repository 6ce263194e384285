"""Small helpers for the ASB tests."""

from __future__ import annotations

from doorstep.cases.models import Case
from doorstep.timeline.models import Event


def kinds(case: Case, since: int = 0) -> list[str]:
    """The kinds of the case's events, in the order written, after the first `since`."""
    return list(Event.objects.filter(case=case).order_by("id").values_list("kind", flat=True))[
        since:
    ]


def count(case: Case) -> int:
    return Event.objects.filter(case=case).count()


def last(case: Case, kind: str) -> Event:
    return Event.objects.filter(case=case, kind=kind).order_by("-id").first()  # type: ignore[return-value]

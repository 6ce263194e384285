"""Small helpers for the permissions tests."""

from __future__ import annotations

from doorstep.cases.models import Case
from doorstep.timeline.models import Event


def kinds(case: Case) -> list[str]:
    """The kinds of the case's events, in the order written."""
    return list(Event.objects.filter(case=case).order_by("id").values_list("kind", flat=True))


def count(case: Case) -> int:
    return Event.objects.filter(case=case).count()

"""Test helpers: what a service appended to the record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from doorstep.timeline.models import Event


class Appended(list[Event]):
    @property
    def kinds(self) -> list[str]:
        return [e.kind for e in self]


@contextmanager
def appended() -> Iterator[Appended]:
    """Collect the events written inside the block, in the order written."""
    last = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
    out = Appended()
    yield out
    out.extend(Event.objects.filter(id__gt=last).order_by("id"))

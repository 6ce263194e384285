"""How the record names whoever wrote an event, copied at write time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Model

SYSTEM = "Doorstep (system)"

# Who is writing when no person is: an import names its file, so every event it causes,
# including those the services write on its behalf, says where it came from.
_writing_as: ContextVar[str | None] = ContextVar("doorstep_writing_as", default=None)


@contextmanager
def writing_as(name: str) -> Iterator[None]:
    """Within the block, events recorded with no actor are attributed to `name`."""
    token = _writing_as.set(name)
    try:
        yield
    finally:
        _writing_as.reset(token)


def actor_name_of(actor: Model | None) -> str:
    if actor is None:
        return _writing_as.get() or SYSTEM
    full = getattr(actor, "get_full_name", lambda: "")()
    return str(full or getattr(actor, "username", "") or actor.pk)

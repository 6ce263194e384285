"""How the record names whoever wrote an event, copied at write time."""

from __future__ import annotations

from django.db.models import Model


def actor_name_of(actor: Model | None) -> str:
    if actor is None:
        return "Doorstep (system)"
    full = getattr(actor, "get_full_name", lambda: "")()
    return str(full or getattr(actor, "username", "") or actor.pk)

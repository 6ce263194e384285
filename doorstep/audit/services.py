"""Writing the refusal log."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from doorstep.audit.models import AccessRefusal
from doorstep.timeline.actors import actor_name_of

# Each value kept, cut to this length: a reference, never a document's contents.
LONGEST = 100


def refusal_record(
    *,
    user: Any,
    via: str,
    status: int,
    method: str,
    route: str,
    asked_for: Mapping[str, Any],
    request_id: uuid.UUID | None,
    at: dt.datetime,
) -> AccessRefusal:
    """Record that `user` was refused (or not found) `asked_for` on `route`."""
    return AccessRefusal.objects.create(
        at=at,
        user=user,
        user_name=actor_name_of(user),
        via=via,
        status=status,
        method=method[:8],
        route=route[:300],
        asked_for={str(k)[:LONGEST]: str(v)[:LONGEST] for k, v in asked_for.items()},
        request_id=request_id,
    )

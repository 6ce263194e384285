"""The policy in force on a date, defaults and overrides together."""

from __future__ import annotations

import datetime as dt

from doorstep.policy.defaults import KEYS
from doorstep.policy.models import PolicyOverride
from doorstep.policy.resolve import Override, Resolved, resolve


def overrides_all() -> list[Override]:
    return [
        Override(o.key, o.value, o.effective_from, o.source)
        for o in PolicyOverride.objects.order_by("recorded_at", "pk")
    ]


def policy_in_force(*, on: dt.date) -> list[Resolved]:
    """Every key's value on a date: what a staff page and the API show."""
    overrides = overrides_all()
    out = []
    for definition in KEYS:
        try:
            out.append(resolve(definition.key, on, overrides))
        except LookupError:
            continue  # not yet in force on that date (Awaab's Law before 27 October 2025)
    bands = sorted({o.key for o in overrides if o.key.startswith("compensation.band.")})
    for key in bands:
        try:
            out.append(resolve(key, on, overrides))
        except LookupError:
            continue
    return out

"""Which value is in force on a date: the default, or the landlord's own.

Pure: defaults and overrides in, one resolved value out. A case is judged by the policy in
force when each of its clocks started, so callers pass that date, never today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from doorstep.policy.defaults import (
    BAND_PREFIX,
    BY_KEY,
    SHORTER_FOR_VULNERABLE,
    PolicyKey,
    Unit,
    Version,
)

UNKNOWN_KEY = "{key!r} is not a policy key Doorstep knows. Known keys: {known}."
NOT_OVERRIDABLE = "{key} is set by statute ({source}); a landlord cannot override it."
NOT_IN_FORCE = "No value of {key} was in force on {day}."
BAD_VALUE = "{key} takes {unit}: {value!r} is not one."
BAD_BAND = "A compensation band needs a minimum and a maximum, with min <= max."
DERIVED_NOTE = (
    "No {key} of the landlord's own: by default it is {parent}, so the landlord's {parent} applies."
)
DERIVED_SOURCE = "As {parent}: {source}"
SHORTER = (
    "A vulnerability was disclosed in the household before the clock started ({disclosure}), "
    "so the landlord's shorter timescale applies: {key} = {value}, not {usual}."
)
NOT_SHORTER = (
    "A vulnerability was disclosed in the household before the clock started ({disclosure}), "
    "but the landlord's {key} ({value}) is not shorter than {usual}, so {usual} applies."
)


@dataclass(frozen=True)
class Override:
    """A landlord's own value for a key, in force from a date (None: throughout)."""

    key: str
    value: Any
    effective_from: dt.date | None
    source: str


@dataclass(frozen=True)
class Resolved:
    key: str
    value: Any
    effective_from: dt.date | None
    source: str
    overridden: bool
    note: str = ""


def known_key(key: str) -> PolicyKey | None:
    if key.startswith(BAND_PREFIX):
        return None
    if key not in BY_KEY:
        raise KeyError(UNKNOWN_KEY.format(key=key, known=", ".join(sorted(BY_KEY))))
    return BY_KEY[key]


def check_override(override: Override) -> None:
    """Refuse a value a landlord may not set, or one of the wrong shape."""
    definition = known_key(override.key)
    if definition is None:
        value = override.value
        if not (
            isinstance(value, dict)
            and _is_number(value.get("min"))
            and _is_number(value.get("max"))
            and value["min"] <= value["max"]
        ):
            raise ValueError(BAD_BAND)
        return
    if not definition.overridable:
        raise ValueError(
            NOT_OVERRIDABLE.format(key=override.key, source=definition.versions[-1].source)
        )
    numeric = definition.unit in (
        Unit.WORKING_DAYS,
        Unit.CALENDAR_DAYS,
        Unit.HOURS,
        Unit.WEEKS,
        Unit.MONTHS,
        Unit.SCORE,
    )
    if numeric and not (
        isinstance(override.value, int)
        and not isinstance(override.value, bool)
        and override.value > 0
    ):
        raise ValueError(
            BAD_VALUE.format(key=override.key, unit="a whole number above 0", value=override.value)
        )
    if definition.unit is Unit.YES_NO and not isinstance(override.value, bool):
        raise ValueError(BAD_VALUE.format(key=override.key, unit="yes or no", value=override.value))
    if definition.unit is Unit.CHOICES and not (
        isinstance(override.value, list) and all(isinstance(v, str) for v in override.value)
    ):
        raise ValueError(
            BAD_VALUE.format(key=override.key, unit="a list of reason codes", value=override.value)
        )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _latest(versions: Iterable[Version | Override], on: dt.date) -> Version | Override | None:
    """The version in force on `on`. Versions come in the order they were recorded, so among
    several from the same date the one recorded last wins (a correction of a mistyped value)."""
    in_force = [
        (v.effective_from or dt.date.min, order, v)
        for order, v in enumerate(versions)
        if v.effective_from is None or v.effective_from <= on
    ]
    return max(in_force, key=lambda entry: entry[:2], default=(None, None, None))[2]


def resolve(key: str, on: dt.date, overrides: Iterable[Override] = ()) -> Resolved:
    """The value of `key` in force on `on`, and why.

    A derived key (`PolicyKey.derived_from`) with no value of the landlord's own in force
    takes its parent's value on that date: the landlord's, where set (with a note saying so),
    else the parent's default. A value of the landlord's own for the derived key wins."""
    overrides = tuple(overrides)
    definition = known_key(key)
    own = _latest((o for o in overrides if o.key == key), on)
    if definition is None:  # a compensation band: landlord policy only
        if own is None:
            raise LookupError(NOT_IN_FORCE.format(key=key, day=on.isoformat()))
        return Resolved(key, own.value, own.effective_from, own.source, overridden=True)
    if definition.derived_from is not None:
        if own is None:
            return _derived(definition, definition.derived_from, on, overrides)
        return Resolved(key, own.value, own.effective_from, own.source, overridden=True)
    default = _latest(definition.versions, on)
    if default is None:
        raise LookupError(NOT_IN_FORCE.format(key=key, day=on.isoformat()))
    if own is None or not definition.overridable:
        return Resolved(key, default.value, default.effective_from, default.source, False)
    statutory = definition.statutory_from is not None and on >= definition.statutory_from
    if statutory and isinstance(own.value, int) and own.value > default.value:
        return Resolved(
            key,
            default.value,
            default.effective_from,
            default.source,
            False,
            note=f"The landlord's {own.value} is less strict than the statutory "
            f"{default.value}, so the statutory value applies.",
        )
    return Resolved(key, own.value, own.effective_from, own.source, overridden=True)


def _derived(
    definition: PolicyKey, parent: str, on: dt.date, overrides: tuple[Override, ...]
) -> Resolved:
    found = resolve(parent, on, overrides)
    if found.overridden:
        note = DERIVED_NOTE.format(key=definition.key, parent=parent)
        return Resolved(definition.key, found.value, found.effective_from, found.source, True, note)
    source = DERIVED_SOURCE.format(parent=parent, source=found.source)
    return Resolved(definition.key, found.value, found.effective_from, source, False)


def resolve_for_vulnerable(
    key: str, on: dt.date, overrides: Iterable[Override], *, disclosure: str
) -> Resolved:
    """The value of `key` for a household in which a vulnerability (`disclosure`, the event
    that disclosed it) was disclosed before the clock started: the landlord's shorter value
    (`PolicyKey.shortens`) where it has set one and it is shorter, else the usual value. The
    note says which, and why."""
    overrides = tuple(overrides)
    usual = resolve(key, on, overrides)
    shorter_key = SHORTER_FOR_VULNERABLE.get(key)
    if shorter_key is None:
        return usual
    shorter = resolve(shorter_key, on, overrides)
    if shorter.value is None:
        return usual
    words = {"disclosure": disclosure, "key": shorter_key, "value": shorter.value}
    if not shorter.value < usual.value:
        note = NOT_SHORTER.format(**words, usual=f"{key} = {usual.value}")
        return Resolved(
            key, usual.value, usual.effective_from, usual.source, usual.overridden, note
        )
    note = SHORTER.format(**words, usual=usual.value)
    return Resolved(shorter_key, shorter.value, shorter.effective_from, shorter.source, True, note)

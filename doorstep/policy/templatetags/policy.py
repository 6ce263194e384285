"""How a policy value reads on a page: the number with its unit, a list, a band."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()

UNIT_WORDS = {
    "working_days": ("working day", "working days"),
    "calendar_days": ("calendar day", "calendar days"),
    "hours": ("hour", "hours"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
}


@register.filter
def with_unit(value: Any, unit: str) -> str:
    """`10` in working days: '10 working days'; a band: '£50 to £250'; a list: 'a, b'."""
    if value is None:
        return _("Not set")
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, dict) and "min" in value and "max" in value:
        return f"£{value['min']} to £{value['max']}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    words = UNIT_WORDS.get(str(unit))
    if words and isinstance(value, int):
        return f"{value} {words[0] if value == 1 else words[1]}"
    return str(value)


@register.filter
def hazard_names(hazards: Any) -> str:
    return ", ".join(sorted(str(h).replace("_", " ") for h in hazards))

"""Choices of the policy app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from doorstep.workdays import DayKind


class CalendarDayKind(models.TextChoices):
    """The same values as `workdays.DayKind`: a bank holiday announced after the `holidays`
    package's data, or a day the landlord closes."""

    BANK_HOLIDAY = DayKind.BANK_HOLIDAY.value, _("Bank holiday")
    CLOSURE = DayKind.CLOSURE.value, _("Landlord closure")

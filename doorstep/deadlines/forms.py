"""The date a replay of the live record is asked about."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm

AS_OF_FORMAT = _("Enter the date as year-month-day, like 2024-05-08")


class AsOfForm(GovukForm):
    """Shape only: any real date may be asked about (a date before the case shows no clocks
    yet; a date ahead shows what will be overdue by then if nothing is done)."""

    as_of = forms.DateField(
        label=_("Replay as of"),
        help_text=_("Year-month-day, for example 2024-05-08"),
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": AS_OF_FORMAT},
    )

    def day(self, *, default: dt.date) -> dt.date:
        """The date asked for, or `default` (today) where none, or none valid, was given."""
        if self.is_bound and self.is_valid() and self.cleaned_data["as_of"]:
            return self.cleaned_data["as_of"]
        return default


class QueueDateForm(AsOfForm):
    as_of = forms.DateField(
        label=_("Show the queue as of"),
        help_text=_("Year-month-day, for example 2024-05-08"),
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": AS_OF_FORMAT},
    )

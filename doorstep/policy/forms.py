"""The policy page's forms: the date to show, and a manager's own value for a key."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField

NOT_JSON = _(
    'Enter a whole number (like 15), a list of codes (like ["not_asb", "civil_matter"]) or a '
    'band (like {"min": 50, "max": 250})'
)
ON_FORMAT = _("Enter the date as year-month-day, like 2024-04-01")


class PolicyDateForm(GovukForm):
    on = forms.DateField(
        label=_("Show the policy in force on"),
        help_text=_("Year-month-day, for example 2024-04-01"),
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": ON_FORMAT},
    )


class OverrideForm(GovukForm):
    """Shape only: `policy_override_record` decides whether the landlord may set the value."""

    key = forms.CharField(
        label=_("Policy key"),
        help_text=_("A key listed above, or compensation.band.<name> for a compensation band"),
        max_length=100,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    value = forms.CharField(label=_("Value"), help_text=NOT_JSON, max_length=2000)
    effective_from = WhenField(label=_("In force from"), help_text=_("For example 1 4 2025"))
    # Not required here: `policy_override_record` refuses an empty source with its own words.
    source = forms.CharField(
        required=False,
        label=_("Where the value comes from"),
        help_text=_("The landlord's policy document and paragraph, e.g. 'Repairs policy v4, 3.2'"),
        max_length=300,
    )

    def clean_value(self) -> Any:
        try:
            return json.loads(self.cleaned_data["value"])
        except ValueError:
            raise ValidationError(NOT_JSON) from None

    def effective_date(self) -> dt.date:
        return self.cleaned_data["effective_from"].earliest_date

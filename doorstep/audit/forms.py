"""The access log's filters, given as GET parameters (shape only)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm

DAY = _("Year-month-day, for example 2026-12-07")
FIRST, LAST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
OUT_OF_RANGE = _("Give a day from 2000 to 2099")


class AccessLogForm(GovukForm):
    since = forms.DateField(
        label=_("From"), help_text=DAY, input_formats=["%Y-%m-%d"], required=False
    )
    until = forms.DateField(
        label=_("To"), help_text=DAY, input_formats=["%Y-%m-%d"], required=False
    )
    who = forms.CharField(
        label=_("Who"),
        help_text=_("A name or username, or part of a name"),
        max_length=150,
        required=False,
    )
    about = forms.CharField(
        label=_("About (a person's reference)"),
        help_text=_("Only for the reads of special category detail, for example PER-000123"),
        max_length=30,
        required=False,
        validators=[RegexValidator(r"^[A-Z0-9-]+$", _("A reference has capitals, digits, '-'"))],
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for name in ("since", "until"):
            day = data.get(name)
            if day is not None and not FIRST <= day <= LAST:
                self.add_error(name, OUT_OF_RANGE)
                data[name] = None
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end is before the start"))
        return data

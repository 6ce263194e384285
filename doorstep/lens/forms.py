"""The portfolio's filters, given as GET parameters (shape only)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.clocks.catalogue import TOPICS
from doorstep.core.forms import GovukForm
from doorstep.deadlines.forms import AS_OF_FORMAT
from doorstep.lens.selectors import AGE_BANDS, FACETS, RECENT_DAYS, Portfolio

FACET_VALUE = re.compile(r"[\w.@+-]{1,150}")
UNKNOWN_VALUE = _("Choose one of the values listed")


class FacetField(forms.ChoiceField):
    """A choice among the values found in the findings (teams, officers, codes), which are
    known only once the record is read: any value of the right shape is accepted (a value with
    no finding shows an empty list), and the choices are filled in for the page afterwards."""

    default_error_messages = {"invalid_choice": UNKNOWN_VALUE}

    def valid_value(self, value: Any) -> bool:
        return bool(FACET_VALUE.fullmatch(str(value)))


def _day(label: Any, help_text: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": AS_OF_FORMAT},
    )


class PortfolioForm(GovukForm):
    """Which findings to list: as of a date, since a date (or all), by topic, team, officer,
    finding and age."""

    as_of = _day(_("Findings as of"), _("Year-month-day, for example 2024-05-08; default: today"))
    since = _day(
        _("Arose since"),
        _(
            "Findings still going on are always listed; the others if they arose on or after "
            "this date. Default: %(days)s days before the date above"
        )
        % {"days": RECENT_DAYS},
    )
    include_resolved = forms.BooleanField(
        label=_("List every finding, whenever it arose, including those now over"),
        required=False,
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        choices=[("", _("Any topic")), *TOPICS.items()],
    )
    team = FacetField(label=_("Team"), required=False)
    officer = FacetField(label=_("Officer"), required=False)
    code = FacetField(label=_("Finding"), required=False)
    age = forms.ChoiceField(
        label=_("Arose"),
        required=False,
        choices=[("", _("Any time")), *((b.key, b.label) for b in AGE_BANDS)],
    )

    def chosen(self, *, today: dt.date) -> dict[str, Any]:
        """The selector's arguments: each valid value given, else its default."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()  # an invalid field is left out of `cleaned_data`: its default holds
            data = self.cleaned_data
        return {
            "as_of": data.get("as_of") or today,
            "since": data.get("since") or None,
            "include_resolved": bool(data.get("include_resolved")),
            **{name: data.get(name) or None for name in FACETS},
        }

    def offer(self, found: Portfolio) -> None:
        """Fill the team, officer and finding lists with the values the findings hold."""
        anyone = {"team": _("Any team"), "officer": _("Any officer"), "code": _("Any finding")}
        for name, first in anyone.items():
            counts = found.counts[name]
            choices = [("", first), *((c.value, c.label) for c in counts)]
            given = found.filters.chosen(name)
            if given and given not in {c.value for c in counts}:
                choices.append((given, given))
            cast(forms.ChoiceField, self.fields[name]).choices = choices

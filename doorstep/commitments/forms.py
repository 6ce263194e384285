"""The promise ledger's forms. Shape only: every rule is in `services.py`, whose refusals come
back here on the right field (`GovukForm.add_domain_error`). Where a service refuses an empty
answer in its own words (no method, no reason), the field is not required here."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.commitments.choices import ClaimedBy, Method, Result, Standing
from doorstep.core.forms import GovukForm, WhenField
from doorstep.staff.models import Team, User

AS_OF_FORMAT = _("Enter the date as year-month-day, like 2024-05-08")
OWED = [
    ("", _("Every commitment still owed")),
    *((s.value, s.label) for s in Standing if s not in (Standing.KEPT, Standing.DROPPED)),
]


class ListFilterForm(GovukForm):
    as_of = forms.DateField(
        label=_("As the record stood on"),
        help_text=_("Year-month-day, for example 2024-05-08; default: today"),
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": AS_OF_FORMAT},
    )
    standing = forms.ChoiceField(label=_("Where it stands"), choices=OWED, required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = [(t.slug, t.name) for t in Team.objects.order_by("name")]
        cast(forms.ChoiceField, self.fields["team"]).choices = [("", _("Every team")), *teams]

    def value(self, name: str, default: Any = None) -> Any:
        """The cleaned value asked for, or `default` where none, or none valid, was given."""
        if self.is_bound and self.is_valid() and self.cleaned_data.get(name):
            return self.cleaned_data[name]
        return default

    def day(self, *, default: dt.date) -> dt.date:
        return self.value("as_of", default)


class CommitmentForm(GovukForm):
    action = forms.CharField(
        label=_("What was promised"),
        help_text=_("As the resident was told, e.g. 'Replace the bathroom floor'"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    due = WhenField(
        label=_("Due by"),
        help_text=_("As precisely as it was promised: a day, or a month and year"),
        vague=True,
    )
    owner = forms.ChoiceField(label=_("Who owns it"), required=False)
    job = forms.CharField(
        label=_("Job (for works)"),
        help_text=_("The job's reference"),
        max_length=100,
        required=False,
    )
    items = forms.CharField(
        label=_("Items of the job it covers"),
        help_text=_("Item ids, separated by commas; leave empty for the whole job"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(is_active=True, contractor__isnull=True).order_by(
            "first_name", "last_name", "username"
        )
        named = [(str(u.pk), u.get_full_name() or u.get_username()) for u in staff]
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", _("No owner named")), *named]

    def owner_user(self) -> User | None:
        pk = self.cleaned_data.get("owner")
        return User.objects.get(pk=pk) if pk else None

    def item_ids(self) -> list[str]:
        return [i.strip() for i in self.cleaned_data["items"].split(",") if i.strip()]


class ClaimForm(GovukForm):
    claimed_by = forms.ChoiceField(
        label=_("Who says it is done"), choices=ClaimedBy.choices, widget=forms.RadioSelect
    )
    completed_on = WhenField(
        label=_("When they say it was done"),
        help_text=_("If they said; a month and year will do"),
        vague=True,
        required=False,
    )


class VerifyForm(GovukForm):
    method = forms.ChoiceField(
        label=_("How was it checked"),
        choices=Method.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    result = forms.ChoiceField(
        label=_("What the check found"),
        choices=Result.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        help_text=_("What the inspection found, or what the resident said, and when"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class DropForm(GovukForm):
    reason = forms.CharField(
        label=_("Why it is dropped"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

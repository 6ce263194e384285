"""Asking for permission, deciding, withdrawing, and the pet check. Shape only: every rule is
in `services.py`, whose `DomainError` comes back here on the field it is about."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField
from doorstep.permits.choices import Outcome, PermitStatus, Subject
from doorstep.timeline.models import Channel

CHANNELS = [
    (c.value, c.label)
    for c in (
        Channel.PHONE,
        Channel.EMAIL,
        Channel.LETTER,
        Channel.VISIT,
        Channel.PORTAL,
        Channel.IN_PERSON,
    )
]


class RequestForm(GovukForm):
    """A tenant's request for permission: what for, in their words, and the animal or the
    alteration."""

    subject = forms.ChoiceField(
        label=_("What is the permission for?"),
        choices=Subject.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the permission is for")},
    )
    detail = forms.CharField(
        label=_("What did the tenant ask?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In their words."),
    )
    pet_species = forms.CharField(
        label=_("For a pet: what kind of animal?"),
        required=False,
        max_length=60,
        help_text=_("For example dog, cat, rabbit."),
    )
    pet_number = forms.IntegerField(
        label=_("For a pet: how many?"),
        required=False,
        min_value=1,
        max_value=50,
        error_messages={"invalid": _("Enter how many as a whole number, like 1")},
    )
    pet_description = forms.CharField(
        label=_("For a pet: a description (optional)"),
        required=False,
        max_length=200,
        help_text=_("Breed, size, name: whatever will tell it apart."),
    )
    alteration_what = forms.CharField(
        label=_("For an alteration: what does the tenant want to do?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    alteration_where = forms.CharField(
        label=_("For an alteration: where in the home? (optional)"),
        required=False,
        max_length=200,
    )
    channel = forms.ChoiceField(label=_("How did the request come in?"), choices=CHANNELS)
    occurred = WhenField(
        label=_("When did the tenant ask? (optional)"),
        required=False,
        help_text=_("Leave blank for today."),
    )


class DecideForm(GovukForm):
    """The decision on a request."""

    outcome = forms.ChoiceField(
        label=_("What is the decision?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the decision")},
    )
    conditions = forms.CharField(
        label=_("Conditions (one on each line)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the tenant must keep to, for example: the dog is kept on a lead in the "
            "communal areas."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for a refusal: as the tenant will be told it."),
    )
    review_on = WhenField(
        label=_("Review the permission on (optional)"),
        required=False,
        help_text=_("For a permission granted: when to look at it again."),
    )
    occurred = WhenField(
        label=_("When was it decided? (optional)"),
        required=False,
        help_text=_("Leave blank for today."),
    )

    def condition_list(self) -> list[str]:
        text = self.cleaned_data.get("conditions") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label=_("Why is the permission withdrawn?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("As the tenant will be told it, for example: a condition was broken."),
    )
    occurred = WhenField(
        label=_("When was it withdrawn? (optional)"),
        required=False,
        help_text=_("Leave blank for today."),
    )


class CheckForm(GovukForm):
    """Look up the pet permissions on record for a household (read only)."""

    household = forms.CharField(
        label=_("Household reference"),
        max_length=30,
        help_text=_("The household the report is about, for example HH-000123."),
        error_messages={"required": _("Enter the household reference")},
    )


class ListForm(forms.Form):
    """The permissions list's filters."""

    status = forms.ChoiceField(
        label=_("Where it stands"),
        required=False,
        choices=[("", _("Any")), *PermitStatus.choices],
    )
    subject = forms.ChoiceField(
        label=_("What for"), required=False, choices=[("", _("Anything")), *Subject.choices]
    )

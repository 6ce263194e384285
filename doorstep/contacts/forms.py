"""Recording a contact, and opening a case from one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.contacts.services import CONTACT_CHANNELS
from doorstep.core.forms import GovukForm, WhenField
from doorstep.timeline.models import Channel

DIRECTIONS = [
    ("in", _("Received: someone contacted the landlord")),
    ("out", _("Sent: the landlord contacted someone")),
]


class ContactForm(GovukForm):
    direction = forms.ChoiceField(
        label=_("Was it received or sent?"),
        choices=DIRECTIONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether it was received or sent")},
    )
    channel = forms.ChoiceField(
        label=_("How?"),
        widget=forms.RadioSelect,
        choices=[(c.value, c.label) for c in Channel if c in CONTACT_CHANNELS],
        error_messages={"required": _("Select how it was received or sent")},
    )
    party = forms.CharField(
        label=_("Who was it from, or to?"),
        max_length=300,
        required=False,
        help_text=_("A name, or who they are: 'the tenant', 'support worker'"),
    )
    text = forms.CharField(
        label=_("What was said or written"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In their words where you can."),
        error_messages={"required": _("Enter what was said or written")},
    )
    occurred = WhenField(
        label=_("When did it happen?"),
        with_time=True,
        vague=True,
        help_text=_(
            "The time if you know it. For an old contact, the month and "
            "year, or the year alone, are enough."
        ),
        error_messages={"required": _("Enter when it happened")},
    )
    case = forms.ChoiceField(label=_("Which case is it about?"), required=False)

    def __init__(self, *args: Any, cases: Sequence[Case] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cases = {c.reference: c for c in cases}
        cast(forms.ChoiceField, self.fields["case"]).choices = [("", _("None, or not yet"))] + [
            (c.reference, f"{c.reference}: {c.title}") for c in cases
        ]

    def chosen_case(self) -> Case | None:
        return self._cases.get(self.cleaned_data.get("case") or "")


class OpenCaseForm(GovukForm):
    domain_fields = {"household": "case_type", "property": "case_type"}

    case_type = forms.ChoiceField(
        label=_("What kind of case?"),
        choices=CaseType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of case")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        error_messages={"required": _("Enter a title for the case")},
        help_text=_("A few words a colleague will recognise, like 'Black mould in bathroom'"),
    )

"""Recording a vulnerability."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField
from doorstep.residents.models import Person
from doorstep.vulnerabilities.choices import Category, Source

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class VulnerabilityForm(GovukForm):
    person = forms.ChoiceField(
        label=_("Who is it about?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who it is about")},
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Choose a category")), *Category.choices],
        error_messages={"required": _("Select a category")},
    )
    source = forms.ChoiceField(
        label=_("How did the landlord learn of it?"),
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the landlord learned of it")},
    )
    source_detail = forms.CharField(
        label=_("Who told us (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example 'health visitor', 'support worker'"),
    )
    learned = WhenField(
        label=_("When did the landlord learn of it?"),
        vague=True,
        help_text=_(
            "As precisely as you know. The year alone is enough; the Ombudsman looks for this date."
        ),
        error_messages={"required": _("Enter when the landlord learned of it")},
    )
    consent_to_record = forms.ChoiceField(
        label=_("Did the person agree to it being recorded?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if the person agreed to it being recorded")},
        help_text=_(
            "Or someone able to consent for them. Without consent, record only the "
            "category, not the detail."
        ),
    )
    detail = forms.CharField(
        label=_("Detail (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only what staff need to know to treat them fairly."),
    )
    review_on = WhenField(label=_("When should it be reviewed? (optional)"), required=False)

    def __init__(self, *args: Any, people: Sequence[Person] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._people = {p.reference: p for p in people}
        cast(forms.ChoiceField, self.fields["person"]).choices = [
            (p.reference, p.full_name) for p in people
        ]

    def chosen_person(self) -> Person:
        return self._people[self.cleaned_data["person"]]

"""Producing an evidence pack: for whom and why. Shape only: the rules are in `services.py`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm

OMBUDSMAN = "Housing Ombudsman"
RESIDENT = "The resident"
REPRESENTATIVE = "The resident's solicitor or representative"
OTHER = "other"
RECIPIENTS = [
    (OMBUDSMAN, _("The Housing Ombudsman")),
    (RESIDENT, _("The resident")),
    (REPRESENTATIVE, _("The resident's solicitor or representative")),
    (OTHER, _("Someone else")),
]
NAME_THEM = _("Say who the pack is for")


class ProduceForm(GovukForm):
    to = forms.ChoiceField(
        label=_("Who is the pack for?"),
        choices=RECIPIENTS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who the pack is for")},
    )
    to_other = forms.CharField(
        label=_("If someone else, who?"),
        help_text=_("For example, a councillor acting for the resident, or the local authority"),
        max_length=200,
        required=False,
    )
    purpose = forms.CharField(
        label=_("Why is it being produced?"),
        help_text=_("For example, 'Evidence requested for the Ombudsman's complaint 202208650'"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to") == OTHER and not (data.get("to_other") or "").strip():
            self.add_error("to_other", NAME_THEM)
        return data

    def recipient(self) -> str:
        """Who the pack is for, in words."""
        if self.cleaned_data["to"] == OTHER:
            return str(self.cleaned_data["to_other"]).strip()
        return str(self.cleaned_data["to"])

"""Deciding a proposed repeat. Shape only: the rules are in `services.py`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm

ACCEPT = "accept"
REJECT = "reject"


class RepeatDecisionForm(GovukForm):
    domain_fields = {"earlier_case": "decision", "job": "decision", "earlier_job": "decision"}

    decision = forms.ChoiceField(
        label=_("Is this the same defect?"),
        choices=[
            (ACCEPT, _("Yes: link it as a repeat, so its clocks keep the original start")),
            (REJECT, _("No: it is a different defect")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether this is the same defect")},
    )
    reason = forms.CharField(
        label=_("Why?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you checked: the same wall, the same leak, a surveyor's view."),
        error_messages={"required": _("Say why")},
    )

"""Recording learning and recording it done. Shape only: the rules are in `services.py`."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField
from doorstep.staff.models import User


class LearningForm(GovukForm):
    change = forms.CharField(
        label=_("What will the landlord change beyond this case?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A change to a process, a policy, training or a system, not this case's fix"),
        error_messages={"required": _("Enter what will change")},
    )
    owner = forms.ChoiceField(
        label=_("Who owns the change?"), error_messages={"required": _("Choose the owner")}
    )
    due = WhenField(
        label=_("Due by"),
        vague=True,
        help_text=_("A month and year will do"),
        error_messages={"required": _("Enter when the change is due")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(is_active=True, contractor__isnull=True).order_by(
            "first_name", "last_name", "username"
        )
        named = [(str(u.pk), u.get_full_name() or u.get_username()) for u in staff]
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", _("Choose")), *named]

    def owner_user(self) -> User | None:
        return User.objects.filter(pk=self.cleaned_data["owner"]).first()


class DoneForm(GovukForm):
    evidence = forms.CharField(
        label=_("What shows the change is done?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the evidence that it is done")},
    )

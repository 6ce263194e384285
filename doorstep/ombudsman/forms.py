"""The Ombudsman's steps as forms: the referral, an intervention, evidence asked for and sent,
the determination (findings and orders) and an order complied with. Shape only: every rule is
in `services.py`, whose `DomainError` comes back here on the field it is about (a finding's or
an order's problem names its number, at the top of the page)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.cases.models import Case
from doorstep.core.forms import GovukForm, WhenField
from doorstep.ombudsman.choices import Outcome, Period
from doorstep.ombudsman.services import FindingIn, OrderIn, Upload
from doorstep.staff.models import User

FINDING_ROWS = 6
ORDER_ROWS = 8


def staff_choices() -> list[tuple[str, str]]:
    """The landlord's own staff (never a contractor), as owner choices."""
    staff = User.objects.filter(is_active=True, contractor__isnull=True).order_by(
        "first_name", "last_name", "username"
    )
    return [(str(u.pk), u.get_full_name() or u.get_username()) for u in staff]


def upload_of(file: Any, title: str) -> list[Upload]:
    return [Upload(file.read(), file.name, title)] if file else []


class ReferForm(GovukForm):
    complaints = forms.MultipleChoiceField(
        label=_("Which complaint is the Ombudsman looking at?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select the complaint case")},
    )
    ombudsman_ref = forms.CharField(
        label=_("The Ombudsman's reference"),
        max_length=60,
        help_text=_("As on the Ombudsman's letter, like 202208650"),
        error_messages={"required": _("Enter the Ombudsman's reference")},
    )
    text = forms.CharField(
        label=_("What the resident asked the Ombudsman for (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    occurred = WhenField(
        label=_("When was it referred?"),
        vague=True,
        help_text=_("A month and year will do if that is all you know"),
        error_messages={"required": _("Enter when the complaint was referred")},
    )

    def __init__(self, *args: Any, complaints: Iterable[Case] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cases = {c.reference: c for c in complaints}
        field = cast(forms.MultipleChoiceField, self.fields["complaints"])
        field.choices = [(c.reference, f"{c.reference}: {c.title}") for c in self.cases.values()]

    def chosen(self) -> list[Case]:
        return [self.cases[r] for r in self.cleaned_data["complaints"]]


class InterveneForm(GovukForm):
    text = forms.CharField(
        label=_("What did the Ombudsman ask the landlord to do?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what the Ombudsman asked for")},
    )
    occurred = WhenField(label=_("When? (optional)"), required=False, help_text=_("Blank: today"))


class EvidenceRequestForm(GovukForm):
    items = forms.CharField(
        label=_("What evidence did the Ombudsman ask for?"),
        help_text=_("One item a line, as the Ombudsman listed them"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter the evidence asked for")},
    )
    due = WhenField(
        label=_("By when?"), error_messages={"required": _("Enter the date it is due by")}
    )
    occurred = WhenField(
        label=_("When was it asked for? (optional)"), required=False, help_text=_("Blank: today")
    )

    def item_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class EvidenceSentForm(GovukForm):
    items = forms.MultipleChoiceField(
        label=_("Which items were sent?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select the items sent")},
    )
    document = forms.FileField(
        label=_("What was sent (optional)"),
        required=False,
        help_text=_("PDF, Word (.docx) or an image: kept on the case"),
    )
    occurred = WhenField(
        label=_("When was it sent? (optional)"), required=False, help_text=_("Blank: today")
    )

    def __init__(self, *args: Any, items: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["items"]).choices = [(i, i) for i in items]


class DeterminationForm(GovukForm):
    """The determination's date, up to six findings and up to eight orders; blank rows are
    left out."""

    occurred = WhenField(
        label=_("Date of the determination"),
        help_text=_("The orders' deadlines are counted from it"),
        error_messages={"required": _("Enter the date of the determination")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outcomes = [("", _("Choose the outcome")), *Outcome.choices]
        for n in range(1, FINDING_ROWS + 1):
            self.fields[f"finding_{n}_topic"] = forms.CharField(
                label=_("Finding %(n)s: topic") % {"n": n},
                max_length=300,
                required=False,
                help_text=_("Like complaint handling, repairs, damp and mould, record keeping")
                if n == 1
                else "",
            )
            self.fields[f"finding_{n}_outcome"] = forms.ChoiceField(
                label=_("Finding %(n)s: outcome") % {"n": n}, choices=outcomes, required=False
            )
        periods = [("", _("Choose the period")), *Period.choices]
        owners = [("", _("Choose the owner")), *staff_choices()]
        for n in range(1, ORDER_ROWS + 1):
            self.fields[f"order_{n}_action"] = forms.CharField(
                label=_("Order %(n)s: what the landlord must do") % {"n": n},
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"order_{n}_period"] = forms.ChoiceField(
                label=_("Order %(n)s: deadline from the determination") % {"n": n},
                choices=periods,
                required=False,
            )
            self.fields[f"order_{n}_due"] = WhenField(
                label=_("Order %(n)s: or a date") % {"n": n}, required=False
            )
            self.fields[f"order_{n}_owner"] = forms.ChoiceField(
                label=_("Order %(n)s: owner") % {"n": n}, choices=owners, required=False
            )

    def rows(self, prefix: str, count: int) -> list[list[forms.BoundField]]:
        """The fields of each finding or order, for the template."""
        return [
            [self[name] for name in self.fields if name.startswith(f"{prefix}_{n}_")]
            for n in range(1, count + 1)
        ]

    def finding_rows(self) -> list[list[forms.BoundField]]:
        return self.rows("finding", FINDING_ROWS)

    def order_rows(self) -> list[list[forms.BoundField]]:
        return self.rows("order", ORDER_ROWS)

    def findings(self) -> list[FindingIn]:
        data = self.cleaned_data
        return [
            FindingIn(data[f"finding_{n}_topic"], data[f"finding_{n}_outcome"])
            for n in range(1, FINDING_ROWS + 1)
            if data[f"finding_{n}_topic"].strip() or data[f"finding_{n}_outcome"]
        ]

    def orders(self) -> list[OrderIn]:
        data, found = self.cleaned_data, []
        for n in range(1, ORDER_ROWS + 1):
            action, period = data[f"order_{n}_action"], data[f"order_{n}_period"]
            due, owner = data[f"order_{n}_due"], data[f"order_{n}_owner"]
            if not (action.strip() or period or due or owner):
                continue
            user = User.objects.filter(pk=owner).first() if owner else None
            found.append(OrderIn(action=action, owner=user, period=period, due=due))
        return found


class ComplyForm(GovukForm):
    evidence = forms.CharField(
        label=_("What was done to comply?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The evidence sent to the Ombudsman: what, when, and to whom"),
    )
    document = forms.FileField(
        label=_("The evidence sent (optional)"),
        required=False,
        help_text=_("PDF, Word (.docx) or an image: kept on the case"),
    )
    occurred = WhenField(
        label=_("When was it complied with? (optional)"),
        required=False,
        help_text=_("Blank: today"),
    )

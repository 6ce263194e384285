"""Reporting a repair and raising a job. Shape only: every rule is in `services.py`, whose
`DomainError` comes back here on the field it is about."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm, WhenField
from doorstep.repairs.choices import Priority, Purpose, Trade
from doorstep.repairs.services import ItemIn
from doorstep.staff.models import Contractor

ITEM_ROWS = 5
PRIORITY_HINTS = {
    Priority.EMERGENCY: _("Danger to people or the home: attend and make safe at once"),
    Priority.URGENT: _("Affects daily living: a few working days"),
    Priority.ROUTINE: _("Everything else"),
    Priority.PLANNED: _("Can wait for a programme of work"),
}
ITEM_TEXT = ("description", "element", "sor_code")
ITEM_FIELD = re.compile(r"^items\.(\d+)\.(\w+)$")


class RepairReportForm(GovukForm):
    location = forms.CharField(
        label=_("Where is the repair needed?"),
        max_length=200,
        help_text=_("The room or part of the building, like 'bathroom ceiling' or 'front door'"),
        error_messages={"required": _("Enter where the repair is needed")},
    )
    description = forms.CharField(
        label=_("What is wrong?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In the resident's words where you can."),
        error_messages={"required": _("Describe what is wrong")},
    )
    element = forms.CharField(
        label=_("Which part of the home is it? (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "Name it the same way each time, like 'rear wall pointing', so repeat repairs "
            "to it can be found"
        ),
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=[(p.value, f"{p.label}: {PRIORITY_HINTS[p]}") for p in Priority],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the priority")},
    )
    communal = forms.BooleanField(
        label=_("It is in a communal part of the building"),
        required=False,
        help_text=_("The repair goes on the building's record and shows on every household in it"),
    )
    security = forms.BooleanField(
        label=_("It leaves the home or the building insecure"),
        required=False,
        help_text=_("A door or window that will not lock: to be made safe within hours"),
    )
    occurred = WhenField(
        label=_("When was it reported?"),
        with_time=True,
        vague=True,
        help_text=_("The time if you know it. For an old report, the month and year are enough."),
        error_messages={"required": _("Enter when it was reported")},
    )

    def __init__(self, *args: Any, communal_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if communal_only:
            del self.fields["communal"]


class JobRaiseForm(GovukForm):
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the priority")},
    )
    trade = forms.ChoiceField(
        label=_("Trade"),
        choices=[("", _("Choose a trade")), *Trade.choices],
        error_messages={"required": _("Select the trade")},
    )
    contractor = forms.ModelChoiceField(
        label=_("Contractor"),
        queryset=Contractor.objects.order_by("name"),
        required=False,
        empty_label=_("The landlord's own operatives"),
    )
    purpose = forms.ChoiceField(
        label=_("What is the work for?"),
        choices=Purpose.choices,
        initial=Purpose.REPAIR,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the work is for")},
    )
    estimated_minutes = forms.IntegerField(
        label=_("Estimated time, in minutes (optional)"),
        required=False,
        min_value=1,
        max_value=100000,
        error_messages={"invalid": _("Enter the estimated time as a whole number of minutes")},
    )
    target = WhenField(
        label=_("Target date (optional)"),
        required=False,
        help_text=_("Leave blank to use the target the policy sets for the priority"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ITEM_ROWS + 1):
            self.fields[f"item_{n}_description"] = forms.CharField(
                label=_("Item %(n)s: what is to be done") % {"n": n},
                max_length=1000,
                required=False,
            )
            self.fields[f"item_{n}_element"] = forms.CharField(
                label=_("Part of the home (optional)"), max_length=200, required=False
            )
            self.fields[f"item_{n}_sor_code"] = forms.CharField(
                label=_("Schedule of Rates code (optional)"), max_length=30, required=False
            )
            self.fields[f"item_{n}_quantity"] = forms.DecimalField(
                label=_("Quantity"),
                required=False,
                min_value=Decimal("0.01"),
                max_digits=10,
                decimal_places=2,
            )

    def item_rows(self) -> list[list[forms.BoundField]]:
        parts = ("description", "element", "sor_code", "quantity")
        return [[self[f"item_{n}_{p}"] for p in parts] for n in range(1, ITEM_ROWS + 1)]

    def items(self) -> list[ItemIn]:
        """The rows given, in order; a row with nothing in it is left out."""
        data, out = self.cleaned_data, []
        self._rows: list[int] = []
        for n in range(1, ITEM_ROWS + 1):
            text = {p: data.get(f"item_{n}_{p}") or "" for p in ITEM_TEXT}
            quantity = data.get(f"item_{n}_quantity")
            if not any(text.values()) and quantity is None:
                continue
            self._rows.append(n)
            out.append(ItemIn(**text, quantity=Decimal(1) if quantity is None else quantity))
        return out

    def add_domain_error(self, error: DomainError) -> None:
        """`items.2.sor_code` (the third item given) is the field of the row it came from."""
        match = ITEM_FIELD.match(error.field or "")
        rows = getattr(self, "_rows", [])
        if match and int(match.group(1)) < len(rows):
            name = f"item_{rows[int(match.group(1))]}_{match.group(2)}"
            self.add_error(name if name in self.fields else None, error.message)
            return
        if error.field == "items":
            self.add_error("item_1_description", error.message)
            return
        super().add_domain_error(error)

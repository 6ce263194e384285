"""Remedies' forms. Shape only: every rule is in `services.py`, whose refusals come back here
on the right field (`add_domain_error`); an offer's parts are fixed rows (`part_1_amount`...)
that the services name `components.0.amount`..."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm, WhenField
from doorstep.remedies.choices import Method, RemedyKind
from doorstep.remedies.selectors import Band, OfferEntry
from doorstep.remedies.services import Part

PARTS = 3
OTHER = "other"
AMOUNT_FORMAT = _("Enter an amount in pounds and pence, like 150 or 150.50")


def _amount(label: Any, required: bool = False, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=2,
        error_messages={
            "invalid": AMOUNT_FORMAT,
            "min_value": AMOUNT_FORMAT,
            "max_decimal_places": AMOUNT_FORMAT,
            "max_digits": AMOUNT_FORMAT,
        },
    )


class RequestForm(GovukForm):
    text = forms.CharField(
        label=_("What did the resident ask for?"),
        help_text=_("In her words, as she said or wrote it"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    amount = _amount(_("Amount asked for (optional)"), help_text=_("Only if she named one"))
    occurred = WhenField(
        label=_("When did she ask?"),
        help_text=_("For example, 27 3 2024. Leave blank for today."),
        required=False,
        vague=True,
    )


class OffsetFields(GovukForm):
    """How it is paid: directly, unless the resident asked for the rent account."""

    method = forms.ChoiceField(
        label=_("How will it be paid?"),
        choices=Method.choices,
        initial=Method.DIRECT,
        widget=forms.RadioSelect,
        help_text=_("Directly to the resident, unless she asked for it to go to her rent account."),
        error_messages={"required": _("Say how it will be paid")},
    )
    resident_asked_for_offset = forms.BooleanField(
        label=_("The resident asked for it to go to her rent account"),
        required=False,
    )
    offset_asked_on = WhenField(label=_("When did she ask for that?"), required=False, vague=True)
    offset_asked_how = forms.CharField(
        label=_("How did she ask?"),
        help_text=_("For example: by phone to the complaints team; in her email of 3 May"),
        max_length=500,
        required=False,
    )


class OfferForm(OffsetFields):
    occurred = WhenField(
        label=_("Date of the offer"),
        help_text=_("Leave blank for today."),
        required=False,
    )
    confirm_below_band = forms.BooleanField(
        label=_("I know a part is below the band's minimum: record the offer anyway"),
        required=False,
    )
    field_order = ["occurred"]

    def __init__(
        self,
        *args: Any,
        failures: Sequence[tuple[str, str]] = (),
        bands: Mapping[str, Band] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.failure_labels = dict(failures)
        failure_choices = [
            ("", _("Choose a failure on the case")),
            *failures,
            (OTHER, _("Something else (describe it)")),
        ]
        band_choices = [("", _("No band"))] + [
            (name, f"{b.label} (£{b.min} to £{b.max})") for name, b in (bands or {}).items()
        ]
        for n in range(1, PARTS + 1):
            first = n == 1
            self.fields[f"part_{n}_amount"] = _amount(_("Amount (£)"))
            self.fields[f"part_{n}_failure"] = forms.ChoiceField(
                label=_("For which failure?"), choices=failure_choices, required=False
            )
            self.fields[f"part_{n}_for"] = forms.CharField(
                label=_("What it is for, in words"),
                help_text=_("Needed if you chose 'something else'") if first else "",
                max_length=500,
                required=False,
            )
            self.fields[f"part_{n}_kind"] = forms.ChoiceField(
                label=_("What is it?"), choices=RemedyKind.choices, initial=RemedyKind.COMPENSATION
            )
            self.fields[f"part_{n}_band"] = forms.ChoiceField(
                label=_("The landlord's band for this failure"),
                choices=band_choices,
                required=False,
            )
        for n in range(2, PARTS + 1):
            cast(forms.ChoiceField, self.fields[f"part_{n}_kind"]).required = False

    def part_rows(self) -> list[list[forms.BoundField]]:
        names = ("amount", "failure", "for", "kind", "band")
        return [[self[f"part_{n}_{x}"] for x in names] for n in range(1, PARTS + 1)]

    def parts(self) -> list[Part]:
        """The parts the officer filled in (a row with an amount or any words)."""
        out = []
        for n in range(1, PARTS + 1):
            get = self.cleaned_data.get
            amount, failure = get(f"part_{n}_amount"), get(f"part_{n}_failure") or ""
            words = (get(f"part_{n}_for") or "").strip()
            if amount is None and not failure and not words:
                continue
            chosen = failure if failure and failure != OTHER else None
            out.append(
                Part(
                    amount=amount if amount is not None else Decimal(0),
                    for_=words or str(self.failure_labels.get(chosen or "", "")),
                    kind=get(f"part_{n}_kind") or RemedyKind.COMPENSATION,
                    band=get(f"part_{n}_band") or None,
                    failure=chosen,
                )
            )
        return out

    def add_domain_error(self, error: DomainError) -> None:
        field = error.field or ""
        if field.startswith("components"):
            bits = field.split(".")
            index = int(bits[1]) + 1 if len(bits) > 1 else 1
            name = f"part_{index}_{bits[2] if len(bits) > 2 else 'amount'}"
            self.add_error(name if name in self.fields else None, error.message)
            return
        super().add_domain_error(error)


class OfferChoice(forms.ChoiceField):
    """The offers still owed, to choose from; any other reference is left for the service to
    refuse in its own words (withdrawn, unknown)."""

    def valid_value(self, value: Any) -> bool:
        return True


class PaymentForm(OffsetFields):
    offer = OfferChoice(
        label=_("Which offer does it pay?"),
        error_messages={"required": _("Choose the offer it pays")},
    )
    amount = _amount(_("Amount paid (£)"), required=True)
    occurred = WhenField(label=_("Date paid"), help_text=_("For example, 27 3 2024"))
    field_order = ["offer", "amount", "occurred"]

    def __init__(self, *args: Any, offers: Sequence[OfferEntry] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["offer"]).choices = [
            (
                o.ref,
                f"{o.ref}: £{o.amount} offered {o.offered_on:%-d %b %Y}, "
                f"£{o.outstanding} outstanding",
            )
            for o in offers
        ]


class WithdrawForm(GovukForm):
    offer = OfferChoice(
        label=_("Which offer is withdrawn?"),
        error_messages={"required": _("Choose the offer")},
    )
    reason = forms.CharField(
        label=_("Why is it withdrawn?"),
        help_text=_("What was paid stays paid; nothing more can be paid against it."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, offers: Sequence[OfferEntry] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["offer"]).choices = [
            (o.ref, f"{o.ref}: £{o.amount} offered {o.offered_on:%-d %b %Y}") for o in offers
        ]

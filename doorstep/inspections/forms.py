"""Recording an inspection or survey, and attaching its report. Shape only: every rule is in
`services.py`, whose `DomainError` comes back here on the field it is about."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField
from doorstep.inspections.choices import InspectionKind


class InspectionForm(GovukForm):
    domain_fields = {"report": "report_file", "recommends": "recommendations"}

    kind = forms.ChoiceField(
        label=_("What was it?"),
        choices=InspectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what it was")},
    )
    by = forms.CharField(
        label=_("Who inspected?"),
        max_length=200,
        help_text=_("The surveyor's or inspector's name, or the contractor"),
        error_messages={"required": _("Enter who inspected")},
    )
    done_on = WhenField(
        label=_("When was it done?"),
        error_messages={"required": _("Enter the date it was done")},
    )
    findings = forms.CharField(
        label=_("What did it find?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what the inspection found")},
    )
    cause = forms.CharField(
        label=_("What is the cause? (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recommendations = forms.CharField(
        label=_("What does it recommend? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One recommendation a line"),
    )
    report_file = forms.FileField(
        label=_("The report (optional)"),
        required=False,
        help_text=_("Without it, the case shows that no report is on record until it is attached"),
    )
    appointment = forms.CharField(
        label=_("Appointment reference (optional)"), max_length=60, required=False
    )

    def recommends(self) -> list[str]:
        return [line for line in self.cleaned_data["recommendations"].splitlines() if line.strip()]


class ReportAttachForm(GovukForm):
    domain_fields = {"title": "title"}

    file = forms.FileField(
        label=_("Upload the report"),
        help_text=_("PDF, PNG, JPEG, GIF, Word (.docx) or plain text"),
        error_messages={"required": _("Select the report file")},
    )
    title = forms.CharField(
        label=_("Title (optional)"),
        max_length=300,
        required=False,
        help_text=_("Default: the inspection's kind and date"),
    )

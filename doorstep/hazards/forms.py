"""Reporting a hazard, assessing it, made safe, the written summary and decants. Shape only:
every rule is in `services.py`, whose `DomainError` comes back here on the field it is about."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField
from doorstep.hazards.choices import HAZARD_CHOICES, DecantDecision, Severity

SEVERITY_HINTS = {
    Severity.EMERGENCY: _("Imminent and significant risk of harm: make safe within 24 hours"),
    Severity.SIGNIFICANT: _("Significant risk of harm: urgent, but not within 24 hours"),
    Severity.NOT_SIGNIFICANT: _("Neither: to be put right as an ordinary repair"),
}


class HazardReportForm(GovukForm):
    hazard = forms.ChoiceField(
        label=_("Which hazard is it?"),
        choices=[("", _("Choose a hazard")), *sorted(HAZARD_CHOICES, key=lambda c: c[1])],
        help_text=_("The 29 hazards of the Housing Health and Safety Rating System"),
        error_messages={"required": _("Select the hazard")},
    )
    location = forms.CharField(
        label=_("Where is it?"),
        max_length=200,
        help_text=_("The room or part of the home, like 'bathroom ceiling'"),
        error_messages={"required": _("Enter where the hazard is")},
    )
    description = forms.CharField(
        label=_("What was reported?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In the resident's words where you can."),
        error_messages={"required": _("Describe the hazard")},
    )
    occurred = WhenField(
        label=_("When did the landlord become aware of it?"),
        with_time=True,
        vague=True,
        help_text=_("Awaab's Law's timescales run from then."),
        error_messages={"required": _("Enter when it was reported")},
    )


class AssessForm(GovukForm):
    severity = forms.ChoiceField(
        label=_("How severe is the hazard?"),
        choices=[(s.value, f"{s.label}: {SEVERITY_HINTS[s]}") for s in Severity],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the severity")},
    )
    cause = forms.CharField(
        label=_("What is causing it?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what is causing the hazard")},
    )
    occurred = WhenField(
        label=_("When was it assessed? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now."),
    )


class MadeSafeForm(GovukForm):
    occurred = WhenField(
        label=_("When was it made safe? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now."),
    )


class SummaryForm(GovukForm):
    to = forms.CharField(
        label=_("Who was the written summary sent to?"),
        max_length=200,
        error_messages={"required": _("Enter who the summary was sent to")},
    )
    letter = forms.FileField(
        label=_("The letter (optional)"),
        required=False,
        help_text=_("PDF, Word (.docx) or an image: kept on the case as a letter"),
    )
    occurred = WhenField(
        label=_("When was it sent? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now."),
    )


class DecantConsiderForm(GovukForm):
    decision = forms.ChoiceField(
        label=_("What was decided about alternative accommodation?"),
        choices=DecantDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what was decided")},
    )
    reason = forms.CharField(
        label=_("Why?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the reason for the decision")},
    )


class DecantStartForm(GovukForm):
    where = forms.CharField(
        label=_("Where is the household staying?"),
        max_length=200,
        error_messages={"required": _("Enter where the household is staying")},
    )
    reason = forms.CharField(
        label=_("Why are they moving out?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the reason for the decant")},
    )


class DecantEndForm(GovukForm):
    reason = forms.CharField(
        label=_("Why did the decant end?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example 'Works complete; the household moved back'"),
        error_messages={"required": _("Enter why the decant ended")},
    )

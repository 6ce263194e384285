"""Booking, moving, cancelling and recording appointments. Shape only: every rule is in
`services.py`, whose `DomainError` comes back here on the field it is about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.appointments.choices import By, InformedHow, Outcome, Purpose, Slot
from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm, WhenField
from doorstep.repairs.models import Job

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _date(label: Any) -> WhenField:
    return WhenField(
        label=label,
        help_text=_("For example, 27 3 2025"),
        error_messages={"required": _("Enter the date of the visit")},
    )


def _time(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text=_("Only for a time window; 24-hour clock, like 09:00"),
        error_messages={"invalid": _("Enter the time like 09:00")},
    )


class AppointmentForm(GovukForm):
    """The base: a DomainError about an item (`items.0`) is shown on the items field."""

    def add_domain_error(self, error: DomainError) -> None:
        if error.field and error.field.startswith("items.") and "items" in self.fields:
            self.add_error("items", error.message)
            return
        super().add_domain_error(error)

    def day(self) -> dt.date:
        return self.cleaned_data["date"].earliest_date


class BookForm(AppointmentForm):
    purpose = forms.ChoiceField(
        label=_("What is the visit for?"),
        choices=Purpose.choices,
        initial=Purpose.WORKS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the visit is for")},
    )
    job = forms.ChoiceField(label=_("Job"), required=False)
    for_ref = forms.CharField(
        label=_("For an inspection or survey: what is it for? (optional)"),
        max_length=100,
        required=False,
        help_text=_("Leave blank for the case itself"),
    )
    items = forms.CharField(
        label=_("Which of the job's items does the visit cover? (optional)"),
        max_length=200,
        required=False,
        help_text=_("Item numbers separated by commas, like 1, 2. Leave blank for the whole job"),
    )
    date = _date(_("Date of the visit"))
    slot = forms.ChoiceField(
        label=_("Slot"),
        choices=Slot.choices,
        initial=Slot.ALL_DAY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the slot")},
    )
    window_start = _time(_("Window starts (optional)"))
    window_end = _time(_("Window ends (optional)"))

    def __init__(self, *args: Any, jobs: list[Job], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        job_field = self.fields["job"]
        assert isinstance(job_field, forms.ChoiceField)  # noqa: S101 (for the type checker)
        job_field.choices = [("", _("No job: an inspection or survey"))] + [
            (job.reference, f"{job.reference}: {job.get_trade_display()}") for job in jobs
        ]

    def item_ids(self) -> list[str]:
        return [i.strip() for i in self.cleaned_data["items"].split(",") if i.strip()]


def _informed(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ChangeFields(AppointmentForm):
    """Who made the change, and whether (and how) the resident was told."""

    by = forms.ChoiceField(
        label=_("Who made the change?"),
        choices=By.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who made the change")},
    )
    resident_informed = forms.ChoiceField(
        label=_("Was the resident told?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("A change by the landlord must say, yes or no"),
    )
    informed_how = forms.ChoiceField(
        label=_("How was the resident told?"),
        choices=InformedHow.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    notify_to = forms.CharField(
        label=_("Resident's email address or mobile number"),
        max_length=320,
        required=False,
        help_text=_("Only to send a message through Doorstep"),
    )

    def told(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "by": data["by"],
            "resident_informed": _informed(data["resident_informed"]),
            "informed_how": data["informed_how"],
            "notify_to": data["notify_to"],
        }


class MoveForm(ChangeFields):
    date = _date(_("New date"))
    slot = forms.ChoiceField(
        label=_("Slot"),
        choices=Slot.choices,
        initial=Slot.ALL_DAY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the slot")},
    )
    window_start = _time(_("Window starts (optional)"))
    window_end = _time(_("Window ends (optional)"))
    reason = forms.CharField(
        label=_("Why was it moved? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = [
        "date",
        "slot",
        "window_start",
        "window_end",
        "by",
        "resident_informed",
        "informed_how",
        "notify_to",
        "reason",
    ]


class CancelForm(ChangeFields):
    reason = forms.CharField(
        label=_("Why was it cancelled?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why the appointment was cancelled")},
    )


class AttendForm(AppointmentForm):
    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        help_text=_("Completed is the contractor's word: the works still need checking"),
        error_messages={"required": _("Select what happened")},
    )
    reason = forms.CharField(
        label=_("Why was it not completed?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required unless it was completed"),
    )


class MissForm(AppointmentForm):
    by = forms.ChoiceField(
        label=_("Who missed it?"),
        choices=[
            (By.LANDLORD.value, _("The landlord or its contractor: nobody came")),
            (By.RESIDENT.value, _("The resident: nobody was in")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who missed it")},
    )
    reason = forms.CharField(
        label=_("What happened? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

"""Appointments, and the outbox of messages Doorstep sent to residents.

The record of an appointment is its events on the timeline (`appointment.booked`, `.moved`,
`.cancelled`, `.attended`, `.missed`); `Appointment` is the row those events describe, kept so
a case page and the API are quick. Its `status`, `date` and slot are projections, written by
the services in the same transaction as the events (`services.py`); nothing here decides.

`OutboxMessage` is append-only: the default notifier (`notify.OutboxNotifier`) keeps each
message there, as sent, instead of handing it to a provider.
"""

from __future__ import annotations

from django.db import models

from doorstep.appointments.choices import Purpose, Slot, Status
from doorstep.core.models import AppendOnlyModel


class Appointment(models.Model):
    """A visit to a home: for a job's works (`job`), or for an inspection or survey
    (`for_ref` names what it is for). `date` and the slot (`slot`, or a window from
    `window_start` to `window_end`) are where it stands now; `items` are the ids of the job's
    items the visit covers (empty: the whole job)."""

    reference = models.CharField(max_length=30, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="appointments")
    property = models.ForeignKey(
        "properties.Property", on_delete=models.PROTECT, related_name="appointments"
    )
    household = models.ForeignKey(
        "residents.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    job = models.ForeignKey(
        "repairs.Job",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    purpose = models.CharField(max_length=12, choices=Purpose.choices, default=Purpose.WORKS)
    for_ref = models.CharField(
        max_length=100, help_text="The job reference, or what the inspection or survey is for"
    )
    date = models.DateField()
    slot = models.CharField(max_length=10, choices=Slot.choices, default=Slot.ALL_DAY)
    window_start = models.TimeField(null=True, blank=True)
    window_end = models.TimeField(null=True, blank=True)
    items = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    booked_at = models.DateTimeField()
    booked_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["date", "pk"]
        permissions = [
            ("attend_appointment", "Can record an appointment attended or missed"),
        ]

    def __str__(self) -> str:
        return self.reference

    def slot_display(self) -> str:
        if self.slot == Slot.WINDOW and self.window_start and self.window_end:
            return f"{self.window_start:%H:%M} to {self.window_end:%H:%M}"
        return str(Slot(self.slot).label)


class OutboxMessage(AppendOnlyModel):
    """A message to a resident, kept as Doorstep would have sent it (the outbox notifier):
    to whom, by which channel, the words, and the appointment it was about."""

    channel = models.CharField(max_length=10, help_text="email or sms")
    to = models.CharField(max_length=320)
    subject = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    appointment = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"To {self.to}: {self.subject or self.text[:40]}"

"""Jobs (work orders), their items, and the landlord's Schedule of Rates.

The record of a repair is its events (`repair.reported`, `works.raised`, ...) on the timeline;
`Job` is the work order those events describe, kept as rows so a contractor's list, a job page
and the API are quick. Its `status` and target are projections, written by the services in the
same transaction as the events (`services.py`); nothing here decides anything.

The Schedule of Rates (ADR 9) is append-only: each CSV load is a `SorSchedule` holding every
code it gave (`SorCode`), and the schedule in force on a date is the latest loaded by then, so a
job's item keeps pointing at the code and rate it was priced against.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import AppendOnlyModel
from doorstep.repairs.choices import JobStatus, Priority, Purpose, Trade


class SorSchedule(AppendOnlyModel):
    """One load of a landlord's Schedule of Rates from CSV: the whole schedule as the file
    gave it, in force from `loaded_at` until the next load. Never edited: a changed schedule
    is a new load. `sha256` identifies the file, so loading the same file again is refused."""

    source_name = models.CharField(max_length=200, help_text="The file's name, as loaded")
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField()
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    loaded_by_name = models.CharField(max_length=200)
    code_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-loaded_at", "-pk"]
        get_latest_by = ["loaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.source_name}, loaded {self.loaded_at:%d %b %Y}"


class SorCode(AppendOnlyModel):
    """A line of a Schedule of Rates: a priced unit of work (`code`), what it is, the trade
    that does it, its unit of measure and its rate in pounds per unit, as the landlord's
    schedule gave them in one load. Doorstep ships no schedule: landlords load their own."""

    schedule = models.ForeignKey(SorSchedule, on_delete=models.PROTECT, related_name="codes")
    code = models.CharField(max_length=30)
    description = models.CharField(max_length=500)
    trade = models.CharField(max_length=20, choices=Trade.choices)
    unit = models.CharField(max_length=20, help_text="e.g. 'each', 'm2', 'hour'")
    rate = models.DecimalField(max_digits=10, decimal_places=2, help_text="Pounds per unit")

    class Meta:
        ordering = ["code"]
        verbose_name = "Schedule of Rates code"
        constraints = [
            models.UniqueConstraint(fields=["schedule", "code"], name="repairs_sor_code_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.description}"


class Job(models.Model):
    """A work order: what a contractor (or the landlord's own operatives) is to do on a repair
    case, by when, at what priority and in which trade. Raised by `services.job_raise`, which
    writes its `works.raised` event; `status`, `target` and `target_at` are projections of the
    events and of the policy in force when it was raised (`target_rule` says which rule gave
    the date). A contractor's staff see only their firm's jobs.

    `target` is the date the job is due: the order's own target where it gave one, else the
    priority's target from the landlord's policy (`repairs.<priority>.*`), counted by the
    clocks engine. Emergency (hour) targets also have `target_at`, the due moment."""

    reference = models.CharField(max_length=30, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="jobs")
    property = models.ForeignKey(
        "properties.Property", on_delete=models.PROTECT, related_name="jobs"
    )
    priority = models.CharField(max_length=10, choices=Priority.choices)
    trade = models.CharField(max_length=20, choices=Trade.choices)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.REPAIR)
    contractor = models.ForeignKey(
        "staff.Contractor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jobs",
        help_text="Empty: the landlord's own operatives",
    )
    estimated_minutes = models.PositiveIntegerField(null=True, blank=True)
    ordered_target = models.DateField(
        null=True, blank=True, help_text="The target the order itself gave; empty: the policy's"
    )
    target = models.DateField()
    target_at = models.DateTimeField(null=True, blank=True)
    target_rule = models.CharField(max_length=500)
    raised_at = models.DateTimeField()
    raised_by_name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.RAISED)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [
            models.Index(fields=["contractor", "status"], name="repairs_job_contractor"),
        ]
        permissions = [
            ("report_repair", "Can report a repair (opens a repair case)"),
        ]

    def __str__(self) -> str:
        return self.reference


class JobItem(AppendOnlyModel):
    """One line of a work order: what is to be done, to which element of the home (so repeat
    jobs on the same element can be found), optionally priced by a Schedule of Rates code of
    the schedule in force when the job was raised, and how many units. `item_id` is the item's
    id in the `works.raised` event. Append-only: a varied order is new items."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="items")
    item_id = models.CharField(max_length=20)
    description = models.CharField(max_length=1000)
    element = models.CharField(max_length=200, blank=True)
    sor_code = models.ForeignKey(
        SorCode, null=True, blank=True, on_delete=models.PROTECT, related_name="job_items"
    )
    quantity = models.DecimalField(max_digits=10, decimal_places=2, default=1)

    class Meta:
        ordering = ["job", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["job", "item_id"], name="repairs_job_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.job.reference}/{self.item_id}: {self.description}"

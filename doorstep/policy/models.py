"""The landlord's own policy values and calendar days. Append-only: a change is a new row."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import AppendOnlyModel
from doorstep.policy.choices import CalendarDayKind


class PolicyOverride(AppendOnlyModel):
    """A landlord's own value for a policy key, in force from `effective_from` (null: for all
    time, as an imported chronology's plain value is), with where it comes from."""

    key = models.CharField(max_length=100, db_index=True)
    value = models.JSONField()
    effective_from = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, help_text="e.g. 'Repairs policy v4, para 3.2'")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["key", "effective_from", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.key} = {self.value!r} from {self.effective_from or 'always'}"


class CalendarDay(AppendOnlyModel):
    """A day off that the `holidays` package's bank holidays do not include: a bank holiday
    announced later (a state funeral, a coronation) or a day the landlord closes. It counts in
    the working-day calendar only from `announced_on`, so a clock that stopped before the
    announcement keeps the due date it had, and a running clock is recomputed
    (`doorstep.workdays.calendar_as_known`). Append-only, like the rest of the policy."""

    day = models.DateField(db_index=True)
    name = models.CharField(max_length=200, help_text="e.g. 'State Funeral of Queen Elizabeth II'")
    kind = models.CharField(max_length=20, choices=CalendarDayKind.choices)
    announced_on = models.DateField()
    source = models.CharField(max_length=300, help_text="e.g. 'GOV.UK announcement, 10 Sep 2022'")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["day", "recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["day", "kind"], name="policy_calendar_day_once"),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.name} ({self.kind}, announced {self.announced_on})"

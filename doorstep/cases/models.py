"""Cases. The timeline is the record; `status` and `closed_at` are projections of it."""

from __future__ import annotations

import builtins

from django.conf import settings
from django.db import models

from doorstep.cases.choices import CaseStatus, CaseType


class Case(models.Model):
    """One matter the landlord is dealing with for a household (a repair, a complaint, a
    report of ASB...), or for a building where it is communal (a block's door entry).

    A communal case has no household: it belongs to the block or estate and shows on the page
    of every household inside it. `status` is derived from the case's events (see
    `projections.py`) and kept here only so lists are fast; `doorstep rebuild` recomputes it.
    """

    reference = models.CharField(max_length=30, unique=True)
    case_type = models.CharField(max_length=12, choices=CaseType.choices)
    title = models.CharField(max_length=300)
    household = models.ForeignKey(
        "residents.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    property = models.ForeignKey(
        "properties.Property", on_delete=models.PROTECT, related_name="cases"
    )
    people = models.ManyToManyField("residents.Person", blank=True, related_name="cases")
    owner_team = models.ForeignKey(
        "staff.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    contractor = models.ForeignKey(
        "staff.Contractor", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    opened_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    links = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta:
        ordering = ["-opened_at", "-id"]  # newest first; of two opened together, the later made
        indexes = [
            models.Index(fields=["status", "case_type"], name="case_status_type"),
            # The case list, newest first, paged by keyset (api.pagination; docs/performance.md).
            models.Index(fields=["-opened_at", "-id"], name="case_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @builtins.property
    def communal(self) -> bool:
        return self.household_id is None

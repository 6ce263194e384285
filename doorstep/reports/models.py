"""The reports keep no table of their own: each figure is counted from the record (the case
rows and the deadlines' replay of their clocks) when it is asked for. This model holds only the
permission, so the roles table (`staff/roles.py`) can give it like any other."""

from __future__ import annotations

from django.db import models


class Report(models.Model):
    """No rows, no table: the holder of the reports' permission. Who may read the landlord's
    figures for a reporting year (the Tenant Satisfaction Measures from records) and the cases
    behind each: a manager and an auditor; never a contractor, which sees only its own cases."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_reports", "Can read the landlord's reports and the cases behind each figure"),
        ]

    def __str__(self) -> str:
        return "Reports"

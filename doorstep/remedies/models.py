"""Remedies keep no table of their own: the record is the timeline (`compensation.requested`,
`compensation.offered`, `compensation.paid`), and what stands owed is read from it
(`selectors.py`). This model holds only the remedies' permissions, so the roles table
(`staff/roles.py`) can give them like any other."""

from __future__ import annotations

from django.db import models


class Remedy(models.Model):
    """No rows, no table: the holder of the remedies' permissions. Who may read the
    compensation on a case, record a resident's request, make an offer, and record a payment
    (money leaving the landlord: the complaints officer's and the manager's)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_compensation", "Can read the compensation asked for, offered and paid"),
            ("request_compensation", "Can record a resident's request for compensation"),
            ("offer_compensation", "Can make (or withdraw) an offer of compensation"),
            ("pay_compensation", "Can record a payment of compensation"),
        ]

    def __str__(self) -> str:
        return "Remedies"

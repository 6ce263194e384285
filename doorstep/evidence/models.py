"""Evidence packs keep no table of their own: a pack is read from the record whenever it is
produced, and the record says when it was and for whom (`evidence.produced`). This model holds
only the permission, so the roles table (`staff/roles.py`) can give it like any other."""

from __future__ import annotations

from django.db import models


class EvidencePack(models.Model):
    """No rows, no table: the holder of the permission to produce an evidence pack of a case
    or a household and send it out of the landlord (to the Housing Ombudsman, the resident,
    her representative)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            (
                "produce_evidence_pack",
                "Can produce an evidence pack of a case or household and send it",
            ),
        ]

    def __str__(self) -> str:
        return "Evidence packs"

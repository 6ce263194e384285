"""The portfolio view keeps no table of its own: its findings are the lens's reading of each
household's replay (`deadlines.selectors.clocks_of`, `clocks.lens`). This model holds only its
permission, so the roles table (`staff/roles.py`) can give it like any other."""

from __future__ import annotations

from django.db import models


class Lens(models.Model):
    """No rows, no table: the holder of the portfolio's permission. Who may read the findings
    across every case they may see, gathered in one list (a manager sees where the landlord is
    failing now). A contractor never: it sees only its own cases, and the lens reads a whole
    household's record."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_portfolio", "Can read the lens's findings across every case one may see"),
        ]

    def __str__(self) -> str:
        return "The Ombudsman lens"

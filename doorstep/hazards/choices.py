"""The words of hazards: the 29 HHSRS hazards by the chronology format's names, the severities
Awaab's Law distinguishes, and what was decided about a decant (alternative accommodation)."""

from __future__ import annotations

from django.db import models

from doorstep.policy.awaab import HHSRS

# The 29 hazards of the Housing Health and Safety Rating System: Housing Act 2004, Part 1; the
# Housing Health and Safety Rating System (England) Regulations 2005, Schedule 1. The names are
# the chronology format's snake_case ones, kept once in `policy.awaab.HHSRS` (the clocks read
# Awaab's Law's scope by them).
HAZARD_CHOICES: list[tuple[str, str]] = list(HHSRS.items())
HAZARD_NAMES: frozenset[str] = frozenset(HHSRS)
DAMP_MOULD = "damp_mould"


def hazard_label(name: str) -> str:
    """The hazard's name in words; a name outside the 29 (an imported record's) as given."""
    return HHSRS.get(name, name.replace("_", " ").capitalize())


class Severity(models.TextChoices):
    """How serious the hazard is, as Awaab's Law sorts them (the format's `severity`)."""

    EMERGENCY = "emergency", "Emergency"
    SIGNIFICANT = "significant", "Significant"
    NOT_SIGNIFICANT = "not_significant", "Not significant"


class DecantDecision(models.TextChoices):
    """What was decided when a decant (a temporary move to alternative accommodation while
    the home is made safe) was considered."""

    OFFERED = "offered", "Offered"
    NOT_NEEDED = "not_needed", "Not needed"
    DECLINED = "declined", "Declined by the resident"


class DecantState(models.TextChoices):
    """Where a hazard's decant stands, projected from its `decant.*` events."""

    NOT_CONSIDERED = "", "Not considered"
    OFFERED = "offered", "Offered"
    NOT_NEEDED = "not_needed", "Considered: not needed"
    DECLINED = "declined", "Declined by the resident"
    DECANTED = "decanted", "Household moved out (decanted)"
    RETURNED = "returned", "Decant ended"

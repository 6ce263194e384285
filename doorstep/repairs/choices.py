"""The words of repairs: priorities (the chronology format's), trades, a job's purpose and
where it stands."""

from django.db import models


class Priority(models.TextChoices):
    """How soon a repair must be done. Each has its target in the landlord's policy
    (`repairs.<priority>.*`, defaults in `policy/defaults.py`, sources in regulation.md)."""

    EMERGENCY = "emergency", "Emergency"
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"
    PLANNED = "planned", "Planned"


class Trade(models.TextChoices):
    """The trade a job (or a Schedule of Rates code) calls for. A landlord's schedule names
    its trades in its own words; a load maps them to these by value or label."""

    GENERAL = "general", "General building (multi-trade)"
    BRICKWORK = "brickwork", "Brickwork and pointing"
    CARPENTRY = "carpentry", "Carpentry and joinery"
    DAMP_MOULD = "damp_mould", "Damp and mould treatment"
    DOOR_ENTRY = "door_entry", "Door entry and security"
    DRAINAGE = "drainage", "Drainage"
    ELECTRICAL = "electrical", "Electrical"
    GLAZING = "glazing", "Glazing"
    GROUNDS = "grounds", "Grounds maintenance"
    HEATING = "heating", "Gas and heating"
    LIFTS = "lifts", "Lifts"
    PAINTING = "painting", "Painting and decorating"
    PEST_CONTROL = "pest_control", "Pest control"
    PLASTERING = "plastering", "Plastering"
    PLUMBING = "plumbing", "Plumbing"
    ROOFING = "roofing", "Roofing and gutters"
    OTHER = "other", "Other"


class Purpose(models.TextChoices):
    """Why works were raised (the chronology format's `works.raised.purpose`): Awaab's Law
    clocks treat safety work and further work differently from an ordinary repair."""

    REPAIR = "repair", "Repair"
    SAFETY = "safety", "Make safe (relevant safety work)"
    FURTHER = "further", "Further (preventative) work"


class JobStatus(models.TextChoices):
    """Where a job stands, projected from its events (`projections.job_status`)."""

    RAISED = "raised", "Raised"
    COMPLETED = "completed", "Reported completed"
    VERIFIED = "verified", "Completed and verified"
    NOT_DONE = "not_done", "Found not done"

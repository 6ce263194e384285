"""The history table and the streams that chain it.

`Event` rows are never updated or deleted: the model refuses, its queryset refuses, and a
database trigger refuses (migration 0002), on PostgreSQL and SQLite alike. A correction is a
new event whose `supersedes` points at the one it corrects.

Every event belongs to one `Stream`: its household's, or for a case with no household (a
communal repair to a block) its property's. Within a stream events are numbered (`seq`) and
hash-chained (`prev_hash` -> `hash`). The stream row is the chain's head: it is locked while an
event is appended, so two writers cannot fork a chain.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from doorstep.core.models import APPEND_ONLY, AppendOnlyModel

__all__ = ["APPEND_ONLY", "Channel", "Event", "Precision", "Stream"]


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    VISIT = "visit", "Visit"
    PORTAL = "portal", "Portal"
    IN_PERSON = "in_person", "In person"
    INTERNAL = "internal", "Internal"
    API = "api", "API"
    IMPORT = "import", "Imported record"


class Precision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"
    TIME = "time", "Date and time"


class Stream(models.Model):
    """The head of one hash chain: a household's history, or a property's where no household."""

    key = models.CharField(max_length=40, unique=True)
    household = models.OneToOneField(
        "residents.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stream",
    )
    property = models.OneToOneField(
        "properties.Property",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stream",
    )
    length = models.PositiveIntegerField(default=0)
    head_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return self.key


class Event(AppendOnlyModel):
    """One dated, attributed thing that happened, as the landlord recorded it.

    `occurred_*` is when it happened in the world, with the precision the source gives;
    `recorded_at` is when Doorstep was told. `actor_name` is copied at write time so the record
    still names the person after their account is gone.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stream = models.ForeignKey(Stream, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=64, db_index=True)
    occurred_text = models.CharField(max_length=40)
    occurred_precision = models.CharField(max_length=8, choices=Precision.choices)
    occurred_earliest = models.DateTimeField()
    occurred_latest = models.DateTimeField()
    recorded_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(max_length=200)
    by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who did it in the world (the landlord, a resident, a contractor), "
        "where that is not the person recording it.",
    )
    channel = models.CharField(max_length=12, choices=Channel.choices)
    summary = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict)
    household = models.ForeignKey(
        "residents.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    property = models.ForeignKey(
        "properties.Property",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    source_id = models.CharField(
        max_length=100, blank=True, help_text="The event's id in an imported chronology."
    )
    batch = models.UUIDField(
        null=True, blank=True, help_text="The request or import that wrote this event."
    )
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["occurred_earliest", "id"]
        constraints = [
            models.UniqueConstraint(fields=["stream", "seq"], name="timeline_event_stream_seq"),
        ]
        indexes = [
            models.Index(fields=["case", "occurred_earliest"], name="timeline_case_when"),
            models.Index(fields=["household", "occurred_earliest"], name="timeline_household_when"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.occurred_text})"

"""Documents. Stored once, never replaced or deleted; the checksum proves it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import AppendOnlyModel
from doorstep.documents.choices import DocumentType


class Document(AppendOnlyModel):
    """A file the landlord holds about a household or case: the surveyor's report the
    Ombudsman asked for, a photo of mould, a GP's letter. Kept outside the web root and served
    only through a permission-checked view. `sha256` is over the stored bytes."""

    reference = models.CharField(max_length=30, unique=True)
    doc_type = models.CharField(max_length=20, choices=DocumentType.choices)
    title = models.CharField(max_length=300)
    household = models.ForeignKey(
        "residents.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    property = models.ForeignKey(
        "properties.Property", on_delete=models.PROTECT, related_name="documents"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_path = models.CharField(max_length=255, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by_name = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField()
    dated = models.DateField(null=True, blank=True, help_text="The document's own date")

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

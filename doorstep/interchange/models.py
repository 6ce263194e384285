"""Which Doorstep record each reference of an imported chronology became."""

from __future__ import annotations

from django.db import models

from doorstep.core.models import AppendOnlyModel


class RefKind(models.TextChoices):
    PROPERTY = "property", "Property"
    PERSON = "person", "Person"
    TENANCY = "tenancy", "Tenancy"
    CASE = "case", "Case"
    EVENT = "event", "Event"
    POLICY = "policy", "Policy value"


class ExternalRef(AppendOnlyModel):
    """One reference of an imported chronology (`P1`, `R1`, `T1`, `C2`, event `e17`, a policy
    key) and the Doorstep record it became, under a scheme naming whose references they are
    (`chronology:<landlord name>`).

    It is what makes an import idempotent (a reference already on record is not imported
    twice), and what lets an export speak the landlord's references again. `record` keeps
    what the file said that Doorstep's own columns cannot hold (a person's role, a date given
    only to the month, which optional members the file left out); `digest` fingerprints the
    whole entry, so a later file that says something different under the same reference is
    refused rather than silently ignored. Append-only: a mapping, once made, is never changed.
    """

    scheme = models.CharField(max_length=100)
    kind = models.CharField(max_length=8, choices=RefKind.choices)
    ref = models.CharField(max_length=100)
    property = models.ForeignKey(
        "properties.Property",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_refs",
    )
    person = models.ForeignKey(
        "residents.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_refs",
    )
    household = models.ForeignKey(
        "residents.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_refs",
        help_text="For a tenancy: the household Doorstep opened for it.",
    )
    tenancy = models.ForeignKey(
        "residents.Tenancy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_refs",
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="external_refs"
    )
    event = models.ForeignKey(
        "timeline.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_refs",
    )
    policy_override = models.ForeignKey(
        "policy.PolicyOverride",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_refs",
    )
    record = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the file said that Doorstep's columns do not hold.",
    )
    digest = models.CharField(max_length=64, help_text="sha256 of the entry as the file gave it")
    batch = models.UUIDField(help_text="The import that made this mapping.")
    source_name = models.CharField(max_length=200, help_text="The file it came from.")
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["scheme", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "kind", "ref"], name="interchange_externalref_once"
            ),
        ]
        indexes = [models.Index(fields=["batch"], name="interchange_ref_batch")]

    def __str__(self) -> str:
        return f"{self.scheme} {self.kind} {self.ref}"

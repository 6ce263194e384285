"""Properties, keyed on the UPRN where it is known."""

from __future__ import annotations

from django.db import models

from doorstep.properties.choices import PropertyKind


class Property(models.Model):
    """A place the landlord manages: a home, or a building or area that contains homes.

    The Unique Property Reference Number (UPRN, from OS AddressBase) identifies it nationally;
    many landlords' records lack it, so "UPRN unknown" (null) is allowed and the landlord's own
    references are kept as aliases. `part_of` builds the hierarchy estate > block > flat, so a
    repair to a block's communal door is visible to every household in the block.
    """

    reference = models.CharField(max_length=30, unique=True)
    uprn = models.BigIntegerField(null=True, blank=True, unique=True)
    kind = models.CharField(max_length=16, choices=PropertyKind.choices)
    name = models.CharField(max_length=200, blank=True, help_text="e.g. 'Elm Court'")
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    bedrooms = models.PositiveSmallIntegerField(null=True, blank=True)
    part_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "properties"
        ordering = ["reference"]
        indexes = [models.Index(fields=["postcode"], name="property_postcode")]

    def __str__(self) -> str:
        return self.address

    @property
    def address(self) -> str:
        return ", ".join(
            p for p in (self.address_line_1, self.address_line_2, self.town, self.postcode) if p
        )

    @property
    def uprn_known(self) -> bool:
        return self.uprn is not None


class PropertyAlias(models.Model):
    """Another system's reference for the same property (the landlord's housing system, a
    contractor's, a previous landlord's), kept so records that use it still resolve."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="aliases")
    scheme = models.CharField(max_length=50, help_text="Whose reference: e.g. 'housing-system'")
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="property_alias_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"

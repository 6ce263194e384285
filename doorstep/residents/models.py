"""People, households and tenancies.

These tables are the current state. Each change is also an event on the household's
timeline (see `services.py`), so the history of who lived there, and when they consented to
what, is never lost.
"""

from __future__ import annotations

from django.db import models

from doorstep.residents.choices import (
    AdjustmentKind,
    ContactChannel,
    Relationship,
    Tenure,
    ThirdPartyScope,
)


class Person(models.Model):
    """Anyone the landlord deals with: a tenant, a household member, or a third party such as
    a support worker or health visitor."""

    reference = models.CharField(max_length=30, unique=True)
    full_name = models.CharField(max_length=200)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    organisation = models.CharField(
        max_length=200,
        blank=True,
        help_text="For a third party: e.g. 'community mental health team'",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Household(models.Model):
    """The people who live together in one home: the unit a landlord's history is kept by."""

    reference = models.CharField(max_length=30, unique=True)
    property = models.ForeignKey(
        "properties.Property", on_delete=models.PROTECT, related_name="households"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="household_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.household}"


class Tenancy(models.Model):
    """A tenancy of one home: tenure, dates and rent. `start` and `end` may be unknown."""

    reference = models.CharField(max_length=30, unique=True)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="tenancies")
    property = models.ForeignKey(
        "properties.Property", on_delete=models.PROTECT, related_name="tenancies"
    )
    tenants = models.ManyToManyField(Person, related_name="tenancies")
    tenure = models.CharField(max_length=20, choices=Tenure.choices, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    rent_weekly = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name_plural = "tenancies"
        ordering = ["-start"]

    def __str__(self) -> str:
        return self.reference


class ContactPreference(models.Model):
    """How a person wants to be contacted."""

    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="contact_preference"
    )
    channel = models.CharField(max_length=10, choices=ContactChannel.choices)
    language = models.CharField(max_length=50, blank=True, default="English")
    notes = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"{self.person}: {self.get_channel_display()}"


class ReasonableAdjustment(models.Model):
    """A change the landlord makes so a person can use its services (Equality Act 2010 s.20)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="adjustments")
    kind = models.CharField(max_length=20, choices=AdjustmentKind.choices)
    detail = models.CharField(max_length=500, blank=True)
    recorded_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.get_kind_display()


class ThirdPartyAuthority(models.Model):
    """A resident's consent for a third party (a support worker, a health visitor, a relative)
    to act or be spoken to for the household, within a scope. Withdrawal ends it; the record of
    the consent is kept."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="third_parties")
    third_party = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="authorities")
    consent_given_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    relationship = models.CharField(max_length=100, help_text="e.g. 'support worker'")
    scope = models.JSONField(default=list, help_text="ThirdPartyScope values")
    consent_given_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "third party authorities"

    def __str__(self) -> str:
        return f"{self.third_party} ({self.relationship})"

    def scope_labels(self) -> list[str]:
        return [ThirdPartyScope(s).label for s in self.scope]

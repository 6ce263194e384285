"""The permission on the tenancy record: what a tenant asked permission for and what the
landlord decided, one row per permission case.

The record of a permission is its events (`permission.requested`, `permission.decided`) on the
case's timeline. `TenancyPermission` is what those events say now, kept as a row so the
permissions list, the household page, the pet check and the API are quick. Every field is a
projection, rebuilt from the events by one function (`projections.permit_project`), called in
the same transaction as the events; nothing here decides anything. (The model is not called
`Permission`: that is Django's word for what a role may do.)
"""

from __future__ import annotations

from django.db import models

from doorstep.permits.choices import IN_FORCE, PermitStatus, Subject


class TenancyPermission(models.Model):
    """One request for permission and its decision: the household (and its tenancy at the
    time), the subject and the tenant's words, the animal or alteration, the decision with its
    conditions or reason, the review date, and any withdrawal."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="permit")
    household = models.ForeignKey(
        "residents.Household", on_delete=models.PROTECT, related_name="permits"
    )
    tenancy = models.ForeignKey(
        "residents.Tenancy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="permits",
        help_text="The household's tenancy when the permission was asked for, where on record",
    )
    requested_event = models.ForeignKey(
        "timeline.Event", null=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(help_text="When the tenant asked")
    subject = models.CharField(max_length=12, choices=Subject.choices)
    detail = models.TextField(blank=True, help_text="What the tenant asked for, in their words")
    pet_species = models.CharField(max_length=60, blank=True)
    pet_number = models.PositiveSmallIntegerField(null=True, blank=True)
    pet_description = models.CharField(max_length=200, blank=True)
    alteration_what = models.TextField(blank=True)
    alteration_where = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=24, choices=PermitStatus.choices)
    outcome = models.CharField(
        max_length=200, blank=True, help_text="The decision's outcome, in the record's words"
    )
    conditions = models.JSONField(default=list, help_text="The conditions of the permission")
    reason = models.TextField(blank=True, help_text="The reason given for the decision")
    decided_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_on", "pk"]
        permissions = [
            ("request_permit", "Can record a tenant's request for permission (opens a case)"),
            ("decide_permit", "Can decide a request for permission and withdraw one granted"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_subject_display()} ({self.get_status_display()})"

    @property
    def pending(self) -> bool:
        return self.status == PermitStatus.PENDING

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def what(self) -> str:
        """'1 dog (small terrier)', the alteration, or the tenant's words."""
        if self.subject == Subject.PET and self.pet_species:
            number = self.pet_number if self.pet_number is not None else 1
            species = self.pet_species if number == 1 else f"{self.pet_species}s"
            described = f" ({self.pet_description})" if self.pet_description else ""
            return f"{number} {species}{described}"
        if self.subject == Subject.ALTERATION and self.alteration_what:
            where = f" ({self.alteration_where})" if self.alteration_where else ""
            return f"{self.alteration_what}{where}"
        return self.detail

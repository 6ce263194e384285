"""The vulnerability register and the log of who read its detail."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import AppendOnlyModel
from doorstep.vulnerabilities.choices import HDS_PERSON_ALERT, Category, Source


class Vulnerability(models.Model):
    """Something about a person that should change how the landlord treats them: a disability,
    a pregnancy, a baby in the home, a mental health condition.

    Special category data (UK GDPR Art. 9): `detail` is read only through
    `selectors.vulnerability_detail`, which logs every read. That a vulnerability exists, and
    its category, is shown to everyone working a case so they can act on it.
    The dates matter to the Ombudsman: when the landlord learned it (`learned_on`, as precisely
    as known) and when it entered this register (`recorded_on`) can differ by years.
    """

    person = models.ForeignKey(
        "residents.Person", on_delete=models.PROTECT, related_name="vulnerabilities"
    )
    household = models.ForeignKey(
        "residents.Household", on_delete=models.PROTECT, related_name="vulnerabilities"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    detail = models.TextField(blank=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    source_detail = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'health visitor', 'support worker'"
    )
    learned_text = models.CharField(max_length=40, help_text="As precisely as known: 2021-03")
    learned_on = models.DateField(help_text="The latest date the landlord can have learned it")
    recorded_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    consent_to_record = models.BooleanField(
        help_text="The person (or someone able to consent for them) agreed to it being recorded"
    )
    ended_on = models.DateField(null=True, blank=True)
    ended_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "vulnerabilities"
        permissions = [
            (
                "view_vulnerability_detail",
                "Can read the detail of a vulnerability (special category data)",
            ),
        ]
        ordering = ["recorded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.person})"

    @property
    def hds_alert(self) -> str | None:
        return HDS_PERSON_ALERT.get(self.category)

    @property
    def active(self) -> bool:
        return self.ended_on is None


class SpecialCategoryAccess(AppendOnlyModel):
    """One read of special category detail: who, when, about whom, from which page or call."""

    at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    user_name = models.CharField(max_length=200)
    person = models.ForeignKey("residents.Person", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=200, help_text="The page or API call")

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_name} read {self.person} at {self.at:%Y-%m-%d %H:%M}"

"""The words of a Housing Ombudsman referral: the outcomes the Scheme allows a determination to
find, the topics landlords' determinations commonly cover, and the deadlines the Ombudsman
gives its orders.

Source: Housing Ombudsman Scheme, paragraph 52 (the findings open to the Ombudsman) and
paragraph 42 (matters outside its jurisdiction); the deadlines are those of the orders in the
seed determinations (202109189 Bromford: 28 days and 6 weeks; 202208650 Clarion: 4 and 8 weeks),
always counted from the date of the determination.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """A finding of the determination on one topic (Scheme, paragraph 52; paragraph 42)."""

    SEVERE_MALADMINISTRATION = "severe maladministration", _("Severe maladministration")
    MALADMINISTRATION = "maladministration", _("Maladministration")
    SERVICE_FAILURE = "service failure", _("Service failure")
    REASONABLE_REDRESS = "reasonable redress", _("Reasonable redress")
    NO_MALADMINISTRATION = "no maladministration", _("No maladministration")
    OUTSIDE_JURISDICTION = "outside jurisdiction", _("Outside jurisdiction")


class Period(models.TextChoices):
    """The deadline of an order, counted in calendar days from the determination's date."""

    DAYS_28 = "28_days", _("28 days")
    WEEKS_4 = "4_weeks", _("4 weeks")
    WEEKS_6 = "6_weeks", _("6 weeks")
    WEEKS_8 = "8_weeks", _("8 weeks")


PERIOD_DAYS: dict[str, int] = {
    Period.DAYS_28: 28,
    Period.WEEKS_4: 4 * 7,
    Period.WEEKS_6: 6 * 7,
    Period.WEEKS_8: 8 * 7,
}

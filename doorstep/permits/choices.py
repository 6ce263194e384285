"""The words of permissions: what a tenant asks permission for, and where a request stands.

The values are the chronology format's (`permission.requested` subject) and Doorstep's own
outcomes of a `permission.decided` (`clocks.permits`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from doorstep.clocks import permits as rules


class Subject(models.TextChoices):
    PET = "pet", _("Keep a pet")
    ALTERATION = "alteration", _("Make an alteration to the home")
    OTHER = "other", _("Something else")


class Outcome(models.TextChoices):
    """What an officer may decide on a request."""

    GRANTED = rules.GRANTED, _("Granted")
    GRANTED_WITH_CONDITIONS = rules.GRANTED_WITH_CONDITIONS, _("Granted with conditions")
    REFUSED = rules.REFUSED, _("Refused")


class PermitStatus(models.TextChoices):
    """Where a request stands, projected from its events."""

    PENDING = rules.PENDING, _("Waiting for a decision")
    GRANTED = rules.GRANTED, _("Granted")
    GRANTED_WITH_CONDITIONS = rules.GRANTED_WITH_CONDITIONS, _("Granted with conditions")
    REFUSED = rules.REFUSED, _("Refused")
    WITHDRAWN = rules.WITHDRAWN, _("Withdrawn")
    DECIDED = rules.DECIDED_OTHERWISE, _("Decided (outcome in the record's own words)")


IN_FORCE = (PermitStatus.GRANTED, PermitStatus.GRANTED_WITH_CONDITIONS)

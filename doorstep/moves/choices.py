"""The words of management moves: the grounds a resident asks to move on, where a request
stands, the decisions a landlord makes, the other routes to a move it may offer, and where a
piece of evidence came from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from doorstep.clocks import moves as rule


class Ground(models.TextChoices):
    """Why the resident asks to move, each a kind of supporting evidence the landlord may ask
    for."""

    MEDICAL = "medical", _("Medical (physical or mental health)")
    ASB = "asb", _("Anti-social behaviour")
    POLICE = "police", _("Police involvement (crime, threats, violence)")
    SUPPORT_WORKER = "support_worker", _("A support worker's advice")
    OTHER = "other", _("Another reason (explain it)")


class MoveStatus(models.TextChoices):
    """Where a request stands, as `clocks.moves` reads its events."""

    AWAITING_DECISION = rule.AWAITING_DECISION, _("Waiting for a decision")
    AWAITING_EVIDENCE = rule.AWAITING_EVIDENCE, _("Waiting for evidence")
    AT_PANEL = rule.AT_PANEL, _("Referred to the panel")
    APPROVED = rule.APPROVED, _("Approved")
    DECLINED = rule.DECLINED, _("Declined")


OPEN_STATUSES = (MoveStatus.AWAITING_DECISION, MoveStatus.AWAITING_EVIDENCE, MoveStatus.AT_PANEL)


class Outcome(models.TextChoices):
    """A decision on a request (the format's `transfer.decided` outcomes)."""

    APPROVED = "approved", _("Approved: the household will be moved")
    DECLINED = "declined", _("Declined")
    PANEL_REFERRED = "panel_referred", _("Referred to the panel")


FINAL_OUTCOMES = (Outcome.APPROVED, Outcome.DECLINED)


class Route(models.TextChoices):
    """Other routes to a move the landlord may offer."""

    MUTUAL_EXCHANGE = "mutual_exchange", _("Mutual exchange (e.g. HomeSwapper)")
    HOUSING_REGISTER = "housing_register", _("The council's housing register")
    OTHER = "other", _("Another route (say which in the support given)")


class Standing(models.TextChoices):
    """Where a piece of evidence came from, as the record stood when it was received."""

    AUTHORISED = "authorised_third_party", _("An authorised third party of the household")
    HOUSEHOLD = "household", _("A member of the household")
    NOT_AUTHORISED = "not_authorised", _("Not from an authorised source")


# A source whose evidence counts: the household itself, or a third party it authorised.
COUNTS = (Standing.AUTHORISED, Standing.HOUSEHOLD)

"""The words of anti-social behaviour cases: what was reported, where a case stands, the
actions a landlord takes, how the reporter was updated, and the risk matrix's answers in a
housing officer's words. The rules (delays, declines, the matrix, the case review) are
`doorstep.clocks.asb`'s."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from doorstep.clocks.asb import DECLINE_REASONS, RISK_FACTORS, RISK_QUESTIONS


class Category(models.TextChoices):
    """What was reported (the chronology format's categories)."""

    NOISE = "noise", _("Noise")
    DRUGS = "drugs", _("Drugs (dealing or use)")
    FLY_TIPPING = "fly_tipping", _("Fly-tipping or rubbish")
    HARASSMENT = "harassment", _("Harassment or intimidation")
    VIOLENCE = "violence", _("Violence")
    THREATS = "threats", _("Threats")
    PETS = "pets", _("Pets or animals")
    HATE = "hate", _("Hate incident")
    OTHER = "other", _("Something else")


class AsbStatus(models.TextChoices):
    """Where an ASB case stands, projected from its events."""

    REPORTED = "reported", _("Reported: not yet opened or declined")
    OPEN = "open", _("Open")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


LIVE_STATUSES = (AsbStatus.REPORTED, AsbStatus.OPEN)


class ActionType(models.TextChoices):
    """The actions and interventions of an action plan (the chronology format's types)."""

    LETTER = "letter", _("Letter")
    VISIT = "visit", _("Visit")
    INTERVIEW = "interview", _("Interview")
    WARNING = "warning", _("Warning")
    ABA = "acceptable_behaviour_agreement", _("Acceptable behaviour agreement")
    MEDIATION = "mediation", _("Mediation")
    REFERRAL = "referral", _("Referral to another agency")
    INJUNCTION = "injunction", _("Injunction")
    NOTICE = "notice", _("Notice (of seeking possession or other)")


class Agency(models.TextChoices):
    """Who a referral goes to."""

    POLICE = "police", _("The police")
    LOCAL_AUTHORITY = "local_authority", _("The local authority")
    OTHER = "other", _("Another agency (name it)")


class ReporterUpdated(models.TextChoices):
    """How the reporter was updated at a review."""

    MESSAGE = "message", _("Sent a message through Doorstep (email or text)")
    PHONE = "phone", _("Told by phone")
    IN_PERSON = "in_person", _("Told in person")


class ClosingTold(models.TextChoices):
    """How the reporter was told the case is closed."""

    MESSAGE = "message", _("Send a message through Doorstep (email or text)")
    NOT_TOLD = "not_told", _("The reporter is not told (give the reason)")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


DECLINE_CHOICES = [(code, words[0].upper() + words[1:]) for code, words in DECLINE_REASONS.items()]

# The matrix's answers in words, in the order of `RISK_FACTORS`.
ANSWER_WORDS = {
    "vulnerability": {
        "none": _("None known"),
        "some": _("Some"),
        "significant": _("Significant"),
    },
    "repeat_victimisation": {
        "first": _("First time"),
        "repeated": _("Targeted before"),
        "persistent": _("Targeted persistently"),
    },
    "impact": {"low": _("Low"), "moderate": _("Moderate"), "severe": _("Severe")},
    "hate_motivated": {"no": _("No"), "yes": _("Yes")},
}


def answer_choices(factor: str) -> list[tuple[str, str]]:
    return [(a, str(ANSWER_WORDS[factor].get(a, a))) for a in RISK_FACTORS[factor]]


QUESTIONS = RISK_QUESTIONS

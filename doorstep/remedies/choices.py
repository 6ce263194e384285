"""The words of remedies: what a component (and an offer) is, and how it is paid."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RemedyKind(models.TextChoices):
    """What money is: compensation for a failure, goodwill, or the resident's own money back.
    A refund (rent credit, an overpayment) is never compensation (Housing Ombudsman, Bromford
    202109189, complaint handling 6)."""

    COMPENSATION = "compensation", _("Compensation")
    GOODWILL = "goodwill", _("Goodwill payment")
    REFUND = "refund", _("Refund of the resident's own money")


class Method(models.TextChoices):
    """How it is paid. Directly to the resident unless she asks for the rent account
    (Bromford 202109189, orders)."""

    DIRECT = "direct", _("Directly to the resident")
    RENT_ACCOUNT = "rent_account", _("To the rent account")
    RENT_ACCOUNT_IF_ARREARS = (
        "rent_account_if_arrears",
        _("Against any arrears on the rent account"),
    )


OFFSET_METHODS = frozenset({Method.RENT_ACCOUNT, Method.RENT_ACCOUNT_IF_ARREARS})

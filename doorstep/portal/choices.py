"""The portal's choices."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    REPRESENTATIVE = "representative", _("Representative")


class KeyKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation from the landlord")
    REGISTRATION = "registration", _("Code to register")

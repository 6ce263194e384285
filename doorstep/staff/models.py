"""The people who use Doorstep, and how they are grouped."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

# A resident's sign-in name (the residents' portal) starts with this; a staff one never does
# (`services.staff_create` refuses it), so a resident is known from the user alone.
RESIDENT_PREFIX = "portal:"


class Team(models.Model):
    """A team that owns cases: repairs, complaints, neighbourhoods, ASB..."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class Contractor(models.Model):
    """A firm that does work for the landlord. Its staff see only its own jobs."""

    name = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in to Doorstep. Their role is a Django group (see `roles.py`)."""

    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    contractor = models.ForeignKey(
        Contractor, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )

    def role_names(self) -> list[str]:
        return sorted(g.name for g in self.groups.all())


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

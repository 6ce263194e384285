"""Residents' ways into the portal: an account each, and the one-time keys that open one.

The portal keeps no record of its own. What a resident does through it (a repair reported, a
complaint made) is written by the same services, as the same events, as a member of staff's
would be; these tables hold only who may sign in, for which household, and the keys that
opened an account. An account opened or closed, and an invitation sent, are on the
household's timeline as well (`events.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.portal.choices import AccountKind, KeyKind
from doorstep.staff.models import RESIDENT_PREFIX

# A resident's sign-in name is the email address or mobile number the key went to, under this
# prefix: a staff username never starts with it (staff services refuse one that does), so
# the portal's boundary knows a resident from the user alone, without a query.
USERNAME_PREFIX = RESIDENT_PREFIX


class PortalAccount(models.Model):
    """One sign-in for one person, to one household's part of the record."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="portal_account"
    )
    household = models.ForeignKey(
        "residents.Household", on_delete=models.PROTECT, related_name="portal_accounts"
    )
    person = models.ForeignKey(
        "residents.Person", on_delete=models.PROTECT, related_name="portal_accounts"
    )
    kind = models.CharField(max_length=20, choices=AccountKind.choices)
    authority = models.ForeignKey(
        "residents.ThirdPartyAuthority",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portal_accounts",
        help_text="For a representative: the consent the resident gave, and its scope.",
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [
            ("invite_portalaccount", "Can invite a resident to the portal"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()}) for {self.household}"


class PortalKey(models.Model):
    """A one-time key that opens an account: an invitation link from staff, or a code sent to
    register. Only its SHA-256 is kept; it works once, until it expires, and a code is
    refused after too many wrong tries."""

    kind = models.CharField(max_length=20, choices=KeyKind.choices)
    household = models.ForeignKey(
        "residents.Household", on_delete=models.PROTECT, related_name="portal_keys"
    )
    person = models.ForeignKey("residents.Person", on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=100, unique=True)
    sent_to = models.CharField(max_length=254)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"

"""Two-factor sign-in (TOTP, RFC 6238) for staff: its state in the session, read and written.

A member of staff signs in with a password, then (if they have an authenticator app set up) a
6-digit code from it. Whoever holds a permission to read special category detail must set one
up before anything else, when `DOORSTEP_TWO_FACTOR` is `required` (the default; ADR 21). The
devices and their checks are django-otp's (`TOTPDevice`: RFC 6238 codes, a tolerance of one
step either side, refused replays, a growing delay after each wrong code).

The state is kept in the session from sign-in, so a page costs no query to check it:
`not_needed` (no app and none required), `pending` (a code, or setting an app up, is owed) or
`verified`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY as SESSION_USER_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstep.core.errors import DomainError
from doorstep.staff.models import RESIDENT_PREFIX

SESSION_KEY = "doorstep_two_factor"
NOT_NEEDED, PENDING, VERIFIED = "not_needed", "pending", "verified"
# Whoever may read this must use a second factor (when the policy is `required`).
REQUIRED_FOR = "vulnerabilities.view_vulnerability_detail"
CODE_WRONG = "The code is not right, or has been used: enter the 6 digits your app shows now"
APP_NAME = "Authenticator app"


def is_staff_account(user: Any) -> bool:
    return bool(user.is_authenticated) and not user.get_username().startswith(RESIDENT_PREFIX)


def two_factor_required(user: Any) -> bool:
    return settings.DOORSTEP_TWO_FACTOR == "required" and user.has_perm(REQUIRED_FOR)


def two_factor_device(user: Any) -> TOTPDevice | None:
    """The member of staff's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_state(user: Any) -> str:
    """What a fresh sign-in owes: a code (an app is set up, or one is required) or nothing."""
    if not is_staff_account(user):
        return NOT_NEEDED
    if two_factor_device(user) is not None or two_factor_required(user):
        return PENDING
    return NOT_NEEDED


def two_factor_stamped(sender: object, request: HttpRequest, user: Any, **kwargs: object) -> None:
    """On sign-in (`user_logged_in`): what this session owes."""
    request.session[SESSION_KEY] = two_factor_state(user)


def two_factor_start(*, user: Any) -> TOTPDevice:
    """A new, unconfirmed app for `user` to scan (an earlier unconfirmed one is replaced)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def two_factor_unconfirmed(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def two_factor_verify(*, request: HttpRequest, device: TOTPDevice, code: str) -> None:
    """Check `code` against `device`; on success the session is verified (and an app being
    set up is confirmed) under a new session key. A wrong, reused or throttled code raises
    `DomainError` on `code`. The device's row is locked while it is checked, so two requests
    with the same code cannot both pass, nor parallel guesses dodge the growing wait."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        right = locked.verify_token(code.strip().replace(" ", ""))
        if right and not locked.confirmed:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=locked.user, confirmed=False).delete()
    if not right:  # refused outside the transaction, so the failure's count is kept
        raise DomainError(CODE_WRONG, field="code")
    request.session.cycle_key()
    otp_login(request, locked)
    request.session[SESSION_KEY] = VERIFIED


def two_factor_reset(*, user: Any) -> tuple[int, int]:
    """Remove the member of staff's apps (a lost phone) and end every session they have open
    (a phone lost may be a phone taken, signed in): they sign in again and set up a new app.
    Returns the apps removed and the sessions ended."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    return removed, sessions_end(user=user)


def sessions_end(*, user: Any) -> int:
    """End every unexpired session signed in as `user` (database sessions: each is read to
    find whose it is, as Django keeps no index of them by user)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_USER_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended

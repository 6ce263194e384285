"""Writing staff accounts, roles and API tokens."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from doorstep.core.errors import DomainError
from doorstep.staff.models import RESIDENT_PREFIX, ApiToken, User
from doorstep.staff.roles import ROLE_PERMISSIONS, Role

UNKNOWN_PERMISSION = "Role table names a permission that does not exist: {perm}"
STAFF_NAME_RESERVED = (
    "A staff username cannot start with {prefix!r}: it marks a resident's account."
)


@transaction.atomic
def roles_sync() -> None:
    """Make each role's group hold exactly the permissions the table gives it."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is None:
                raise RuntimeError(UNKNOWN_PERMISSION.format(perm=perm))
            wanted.append(found)
        group.permissions.set(wanted)


@transaction.atomic
def staff_create(
    *,
    username: str,
    password: str,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    **extra: object,
) -> User:
    if username.startswith(RESIDENT_PREFIX):
        raise DomainError(STAFF_NAME_RESERVED.format(prefix=RESIDENT_PREFIX), field="username")
    roles_sync()
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        **extra,
    )
    user.groups.add(Group.objects.get(name=role.value))
    return user


def api_token_create(*, user: User, name: str, at: dt.datetime) -> tuple[ApiToken, str]:
    """A new token for the API. Returns the raw token: it is never shown again."""
    raw = "dst_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.digest(raw), prefix=raw[:8], created_at=at
    )
    return token, raw


def api_token_user(*, raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user

"""Who may reach a page: every view declares it, and a test walks every URL to prove it.

Three kinds of page. A **staff** page needs sign-in and every permission it names
(`core.views.staff_view`); a **resident** page needs a portal account within a consent's scope
(`portal.views.resident_view`); a page for **anyone** (signing in, the health check) says why
it is open (`public_view`). The API's operations declare theirs beside each handler
(`api/auth.py`). `core/tests/test_access.py` fails on any URL pattern that declares none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

V = TypeVar("V", bound=Callable[..., Any])
ATTRIBUTE = "doorstep_access"


@dataclass(frozen=True)
class Access:
    who: Literal["staff", "resident", "anyone"]
    permissions: tuple[str, ...] = ()
    reason: str = ""

    @classmethod
    def for_staff(cls, permissions: tuple[str, ...]) -> Access:
        return cls("staff", permissions=permissions)

    @classmethod
    def for_residents(cls, scope: str) -> Access:
        return cls("resident", reason=scope)

    @classmethod
    def for_anyone(cls, reason: str) -> Access:
        if not reason:
            raise ValueError("A page open to anyone says why.")
        return cls("anyone", reason=reason)


def declare(view: V, access: Access) -> V:
    """Mark `view` with who may reach it. Django's decorators (`require_GET`...) copy the
    mark outwards (functools.wraps), so it may sit anywhere in the stack."""
    setattr(view, ATTRIBUTE, access)
    return view


def public_view(reason: str) -> Callable[[V], V]:
    """A page anyone may open, and why (signing in must be reachable signed out)."""

    def wrap(view: V) -> V:
        return declare(view, Access.for_anyone(reason))

    return wrap


def access_of(view: Callable[..., Any]) -> Access | None:
    found = getattr(view, ATTRIBUTE, None)
    return found if isinstance(found, Access) else None

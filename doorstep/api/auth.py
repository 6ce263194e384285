"""Who is calling, and whether their role allows the operation.

Every operation declares the one permission it needs, where it is defined:

    @router.get("/properties/{reference}", response=PropertyOut,
                auth=requires("properties.view_property"))

`requires` returns the bearer-token check for that permission: no token, or one that is
unknown or revoked, is 401; a valid token whose role lacks the permission is 403, before the
input is even read. `operation_permissions(api)` lists every operation with the permission it
declares, so a test can prove none was left open.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthorizationError
from ninja.operation import Operation
from ninja.security import HttpBearer

from doorstep.api.errors import FORBIDDEN
from doorstep.staff.models import User
from doorstep.staff.services import api_token_user


class BearerToken(HttpBearer):
    """An API token (`staff.services.api_token_create`) whose user holds `permission`."""

    def __init__(self, permission: str) -> None:
        super().__init__()
        self.permission = permission

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(raw=token)
        if user is None:
            return None
        # Kept for the intake log: a refused caller is still a known caller.
        request.api_user = user  # type: ignore[attr-defined]
        if not user.has_perm(self.permission):
            raise AuthorizationError(message=FORBIDDEN.format(permission=self.permission))
        return user


def requires(permission: str) -> BearerToken:
    """The auth for an operation that needs `permission` (`app_label.codename`)."""
    return BearerToken(permission)


def caller(request: HttpRequest) -> User:
    """The authenticated user of an operation (set by `BearerToken`)."""
    return request.auth  # type: ignore[attr-defined]


def operations(api: NinjaAPI) -> dict[str, Operation]:
    """Every operation of `api`, by operation id."""
    return {
        api.get_openapi_operation_id(operation): operation
        for bound in api._get_bound_routers()
        for path_view in bound.path_operations.values()
        for operation in path_view.operations
    }


def permission_of(operation: Operation) -> str | None:
    declared: list[Any] = [a for a in operation.auth_callbacks if isinstance(a, BearerToken)]
    return declared[0].permission if len(declared) == 1 else None


def operation_permissions(api: NinjaAPI) -> dict[str, str | None]:
    """Every operation of `api` (by operation id) and the permission it declares, or None."""
    return {op_id: permission_of(op) for op_id, op in operations(api).items()}

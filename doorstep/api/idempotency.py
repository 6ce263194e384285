"""`Idempotency-Key` on create operations: a retried request does not create twice.

A caller that is unsure whether its request arrived (a timeout, a dropped connection) sends
it again with the same key. If the same user's earlier request with that key was accepted,
the resource that request created is returned again, with the first response's status and
an `Idempotent-Replayed: true` header, and nothing new is written.

How the resource is found: the intake log keeps the first request's `received_at`, and that
moment is the `at` the request's handler passed to its service, so the resource carries it
(`created_at`, `opened_at`, `recorded_at`, `uploaded_at`), with its actor where the model
records one. Each create operation says how to find its own (`replay`). Requests by one user
that carry a key are serialised by locking the user's row, so two retries racing each other
cannot both create.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja.responses import Status

from doorstep.api.auth import caller
from doorstep.api.errors import ApiError
from doorstep.api.intake import body_as_received
from doorstep.api.models import IntakeRecord
from doorstep.api.selectors import intake_first_accepted
from doorstep.staff.models import User

HEADER = "Idempotency-Key"
KEY_TOO_LONG = "An Idempotency-Key is at most 200 characters."
KEY_REUSED = (
    "This Idempotency-Key was already used for a different request ({method} {path}). "
    "Use a new key for a new request."
)
REPLAY_AMBIGUOUS = (
    "The request first sent with this Idempotency-Key was accepted, but what it created "
    "cannot be identified. Check before sending it again with a new key."
)

Replay = Callable[..., Any]


def _same_request(first: IntakeRecord, request: HttpRequest) -> bool:
    if first.method != request.method or first.path != request.get_full_path():
        return False
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/"):
        return True  # each multipart body has its own boundary: compare the target only
    return first.body == body_as_received(request.body, content_type)[0]


def only(found: QuerySet | Any) -> Any:
    """The one resource a replay identified; none or several is a refusal, never a guess."""
    if isinstance(found, QuerySet):
        rows = list(found[:2])
        if len(rows) != 1:
            raise ApiError(409, "idempotency_unresolved", REPLAY_AMBIGUOUS)
        return rows[0]
    return found


def idempotent(replay: Replay) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make a create operation honour `Idempotency-Key`.

    `replay(request, first, **params)`, given the operation's own parameters and the intake
    record `first` of the first accepted request, returns what that request created: an
    object, or a queryset that must hold exactly one.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: HttpRequest, **params: Any) -> Any:
            key = request.headers.get(HEADER, "")
            if not key:
                return view(request, **params)
            if len(key) > 200:
                raise ApiError(422, "invalid", KEY_TOO_LONG, field=f"header.{HEADER}")
            user = caller(request)
            User.objects.select_for_update().filter(pk=user.pk).first()
            first = intake_first_accepted(user=user, key=key)
            if first is None:
                return view(request, **params)
            if not _same_request(first, request):
                raise ApiError(
                    409,
                    "idempotency_key_reused",
                    KEY_REUSED.format(method=first.method, path=first.path),
                    field=f"header.{HEADER}",
                )
            request.idempotent_replay = True  # type: ignore[attr-defined]
            found = only(replay(request, first, **params))
            if isinstance(found, HttpResponse):  # bytes, not a resource (an evidence pack)
                found.status_code = first.status_code
                return found
            return Status(first.status_code, found)

        wrapper.idempotent = True  # type: ignore[attr-defined]
        return wrapper

    return decorate

"""The intake log: every write request to the API is kept, as received, with its outcome.

Applied once to every operation (`api.add_decorator(intake, mode="view")`), outside ninja's
own authentication and validation, so a request refused for a bad token or bad input is kept
with its reasons just as an accepted one is. It is also the edge where the API reads the
clock: `received_at(request)` is the `at` every write passes to its service.

An accepted request's effects and its intake record are written in one transaction. A refused
request's effects (if a service got as far as writing any) are rolled back, and its record is
then written on its own, so the refusal is always kept.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from doorstep.api.errors import envelope
from doorstep.api.services import intake_record_keep

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})
TOO_LARGE = "The request body is larger than Doorstep accepts."
REPLAYED_HEADER = "Idempotent-Replayed"


def received_at(request: HttpRequest) -> dt.datetime:
    """When the request arrived: the one place the API reads the clock. Writes pass it to
    their service as `at`; reads that log an access pass it to the log."""
    moment: dt.datetime | None = getattr(request, "received_at", None)
    if moment is None:
        moment = timezone.now()
        request.received_at = moment  # type: ignore[attr-defined]
    return moment


def body_as_received(raw: bytes, content_type: str) -> tuple[str, str]:
    """The body as text if it is UTF-8 text, else base64 (uploads, binary, NUL bytes)."""
    if not content_type.startswith("multipart/"):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if "\x00" not in text:  # PostgreSQL text cannot hold NUL
                return text, "utf-8"
    return base64.b64encode(raw).decode("ascii"), "base64"


def errors_of(response: HttpResponseBase) -> list[dict[str, str]]:
    """The reasons a refused request was refused, read back from its error envelope."""
    if response.status_code < 400:
        return []
    try:
        error = json.loads(response.content)["error"]  # type: ignore[attr-defined]
    except (ValueError, KeyError, TypeError, AttributeError):
        return [{"field": "", "reason": f"HTTP {response.status_code}"}]
    return list(error["fields"]) or [{"field": "", "reason": error["message"]}]


def _keep(request: HttpRequest, raw: bytes, response: HttpResponseBase) -> None:
    content_type = request.META.get("CONTENT_TYPE", "")
    body, encoding = body_as_received(raw, content_type)
    intake_record_keep(
        received_at=received_at(request),
        request_id=getattr(request, "request_id", None),
        method=request.method or "",
        path=request.get_full_path(),
        content_type=content_type,
        body=body,
        body_encoding=encoding,
        user=getattr(request, "auth", None) or getattr(request, "api_user", None),
        idempotency_key=request.headers.get("Idempotency-Key", ""),
        status_code=response.status_code,
        errors=errors_of(response),
    )


# A JSON string holding the NUL character (\u0000): no database text can keep it.
NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
NUL_REFUSED = (
    "The body holds the NUL character (\\u0000) in a text, which Doorstep cannot keep. "
    "Remove it and send the request again."
)


def intake(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap an operation's `run` so every write request is kept in the intake log."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in WRITE_METHODS:
            return run(request, *args, **kwargs)
        received_at(request)
        try:
            raw = request.body  # read first: ninja's multipart parsing would consume it
        except RequestDataTooBig:
            response: HttpResponseBase = JsonResponse(envelope("too_large", TOO_LARGE), status=413)
            _keep(request, b"", response)
            return response
        if (request.content_type or "").endswith("json") and NUL_ESCAPE.search(raw):
            response = JsonResponse(
                envelope("invalid", NUL_REFUSED, [{"field": "body", "reason": NUL_REFUSED}]),
                status=422,
            )
            _keep(request, raw, response)
            return response
        try:
            with transaction.atomic():
                response = run(request, *args, **kwargs)
                if response.status_code < 400:
                    _keep(request, raw, response)
                else:
                    transaction.set_rollback(True)
        except Exception:
            _keep(request, raw, HttpResponse(status=500))
            raise
        if response.status_code >= 400:
            _keep(request, raw, response)
        if getattr(request, "idempotent_replay", False):
            response[REPLAYED_HEADER] = "true"
        return response

    wrapper.intake = True  # type: ignore[attr-defined]
    return wrapper

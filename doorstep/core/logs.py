"""Logging: every line carries the id of the request it belongs to; one line per request.

The request id lives in a context variable set by `RequestIdMiddleware`, so any logger in any
module gets it without being handed the request. The request line names the URL pattern
(`cases/<str:reference>/`), never the path or the query string: a path holds a household's
reference and a search holds a person's name, and logs are not the place for personal data
(docs/security.md). Who made the request is the user's id, never their name.
"""

from __future__ import annotations

import contextvars
import logging
import sys
import time
import traceback
from typing import Any

from django.http import HttpRequest, HttpResponse

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

requests_log = logging.getLogger("doorstep.requests")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (`-` outside a request: a command, the worker)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


def route_of(request: HttpRequest) -> str:
    """The URL pattern the request matched (`cases/<str:reference>/`), or `-` if none did."""
    match = getattr(request, "resolver_match", None)
    return "-" if match is None else f"/{match.route}"


def request_logged(request: HttpRequest, response: HttpResponse, started: float) -> None:
    """The access log's line for one request: no path, no query, no name."""
    user = getattr(request, "user", None)
    fields: dict[str, Any] = {
        "method": request.method,
        "route": route_of(request),
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "user_id": user.pk if user is not None and user.is_authenticated else None,
    }
    api_user = getattr(request, "api_user", None)
    if fields["user_id"] is None and api_user is not None:
        fields["user_id"] = api_user.pk
    level = logging.ERROR if response.status_code >= 500 else logging.INFO
    requests_log.log(
        level,
        "%s %s %s",
        fields["method"],
        fields["route"],
        fields["status"],
        extra=fields,
    )


def exception_logged(sender: object, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """An unhandled error (Django's `got_request_exception`: a 500, from a view or a
    middleware), by URL pattern, with its traceback's frames but not its message: a database
    error's message can quote the values it refused (a person's email address)."""
    error = sys.exc_info()[1]
    if error is None:
        return
    frames = "".join(traceback.format_tb(error.__traceback__))
    method = request.method if request is not None else "-"
    route = route_of(request) if request is not None else "-"
    requests_log.error(
        "Unhandled %s on %s %s",
        type(error).__name__,
        method,
        route,
        extra={"route": route, "method": method, "traceback": frames},
    )

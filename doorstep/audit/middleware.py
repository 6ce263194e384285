"""Records each refused request by a known person (`services.refusal_record`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from doorstep.audit.services import refusal_record
from doorstep.core.logs import route_of

REFUSED = (403, 404)
SECRET = {"token"}
log = logging.getLogger("doorstep.requests")


class RefusalLog:
    """After the response: a 403, or a 404 on a URL that matched a page (a record asked for
    by its reference and not given), by a signed-in person or a known API token. Strangers are
    sent to sign in; a URL that matches no page names no record."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code not in REFUSED:
            return response
        user, via = _who(request)
        if user is None:
            return response
        # A gate (two-factor, the portal's boundary) refuses before the URL is resolved.
        match = getattr(request, "resolver_match", None)
        if match is None:
            try:
                match = request.resolver_match = resolve(request.path_info)
            except Resolver404:
                return response  # no page: no record named
        try:
            refusal_record(
                user=user,
                via=via,
                status=response.status_code,
                method=request.method or "",
                route=route_of(request),
                # A secret in a URL (an invitation's token) is never kept.
                asked_for={k: v for k, v in match.kwargs.items() if k not in SECRET},
                request_id=getattr(request, "request_id", None),
                at=timezone.now(),
            )
        except DatabaseError:
            # The refusal stands whether or not it could be kept; say so in the log.
            log.exception(
                "The refusal of %s %s could not be kept", request.method, route_of(request)
            )
        return response


def _who(request: HttpRequest) -> tuple[Any, str]:
    """Who asked, and through which door: an API call is its token's user, whatever session
    the browser also holds; a page is the signed-in person's."""
    api_user = getattr(request, "api_user", None)
    if request.path.startswith("/api/"):
        return api_user, "api"
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, ""
    return user, "portal" if request.path.startswith("/portal/") else "page"

"""Request-wide machinery: the request id, the request log and the session's absolute limit."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext_lazy as _

from doorstep.core.logs import request_id_var, request_logged


class RequestIdMiddleware:
    """A request id ties together every event one request writes (NetBox's request_id), and
    every log line; the response carries it (`X-Request-Id`) for a support call to quote."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request.request_id = uuid.uuid4()  # type: ignore[attr-defined]
        token = request_id_var.set(str(request.request_id))  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
            response["X-Request-Id"] = str(request.request_id)  # type: ignore[attr-defined]
            request_logged(request, response, started)
            return response
        finally:
            request_id_var.reset(token)


SIGNED_IN_AT = "doorstep_signed_in_at"
RENEWED_AT = "doorstep_renewed_at"
# A session used within a minute of its last renewal is not written again: an idle limit of
# 30 minutes is then 29 to 30, and a busy page costs no session write.
RENEW_EVERY_SECONDS = 60
SIGNED_OUT = _(
    "You have been signed out: a session lasts no more than %(hours)s hours. Sign in again."
)


def session_stamped(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """On sign-in (`user_logged_in`): the session's start, for its absolute limit."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[RENEWED_AT] = now


class SessionLimitMiddleware:
    """A signed-in session's two limits (ASVS 3.3.2). Idle: the session cookie's age
    (`SESSION_COOKIE_AGE`, 30 minutes), renewed by use at most once a minute. Absolute:
    `DOORSTEP_SESSION_MAX_SECONDS` (12 hours) after sign-in, however busy; then signed out,
    and the page asked for sends them to sign in again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            began = float(session.setdefault(SIGNED_IN_AT, now))
            if now - began > settings.DOORSTEP_SESSION_MAX_SECONDS:
                logout(request)
                hours = settings.DOORSTEP_SESSION_MAX_SECONDS // 3600
                messages.info(request, SIGNED_OUT % {"hours": hours})
            elif now - float(session.get(RENEWED_AT, 0)) >= RENEW_EVERY_SECONDS:
                session[RENEWED_AT] = now  # modified: saved with a new expiry
        return self.get_response(request)


NUL_IN_ADDRESS = (
    "The address holds the NUL character (%00), which no page or record can hold. "
    "Remove it and try again."
)


class NulRefusal:
    """A NUL character in the address (its path or query) is refused as a bad request (400)
    before any page reads it: no database text can hold it (PostgreSQL refuses it outright).
    Bodies are checked where they are read: forms refuse it on the field (Django's
    `ProhibitNullCharactersValidator`), the API's intake keeps and refuses a JSON body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        held = "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        )
        if not held:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            body = {"error": {"code": "bad_request", "message": NUL_IN_ADDRESS, "fields": []}}
            return JsonResponse(body, status=400)
        return HttpResponseBadRequest(NUL_IN_ADDRESS, content_type="text/plain; charset=utf-8")

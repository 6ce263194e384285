"""Records each refused request by a known person (`services.refusal_record`)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from doorstep.audit.services import refusal_record
from doorstep.core.logs import route_of

REFUSED = (403, 404)


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
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        via = "portal" if request.path.startswith("/portal/") else "page"
        if user is None or not user.is_authenticated:
            user, via = getattr(request, "api_user", None), "api"
        if user is None or match is None:
            return response
        refusal_record(
            user=user,
            via=via,
            status=response.status_code,
            method=request.method or "",
            route=route_of(request),
            asked_for=match.kwargs,
            request_id=getattr(request, "request_id", None),
            at=timezone.now(),
        )
        return response

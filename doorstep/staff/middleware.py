"""The second factor's gate: a signed-in member of staff who owes a code (or owes setting an
app up) reaches nothing but the pages that take it, and signing out."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from doorstep.staff.twofactor import (
    PENDING,
    SESSION_KEY,
    is_staff_account,
    two_factor_device,
    two_factor_state,
)

# Open while a code is owed: the pages that take it, signing out, static files, the health
# check; the API authenticates each call with its own token; the portal is residents'.
OPEN = ("/sign-in/", "/sign-out/", "/account/two-factor/", "/static/", "/healthz", "/api/")


class TwoFactorGate:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not is_staff_account(user) or request.path.startswith(OPEN):
            return self.get_response(request)
        state = request.session.get(SESSION_KEY)
        if state is None:  # a session from before two-factor sign-in existed
            state = request.session[SESSION_KEY] = two_factor_state(user)
        if state != PENDING:
            return self.get_response(request)
        where = "staff:two-factor-code" if two_factor_device(user) else "staff:two-factor"
        return redirect(f"{reverse(where)}?{urlencode({'next': request.get_full_path()})}")

"""Signing in and out, and the second factor. Failed sign-ins are counted and throttled by
django-axes (ADR 3); wrong codes by django-otp (ADR 21)."""

from __future__ import annotations

import segno
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from doorstep.core.views import form_step, staff_view
from doorstep.staff.forms import CodeForm, SignInForm
from doorstep.staff.twofactor import (
    SESSION_KEY,
    VERIFIED,
    two_factor_device,
    two_factor_required,
    two_factor_start,
    two_factor_unconfirmed,
    two_factor_verify,
)

SET_UP = _("Your authenticator app is set up. You will be asked for a code each time you sign in.")


class SignInView(LoginView):
    template_name = "staff/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(LogoutView):
    """POST only (Django refuses GET), so a link cannot sign someone out."""


def _next(request: HttpRequest) -> str:
    """Where to go once the code is in: the page first asked for, if it is one of ours."""
    asked = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(asked, {request.get_host()}, request.is_secure())
    return asked if asked and safe else "/"


@require_http_methods(["GET", "POST"])
@staff_view()  # signed in with a password; the code is what this page takes
def two_factor_code(request: HttpRequest) -> HttpResponse:
    device = two_factor_device(request.user)
    if device is None:
        return redirect("staff:two-factor")
    if request.session.get(SESSION_KEY) == VERIFIED:
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    return form_step(
        request,
        form=form,
        act=lambda data: two_factor_verify(request=request, device=device, code=data["code"]),
        done=_("Signed in."),
        then=_next(request),
        template="staff/two_factor_code.html",
        context={"next": _next(request)},
    )


@require_http_methods(["GET", "POST"])
@never_cache  # the page shows the app's secret: no cache may keep it
@staff_view()  # any member of staff may set an app up; some roles must (ADR 21)
def two_factor(request: HttpRequest) -> HttpResponse:
    """The member of staff's second factor: set up (scan, then confirm with a code), or
    shown as set up."""
    if two_factor_device(request.user) is not None:
        return render(
            request,
            "staff/two_factor.html",
            {"set_up": True, "required": two_factor_required(request.user)},
        )
    # The same secret until it is confirmed: a page reloaded after scanning still matches.
    device = two_factor_unconfirmed(request.user) or two_factor_start(user=request.user)
    form = CodeForm(request.POST or None)
    qr = segno.make(device.config_url, error="m")
    return form_step(
        request,
        form=form,
        act=lambda data: two_factor_verify(request=request, device=device, code=data["code"]),
        done=SET_UP,
        then=_next(request),
        template="staff/two_factor.html",
        context={
            "set_up": False,
            "required": two_factor_required(request.user),
            "qr": qr.svg_data_uri(scale=5, dark="#0b0c0c"),
            "secret": _grouped(device.config_url),
            "next": _next(request),
        },
    )


def _grouped(config_url: str) -> str:
    """The secret from the app's URL, in fours, for typing in where a camera cannot be used."""
    secret = config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))

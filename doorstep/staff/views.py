"""Signing in and out. Failed sign-ins are counted and throttled by django-axes (ADR 0003)."""

from __future__ import annotations

from django.contrib.auth.views import LoginView, LogoutView

from doorstep.staff.forms import SignInForm


class SignInView(LoginView):
    template_name = "staff/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(LogoutView):
    """POST only (Django refuses GET), so a link cannot sign someone out."""

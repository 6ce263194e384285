"""Signing in."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm


class SignInForm(AuthenticationForm, GovukForm):
    """Django's own sign-in form (it passes the request to `authenticate`, which django-axes
    needs to count failures), with GOV.UK wording."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        error_messages={"required": _("Enter your username")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("Enter a correct username and password. Both are case-sensitive."),
        "inactive": _("This account has been switched off. Ask your manager to switch it on."),
    }


class CodeForm(GovukForm):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6 digits it shows now"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

"""`form_step`: the one way an action page runs a service and shows its refusal."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm
from doorstep.core.views import form_step


class ReasonForm(GovukForm):
    reason = forms.CharField(required=False)


def _request(method: str, data: dict[str, str] | None = None) -> Any:
    factory = RequestFactory()
    request = factory.post("/x", data or {}) if method == "POST" else factory.get("/x")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _step(request: Any, act: Any) -> Any:
    data = request.POST if request.method == "POST" else None
    return form_step(
        request,
        form=ReasonForm(data),
        act=act,
        done="Recorded.",
        then="/cases/ASB-1/",
        template="core/home.html",
    )


@pytest.mark.django_db
def test_a_valid_post_runs_the_service_and_redirects_with_a_message() -> None:
    seen: list[Any] = []
    request = _request("POST", {"reason": "Threats"})
    response = _step(request, seen.append)
    assert response.status_code == 302 and response["Location"] == "/cases/ASB-1/"
    assert seen == [{"reason": "Threats"}]
    assert [str(m) for m in get_messages(request)] == ["Recorded."]


@pytest.mark.django_db
def test_a_refusal_goes_onto_the_field_it_names_and_nothing_redirects(monkeypatch) -> None:
    captured: dict[str, Any] = {}

    def render(request: Any, template: str, context: dict[str, Any]) -> Any:
        captured.update(context)
        return HttpResponse("form")

    monkeypatch.setattr("doorstep.core.views.render", render)

    def refuse(data: Any) -> None:
        raise DomainError("Give the reason for overriding the delay.", field="reason")

    request = _request("POST", {"reason": ""})
    response = _step(request, refuse)
    assert response.status_code == 200
    assert captured["form"].errors == {"reason": ["Give the reason for overriding the delay."]}
    assert list(get_messages(request)) == []


@pytest.mark.django_db
def test_a_get_shows_the_form_without_running_the_service(monkeypatch) -> None:
    monkeypatch.setattr(
        "doorstep.core.views.render", lambda request, template, context: context["form"]
    )
    ran: list[Any] = []
    form = _step(_request("GET"), ran.append)
    assert ran == [] and not form.is_bound

"""The home page (search) and the health check.

Search is a registry, as NetBox's is: each app registers the sections it can search, with the
permission each needs, from its own `views.py`. The core app never imports the business apps
(see the import-linter contracts in pyproject.toml), so it only knows what registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.views.decorators.http import require_GET

from doorstep.core.access import Access, declare, public_view
from doorstep.core.errors import DomainError
from doorstep.core.forms import GovukForm, SearchForm

Finder = Callable[..., Iterable[Any]]


@dataclass(frozen=True)
class SearchSection:
    """One kind of thing the home page can find, shown to people holding `permission`."""

    key: str
    title: str | Promise
    permission: str
    template: str
    order: int
    find: Finder


SEARCH_SECTIONS: dict[str, SearchSection] = {}


def search_section(
    *, key: str, title: str | Promise, permission: str, template: str, order: int
) -> Callable[[Finder], Finder]:
    """Register `find(*, query, user)` as a section of the home page's search results."""

    def register(find: Finder) -> Finder:
        SEARCH_SECTIONS[key] = SearchSection(key, title, permission, template, order, find)
        return find

    return register


View = Callable[..., HttpResponse]


def actor(request: HttpRequest) -> Model:
    """The signed-in person, as a service names who acted. Pages are sign-in only, so an
    anonymous user here is a wiring mistake: refuse rather than record an anonymous write."""
    if not isinstance(request.user, Model):
        raise PermissionDenied
    return request.user


def staff_view(*permissions: str) -> Callable[[View], View]:
    """Signed in (else to the sign-in page) and holding every permission named (else 403).

    Pages check permissions from `staff/roles.py`, never role names.
    """

    def wrap(view: View) -> View:
        page = login_required(permission_required(list(permissions), raise_exception=True)(view))
        return declare(page, Access.for_staff(permissions))

    return wrap


@require_GET
@staff_view()  # any signed-in member of staff; the sections shown are those their role reads
def home(request: HttpRequest) -> HttpResponse:
    sections = sorted(
        (s for s in SEARCH_SECTIONS.values() if request.user.has_perm(s.permission)),
        key=lambda s: s.order,
    )
    if not sections:
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = [(s, list(s.find(query=query, user=request.user))) for s in sections] if query else []
    return render(
        request,
        "core/home.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "sections": sections,
            "nav": "search",
        },
    )


@require_GET
@public_view("the load balancer's health check: says only that the database answers")
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: the process answers and the database does too. No sign-in."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})


def form_step(
    request: HttpRequest,
    *,
    form: GovukForm,
    act: Callable[[Mapping[str, Any]], Any],
    done: str | Promise | Callable[[Any], str],
    then: str | Callable[[Any], str],
    template: str,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """One step of a case's work as a page: on a valid POST, `act(cleaned_data)` (a service
    call); a `DomainError` it raises goes onto the form, on the field it names; on success a
    message and a redirect to `then`. Otherwise the form (with its errors) in `template`, with
    `form` and `context`. Every app's actions use it, so each behaves the same way. Where the
    message or the next page depend on what the service made (a new case), `done` and `then`
    may be functions of its result."""
    if request.method == "POST" and form.is_valid():
        try:
            made = act(form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, str(done(made) if callable(done) else done))
            return redirect(then(made) if callable(then) else then)
    return render(request, template, {"form": form, **(context or {})})

"""Access by need, proved everywhere: a walk over every URL pattern Doorstep serves.

Every page declares who may reach it (`core/access.py`): staff with named permissions, a
resident or representative within a consent's scope, or anyone, with the reason. Every API
operation declares its permission (`api/auth.py`). The permission matrix
(`test_views_permissions.py`, every role against every staff page) must have a row for every
staff page, testing the permissions the page declares. A new page without any of this fails
here, not in production.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from doorstep.api.api import api
from doorstep.api.auth import operation_permissions
from doorstep.core.access import Access, access_of
from doorstep.core.tests import test_views_permissions as matrix

# ninja's own two views: the API's description (which names every operation and the
# permission each needs, and holds no record) and the page that draws it.
API_DESCRIPTION = {"api:openapi-json", "api:openapi-view"}


def url_patterns() -> Iterator[tuple[str, str, Callable[..., Any]]]:
    """(route, name, view) for every URL pattern, however deeply included."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Any]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                yield prefix + str(pattern.pattern), name, pattern.callback

    yield from walk(get_resolver().url_patterns, "", "")


def _is_api(view: Callable[..., Any]) -> bool:
    """The API's URLs: each operation's view, and ninja's description (partials of its own)."""
    inner = view.func if isinstance(view, partial) else view
    return inner.__module__.startswith("ninja")


def pages() -> dict[str, tuple[str, Access | None]]:
    return {name: (route, access_of(v)) for route, name, v in url_patterns() if not _is_api(v)}


def test_the_walk_finds_every_kind_of_page():
    found = pages()
    assert len(found) > 100
    kinds = {access.who for _, access in found.values() if access is not None}
    assert kinds == {"staff", "resident", "anyone"}
    api_names = {name for _, name, view in url_patterns() if _is_api(view)}
    assert api_names > API_DESCRIPTION


def test_every_page_declares_who_may_reach_it():
    undeclared = sorted(f"/{route} ({name})" for name, (route, a) in pages().items() if a is None)
    assert undeclared == []


def test_every_api_operation_declares_its_permission():
    operations = operation_permissions(api)
    assert len(operations) > 100
    assert sorted(op for op, permission in operations.items() if not permission) == []


def test_a_page_open_to_anyone_is_one_of_a_known_few_and_says_why():
    open_pages = {name: a.reason for name, (_, a) in pages().items() if a and a.who == "anyone"}
    assert set(open_pages) == {
        "core:healthz",
        "worker:health",
        "staff:sign-in",
        "staff:sign-out",
        "portal:sign-in",
        "portal:sign-out",
        "portal:signed-out",
        "portal:register",
        "portal:register-code",
        "portal:invitation",
    }
    assert all(len(reason) > 20 for reason in open_pages.values())


class _Anything:
    """Stands for any world a matrix row's URL is built from: every attribute is itself."""

    def __getattr__(self, name: str) -> _Anything:
        return self

    def __str__(self) -> str:
        return "X"


def _matrix_rows(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """The matrix's rows by the URL name each requests (read by building each row's URL with
    `reverse` recording the name)."""
    asked: list[str] = []

    def recording(name: str, *args: Any, **kwargs: Any) -> str:
        asked.append(name)
        return "/"

    monkeypatch.setattr(matrix, "reverse", recording)
    monkeypatch.setattr(matrix, "_complaint", lambda: "X")
    monkeypatch.setattr(matrix, "_commitment", lambda: 1)
    rows: dict[str, list[Any]] = {}
    for group, value in vars(matrix).items():
        if not (group.endswith("PAGES") and isinstance(value, list)):
            continue
        for row in value:
            asked.clear()
            row.url(_Anything())
            assert len(asked) == 1, f"{group} {row.name}: {asked}"
            rows.setdefault(asked[0], []).append(row)
    return rows


def test_the_permission_matrix_has_a_row_for_every_staff_page(monkeypatch):
    rows = _matrix_rows(monkeypatch)
    staff = {name for name, (_, a) in pages().items() if a and a.who == "staff"}
    assert sorted(staff - set(rows)) == []


def test_each_matrix_row_tests_at_least_the_permissions_its_page_declares(monkeypatch):
    rows = _matrix_rows(monkeypatch)
    found = pages()
    short = [
        f"{row.name}: declares {sorted(found[name][1].permissions)}, "
        f"tests {sorted(row.permissions)}"
        for name, named_rows in rows.items()
        for row in named_rows
        if not set(found[name][1].permissions) <= set(row.permissions)
    ]
    assert short == []


@pytest.mark.django_db
def test_every_residents_page_sends_a_stranger_to_the_portals_sign_in(client):
    resident = [(route, name) for name, (route, a) in pages().items() if a and a.who == "resident"]
    assert len(resident) >= 10
    for route, name in resident:
        url = "/" + route.replace("<str:", "<").replace("<int:", "<")
        url = url.replace("<pk>", "1")
        for placeholder in ("<reference>", "<document>", "<appointment>", "<which>"):
            url = url.replace(placeholder, "X")
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("portal:sign-in") + "?next="), name

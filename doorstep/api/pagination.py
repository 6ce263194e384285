"""Keyset (cursor) pages for the lists that grow with the landlord: every case ever opened, the
registers of homes, households and people.

A limit/offset page counts every row the filter matches and skips `offset` of them, so its
cost grows with the landlord (221 ms for a page of open cases at 20,000 homes, holding a
worker while it counts; docs/performance.md). A keyset page starts where the last one stopped:
`WHERE (opened_at, id) < (the last row's)` down an index, whatever the page's depth, and asks
for one row more than it returns to know whether there is a next page: no count.

Built on django-ninja's own `CursorPagination` (its opaque base64 cursor, `next` and `previous`
links, reversing for the page before), with one change: the position is the whole ordering
key, every field of it, not the first field plus an offset among equal values, so a page
boundary inside thousands of cases opened at the same moment is exact and costs nothing more.
Each ordering ends in a unique field (`pk` or a reference), so a position names one row.

The page is `{"items": [...], "next": URL or null, "previous": URL or null}`; `limit` (1 to
500, default 50) sets its size. A cursor this list did not give is refused as bad input
(`query.cursor`), never a server error.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import (  # Django 5.2's, for composite keys
    Tuple,
    TupleGreaterThanOrEqual,
    TupleLessThanOrEqual,
)
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import CursorPagination
from pydantic import ValidationError as PydanticValidationError

LIMIT = 50
MAX_LIMIT = 500
BAD_CURSOR = (
    "This is not a cursor this list gave: follow its next or previous link, or start without one."
)


class Keyset(CursorPagination):
    """A keyset page over `ordering`, a tuple of fields (`-` for descending) ending in a
    unique one."""

    items_attribute = "items"

    class Input(Schema):
        limit: int = Field(LIMIT, ge=1, le=MAX_LIMIT, description="Rows in a page.")
        cursor: str | None = Field(
            None, description="The page's position: from the `next` or `previous` link."
        )

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(description="The next page's link; null on the last page.")
        previous: str | None = Field(description="The page before's link; null on the first.")

    def __init__(self, *, ordering: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(ordering=ordering, page_size=LIMIT, max_page_size=MAX_LIMIT, **kwargs)
        self.fields = [(name.lstrip("-"), name.startswith("-")) for name in ordering]
        if len({descending for _, descending in self.fields}) != 1:
            raise ValueError(f"A keyset's fields run one way, all up or all down: {ordering}")
        self.descending = self.fields[0][1]

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        """The page `pagination` (this class's `Input`: `limit`, `cursor`) asks for."""
        try:
            self.Cursor.from_encoded_param(pagination.cursor)
        except (ValidationError, PydanticValidationError):
            raise _bad_cursor() from None
        asked = CursorPagination.Input(page_size=pagination.limit, cursor=pagination.cursor)
        return super().paginate_queryset(queryset, asked, request, **params)

    def cursor_at(self, item: Any) -> str:
        """The cursor of the page that starts at `item` (as a `next` link would give it)."""
        return str(self.Cursor(p=self._get_position(item)).encode_as_param())

    def _get_position(self, item: Any) -> str:
        """The row's whole ordering key, as JSON (each value as text)."""
        return json.dumps([_text(getattr(item, name)) for name, _ in self.fields])

    def _find_position(self, queryset: QuerySet[Any], cursor: Any) -> QuerySet[Any]:
        """The rows from the position on (inclusive), in the direction the cursor reads: the
        whole key compared at once, `(opened_at, id) <= (x, y)`, which PostgreSQL answers
        from the index as a range (Django's tuple lookups; on SQLite, which has no such
        comparison in Django, the same spelt out field by field)."""
        if cursor.p is None:
            return queryset
        values = self._values(queryset, cursor.p)
        onwards = self.descending == cursor.r  # ascending read forwards, or descending back
        lookup = TupleGreaterThanOrEqual if onwards else TupleLessThanOrEqual
        return queryset.filter(lookup(Tuple(*(F(name) for name, _ in self.fields)), values))

    def _values(self, queryset: QuerySet[Any], position: str) -> list[Any]:
        """The position's values, each read as its field's type; anything else is a cursor
        this list did not give."""
        try:
            texts = json.loads(position)
        except ValueError:
            raise _bad_cursor() from None
        if not isinstance(texts, list) or len(texts) != len(self.fields):
            raise _bad_cursor()
        meta = queryset.model._meta
        try:
            return [
                (meta.pk if name == "pk" else meta.get_field(name)).to_python(text)
                for (name, _), text in zip(self.fields, texts, strict=True)
            ]
        except (DjangoValidationError, ValueError, TypeError):
            raise _bad_cursor() from None


def _text(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _bad_cursor() -> ValidationError:
    return ValidationError([{"loc": ("query", "cursor"), "msg": BAD_CURSOR, "type": "value_error"}])

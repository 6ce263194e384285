"""Human references: `CMP-2022-000123`, `HH-2024-000001`. Numbered per prefix and year.

A number is taken under its counter's row lock, which is held until the transaction that took
it ends. One process importing many households in long transactions would hold each counter
for the whole of each: a second process importing beside it would wait on the first at every
turn. `references_ahead` is for that: within it, `references_reserve` takes numbers in a short
transaction of their own before the long one begins, and `next_references` hands them out
without touching the counter while enough are held. Numbers are still issued once and in
order within a process; two processes interleave, and what one holds unused when it ends is
never issued (a gap in the numbering, never a number twice).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction

from doorstep.core.models import ReferenceCounter

# The numbers held ahead, by (prefix, year), where `references_ahead` is in force.
_HELD: ContextVar[dict[tuple[str, int], deque[int]] | None] = ContextVar(
    "references_held", default=None
)
NOT_AHEAD = "references_reserve is used within references_ahead."
IN_TRANSACTION = (
    "References are reserved ahead outside any transaction: inside one, the counter would stay "
    "locked until it ends, which is what reserving ahead avoids."
)


def next_reference(prefix: str, year: int) -> str:
    return next_references(prefix, year, 1)[0]


def next_references(prefix: str, year: int, count: int) -> list[str]:
    """The next `count` references of a prefix and year, in order: from those reserved ahead,
    where enough are held (`references_ahead`), else under the counter's lock (an import
    opening a household's cases takes them in one go)."""
    held = (_HELD.get() or {}).get((prefix, year))
    if held is not None and len(held) >= count:
        return [_spelt(prefix, year, held.popleft()) for _ in range(count)]
    return [_spelt(prefix, year, n) for n in _take(prefix, year, count)]


@contextmanager
def references_ahead() -> Iterator[None]:
    """Within: references reserved by `references_reserve` are handed out first."""
    token = _HELD.set({})
    try:
        yield
    finally:
        _HELD.reset(token)


def references_reserve(wanted: Mapping[tuple[str, int], int]) -> None:
    """Hold at least so many numbers of each (prefix, year), each batch taken in its own short
    transaction: called before a long transaction that will need them."""
    held = _HELD.get()
    if held is None:
        raise RuntimeError(NOT_AHEAD)
    if connection.in_atomic_block:
        raise RuntimeError(IN_TRANSACTION)
    for key, count in sorted(wanted.items()):
        numbers = held.setdefault(key, deque())
        if count > len(numbers):
            numbers.extend(_take(*key, count - len(numbers)))


def _spelt(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:06d}"


@transaction.atomic
def _take(prefix: str, year: int, count: int) -> range:
    """The next `count` numbers of the counter, under its row lock."""
    counter, _ = ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return range(first, counter.last + 1)

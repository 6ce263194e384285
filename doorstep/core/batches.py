"""How many ids one query may name.

SQLite refuses more than 32,766 variables in a statement, and on any database a list of tens of
thousands of ids costs seconds to build into a query and send (docs/performance.md, "The work
queue from the clocks kept"). A longer list is read a chunk at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

IDS_PER_QUERY = 10_000

T = TypeVar("T")


def in_chunks(ids: Sequence[T], size: int = IDS_PER_QUERY) -> Iterator[Sequence[T]]:
    """`ids` a chunk of at most `size` at a time, in order."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]

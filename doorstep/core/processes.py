"""Work shared among processes forked from this one (Linux's `fork`), for the reads that replay
a whole landlord: the portfolio sweep (`lens.sweep`) and the clocks behind the yearly reports
(`deadlines.selectors.clocks_of` with `workers`).

The database connections are closed before the fork, so each process opens its own. SQLite's
in-memory database (the tests') cannot be shared with another process, nor can what a
transaction has not committed: `can_share` says so, and the callers then work in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import connection, connections


def can_share() -> bool:
    """Whether other processes can read what this one reads: not SQLite's in-memory database,
    nor from inside a transaction (they would not see what it has not committed)."""
    in_memory = connection.vendor == "sqlite" and bool(
        getattr(connection, "is_in_memory_db", lambda: False)()
    )
    return (
        not in_memory
        and not connection.in_atomic_block
        and "fork" in multiprocessing.get_all_start_methods()
    )


def shared_out(work: Callable[[Any], Any], chunks: Iterable[Any], *, workers: int) -> Iterator[Any]:
    """`work` on each chunk, in this process (one worker) or in `workers` forked processes,
    each opening its own database connection; results in the order of the chunks."""
    if workers <= 1:
        yield from map(work, chunks)
        return
    connections.close_all()  # a connection is never shared across a fork
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=connections.close_all) as pool:
        yield from pool.imap(work, chunks)

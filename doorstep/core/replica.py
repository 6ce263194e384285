"""Reads of the whole landlord from a read replica, where the landlord runs one.

The nightly sweep and the yearly reports read every household's record and write nothing
of it (only the replays they made, kept on the primary for the day: ADR 19): the heaviest
reads Doorstep makes, and the ones that can tolerate a replica's lag (a few seconds behind).
A replay made from the replica is kept with the stamp read in the same snapshot of the
replica, so a primary ahead of it finds the stamp moved and makes it again.

With `DATABASE_REPLICA_URL` set (a PostgreSQL streaming replica), code inside
`replica_reads()` reads from it; everything else, and every write, uses the primary. A page a
person has just written to never reads from the replica: only these whole-landlord reads opt
in. Without a replica, `replica_reads()` changes nothing. See docs/operations.md.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

REPLICA = "replica"
_reading = contextvars.ContextVar("doorstep_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads within go to the replica, where one is configured (`DOORSTEP_READ_REPLICA`)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_alias() -> str | None:
    """The database alias reads go to now: the replica inside `replica_reads()` where one is
    configured, else None (the primary)."""
    alias = getattr(settings, "DOORSTEP_READ_REPLICA", None)
    return alias if alias and _reading.get() else None


class ReplicaRouter:
    """Django's database router (`DATABASE_ROUTERS`): reads inside `replica_reads()` from the
    replica; all else from the primary. Objects read from either may be related (they are
    the same database, one behind the other); migrations run on the primary only."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return replica_alias()

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"

"""For tests of what kept replays do (ADR 19, `deadlines.kept`).

A replay is kept only where the snapshot it was read in vouches for its stamp
(`interchange.stamps.snapshot`). SQLite's transaction always does, the test's own included;
PostgreSQL's at READ COMMITTED, the test's own, does not. So on PostgreSQL a test that counts on
replays being kept runs outside any transaction of its own (`transaction=True`: the tables are
emptied by TRUNCATE after it, which the history's append-only guard allows; SQLite's emptying
deletes rows, which the guard refuses, so there it keeps the usual test transaction)."""

from __future__ import annotations

import pytest
from django.conf import settings

ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]

keeps_replays = pytest.mark.django_db(transaction=ON_POSTGRESQL)

"""Running the real database worker inside a test: its passes close "old" connections, and
the test's transaction lives on the connection (as Django's test client does, keep it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def in_test_transaction(monkeypatch) -> Iterator[None]:
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    yield

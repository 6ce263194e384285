"""Fixtures shared by every app's tests."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.timeline.when import LONDON


@pytest.fixture
def at() -> dt.datetime:
    """A fixed moment: services take time as an argument, so tests never depend on today."""
    return dt.datetime(2024, 6, 3, 10, 30, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"

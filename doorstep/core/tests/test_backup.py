"""Backup and restore (docs/operations.md): `pg_dump` of the database and a copy of the
documents folder, restored into a fresh database and folder, hold the whole record: `doorstep
verify` there finds every event and every document, and every chain verifies. Restored without
the documents, verify names each one missing.

PostgreSQL only (CI's second run): the procedure is PostgreSQL's tools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from doorstep.documents.models import Document
from doorstep.tests_browser.world import build_world
from doorstep.timeline.models import Event, Stream

ON_POSTGRESQL = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="pg_dump and pg_restore: PostgreSQL only",
)


def _run(command: list[str], **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "doorstep.settings.test", **extra}
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]  # libpq and pg_dump read it
    return subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_holds_every_event_and_document(at, tmp_path):
    build_world(at=at)
    events, streams, documents = (
        Event.objects.count(),
        Stream.objects.count(),
        Document.objects.count(),
    )
    assert events > 10 and documents >= 1

    db = connection.settings_dict
    server = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    dump = tmp_path / "doorstep.dump"
    done = _run(["pg_dump", *server, "--format=custom", f"--file={dump}", db["NAME"]])
    assert done.returncode == 0, done.stderr
    kept = tmp_path / "documents-backup"
    shutil.copytree(settings.DOCUMENTS_ROOT, kept)

    fresh = f"{db['NAME']}_restored"
    _run(["dropdb", *server, "--if-exists", fresh])
    assert _run(["createdb", *server, fresh]).returncode == 0
    try:
        done = _run(["pg_restore", *server, "--no-owner", f"--dbname={fresh}", str(dump)])
        assert done.returncode == 0, done.stderr
        url = f"postgres://{db['USER']}@{server[1]}:{server[3]}/{fresh}"
        restored = tmp_path / "documents-restored"
        shutil.copytree(kept, restored)

        verify = [sys.executable, "-m", "django", "verify"]
        done = _run(verify, DATABASE_URL=url, DOORSTEP_DOCUMENTS_ROOT=str(restored))
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == (
            f"Checked {events} events in {streams} histories and {documents} documents. "
            "Every chain verifies. Everything held beside the histories matches."
        )

        # The database alone is not the record: without the documents, verify says so.
        empty = tmp_path / "no-documents"
        empty.mkdir()
        done = _run(verify, DATABASE_URL=url, DOORSTEP_DOCUMENTS_ROOT=str(empty))
        assert done.returncode != 0
        for reference in Document.objects.values_list("reference", flat=True):
            assert f"document {reference}: its file is missing" in done.stderr
    finally:
        _run(["dropdb", *server, "--if-exists", fresh])
    assert Path(settings.DOCUMENTS_ROOT).exists()

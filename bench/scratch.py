"""The scratch database a run works in: created empty before Django starts, migrated, given
the staff roles and one manager, and dropped (PostgreSQL) or deleted (SQLite) at the end."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
# Each run's own scratch database, unless --pg-name names one: two runs on one server (a run by
# hand and CI's smoke run) must never drop each other's.
POSTGRES_NAME = "bench_doorstep_{pid}"
STAFF = "bench-manager"


@dataclass
class Scratch:
    """Where this run's records live: the database URL and a temporary folder."""

    db: str
    url: str
    folder: Path
    pg_name: str = ""
    pg_server: str = ""

    @property
    def sqlite_path(self) -> Path:
        return self.folder / "doorstep.sqlite3"


def scratch_create(*, db: str, pg_server: str, pg_name: str, reuse: bool = False) -> Scratch:
    """An empty database and a temporary folder, and the environment Django will read; with
    `reuse`, the PostgreSQL database of that name as an earlier run kept it."""
    folder = Path(tempfile.mkdtemp(prefix="doorstep-bench-"))
    if db == "postgres":
        pg_name = pg_name.format(pid=os.getpid())
        if reuse:
            if not _pg_exists(pg_server, pg_name):
                raise SystemExit(f"bench/run: --reuse: there is no database {pg_name}")
        else:
            _pg_admin(pg_server, f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            _pg_admin(pg_server, f'CREATE DATABASE "{pg_name}"')
        scratch = Scratch(db, f"{pg_server}/{pg_name}", folder, pg_name, pg_server)
    else:
        scratch = Scratch(db, "", folder)
        scratch.url = f"sqlite:///{scratch.sqlite_path}"
    os.environ["DATABASE_URL"] = scratch.url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DJANGO_SECRET_KEY"] = "bench-" + secrets.token_urlsafe(40)
    os.environ["DOORSTEP_DOCUMENTS_ROOT"] = str(folder / "documents")
    os.environ.setdefault("DOORSTEP_NOTIFIER", "outbox")
    return scratch


def scratch_drop(scratch: Scratch) -> None:
    """Close Django's connections and remove the database and the folder."""
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # noqa: S110 (Django may never have started)
        pass
    if scratch.db == "postgres":
        _pg_admin(scratch.pg_server, f'DROP DATABASE IF EXISTS "{scratch.pg_name}" WITH (FORCE)')
    shutil.rmtree(scratch.folder, ignore_errors=True)


def _pg_admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(statement.encode())


def _pg_exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return found is not None


def database_reused() -> tuple[Any, Any]:
    """The manager and the landlord an earlier run imported into this database and kept: what
    it holds (households, events), its import not timed here. Refused if the earlier run did not
    get as far as its import."""
    from django.contrib.auth import get_user_model

    from bench.importing import Imported
    from doorstep.residents.models import Household
    from doorstep.timeline.models import Event

    user = get_user_model().objects.filter(username=STAFF).first()
    households = Household.objects.count()
    if user is None or not households:
        raise SystemExit("bench/run: --reuse: that database holds no imported landlord")
    return user, Imported(households=households, events=Event.objects.count())


def database_ready() -> Any:
    """Migrate the scratch database, create the staff roles and one manager; return them."""
    from django.core.management import call_command

    from doorstep.staff.roles import Role
    from doorstep.staff.services import roles_sync, staff_create

    call_command("migrate", verbosity=0, interactive=False)
    roles_sync()
    return staff_create(
        username=STAFF,
        password=secrets.token_urlsafe(24),
        role=Role.MANAGER,
        first_name="Bench",
        last_name="Manager",
    )

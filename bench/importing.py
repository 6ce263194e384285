"""The `import` benchmark: a generated landlord through `chronologies_import`, against a raw
copy of the same rows into scratch tables of the same shape in the same run.

The raw copy: every table the import wrote to (found by counting each table's rows before and
after), read back and written again: on PostgreSQL `COPY ... TO STDOUT` then, timed,
`COPY ... FROM STDIN` (psycopg's `cursor.copy`) into `CREATE TABLE ... (LIKE ... INCLUDING
ALL)` (the same columns, defaults and indexes; no foreign keys or triggers); on SQLite,
timed, one `executemany` INSERT per table into a copy of its CREATE TABLE and indexes.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bench.figures import Figure, Outcome, ratio
from bench.scratch import Scratch

RAW_PREFIX = "bench_raw_"
EVENTS = "timeline_event"


@dataclass
class Imported:
    """What the set-up import did: its report, how long it took, the rows it wrote by table."""

    households: int = 0
    events: int = 0
    refused: list[str] = field(default_factory=list)
    seconds: float = 0.0
    generate_seconds: float = 0.0
    processes: int = 1  # the processes the import was shared among (`lanes`)
    written: dict[str, int] = field(default_factory=dict)
    # Every row of those tables (a few may predate the import): what the raw copy copies.
    copied: dict[str, int] = field(default_factory=dict)


def table_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in names:
            cursor.execute(f'SELECT COUNT(*) FROM "{name}"')  # noqa: S608 (our own table names)
            counts[name] = cursor.fetchone()[0]
    return counts


def landlord_import(*, homes: int, years: int, seed: int, processes: int = 1) -> Imported:
    """Generate the landlord and import it, a household at a time as the generator makes it
    (125,000 homes' documents would not all fit in memory). The time spent generating is
    counted apart (`generate_seconds`) and, in one process, left out of the import's. With
    `processes` above one (`chronologies_import`'s lanes, PostgreSQL) the generating goes on in
    this process while the lanes import, on the same cores: it is left in (the import's time
    is then the whole, generating included; at most 102 s of it at full scale)."""
    from django.utils import timezone

    from doorstep.generate.synth import portfolio
    from doorstep.interchange.lanes import can_share_import
    from doorstep.interchange.services import chronologies_import

    done = Imported()

    def generated() -> Iterator[tuple[str, dict[str, Any]]]:
        docs = portfolio(seed=seed, homes=homes, years=years)
        for n in itertools.count():
            started = time.perf_counter()
            doc = next(docs, None)
            done.generate_seconds += time.perf_counter() - started
            if doc is None:
                return
            yield f"synthetic household {n + 1}", doc

    before = table_counts()
    started = time.perf_counter()
    report = chronologies_import(
        records=generated(), at=timezone.now(), on_progress=_progress, processes=processes
    )
    done.seconds = time.perf_counter() - started
    done.processes = processes if processes > 1 and can_share_import() else 1
    if done.processes == 1:
        done.seconds -= done.generate_seconds
    after = table_counts()
    done.households = report.imported
    done.events = report.new_events
    done.refused = [f"{r.source}: {r.path}: {r.reason}" for r in report.refused]
    done.written = {t: n - before.get(t, 0) for t, n in after.items() if n > before.get(t, 0)}
    done.copied = {t: after[t] for t in done.written}
    return done


# A line every so many households, so a long import by hand shows it is moving.
PROGRESS_EVERY = 10_000


_said = {"last": 0}


def _progress(done: int, source: str) -> None:
    """A line each time another `PROGRESS_EVERY` households are done (a lane's import tells
    its progress a batch at a time, so the count can pass a multiple without landing on it)."""
    if done // PROGRESS_EVERY > _said["last"] // PROGRESS_EVERY:
        print(f"-- set-up: {done:,} households read", flush=True)
    _said["last"] = done


def run(scratch: Scratch, imported: Imported) -> Outcome:
    out = Outcome("import")
    if imported.refused:
        out.problems += [f"import refused {r}" for r in imported.refused[:10]]
    rate = imported.events / imported.seconds if imported.seconds else 0.0
    tables = sorted(imported.written)
    if scratch.db == "postgres":
        raw_events, raw_all = _postgres_raw(scratch.url, tables)
    else:
        raw_events, raw_all = _sqlite_raw(scratch.sqlite_path, tables)
    rows = sum(imported.copied.values())
    event_rows = imported.copied.get(EVENTS, 0)
    how = "COPY" if scratch.db == "postgres" else "executemany"
    # Each ratio is the raw time over the import's time for the same rows: the import's
    # events/s over the raw copy's, counted in the same events.
    out.add(
        Figure("import.households", imported.households, "households"),
        Figure("import.events", imported.events, "events", against="the chronologies' events"),
        Figure("import.rows", rows, "rows", against=f"{len(tables)} tables"),
        Figure("import.event_rows", event_rows, "rows", against=EVENTS),
        Figure(
            "import.seconds",
            imported.seconds,
            "s",
            against=f"{imported.processes} process(es)"
            + (", generating included" if imported.processes > 1 else ""),
        ),
        Figure(
            "import",
            rate,
            "events/s",
            ratio(raw_all, imported.seconds),
            f"raw {how} of all {rows:,} rows in {len(tables)} tables",
        ),
        Figure(
            "import.vs_events_only",
            rate,
            "events/s",
            ratio(raw_events, imported.seconds),
            f"raw {how} of the {event_rows:,} {EVENTS} rows alone",
        ),
        Figure("import.raw_all", rows / raw_all if raw_all else 0.0, "rows/s"),
        Figure("import.raw_events", event_rows / raw_events if raw_events else 0.0, "rows/s"),
    )
    return out


def _postgres_raw(url: str, tables: list[str]) -> tuple[float, float]:
    """Seconds to COPY the event rows alone, then every table's rows, into raw copies."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url) as conn:
        data: dict[str, list[bytes]] = {}
        with conn.cursor() as cur:
            for table in tables:
                chunks: list[bytes] = []
                with cur.copy(sql.SQL("COPY {} TO STDOUT").format(sql.Identifier(table))) as copy:
                    chunks.extend(bytes(chunk) for chunk in copy)
                data[table] = chunks
        conn.commit()

        def copy_in(names: list[str]) -> float:
            with conn.cursor() as cur:
                for table in names:
                    raw = sql.Identifier(RAW_PREFIX + table)
                    cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(raw))
                    cur.execute(
                        sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING ALL)").format(
                            raw, sql.Identifier(table)
                        )
                    )
            conn.commit()
            started = time.perf_counter()
            with conn.cursor() as cur:
                for table in names:
                    raw = sql.Identifier(RAW_PREFIX + table)
                    with cur.copy(sql.SQL("COPY {} FROM STDIN").format(raw)) as copy:
                        for chunk in data[table]:
                            copy.write(chunk)
            conn.commit()
            return time.perf_counter() - started

        events = copy_in([EVENTS]) if EVENTS in tables else 0.0
        everything = copy_in(tables)
        with conn.cursor() as cur:
            for table in tables:
                raw = sql.Identifier(RAW_PREFIX + table)
                cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(raw))
        conn.commit()
    return events, everything


_INDEX = re.compile(r'^CREATE (UNIQUE )?INDEX "([^"]+)" ON "([^"]+)"')


def _sqlite_shape(conn: sqlite3.Connection, table: str) -> list[str]:
    """The statements that create a raw copy of `table`: its CREATE TABLE and its indexes."""
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    statements = []
    for kind, _, text in sorted(rows, key=lambda r: r[0] != "table"):
        if kind == "table":
            statements.append(text.replace(f'"{table}"', f'"{RAW_PREFIX}{table}"', 1))
        elif kind == "index":
            statements.append(
                _INDEX.sub(
                    lambda m: (
                        f'CREATE {m.group(1) or ""}INDEX "{RAW_PREFIX}{m.group(2)}" '
                        f'ON "{RAW_PREFIX}{m.group(3)}"'
                    ),
                    text,
                )
            )
    return statements


def _sqlite_raw(path: Any, tables: list[str]) -> tuple[float, float]:
    """Seconds to INSERT (executemany) the event rows alone, then every table's rows."""
    conn = sqlite3.connect(path)
    try:
        data = {t: conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}  # noqa: S608

        def insert(names: list[str]) -> float:
            for table in names:
                conn.execute(f'DROP TABLE IF EXISTS "{RAW_PREFIX}{table}"')
                for statement in _sqlite_shape(conn, table):
                    conn.execute(statement)
            conn.commit()
            started = time.perf_counter()
            for table in names:
                rows = data[table]
                if not rows:
                    continue
                marks = ", ".join("?" * len(rows[0]))
                conn.executemany(f'INSERT INTO "{RAW_PREFIX}{table}" VALUES ({marks})', rows)  # noqa: S608
            conn.commit()
            return time.perf_counter() - started

        events = insert([EVENTS]) if EVENTS in tables else 0.0
        everything = insert(tables)
        for table in tables:
            conn.execute(f'DROP TABLE IF EXISTS "{RAW_PREFIX}{table}"')
        conn.commit()
    finally:
        conn.close()
    return events, everything

"""A migration operation that makes a table append-only in the database itself.

PostgreSQL: a row trigger raises on UPDATE or DELETE. SQLite: the same with RAISE(ABORT).
A superuser can still disable a trigger; hash chains and `doorstep verify` catch that.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION doorstep_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused (record a correction instead)',
        TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def _statements(vendor: str, table: str) -> tuple[list[str], list[str]]:
    if vendor == "postgresql":
        up = [
            PG_FUNCTION,
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION doorstep_refuse_change();",
        ]
        return up, [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};"]
    if vendor == "sqlite":
        up = [
            f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} BEGIN "
            f"SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END;"
            for op in ("UPDATE", "DELETE")
        ]
        return up, [f"DROP TRIGGER IF EXISTS {table}_no_{op};" for op in ("update", "delete")]
    raise RuntimeError(f"Doorstep has no append-only trigger for {vendor}.")


class AppendOnlyTable(migrations.operations.base.Operation):
    """Refuse UPDATE and DELETE on `table` at the database."""

    reversible = True

    def __init__(self, table: str) -> None:
        self.table = table

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        for sql in _statements(schema_editor.connection.vendor, self.table)[0]:
            schema_editor.execute(sql, None)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        for sql in _statements(schema_editor.connection.vendor, self.table)[1]:
            schema_editor.execute(sql, None)

    def describe(self) -> str:
        return f"Make {self.table} append-only"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [], {"table": self.table})

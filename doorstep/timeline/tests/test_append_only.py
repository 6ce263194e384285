"""The record cannot be changed or removed: not through the ORM, not in SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from doorstep.cases.services import note_add
from doorstep.testing.factories import CaseFactory
from doorstep.timeline.models import APPEND_ONLY, Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(at):
    return note_add(actor=None, case=CaseFactory(), text="Called the resident", at=at)


def test_orm_refuses_to_save_an_existing_event(event):
    event.summary = "rewritten"
    with pytest.raises(PermissionError, match="append-only"):
        event.save()


def test_orm_refuses_to_delete_an_event(event):
    with pytest.raises(PermissionError, match=APPEND_ONLY):
        event.delete()


def test_queryset_refuses_update_and_delete(event):
    with pytest.raises(PermissionError):
        Event.objects.filter(pk=event.pk).update(summary="rewritten")
    with pytest.raises(PermissionError):
        Event.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE timeline_event SET summary = 'rewritten' WHERE id = %s",
        "DELETE FROM timeline_event WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_database_refuses_update_and_delete(event, sql):
    """The trigger in migration timeline 0002 refuses at the database, on either vendor."""
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert Event.objects.get(pk=event.pk).summary == event.summary


@pytest.mark.parametrize(
    "table",
    [
        "documents_document",
        "vulnerabilities_specialcategoryaccess",
        "api_intakerecord",
        "audit_accessrefusal",
    ],
)
def test_other_append_only_tables_have_the_trigger(table):
    """Deleting from an empty table still fires no row trigger, so look the trigger up."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relname = %s AND NOT t.tgisinternal"
        )
    else:
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [table])
        assert cursor.fetchone()[0] >= 1

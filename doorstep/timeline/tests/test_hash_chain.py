"""Tamper evidence: the chain links every event to the one before, and verify finds a forgery."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from doorstep.cases.services import note_add
from doorstep.testing.factories import CaseFactory
from doorstep.timeline.hashing import GENESIS
from doorstep.timeline.models import Event, Stream
from doorstep.timeline.verify import verify_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_notes(at):
    case = CaseFactory()
    for text in ("first", "second", "third"):
        note_add(actor=None, case=case, text=text, at=at)
    return case


def _forge(sql: str, params: list[object]) -> None:
    """Change history underneath the application, as a database superuser could.

    The test's transaction is rolled back afterwards, restoring the trigger.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser session that skips ordinary triggers (as replication does).
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(sql, params)
            cursor.execute("SET LOCAL session_replication_role = origin")
        else:
            cursor.execute("DROP TRIGGER timeline_event_no_update")
            cursor.execute("DROP TRIGGER timeline_event_no_delete")
            cursor.execute(sql, params)


def test_each_event_links_to_the_one_before(case_with_notes):
    events = list(Event.objects.filter(stream=case_with_notes.household.stream).order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    stream = Stream.objects.get(household=case_with_notes.household)
    assert (stream.length, stream.head_hash) == (events[-1].seq, events[-1].hash)


def test_verify_passes_an_untouched_record(case_with_notes):
    report = verify_all()
    assert report.ok
    assert report.events == Event.objects.count()


def test_verify_names_an_event_whose_content_was_changed(case_with_notes):
    target = Event.objects.get(case=case_with_notes, kind="note", data__text="second")
    _forge("UPDATE timeline_event SET data = %s WHERE id = %s", ['{"text": "forged"}', target.pk])
    report = verify_all()
    assert len(report.breaks) == 1
    problem = report.breaks[0]
    assert problem.event_uid == str(target.uid)
    assert problem.seq == target.seq
    assert "content does not match" in problem.reason


def test_verify_names_the_gap_where_an_event_was_removed(case_with_notes):
    target = Event.objects.get(case=case_with_notes, kind="note", data__text="second")
    _forge("DELETE FROM timeline_event WHERE id = %s", [target.pk])
    (problem,) = verify_all().breaks
    assert problem.seq == target.seq + 1
    assert "missing" in problem.reason


def test_verify_command_fails_and_names_the_event(case_with_notes, capsys):
    target = Event.objects.get(case=case_with_notes, kind="note", data__text="first")
    _forge("UPDATE timeline_event SET summary = 'forged' WHERE id = %s", [target.pk])
    with pytest.raises(CommandError, match="do not verify"):
        call_command("verify")
    assert str(target.uid) in capsys.readouterr().err


def test_verify_command_reports_success(case_with_notes, capsys):
    call_command("verify")
    assert "Every chain verifies" in capsys.readouterr().out

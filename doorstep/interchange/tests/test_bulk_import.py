"""`doorstep import DIR | FILE.jsonl | -` and `chronologies_import`: many chronologies, each
whole or not at all, a refused one reported as received and the rest carried on, only once."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import sys
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from doorstep.interchange.models import ExternalRef
from doorstep.interchange.services import chronologies_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed, small
from doorstep.testing.shared import SCENARIOS, needed
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
MALFORMED = '{"format": "doorstep-chronology/1", landlord: 1}'


def landlords_small(number: int) -> dict[str, Any]:
    """The small chronology as landlord `number`'s: its own references, its own flat."""
    doc = small()
    doc["landlord"]["name"] = f"Example Homes {number}"
    doc["properties"][0].update(uprn=None, address=f"Flat {number}, Elm Court")
    return doc


def stream_lines() -> list[str]:
    """Three good chronologies, a line that is not JSON, one that breaks the schema."""
    bad = landlords_small(5)
    bad["events"][0]["data"]["priority"] = "whenever"
    docs = [landlords_small(1), landlords_small(2), MALFORMED, bad, landlords_small(3)]
    return [d if isinstance(d, str) else json.dumps(d) for d in docs]


def run(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def events_of(landlord: str) -> int:
    return Event.objects.filter(
        pk__in=ExternalRef.objects.filter(scheme=f"chronology:{landlord}").values("event")
    ).count()


def test_a_stream_imports_the_good_records_and_reports_the_bad(tmp_path):
    stream = tmp_path / "landlords.jsonl"
    stream.write_text("\n".join(stream_lines()) + "\n\n", encoding="utf-8")
    report = tmp_path / "refused.json"
    out, err, error = run(str(stream), "--report", str(report))
    assert str(error) == "2 of 5 chronologies refused; the others were imported."
    assert out.startswith(
        "Read 5 chronologies: 3 imported, 0 already imported (unchanged), 2 refused.\n"
        "Events: 21 imported, 0 already on record; "
    )
    assert "events/s)" in out
    assert [events_of(f"Example Homes {n}") for n in (1, 2, 3)] == [7, 7, 7]
    # The refused chronology left nothing behind: no mapping, no event, not its household.
    assert not ExternalRef.objects.filter(scheme="chronology:Example Homes 5").exists()
    assert not Event.objects.filter(actor_name__contains="line 4").exists()
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["summary"] == {
        "read": 5,
        "imported": 3,
        "unchanged": 0,
        "refused": 2,
        "new_events": 21,
        "existing_events": 0,
    }
    malformed, schema = written["refused"]
    assert (malformed["source"], malformed["path"], malformed["landlord"]) == (
        "landlords.jsonl line 3",
        "$",
        None,
    )
    assert malformed["reason"] == (
        "not JSON: Expecting property name enclosed in double quotes (line 1, column 37)"
    )
    assert malformed["received"] == MALFORMED
    assert malformed["sha256"] == hashlib.sha256(MALFORMED.encode()).hexdigest()
    assert (schema["source"], schema["path"], schema["landlord"], schema["tenancies"]) == (
        "landlords.jsonl line 4",
        "$.events[0].data.priority",
        "Example Homes 5",
        ["T1"],
    )
    assert schema["reason"].startswith("'whenever'")
    assert json.loads(schema["received"]) == json.loads(stream_lines()[3])
    assert "Refused landlords.jsonl line 3: $: not JSON: Expecting property name" in err


def test_running_the_same_stream_again_imports_nothing(tmp_path):
    stream = tmp_path / "landlords.ndjson"
    stream.write_text("\n".join(stream_lines()), encoding="utf-8")
    run(str(stream))
    before = (Event.objects.count(), ExternalRef.objects.count())
    out, _, error = run(str(stream))
    assert out.startswith(
        "Read 5 chronologies: 0 imported, 3 already imported (unchanged), 2 refused.\n"
        "Events: 0 imported, 21 already on record; "
    )
    assert error is not None  # the two bad records are refused again, the same way
    assert (Event.objects.count(), ExternalRef.objects.count()) == before


def test_a_directory_imports_both_seeds_in_order_despite_a_broken_file(tmp_path):
    needed(SCENARIOS)
    for name in (BROMFORD, CLARION):
        shutil.copy(SCENARIOS / name, tmp_path / name)
    (tmp_path / "broken.json").write_text('{"format": "doorstep-chronology/1"', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a chronology, not read", encoding="utf-8")
    report = tmp_path.parent / "report.json"
    out, _, error = run(str(tmp_path), "--report", str(report))
    events = len(seed(BROMFORD)["events"]) + len(seed(CLARION)["events"])
    assert out.startswith(
        "Read 3 chronologies: 2 imported, 0 already imported (unchanged), 1 refused.\n"
        f"Events: {events} imported, 0 already on record; "
    )
    assert str(error) == "1 of 3 chronologies refused; the others were imported."
    (broken,) = json.loads(report.read_text(encoding="utf-8"))["refused"]
    assert (broken["source"], broken["path"]) == ("broken.json", "$")
    assert broken["reason"].startswith("not JSON: Expecting ',' delimiter")
    assert Event.objects.exclude(source_id="").count() == events
    before = Event.objects.count()
    again, _, _ = run(str(tmp_path), "--quiet")
    assert again.startswith("Read 3 chronologies: 0 imported, 2 already imported (unchanged)")
    assert Event.objects.count() == before


def test_a_clean_rerun_says_nothing_was_new(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.json").write_text(json.dumps(landlords_small(1)), encoding="utf-8")
    first, _, error = run(str(folder))
    assert error is None and "Nothing new" not in first
    again, _, error = run(str(folder))
    assert error is None
    assert again.splitlines()[-1] == "Nothing new: everything read was already imported."


def test_json_lines_on_stdin(monkeypatch):
    text = "\n".join(stream_lines()[:2]) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    out, _, error = run("-")
    assert error is None
    assert out.startswith("Read 2 chronologies: 2 imported, 0 already imported (unchanged)")
    sources = set(Event.objects.values_list("actor_name", flat=True))
    assert sources == {"Import: stdin line 1", "Import: stdin line 2"}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("quiet", "shown"), [((), True), (("--quiet",), False)])
def test_a_progress_bar_on_a_terminal_unless_quiet(tmp_path, quiet, shown):
    stream = tmp_path / "two.jsonl"
    stream.write_text("\n".join(stream_lines()[:2]), encoding="utf-8")
    err = Terminal()
    call_command("import", str(stream), *quiet, stdout=io.StringIO(), stderr=err)
    assert ("] 2/2 two.jsonl line 2" in err.getvalue()) is shown
    assert ("[" + "#" * 15 + "." * 15 + "] 1/2" in err.getvalue()) is shown


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    stream = tmp_path / "two.jsonl"
    stream.write_text("\n".join(stream_lines()[:2]), encoding="utf-8")
    _, err, _ = run(str(stream))
    assert err == ""


def test_the_service_takes_text_bytes_or_documents_and_reports_progress():
    seen: list[tuple[int, str]] = []
    report = chronologies_import(
        records=[
            ("a", json.dumps(landlords_small(1))),
            ("b", json.dumps(landlords_small(2)).encode("utf-8")),
            ("c", landlords_small(3)),
            ("d", b"\xff\xfe not text"),
            ("e", "[1, 2]"),
        ],
        at=AT,
        on_progress=lambda done, source: seen.append((done, source)),
    )
    assert seen == [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")]
    assert (report.read, report.imported, report.unchanged, report.new_events) == (5, 3, 0, 21)
    assert len(report.households) == 3
    undecodable, a_list = report.refused
    assert undecodable.reason.startswith("not UTF-8 text: 'utf-8' codec can't decode byte 0xff")
    assert (undecodable.encoding, undecodable.received) == ("base64", "//4gbm90IHRleHQ=")
    assert (a_list.path, a_list.reason) == (
        "$",
        "not a chronology: it holds list, not a JSON object",
    )


def test_a_change_to_an_imported_record_is_refused_and_the_rest_imported():
    chronologies_import(records=[("first", landlords_small(1))], at=AT)
    changed = landlords_small(1)
    changed["events"][1]["summary"] = "Stage 1 complaint, by email"
    before = events_of("Example Homes 1")
    report = chronologies_import(records=[("changed", changed), ("new", landlords_small(2))], at=AT)
    (refusal,) = report.refused
    assert (refusal.source, refusal.path, refusal.tenancies) == ("changed", "$.events[1]", ("T1",))
    assert "'e2' was imported before (from first on 2026-11-23)" in refusal.reason
    assert (report.imported, events_of("Example Homes 1")) == (1, before)


def test_a_missing_path_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import", str(tmp_path / "gone.jsonl"), stdout=io.StringIO())


def test_one_file_with_a_report_is_a_bulk_import_of_one(tmp_path):
    file = tmp_path / "one.json"
    file.write_text(json.dumps(landlords_small(1)), encoding="utf-8")
    report = tmp_path / "report.json"
    out, _, error = run(str(file), "--report", str(report))
    assert error is None
    assert out.startswith("Read 1 chronology: 1 imported, 0 already imported (unchanged)")
    written = json.loads(report.read_text(encoding="utf-8"))
    assert (written["summary"]["new_events"], written["refused"]) == (7, [])

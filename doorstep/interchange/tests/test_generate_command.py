"""`doorstep generate`: the synthetic landlord's households written as JSON Lines and imported
through the bulk importer, once."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from doorstep.generate.synth import jsonl, portfolio
from doorstep.interchange.services import chronologies_import
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON

AT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def test_generate_writes_one_chronology_a_line_the_same_for_the_same_seed(tmp_path: Path) -> None:
    out = tmp_path / "landlord.jsonl"
    said = io.StringIO()
    call_command("generate", homes=4, years=1, seed=9, out=str(out), stdout=said)
    expected = "".join(jsonl(doc) for doc in portfolio(seed=9, homes=4, years=1))
    assert out.read_text(encoding="utf-8") == expected
    assert len(expected.splitlines()) == 4
    assert "Wrote 4 households" in said.getvalue()


def test_generate_needs_somewhere_to_put_them() -> None:
    with pytest.raises(CommandError, match="--out"):
        call_command("generate", homes=1)


@pytest.mark.django_db
def test_twenty_generated_households_import_and_a_second_run_imports_nothing() -> None:
    docs = list(portfolio(seed=4, homes=20, years=1))
    records = [(f"h{n}", jsonl(doc)) for n, doc in enumerate(docs)]
    first = chronologies_import(records=records, at=AT)
    assert first.summary()["refused"] == 0, [f.reason for f in first.refused]
    assert first.imported == 20
    events = Event.objects.count()
    assert first.new_events == sum(len(doc["events"]) for doc in docs)
    again = chronologies_import(records=records, at=AT)
    assert (again.imported, again.unchanged, len(again.refused)) == (0, 20, 0)
    assert Event.objects.count() == events


@pytest.mark.django_db
def test_generate_import_imports_them(tmp_path: Path) -> None:
    said = io.StringIO()
    call_command("generate", "--import", homes=3, years=1, seed=2, stdout=said)
    assert "Imported 3, 0 already imported, 0 refused." in said.getvalue()


@pytest.mark.django_db
def test_doorstep_import_reads_what_generate_wrote(tmp_path: Path) -> None:
    out = tmp_path / "synthetic.jsonl"
    call_command("generate", homes=3, years=1, seed=6, out=str(out), stdout=io.StringIO())
    said = io.StringIO()
    call_command("import", str(out), stdout=said)
    assert "Read 3 chronologies: 3 imported, 0 already imported (unchanged), 0 refused." in (
        said.getvalue()
    )

"""`doorstep triage-measure`: the figures, as a table or JSON, for the default set or another."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from doorstep.cli import OPERATIONS
from doorstep.clocks.triage import RULES_VERSION


def run(*args):
    out = StringIO()
    call_command("triage_measure", *args, stdout=out)
    return out.getvalue()


def test_the_table_for_the_development_set():
    out = run()
    assert out.startswith(f"223 contacts, rules {RULES_VERSION}")
    assert "DISSATISFACTION" in out and "  damp_mould" in out and "  pregnancy" in out


def test_json_for_another_set(tmp_path):
    path = tmp_path / "set.jsonl"
    rows = [
        {"text": "Nobody came.", "dissatisfied": True, "hazards": [], "vulnerabilities": []},
        {"text": "Fix my tap please.", "dissatisfied": True, "hazards": [], "vulnerabilities": []},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    figures = json.loads(run("--set", str(path), "--json"))
    assert figures["rows"] == 2
    assert figures["families"]["dissatisfaction"]["precision"] == 1.0
    assert figures["families"]["dissatisfaction"]["recall"] == 0.5
    assert figures["misses"][0]["text"] == "Fix my tap please."


def test_misses_are_listed_on_request(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text('{"text": "Fix my tap.", "dissatisfied": true}\n', encoding="utf-8")
    assert "missed dissatisfaction:dissatisfied  Fix my tap." in run("--set", str(path), "--misses")


def test_a_missing_or_bad_set_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("--set", str(tmp_path / "none.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"words": "x"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="is not a labelled set"):
        run("--set", str(bad))


def test_the_doorstep_command_names_it():
    assert OPERATIONS["triage-measure"][0] == "triage_measure"

"""`scripts/audit.py` (run by scripts/check): a known vulnerability fails the check unless
`audit-exceptions.toml` explains it; advisories that cannot be reached are reported as NOT
CHECKED, never as a pass, and `--require` fails on that."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "audit.py"


@pytest.fixture
def audit(monkeypatch, tmp_path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("doorstep_audit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "doorstep_audit", module)  # as dataclasses need
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "EXCEPTIONS", tmp_path / "audit-exceptions.toml")
    monkeypatch.setattr(module.shutil, "which", lambda name: "/usr/bin/npm")
    return module


def answers(monkeypatch, audit, pip: dict, npm: dict) -> None:
    def run(command, **kwargs):
        report = npm if "npm" in command[0] else pip
        return subprocess.CompletedProcess(command, 0, stdout=json.dumps(report), stderr="")

    monkeypatch.setattr(audit.subprocess, "run", run)


VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {"name": "leaky", "version": "1.0", "vulns": [{"id": "PYSEC-2026-1", "aliases": []}]},
    ]
}
CLEAN_NPM: dict[str, dict[str, str]] = {"vulnerabilities": {}}


def test_a_known_vulnerability_fails_the_check(monkeypatch, audit, capsys):
    answers(monkeypatch, audit, VULNERABLE, CLEAN_NPM)
    monkeypatch.setattr(sys, "argv", ["audit.py"])
    assert audit.main() == 1
    assert "leaky 1.0: PYSEC-2026-1" in capsys.readouterr().out


def test_an_exception_names_one_advisory_exactly(monkeypatch, audit):
    audit.EXCEPTIONS.write_text('[[exception]]\nid = "PYSEC-2026-12"\nreason = "Another one."\n')
    answers(monkeypatch, audit, VULNERABLE, CLEAN_NPM)
    monkeypatch.setattr(sys, "argv", ["audit.py"])
    assert audit.main() == 1  # PYSEC-2026-12 does not excuse PYSEC-2026-1


def test_an_explained_one_does_not(monkeypatch, audit, capsys):
    audit.EXCEPTIONS.write_text(
        '[[exception]]\nid = "PYSEC-2026-1"\nreason = "Only its CLI, which Doorstep never runs."\n'
    )
    answers(monkeypatch, audit, VULNERABLE, CLEAN_NPM)
    monkeypatch.setattr(sys, "argv", ["audit.py"])
    assert audit.main() == 0
    assert "(excepted: Only its CLI, which Doorstep never runs.)" in capsys.readouterr().out


def test_unreachable_advisories_are_not_a_pass(monkeypatch, audit, capsys):
    skipped = {"dependencies": [{"name": "django", "version": "5.2.19", "skip_reason": "x"}]}
    refused = {"statusCode": 405, "message": "405 Method Not Allowed"}
    answers(monkeypatch, audit, skipped, refused)
    monkeypatch.setattr(sys, "argv", ["audit.py"])
    assert audit.main() == 0
    out = capsys.readouterr().out
    assert "Python packages: NOT CHECKED" in out and "npm packages: NOT CHECKED: 405" in out
    monkeypatch.setattr(sys, "argv", ["audit.py", "--require"])
    assert audit.main() == 1

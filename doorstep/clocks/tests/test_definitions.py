"""The clock declarations: every name the format fixes, each documented and resolvable."""

from __future__ import annotations

import datetime as dt
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from doorstep.clocks.definitions import DEFINITIONS
from doorstep.policy.defaults import BY_KEY
from doorstep.policy.resolve import resolve

# chronology.md, "Clocks": these names are fixed.
FORMAT_CLOCKS = {
    "complaint.stage1.acknowledgement", "complaint.stage2.acknowledgement",
    "complaint.stage1.response", "complaint.stage2.response",
    "hazard.emergency", "hazard.investigation", "hazard.summary", "hazard.safety_work",
    "hazard.further_work", "hazard.further_work_start",
    "repair.target", "asb.first_response", "asb.risk_assessment", "asb.review",
    "transfer.decision", "commitment.due", "ombudsman.order",
}  # fmt: skip
PACKAGE = Path(__file__).resolve().parents[1]


def test_every_clock_the_format_names_is_declared():
    assert set(DEFINITIONS) >= FORMAT_CLOCKS


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_each_clock_cites_its_rule(name):
    definition = DEFINITIONS[name]
    assert len(definition.citation()) > 80
    assert definition.starts and definition.stops and definition.rule


@pytest.mark.parametrize("name", sorted(n for n, c in DEFINITIONS.items() if c.policy_key))
def test_each_policy_key_resolves(name):
    key = DEFINITIONS[name].policy_key
    assert key in BY_KEY
    assert resolve(key, dt.date(2026, 1, 1)).source


def test_the_clocks_are_pure_and_never_read_the_wall_clock():
    """No Django, no database, and time only ever comes in as an argument."""
    for path in PACKAGE.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "django" not in source.lower().replace("no django", ""), path
        assert "today(" not in source and "now(" not in source, path
    for path in (PACKAGE / "families").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "django" not in source and "today(" not in source and "now(" not in source, path


def test_the_engine_takes_time_as_a_keyword_argument():
    from doorstep.clocks.engine import compute_clocks

    parameter = inspect.signature(compute_clocks).parameters["as_of"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is inspect._empty


def test_importing_the_clocks_loads_no_django():
    """Pure: the clocks can be fed from a file, the database or a test without Django."""
    code = (
        "import sys, doorstep.clocks.replay; "
        "sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0  # noqa: S603

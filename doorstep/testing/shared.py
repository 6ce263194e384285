"""Where the tests find the material shared with Doorstep: the Ombudsman seeds as chronologies
(`scenarios/`) and the domain's specifications (`domain/`).

It sits beside the project (`../shared` from the project's root), or wherever the environment
variable `DOORSTEP_SHARED` names, for a clone made elsewhere. Where it cannot be found, a test
that needs it is skipped, except in CI (`CI=true`), which always has it: there the test fails,
so that a CI run can never pass by skipping the seeds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DOORSTEP_SHARED") or ROOT.parent / "shared")
SCENARIOS = SHARED / "scenarios"
DOMAIN = SHARED / "domain"


def needed(path: Path) -> Path:
    """`path`, which a test needs; skip the test (fail it in CI) where it is absent. Allowed at
    a module's top level, where a parametrised test's cases are read."""
    if not path.exists():
        why = f"{path} is absent (set DOORSTEP_SHARED to the shared folder, `../shared`)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}; CI always has it", pytrace=False)
        pytest.skip(why, allow_module_level=True)
    return path


def scenario(name: str) -> dict[str, Any]:
    """The scenario file `name` (with its `.json`), parsed."""
    data: dict[str, Any] = json.loads(needed(SCENARIOS / name).read_text(encoding="utf-8"))
    return data

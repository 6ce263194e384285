"""A chronology replayed as of a date: clocks, commitments and vulnerabilities.

The chronology format's "Replay output" (`shared/domain/chronology.md`): the clocks and the
commitment ledger and the lens's findings come from `doorstep.clocks.replay`; this adds the
household's vulnerabilities (when each was disclosed and whether it entered the register).
Pure: no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from doorstep.clocks.explain import show
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.replay import render_text, replay_clocks

VULNERABILITIES = "Vulnerabilities as of {day}"
NONE = "  (none)"
DISCLOSED = "disclosed {when}"
NOT_RECORDED = "never entered in the register"
RECORDED = "recorded {when}"


def replay(doc: Mapping[str, Any], *, as_of: dt.date) -> dict[str, Any]:
    """Clocks, commitments and vulnerabilities as of `as_of`. Raises ValueError (with the JSON
    path and reason of the first problem) when the file breaks the format."""
    out = replay_clocks(doc, as_of=as_of)
    out["vulnerabilities"] = vulnerabilities(doc, as_of=as_of)
    return out


def vulnerabilities(doc: Mapping[str, Any], *, as_of: dt.date) -> list[dict[str, Any]]:
    """Each person's vulnerability by category: when the landlord first learned of it
    (`vulnerability.disclosed`) and when it entered the register (`vulnerability.recorded`),
    of the events in the replay as of `as_of`; null where there is none."""
    facts = facts_from_chronology(doc).as_of(as_of)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for fact in facts.of_kind("vulnerability.disclosed", "vulnerability.recorded"):
        key = (str(fact.data.get("person")), str(fact.data.get("category")))
        entry = found.setdefault(key, _entry(*key))
        member = "disclosed" if fact.kind == "vulnerability.disclosed" else "recorded"
        if entry[member] is None:
            entry[member] = fact.at
            entry["imprecise"] = entry["imprecise"] or fact.imprecise
        entry["events"].append(fact.id)
    return list(found.values())


def _entry(person: str, category: str) -> dict[str, Any]:
    return {
        "person": person,
        "category": category,
        "disclosed": None,
        "recorded": None,
        "imprecise": False,
        "events": [],
    }


def _line(item: Mapping[str, Any]) -> str:
    said = [DISCLOSED.format(when=item["disclosed"])] if item["disclosed"] else []
    said.append(RECORDED.format(when=item["recorded"]) if item["recorded"] else NOT_RECORDED)
    return f"  {item['person']} {item['category']}: {', '.join(said)}"


def replay_text(result: Mapping[str, Any]) -> str:
    """The replay for people: clocks, commitments, then vulnerabilities, one line each."""
    lines = [render_text(result).rstrip("\n")]
    day = dt.date.fromisoformat(str(result["as_of"]))
    lines.append(VULNERABILITIES.format(day=show(day)))
    lines.extend(_line(item) for item in result.get("vulnerabilities", ()))
    if not result.get("vulnerabilities"):
        lines.append(NONE)
    return "\n".join(lines) + "\n"

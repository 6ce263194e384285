"""The lens stays quiet where the landlord did well.

Four chronologies of our own (`chronologies/quiet-*.json`), each a landlord doing it right:
1. a complaint received the Friday before Christmas 2024 (the 2024 Code), acknowledged on the
   5th working day across Christmas Day and Boxing Day, extended with reasons agreed with the
   resident inside the Code's limit, answered inside the extension; its promise kept and
   verified by the resident; compensation inside the landlord's band, paid to her; the repair
   inside its target; her vulnerability recorded the day she disclosed it;
2. damp and mould under Awaab's Law reported the Friday before Christmas 2025 in a home with a
   baby on the register: investigated on the 9th working day across Christmas, Boxing Day and
   New Year's Day, the written summary, safety work and further work all in time, every claim
   verified, the jobs prioritised;
3. an ASB report with the reporter's three-day delay respected, risk-assessed and opened the
   next day, reviewed inside each 28 days and closed with the reporter told; a move request
   decided inside 20 working days of the evidence, across Good Friday and Easter Monday 2025;
4. an earlier-Code complaint through both stages over Easter and the early May bank holiday of
   2023, compensation inside the band, then the Ombudsman's order complied with in time.

Replayed as of every day something happened and as of long after: no findings. And so the test
can fail: each chronology, spoiled by removing the one event that kept a clock, makes the
finding that event prevented.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from doorstep.interchange.replay import replay

HERE = Path(__file__).parent / "chronologies"
QUIET = sorted(HERE.glob("quiet-*.json"))
LONG_AFTER = dt.date(2026, 12, 1)


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def days_of(doc: dict[str, Any]) -> list[dt.date]:
    days = {dt.date.fromisoformat(e["at"][:10]) for e in doc["events"]}
    return sorted(days | {d + dt.timedelta(days=1) for d in days} | {LONG_AFTER})


def test_there_are_four_quiet_landlords() -> None:
    assert [p.name for p in QUIET] == [
        "quiet-asb-and-move.json",
        "quiet-awaab-hazard.json",
        "quiet-christmas-complaint.json",
        "quiet-two-stages-and-ombudsman.json",
    ]


@pytest.mark.parametrize("path", QUIET, ids=lambda p: p.stem)
def test_no_findings_on_any_day(path: Path) -> None:
    doc = load(path)
    for day in days_of(doc):
        result = replay(doc, as_of=day)
        assert result["findings"] == [], (day, [f["explanation"] for f in result["findings"]])
        assert result["topics"] == []


@pytest.mark.parametrize("path", QUIET, ids=lambda p: p.stem)
def test_the_quiet_landlords_clocks_ran_and_were_met(path: Path) -> None:
    """Not quiet for want of clocks: every clock stopped in time."""
    result = replay(load(path), as_of=LONG_AFTER)
    assert len(result["clocks"]) >= 5
    assert all(c["stopped"] and not c["breached"] for c in result["clocks"])


SPOILED = [
    ("quiet-christmas-complaint", "e3", "complaint.not_acknowledged"),
    ("quiet-christmas-complaint", "e15", "commitment.claimed_not_verified"),
    ("quiet-awaab-hazard", "e10", "hazard.summary_late"),
    ("quiet-awaab-hazard", "e7 e8", "hazard.investigation_late"),
    ("quiet-asb-and-move", "e2", "asb.not_risk_assessed"),
    ("quiet-asb-and-move", "e9", "transfer.not_decided"),
    ("quiet-asb-and-move", "e11", "asb.review_overdue"),
    ("quiet-two-stages-and-ombudsman", "e6", "complaint.no_response"),
    ("quiet-two-stages-and-ombudsman", "e11", "ombudsman.order_overdue"),
]


@pytest.mark.parametrize(("name", "event", "code"), SPOILED)
def test_without_the_event_that_kept_the_clock_the_lens_speaks(name, event, code) -> None:
    doc = copy.deepcopy(load(HERE / f"{name}.json"))
    doc["events"] = [e for e in doc["events"] if e["id"] not in event.split()]
    found = {f["code"] for f in replay(doc, as_of=LONG_AFTER)["findings"]}
    assert code in found


def test_an_extension_without_the_residents_agreement_is_a_finding() -> None:
    doc = copy.deepcopy(load(HERE / "quiet-christmas-complaint.json"))
    for event in doc["events"]:
        if event["id"] == "e4":
            event["data"]["agreed_with_resident"] = False
    found = replay(doc, as_of=LONG_AFTER)["findings"]
    codes = {f["code"]: f for f in found}
    assert codes["complaint.extension_invalid"]["date"] == "2025-01-10"
    # the original due date stands, so the response of 23 Jan is late
    assert codes["complaint.stage1_late"]["date"] == "2025-01-16"


def test_compensation_below_the_band_is_a_finding() -> None:
    doc = copy.deepcopy(load(HERE / "quiet-two-stages-and-ombudsman.json"))
    for event in doc["events"]:
        if event["id"] == "e7":
            event["data"]["components"][0]["band"] = "considerable_service_failure"
    codes = {f["code"] for f in replay(doc, as_of=LONG_AFTER)["findings"]}
    assert codes == {"compensation.below_policy"}

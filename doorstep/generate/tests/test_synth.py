"""The synthetic landlord: deterministic for a seed, valid, at its documented rates, and with
some failure of every kind the lens knows."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

import pytest

from doorstep.clocks.catalogue import CODES
from doorstep.generate import rates as r
from doorstep.generate.synth import MEANT, UNTIL, household, jsonl, portfolio
from doorstep.interchange.replay import replay
from doorstep.interchange.validate import first_problem


def text(**kwargs: Any) -> str:
    return "".join(jsonl(doc) for doc in portfolio(**kwargs))


def kinds(docs: Iterable[dict[str, Any]]) -> collections.Counter[str]:
    return collections.Counter(e["kind"] for doc in docs for e in doc["events"])


def test_the_same_seed_gives_the_same_bytes_and_another_seed_differs() -> None:
    first = text(seed=7, homes=30, years=2)
    assert first == text(seed=7, homes=30, years=2)
    assert first != text(seed=8, homes=30, years=2)


def test_a_household_is_the_same_whatever_the_number_of_homes() -> None:
    few = list(portfolio(seed=3, homes=5, years=2))
    many = list(portfolio(seed=3, homes=40, years=2))
    assert many[:5] == few
    assert household(seed=3, index=39, years=2) == many[39]


def test_every_household_passes_the_schema_and_its_events_fall_in_the_years() -> None:
    until = dt.date(2025, 6, 30)
    docs = list(portfolio(seed=11, homes=50, years=2, until=until))
    assert [first_problem(doc) for doc in docs] == [None] * 50
    days = sorted(e["at"][:10] for doc in docs for e in doc["events"])
    assert days[0] >= "2023-06-30"
    assert days[-1] <= until.isoformat()


def test_blocks_are_shared_by_reference_and_refs_are_the_households_own() -> None:
    docs = list(portfolio(seed=2, homes=60, years=1))
    blocks = collections.Counter(
        p["ref"] for doc in docs for p in doc["properties"] if p["kind"] == "block"
    )
    assert blocks and max(blocks.values()) > 1
    homes = [p["ref"] for doc in docs for p in doc["properties"] if p["kind"] != "block"]
    assert len(homes) == len(set(homes)) == 60


def within(found: float, target: float, tolerance: float) -> bool:
    return abs(found - target) <= tolerance * target


def test_repairs_at_a_small_scale_are_at_the_documented_rate_and_priorities() -> None:
    docs = list(portfolio(seed=5, homes=50, years=2))
    reported = [
        e["data"]["priority"]
        for doc in docs
        for e in doc["events"]
        if e["kind"] == "repair.reported"
    ]
    assert within(len(reported) / 100, r.REPAIRS_PER_HOME_YEAR, 0.15)
    shares = collections.Counter(reported)
    for priority, share in r.PRIORITY_SHARE.items():
        assert within(shares[priority] / len(reported), share, 0.35), priority


def test_complaints_asb_damp_and_vulnerabilities_are_at_the_documented_rates() -> None:
    homes, years = 1000, 2
    docs = list(portfolio(seed=5, homes=homes, years=years))
    seen = kinds(docs)
    home_years = homes * years
    assert within(seen["complaint.received"] / home_years, r.STAGE1_PER_HOME_YEAR, 0.3)
    assert within(seen["asb.reported"] / home_years, r.ASB_PER_HOME_YEAR, 0.3)
    assert within(seen["hazard.reported"] / home_years, r.DAMP_PER_HOME_YEAR, 0.3)
    assert within(seen["complaint.escalated"] / seen["complaint.received"], r.ESCALATION_SHARE, 0.5)
    disabled = sum(
        any(
            e["kind"] == "vulnerability.disclosed" and e["data"]["category"] == "disability"
            for e in doc["events"]
        )
        for doc in docs
    )
    target = r.DISABILITY_SHARE * r.VULNERABILITY_DISCLOSED_SHARE
    assert within(disabled / homes, target, 0.15)


@pytest.fixture(scope="module")
def meant() -> dict[str, list[dict[str, Any]]]:
    """The first two households in which the generator meant each lens code to arise."""
    found: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for doc in itertools.islice(portfolio(seed=1, homes=10_000, years=5), 10_000):
        codes = {(e.get("data") or {}).get(MEANT) for e in doc["events"]} - {None}
        for code in codes:
            if len(found[str(code)]) < 2:
                found[str(code)].append(doc)
        if len(found) == len(CODES) and all(len(v) == 2 for v in found.values()):
            break
    return found


def test_the_generator_means_every_failure_the_lens_knows(meant: dict[str, Any]) -> None:
    assert sorted(meant) == sorted(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_a_household_meant_to_fail_so_replays_with_that_finding(
    meant: dict[str, list[dict[str, Any]]], code: str
) -> None:
    docs = meant.get(code)
    assert docs, f"no household meant {code}"
    raised = [{f["code"] for f in replay(doc, as_of=UNTIL)["findings"]} for doc in docs]
    assert any(code in codes for codes in raised), code

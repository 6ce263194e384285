"""Seed replays: the two Ombudsman determinations, replayed as of the keys' dates.

Every clock row of the answer keys (`shared/scenarios/*.expected.md`: due dates, the dates
findings arise (the day after due), overdue working or calendar days, the dates the failure was
resolved) is written out here as data, copied from the keys, never derived from the engine.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from doorstep.clocks.engine import ClockResult, compute_clocks
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.ledger import commitment_states
from doorstep.clocks.replay import replay_clocks
from doorstep.testing.shared import scenario
from doorstep.workdays import calendar_for

BROMFORD = "bromford-202109189.json"
CLARION = "clarion-202208650.json"
BROMFORD_DAY = dt.date(2024, 3, 21)
CLARION_DAY = dt.date(2023, 8, 11)
ANY = object()


def load(name: str) -> dict:
    return scenario(name)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass(frozen=True)
class Row:
    """One clock as the answer key gives it. `ANY`: the key does not say."""

    key_row: str
    case: str
    clock: str
    start_event: str
    due: str
    stopped: object = ANY  # a date text, None (never stopped), or ANY
    breached: bool = True
    started: object = ANY
    overdue_wd: object = ANY
    overdue_days: object = ANY
    used: object = ANY
    imprecise: object = ANY
    subject: str = ""

    @property
    def arises(self) -> dt.date | None:
        """A breached clock's finding arises on the calendar day after the due date."""
        return d(self.due) + dt.timedelta(days=1) if self.breached else None


@functools.lru_cache(maxsize=32)
def replay(name: str, as_of: dt.date) -> tuple[ClockResult, ...]:
    """The seed's clocks as of a date (results are immutable, so one replay serves many rows)."""
    return tuple(compute_clocks(facts_from_chronology(load(name)), as_of=as_of))


def find(results: tuple[ClockResult, ...], row: Row) -> ClockResult:
    found = [
        r
        for r in results
        if (r.case, r.clock, r.start_event) == (row.case, row.clock, row.start_event)
        and row.subject in r.subject
    ]
    assert len(found) == 1, f"key row {row.key_row}: expected one clock, found {found}"
    return found[0]


def check(result: ClockResult, row: Row) -> None:
    where = f"key row {row.key_row} ({row.case} {row.clock} {row.start_event})"
    assert result.due == d(row.due), where
    assert result.breached is row.breached, where
    assert result.arises == row.arises, where
    expected: dict[str, tuple[object, object, Callable[[Any], object]]] = {
        "started": (result.started, row.started, d),
        "stopped": (result.stopped, row.stopped, lambda v: None if v is None else d(v)),
        "overdue_working_days": (result.overdue_working_days, row.overdue_wd, int),
        "overdue_days": (result.overdue_days, row.overdue_days, int),
        "used": (result.used, row.used, int),
        "imprecise": (result.imprecise, row.imprecise, bool),
    }
    for name, (actual, wanted, convert) in expected.items():
        if wanted is not ANY:
            assert actual == convert(wanted), f"{where}: {name}"


# --- Bromford 202109189, replayed as of 21 March 2024 -------------------------------------------

BROMFORD_ROWS = [
    Row("A1", "C1", "complaint.stage1.acknowledgement", "e13", "2021-07-07", "2021-10-07",
        started="2021-06-30"),
    Row("A2", "C1", "complaint.stage1.response", "e13", "2021-07-14", "2021-10-07",
        started="2021-06-30", overdue_wd=60, overdue_days=85, used=70, imprecise=False),
    Row("A5", "C3", "repair.target", "e3", "2020-09-29", "2022-05-13", overdue_days=591),
    Row("A6", "C3", "repair.target", "e12", "2021-04-27", "2022-05-13", overdue_days=381),
    Row("A7", "C3", "repair.target", "e18", "2021-07-01", "2022-05-13", overdue_days=316),
    Row("A8", "C3", "repair.target", "e21", "2021-07-28", "2022-05-13", overdue_days=289),
    Row("A9", "C3", "repair.target", "e27", "2021-12-14", "2022-05-13", overdue_days=150),
    Row("A10", "C3", "repair.target", "e28", "2022-01-12", "2022-05-13", overdue_days=121),
    Row("A11", "C3", "repair.target", "e29", "2022-03-19", "2022-05-13", overdue_days=55),
    Row("A12", "C3", "commitment.verification", "e32", "2022-07-18", None,
        started="2022-07-04", subject="DOORS"),
    Row("A14", "C2", "asb.first_response", "e1", "2018-07-05", started="2018-06-30",
        imprecise=True),
    Row("A14", "C2", "asb.first_response", "e2", "2018-07-05", started="2018-06-30",
        imprecise=True),
    Row("A15", "C2", "asb.first_response", "e14", "2021-07-05", "2021-10-07", overdue_days=94),
    Row("A15", "C2", "asb.first_response", "e15", "2021-07-05", "2021-10-07", overdue_days=94),
    Row("A15", "C2", "asb.first_response", "e16", "2021-07-05", "2021-10-07", overdue_days=94),
    Row("A16", "C6", "asb.first_response", "e17", "2021-07-05", None),
    Row("A17", "C2", "asb.risk_assessment", "e1", "2018-07-05", None, imprecise=True),
    Row("A17", "C2", "asb.risk_assessment", "e2", "2018-07-05", None, imprecise=True),
    Row("A17", "C2", "asb.risk_assessment", "e6", "2021-05-01", None),
    Row("A17", "C6", "asb.risk_assessment", "e7", "2021-05-01", None),
    Row("A17", "C2", "asb.risk_assessment", "e14", "2021-07-05", None),
    Row("A17", "C2", "asb.risk_assessment", "e15", "2021-07-05", None),
    Row("A17", "C2", "asb.risk_assessment", "e16", "2021-07-05", None),
    Row("A17", "C6", "asb.risk_assessment", "e17", "2021-07-05", None),
    Row("A19", "C1", "commitment.verification", "e24", "2021-10-21", None,
        started="2021-10-07", subject="action"),
    Row("A21", "C7", "transfer.decision", "e20", "2021-07-28", "2021-10-07"),
    Row("A22", "C4", "repair.target", "e4", "2021-06-01", None, started="2021-04-30",
        imprecise=True),
    # Section C: where the lens stays quiet.
    Row("C stage 2", "C1", "complaint.stage2.response", "e33", "2022-07-25", "2022-07-04",
        breached=False, started="2022-06-27", used=5),
    Row("C stage 2 ack", "C1", "complaint.stage2.acknowledgement", "e33", "2022-07-04",
        "2022-07-04", breached=False),
    Row("C grounds", "C5", "repair.target", "e19", "2021-09-28", "2021-08-28", breached=False),
    Row("C ASB 26 Apr", "C2", "asb.first_response", "e6", "2021-05-01", "2021-04-26",
        breached=False),
    Row("C ASB 26 Apr", "C6", "asb.first_response", "e7", "2021-05-01", "2021-04-26",
        breached=False),
    # Section D: the orders, none overdue on the determination date.
    *(Row("D", "C8", "ombudsman.order", "e43", "2024-04-18", None, breached=False,
          subject=f"o{n}") for n in (1, 2, 3)),
    *(Row("D", "C8", "ombudsman.order", "e43", "2024-05-02", None, breached=False,
          subject=f"o{n}") for n in (4, 5, 6)),
]  # fmt: skip


@pytest.mark.parametrize("row", BROMFORD_ROWS, ids=lambda r: f"{r.key_row}-{r.start_event}")
def test_bromford_clock_rows(row: Row) -> None:
    check(find(replay(BROMFORD, BROMFORD_DAY), row), row)


def test_bromford_is_quiet_where_the_key_is_quiet() -> None:
    """No ASB case was opened (no review clock), no hazard is on record, no extension."""
    results = replay(BROMFORD, BROMFORD_DAY)
    names = {r.clock for r in results}
    assert "asb.review" not in names
    assert not any(n.startswith("hazard.") for n in names)
    assert all(r.extension_valid is None and r.original_due is None for r in results)


@pytest.mark.parametrize("day", ["2021-08-29", "2021-09-14", "2021-10-22", "2024-03-21"])
def test_bromford_grounds_claim_is_never_unverified(day: str) -> None:
    """C: e41 is bound-dated and stops the claim's window at its earliest, 29 Aug 2021."""
    for result in replay(BROMFORD, d(day)):
        if result.clock == "commitment.verification" and "GM1" in result.subject:
            assert not result.breached
            assert result.stop_event == "e41"


@pytest.mark.parametrize(
    ("day", "overdue"),
    [("2024-04-18", set()), ("2024-04-19", {"o1", "o2", "o3"}),
     ("2024-05-03", {"o1", "o2", "o3", "o4", "o5", "o6"})],
)  # fmt: skip
def test_bromford_orders_fall_overdue_the_day_after_their_deadlines(day, overdue) -> None:
    orders = [r for r in replay(BROMFORD, d(day)) if r.clock == "ombudsman.order"]
    assert {r.subject.removeprefix("order ") for r in orders if r.breached} == overdue


def test_bromford_report_counts_both_ways() -> None:
    """The report says 71 working days, counting 30 June; Doorstep says 70 and explains both."""
    row = BROMFORD_ROWS[1]
    result = find(replay(BROMFORD, BROMFORD_DAY), row)
    assert any("70 working days" in line and "71" in line for line in result.explanation.lines)


# --- Clarion 202208650, replayed as of 11 August 2023 -------------------------------------------

CLARION_ROWS = [
    Row("A1", "C3", "complaint.stage1.acknowledgement", "e22", "2021-12-07", None,
        started="2021-11-30", imprecise=True),
    Row("A2", "C3", "complaint.stage1.response", "e22", "2021-12-14", None, imprecise=True),
    Row("A3", "C2", "complaint.stage1.acknowledgement", "e26", "2022-03-10", "2022-03-24"),
    Row("A4", "C2", "complaint.stage1.response", "e26", "2022-03-17", "2022-03-24",
        started="2022-03-03", overdue_wd=5, used=15, imprecise=False),
    Row("A5", "C2", "complaint.stage2.acknowledgement", "e36", "2022-04-22", "2022-05-20"),
    Row("A6", "C2", "complaint.stage2.response", "e36", "2022-05-16", "2022-05-20",
        started="2022-04-13", overdue_wd=4, used=24),
    Row("A9", "C1", "hazard.investigation", "e1", "2021-04-28", "2021-10-27",
        started="2021-03-31", overdue_days=182, imprecise=True),
    Row("A10", "C1", "hazard.investigation", "e38", "2022-06-06", "2022-06-16",
        overdue_days=10),
    Row("A13", "C1", "repair.target", "e25", "2021-12-31", None, imprecise=True),
    Row("A14", "C1", "repair.target", "e27", "2022-04-07", None, subject="J6"),
    *(Row("A23", "C2", "commitment.due", "e32", "2022-04-07", None, subject=f"k{n}")
      for n in range(1, 9)),
    Row("A24", "C2", "commitment.due", "e46", "2022-05-20", None, subject="k13"),
    Row("A24", "C2", "commitment.due", "e46", "2022-05-20", None, subject="k14"),
    Row("A25", "C4", "commitment.due", "e41", "2022-05-31", None, subject="k9", imprecise=True),
    Row("A26", "C1", "commitment.due", "e42", "2022-05-31", None, subject="k10",
        imprecise=True),
    Row("A27", "C2", "commitment.verification", "e46", "2022-06-07", "2022-07-28",
        subject="J6 (boxing)"),
    Row("A27", "C2", "commitment.verification", "e46", "2022-06-07", "2022-07-28",
        subject="J5 (cavity)"),
    Row("A29", "C1", "commitment.verification", "e65", "2023-04-18", "2023-04-01",
        breached=False, started="2023-03-31", imprecise=True),
    Row("A32", "C4", "repair.target", "e7", "2021-04-08", "2023-07-01", subject="J1",
        overdue_days=814, imprecise=True),
    Row("A33", "C1", "repair.target", "e12", "2021-11-24", None, started="2021-10-27",
        subject="J2", imprecise=True),
    Row("A33", "C1", "repair.target", "e19", "2021-12-21", None, started="2021-11-23",
        subject="J3", imprecise=True),
    Row("A33", "C1", "repair.target", "e28", "2022-04-14", None, started="2022-03-17",
        subject="J5"),
    # Section C: where the lens stays quiet.
    Row("C Sept 2021", "C1", "hazard.investigation", "e11", "2021-10-28", "2021-10-27",
        breached=False, started="2021-09-30"),
    Row("C Nov 2021", "C1", "hazard.investigation", "e16", "2021-12-28", "2021-12-20",
        breached=False, started="2021-11-30"),
    # Section D: the orders, none overdue on the determination date.
    *(Row("D", "C5", "ombudsman.order", "e70", "2023-09-08", None, breached=False,
          subject=f"o{n}") for n in (1, 3, 4, 5, 6, 8)),
    *(Row("D", "C5", "ombudsman.order", "e70", "2023-10-06", None, breached=False,
          subject=f"o{n}") for n in (2, 7, 9)),
]  # fmt: skip


@pytest.mark.parametrize(
    "row", CLARION_ROWS, ids=lambda r: f"{r.key_row}-{r.start_event}-{r.subject}"
)
def test_clarion_clock_rows(row: Row) -> None:
    check(find(replay(CLARION, CLARION_DAY), row), row)


def test_clarion_stops_are_the_keys_events() -> None:
    """Row 9: the first attendance (e14), not the missed March appointment in C4 (e5); row 10:
    the repointing visit (e52), not the bookings or missed visits of 20 May; row 27: the
    resident's contradictions (e56, e57); row 29: the landlord's own not-done (e68)."""
    results = replay(CLARION, CLARION_DAY)
    stops = {(r.clock, r.start_event, r.subject): r.stop_event for r in results}
    assert stops["hazard.investigation", "e1", "damp_mould reported e1"] == "e14"
    assert stops["hazard.investigation", "e38", "damp_mould reported e38"] == "e52"
    assert stops["commitment.verification", "e46", "job J6 (boxing)"] == "e56"
    assert stops["commitment.verification", "e46", "job J5 (cavity)"] == "e57"
    assert stops["commitment.verification", "e65", "job J5 (cavity, repoint)"] == "e68"


def test_clarion_has_no_awaab_clocks_before_awaabs_law() -> None:
    names = {r.clock for r in replay(CLARION, CLARION_DAY)}
    assert names.isdisjoint(
        {"hazard.summary", "hazard.safety_work", "hazard.further_work", "hazard.emergency"}
    )


@pytest.mark.parametrize(
    ("day", "overdue"),
    [("2023-09-08", set()), ("2023-09-09", {"o1", "o3", "o4", "o5", "o6", "o8"}),
     ("2023-10-07", {f"o{n}" for n in range(1, 10)})],
)  # fmt: skip
def test_clarion_orders_fall_overdue_the_day_after_their_deadlines(day, overdue) -> None:
    orders = [r for r in replay(CLARION, d(day)) if r.clock == "ombudsman.order"]
    assert {r.subject.removeprefix("order ") for r in orders if r.breached} == overdue


@pytest.mark.parametrize(("day", "breached"), [("2023-08-25", False), ("2023-08-26", True)])
def test_clarion_floor_claim_unverified_from_26_august(day: str, breached: bool) -> None:
    """D: the July 2023 floor claim (e67), counted from 11 Aug 2023, due 25 Aug 2023."""
    row = Row("D e67", "C4", "commitment.verification", "e67", "2023-08-25", None,
              breached=breached, started="2023-08-11", imprecise=True)  # fmt: skip
    check(find(replay(CLARION, d(day)), row), row)


CLARION_STATES = {
    # Row 23: k1, k4, k6 claimed and contradicted; the rest never kept. Row 24: k13 (J5
    # repoint) contradicted by e68, k14 never done. Rows 25-26: k9, k10 never kept.
    "k1": "contradicted", "k2": "overdue", "k3": "overdue", "k4": "contradicted",
    "k5": "overdue", "k6": "contradicted", "k7": "overdue", "k8": "overdue",
    "k9": "overdue", "k10": "overdue", "k13": "contradicted", "k14": "overdue",
    # Section B: undated promises stay open; section D: no order is overdue yet.
    "k0": "open", "k11": "open", "k12": "open", "k15": "open",
    **{f"o{n}": "open" for n in range(1, 10)},
}  # fmt: skip


def test_clarion_commitment_states() -> None:
    facts = facts_from_chronology(load(CLARION))
    states = commitment_states(
        facts, as_of=CLARION_DAY, overrides=facts.overrides, calendar=calendar_for("england")
    )
    assert {s.commitment: s.state for s in states} == CLARION_STATES


def test_bromford_replay_json_matches_the_format_example_shape() -> None:
    replayed = replay_clocks(load(BROMFORD), as_of=BROMFORD_DAY)
    assert replayed["as_of"] == "2024-03-21"
    late = next(c for c in replayed["clocks"] if c["clock"] == "complaint.stage1.response")
    assert {k: late[k] for k in ("case", "started", "due", "stopped", "overdue_working_days")} == {
        "case": "C1",
        "started": "2021-06-30",
        "due": "2021-07-14",
        "stopped": "2021-10-07",
        "overdue_working_days": 60,
    }
    assert late["breached"] is True and late["original_due"] is None and late["rule"]
    assert {c["commitment"]: c["state"] for c in replayed["commitments"]}["k3"] == "open"

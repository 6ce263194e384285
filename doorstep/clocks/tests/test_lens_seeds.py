"""The lens on the two seed determinations: every finding the answer keys list, with the right
dates and counts, and nothing else.

The rows are copied from `shared/scenarios/*.expected.md` (section A, and D for the orders),
never derived from the code: code, case, the date the finding arises, the date it was resolved
where the key gives one, whether it rests on an imprecise date, and the events that identify it.
Each set of rows is the WHOLE list of findings: a finding the key does not list fails the test,
so the lens cannot find what the record does not support (sections C and E).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from doorstep.interchange.replay import replay
from doorstep.testing.shared import scenario

BROMFORD = "bromford-202109189.json"
CLARION = "clarion-202208650.json"
BROMFORD_DAY = dt.date(2024, 3, 21)
CLARION_DAY = dt.date(2023, 8, 11)
ANY: Any = object()


def load(name: str) -> dict[str, Any]:
    return scenario(name)


@functools.lru_cache(maxsize=16)
def _replay(name: str, as_of: dt.date) -> str:
    return json.dumps(replay(load(name), as_of=as_of))


def findings(name: str, as_of: dt.date) -> list[dict[str, Any]]:
    return list(json.loads(_replay(name, as_of))["findings"])


@dataclass(frozen=True)
class Key:
    """One finding as the key gives it."""

    row: str
    code: str
    case: str
    date: str
    events: tuple[str, ...] = ()
    resolved: Any = ANY  # a date text, None (still going on), or ANY (the key does not say)
    imprecise: Any = ANY
    assumed: Any = ANY
    disputed: Any = ANY
    absence: Any = ANY

    def matches(self, found: dict[str, Any]) -> bool:
        return (found["code"], found["case"], found["date"]) == (
            self.code,
            self.case,
            self.date,
        ) and set(self.events) <= set(found["events"])

    def check(self, found: dict[str, Any]) -> None:
        where = f"key row {self.row} ({self.code} {self.case} {self.date} {self.events})"
        for member, wanted in (
            ("resolved", self.resolved),
            ("imprecise", self.imprecise),
            ("assumed", self.assumed),
            ("disputed", self.disputed),
            ("absence_of_records", self.absence),
        ):
            if wanted is not ANY:
                assert found[member] == wanted, f"{where}: {member} is {found[member]!r}"
        assert found["explanation"] and found["rule"] and found["source"], where
        assert found["severity"] in ("low", "medium", "high"), where


BROMFORD_KEY = [
    Key("A1", "complaint.not_acknowledged", "C1", "2021-07-08", ("e13",), resolved="2021-10-07"),
    Key("A2", "complaint.stage1_late", "C1", "2021-07-15", ("e13", "e24"),
        resolved="2021-10-07", imprecise=False),
    Key("A3", "compensation.outside_process", "C1", "2022-07-05", ("e42",), imprecise=True),
    Key("A4", "compensation.refund_as_compensation", "C1", "2022-07-05", ("e42",),
        imprecise=True),
    Key("A5", "repair.overdue", "C3", "2020-09-30", ("e3", "e32"), resolved="2022-05-13",
        assumed=True),
    Key("A6", "repair.overdue", "C3", "2021-04-28", ("e12", "e32"), resolved="2022-05-13"),
    Key("A7", "repair.overdue", "C3", "2021-07-02", ("e18", "e32"), resolved="2022-05-13"),
    Key("A8", "repair.overdue", "C3", "2021-07-29", ("e21", "e32"), resolved="2022-05-13"),
    Key("A9", "repair.overdue", "C3", "2021-12-15", ("e27", "e32"), resolved="2022-05-13"),
    Key("A10", "repair.overdue", "C3", "2022-01-13", ("e28", "e32"), resolved="2022-05-13"),
    Key("A11", "repair.overdue", "C3", "2022-03-20", ("e29", "e32"), resolved="2022-05-13"),
    Key("A12", "commitment.claimed_not_verified", "C3", "2022-07-19", ("e32",), resolved=None),
    Key("A13", "records.report_missing", "C4", "2021-08-05", ("e22",), resolved=None,
        absence=True),
    Key("A14", "asb.first_response_late", "C2", "2018-07-06", ("e1",), imprecise=True),
    Key("A14", "asb.first_response_late", "C2", "2018-07-06", ("e2",), imprecise=True),
    *(Key("A15", "asb.first_response_late", "C2", "2021-07-06", (e,), resolved="2021-10-07")
      for e in ("e14", "e15", "e16")),
    Key("A16", "asb.first_response_late", "C6", "2021-07-06", ("e17",), resolved=None),
    Key("A17", "asb.not_risk_assessed", "C2", "2018-07-06", ("e1",), imprecise=True),
    Key("A17", "asb.not_risk_assessed", "C2", "2018-07-06", ("e2",), imprecise=True),
    Key("A17", "asb.not_risk_assessed", "C2", "2021-05-02", ("e6",)),
    Key("A17", "asb.not_risk_assessed", "C6", "2021-05-02", ("e7",)),
    *(Key("A17", "asb.not_risk_assessed", "C2", "2021-07-06", (e,)) for e in ("e14", "e15", "e16")),
    Key("A17", "asb.not_risk_assessed", "C6", "2021-07-06", ("e17",)),
    Key("A18", "asb.case_wrongly_declined", "C2", "2022-07-20", ("e39",)),
    Key("A19", "commitment.claimed_not_verified", "C1", "2021-10-22", ("e24",), resolved=None),
    Key("A20", "vulnerability.not_recorded", "C7", "2022-04-01", ("e30",), resolved=None,
        imprecise=True),
    Key("A21", "transfer.not_decided", "C7", "2021-07-29", ("e20", "e26"),
        resolved="2021-10-07"),
    Key("A22", "repair.overdue", "C4", "2021-06-02", ("e4",), resolved=None, imprecise=True,
        assumed=True),
]  # fmt: skip

CLARION_KEY = [
    Key("A1", "complaint.not_acknowledged", "C3", "2021-12-08", ("e22",), resolved=None,
        imprecise=True),
    Key("A2", "complaint.no_response", "C3", "2021-12-15", ("e22",), resolved=None,
        imprecise=True),
    Key("A3", "complaint.not_acknowledged", "C2", "2022-03-11", ("e26",), resolved="2022-03-24"),
    Key("A4", "complaint.stage1_late", "C2", "2022-03-18", ("e26", "e32"),
        resolved="2022-03-24"),
    Key("A5", "complaint.not_acknowledged", "C2", "2022-04-23", ("e36",), resolved="2022-05-20"),
    Key("A6", "complaint.stage2_late", "C2", "2022-05-17", ("e36", "e46"),
        resolved="2022-05-20"),
    Key("A7", "compensation.below_policy", "C2", "2022-03-24", ("e33",)),
    Key("A8", "compensation.offset_without_request", "C2", "2022-03-24", ("e33",)),
    Key("A9", "hazard.investigation_late", "C1", "2021-04-29", ("e1", "e14"),
        resolved="2021-10-27", imprecise=True),
    Key("A10", "hazard.investigation_late", "C1", "2022-06-07", ("e38", "e52"),
        resolved="2022-06-16"),
    Key("A11", "hazard.vulnerable_not_prioritised", "C1", "2021-10-27",
        ("e1", "e2", "e8", "e9", "e12", "e16", "e18", "e19", "e38", "e39"), imprecise=True,
        assumed=True),
    Key("A12", "vulnerability.not_recorded", "C1", "2021-03-01", ("e2",), imprecise=True,
        resolved=None),
    Key("A12", "vulnerability.not_recorded", "C4", "2021-03-30", ("e8",), resolved=None),
    Key("A12", "vulnerability.not_recorded", "C4", "2021-03-30", ("e9",), resolved=None),
    Key("A12", "vulnerability.not_recorded", "C1", "2021-11-01", ("e18",), imprecise=True),
    Key("A12", "vulnerability.not_recorded", "C1", "2022-05-09", ("e39",)),
    Key("A13", "repair.overdue", "C1", "2022-01-01", ("e25",), imprecise=True),
    Key("A14", "repair.overdue", "C1", "2022-04-08", ("e29",)),
    Key("A15", "appointment.missed_by_landlord", "C4", "2021-03-22", ("e4", "e5"),
        imprecise=True),
    Key("A16", "appointment.not_first_time_fix", "C1", "2021-10-27", ("e13", "e14")),
    Key("A17", "appointment.changed_without_notice", "C1", "2021-11-01", ("e20", "e21"),
        imprecise=True),
    Key("A18", "appointment.missed_by_landlord", "C1", "2022-04-07", ("e30", "e34")),
    Key("A18", "appointment.missed_by_landlord", "C1", "2022-04-07", ("e31", "e71")),
    Key("A19", "appointment.not_first_time_fix", "C1", "2022-03-25", ("e35",), imprecise=True),
    Key("A20", "appointment.missed_by_landlord", "C1", "2022-05-20", ("e44", "e49"),
        assumed=True),
    Key("A20", "appointment.missed_by_landlord", "C1", "2022-05-20", ("e45", "e50"),
        assumed=True),
    Key("A21", "appointment.not_first_time_fix", "C1", "2022-06-16", ("e51", "e52")),
    Key("A22", "appointment.changed_without_notice", "C1", "2022-06-17", ("e53", "e54"),
        imprecise=True, disputed=True),
    *(Key("A23", "commitment.overdue", "C2", "2022-04-08", ("e32",), resolved=None)
      for _ in range(8)),
    *(Key("A24", "commitment.overdue", "C2", "2022-05-21", ("e46",), resolved=None)
      for _ in range(2)),
    Key("A25", "commitment.overdue", "C4", "2022-06-01", ("e41",), imprecise=True),
    Key("A26", "commitment.overdue", "C1", "2022-06-01", ("e42",), imprecise=True),
    Key("A27", "commitment.claimed_not_verified", "C2", "2022-06-08", ("e46", "e56"),
        resolved="2022-07-28"),
    Key("A27", "commitment.claimed_not_verified", "C2", "2022-06-08", ("e46", "e57"),
        resolved="2022-07-28"),
    Key("A28", "commitment.claim_contradicted", "C2", "2022-07-28", ("e46", "e56")),
    Key("A28", "commitment.claim_contradicted", "C2", "2022-07-28", ("e46", "e57")),
    Key("A29", "commitment.claim_contradicted", "C1", "2023-04-01", ("e65", "e68"),
        imprecise=True),
    Key("A30", "records.report_missing", "C1", "2021-12-20", ("e24",), absence=True),
    Key("A31", "records.repeat_not_linked", "C6", "2023-02-12", ("e59", "e28"), resolved=None),
    Key("A32", "repair.overdue", "C4", "2021-04-09", ("e7", "e67"), resolved="2023-07-01",
        imprecise=True, assumed=True),
    Key("A33", "repair.overdue", "C1", "2021-11-25", ("e12",), imprecise=True, assumed=True,
        resolved=None),
    Key("A33", "repair.overdue", "C1", "2021-12-22", ("e19",), imprecise=True, assumed=True,
        resolved=None),
    Key("A33", "repair.overdue", "C1", "2022-04-15", ("e28",), assumed=True, resolved=None),
]  # fmt: skip


def _match_all(keys: list[Key], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pair each key row with a finding (each finding used once); the findings left over."""
    left = list(found)
    for key in keys:
        candidates = [f for f in left if key.matches(f)]
        assert candidates, f"key row {key.row}: no {key.code} for {key.case} on {key.date}"
        key.check(candidates[0])
        left.remove(candidates[0])
    return left


def test_bromford_findings_are_exactly_the_keys() -> None:
    left = _match_all(BROMFORD_KEY, findings(BROMFORD, BROMFORD_DAY))
    assert left == [], (
        f"findings the key does not list: {[(f['code'], f['case'], f['date']) for f in left]}"
    )


def test_clarion_findings_are_exactly_the_keys() -> None:
    left = _match_all(CLARION_KEY, findings(CLARION, CLARION_DAY))
    assert left == [], (
        f"findings the key does not list: {[(f['code'], f['case'], f['date']) for f in left]}"
    )


@pytest.mark.parametrize(
    ("name", "day", "overdue"),
    [
        (BROMFORD, "2024-04-18", {}),
        (BROMFORD, "2024-04-19", {"2024-04-19": 3}),
        (BROMFORD, "2024-05-03", {"2024-04-19": 3, "2024-05-03": 3}),
        (CLARION, "2023-09-08", {}),
        (CLARION, "2023-09-09", {"2023-09-09": 6}),
        (CLARION, "2023-10-07", {"2023-09-09": 6, "2023-10-07": 3}),
    ],
)
def test_orders_fall_overdue_the_day_after_their_deadlines(name, day, overdue) -> None:
    """Section D of both keys: no `ombudsman.order_complied` is on record."""
    found = [
        f
        for f in findings(name, dt.date.fromisoformat(day))
        if f["code"] == "ombudsman.order_overdue"
    ]
    assert Counter(f["date"] for f in found) == overdue


def test_clarion_floor_claim_unverified_from_26_august() -> None:
    """Section D: the July 2023 floor claim (e67) is unverified from 26 Aug 2023, imprecise."""
    before = findings(CLARION, dt.date(2023, 8, 25))
    after = findings(CLARION, dt.date(2023, 8, 26))
    claimed = [
        f for f in after if f["code"] == "commitment.claimed_not_verified" and "e67" in f["events"]
    ]
    assert [(f["date"], f["imprecise"]) for f in claimed] == [("2023-08-26", True)]
    assert not [
        f for f in before if "e67" in f["events"] and f["code"] == "commitment.claimed_not_verified"
    ]


@pytest.mark.parametrize("name", [BROMFORD, CLARION])
def test_a_finding_once_arisen_stays_in_every_later_replay(name: str) -> None:
    """Replayed quarter by quarter, a finding never disappears or changes its date: later
    replays keep it (resolved, or re-coded from no_response to late, under the same key). A
    resolution resting on a claim is withdrawn only when the claim is found false (Clarion's
    J5: said done in March 2023, found not done later)."""
    doc = load(name)
    first = min(e["at"][:7] for e in doc["events"])
    year, month = int(first[:4]), int(first[5:7])
    days = []
    while (year, month) <= (2024, 6):
        days.append(dt.date(year, month, 28))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    seen: dict[str, dict[str, Any]] = {}
    for day in days[::3]:
        now = {f["key"]: f for f in findings(name, day)}
        for key, earlier in seen.items():
            assert key in now, f"{earlier['code']} {key} of {earlier['date']} vanished by {day}"
            assert now[key]["date"] == earlier["date"], key
            if earlier["resolved"] and now[key]["resolved"] != earlier["resolved"]:
                # Only a claim found false withdraws a resolution that rested on it.
                assert now[key]["resolved"] is None, key
                assert any(
                    f["code"] == "commitment.claim_contradicted" and f["case"] == earlier["case"]
                    for f in now.values()
                ), f"{key}: resolution withdrawn without a contradiction"
        seen.update(now)


def test_topics_group_the_findings_with_a_suggested_range() -> None:
    result = replay(load(CLARION), as_of=CLARION_DAY)
    topics = {t["topic"]: t for t in result["topics"]}
    assert sum(t["count"] for t in topics.values()) == len(result["findings"])
    complaints = topics["complaint_handling"]
    assert complaints["count"] == 6 and complaints["ongoing"] == 2
    assert complaints["first"] == "2021-12-08"
    suggestion = complaints["suggestion"]
    # C3 unanswered since 15 Dec 2021 (604 days), for a household with a disability disclosed
    assert suggestion["low"] == 1000 and suggestion["high"] is None
    assert "not a finding of maladministration" in suggestion["reasoning"]
    # Clarion's own band that reaches the guidance's range: considerable (250-700)
    assert suggestion["landlord_band"] == "considerable_service_failure"
    assert (suggestion["landlord_low"], suggestion["landlord_high"]) == (250, 700)


def test_findings_text_says_what_each_rests_on() -> None:
    from doorstep.interchange.replay import replay_text

    text = replay_text(replay(load(CLARION), as_of=CLARION_DAY))
    line = next(
        x for x in text.splitlines() if x.startswith("  17 Jun 2022 appointment.changed_without")
    )
    assert "disputed" in line and "imprecise date" in line
    assert "By topic, as of 11 Aug 2023" in text

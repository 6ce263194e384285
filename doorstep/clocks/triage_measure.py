"""Measuring contact triage against a labelled set: precision, recall and F1, per family and
per value, with the misses named.

A labelled row is a contact's words and what a careful officer would suggest from them
(`docs/triage.md`): `{"text", "dissatisfied": bool, "hazards": [...], "vulnerabilities": [...],
"note"}`. Each (row, value) pair counts once: a value both suggested and labelled is a true
positive, suggested and not labelled a false positive, labelled and not suggested a false
negative. Dissatisfaction has one value, `dissatisfied`. A family's figures add up its
values' counts (micro-averaged). Precision with nothing suggested, or recall with nothing
labelled, is undefined (None), never a flattering 1.

Pure: no Django.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from doorstep.clocks.triage import (
    DISSATISFACTION,
    FAMILIES,
    HAZARD,
    RULES_VERSION,
    Triage,
    triage,
)

DISSATISFIED = "dissatisfied"


@dataclass(frozen=True)
class Labelled:
    """One contact of a labelled set, with what triage should suggest."""

    text: str
    dissatisfied: bool
    hazards: tuple[str, ...] = ()
    vulnerabilities: tuple[str, ...] = ()
    note: str = ""

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any]) -> Labelled:
        return cls(
            text=str(row["text"]),
            dissatisfied=bool(row["dissatisfied"]),
            hazards=tuple(row.get("hazards") or ()),
            vulnerabilities=tuple(row.get("vulnerabilities") or ()),
            note=str(row.get("note") or ""),
        )


def labelled_rows(lines: Iterable[str]) -> list[Labelled]:
    """The rows of a JSON Lines labelled set (blank lines skipped)."""
    return [Labelled.from_mapping(json.loads(line)) for line in lines if line.strip()]


@dataclass(frozen=True)
class Score:
    """Counts for one value (or a whole family) and the figures from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """How many times the value is labelled."""
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Miss:
    """A value triage got wrong on a row: `missed` (labelled, not suggested) or `extra`
    (suggested, not labelled)."""

    text: str
    family: str
    value: str
    how: str  # "missed" | "extra"
    note: str = ""


@dataclass(frozen=True)
class Scores:
    rows: int
    rules_version: str
    families: dict[str, Score]
    values: dict[str, dict[str, Score]]
    misses: tuple[Miss, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        def figures(s: Score) -> dict[str, Any]:
            return {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "support": s.support,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }

        return {
            "rows": self.rows,
            "rules_version": self.rules_version,
            "families": {f: figures(s) for f, s in self.families.items()},
            "values": {
                f: {v: figures(s) for v, s in values.items()} for f, values in self.values.items()
            },
            "misses": [m.__dict__ for m in self.misses],
        }


def _suggested(result: Triage, family: str) -> set[str]:
    if family == DISSATISFACTION:
        return {DISSATISFIED} if result.dissatisfied else set()
    return set(result.hazards if family == HAZARD else result.vulnerabilities)


def _expected(row: Labelled, family: str) -> set[str]:
    if family == DISSATISFACTION:
        return {DISSATISFIED} if row.dissatisfied else set()
    return set(row.hazards if family == HAZARD else row.vulnerabilities)


def measure(rows: Sequence[Labelled], *, read: Callable[[str], Triage] = triage) -> Scores:
    """Score `read` (triage, by default) on the labelled rows."""
    values: dict[str, dict[str, Score]] = {f: {} for f in FAMILIES}
    misses: list[Miss] = []
    for row in rows:
        result = read(row.text)
        for family in FAMILIES:
            got, want = _suggested(result, family), _expected(row, family)
            table = values[family]
            for value in got | want:
                hit = Score(
                    tp=int(value in got and value in want),
                    fp=int(value in got and value not in want),
                    fn=int(value in want and value not in got),
                )
                table[value] = table.get(value, Score()) + hit
                if hit.fp or hit.fn:
                    how = "extra" if hit.fp else "missed"
                    misses.append(Miss(row.text, family, value, how, row.note))
    families = {f: sum(values[f].values(), Score()) for f in FAMILIES}
    ordered = {f: dict(sorted(values[f].items())) for f in FAMILIES}
    return Scores(len(rows), RULES_VERSION, families, ordered, tuple(misses))


def table(scores: Scores) -> str:
    """The figures as a plain text table, a family's line above its values'."""

    def pct(x: float | None) -> str:
        return "   -" if x is None else f"{x:.2f}"

    head = (
        f"{'label':<34} {'prec':>5} {'recall':>6} {'F1':>5} {'support':>7} "
        f"{'tp':>4} {'fp':>4} {'fn':>4}"
    )
    lines = [f"{scores.rows} contacts, rules {scores.rules_version}", head, "-" * len(head)]
    for family in FAMILIES:
        for name, s in [(family.upper(), scores.families[family])] + [
            (f"  {v}", s) for v, s in scores.values[family].items()
        ]:
            lines.append(
                f"{name:<34} {pct(s.precision):>5} {pct(s.recall):>6} {pct(s.f1):>5} "
                f"{s.support:>7} {s.tp:>4} {s.fp:>4} {s.fn:>4}"
            )
    return "\n".join(lines)

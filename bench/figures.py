"""What a benchmark reports: figures (name, value, unit, ratio to the raw database) and
problems (anything that makes the run fail: a benchmark that raised, an HTTP error)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One measured figure. `ratio` compares it with the raw database doing the same work in
    the same run (`against` says what that was); `sane` says what a believable value is."""

    name: str
    value: float
    unit: str
    ratio: float | None = None
    against: str = ""
    positive: bool = True

    def line(self) -> str:
        whole = float(self.value).is_integer() or abs(self.value) >= 100
        shown = f"{self.value:,.0f}" if whole else f"{self.value:,.3f}"
        text = f"{self.name:<28} {shown:>14} {self.unit:<10}"
        if self.ratio is not None:
            text += f" ratio {self.ratio:,.3f} ({self.against})"
        return text

    def problem(self) -> str | None:
        """Why the figure is not believable, or None."""
        if not math.isfinite(self.value):
            return f"{self.name}: not a number ({self.value})"
        if self.positive and self.value <= 0:
            return f"{self.name}: {self.value} {self.unit} (expected more than 0)"
        if self.value < 0:
            return f"{self.name}: negative ({self.value})"
        return None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Outcome:
    """What one benchmark produced."""

    name: str
    figures: list[Figure] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, *figures: Figure) -> None:
        for figure in figures:
            print(figure.line(), flush=True)
            self.figures.append(figure)

    def check(self) -> list[str]:
        """Every problem: those recorded, a benchmark that reported nothing, an insane figure."""
        found = list(self.problems)
        if not self.figures and not found:
            found.append(f"{self.name}: reported no figure")
        found += [p for f in self.figures if (p := f.problem()) is not None]
        return found

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seconds": round(self.seconds, 3),
            "figures": [f.as_json() for f in self.figures],
            "problems": self.check(),
        }


def ratio(value: float, baseline: float) -> float | None:
    return value / baseline if baseline > 0 else None

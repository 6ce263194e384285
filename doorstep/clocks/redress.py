"""The lens's findings by topic: how much, how long, and the redress a pattern like it suggests.

For each topic (complaint handling, repairs, hazards, ASB, records, moves, compensation,
promises) the summary counts the findings, those still going on, the cases, the first and last,
the longest and the total time failing, and suggests a range of financial redress with its
reasoning, from two sources side by side:

- the Housing Ombudsman's remedies guidance (`regulation.md`, "Remedies and compensation"):
  about £50-£100 for a short failure with little impact; £100-£600 where the resident was
  adversely affected without significant lasting impact; £600-£1,000 for considerable failure
  over a long period or significant impact; £1,000 and above for severe long-term impact;
- the landlord's own bands (`compensation.band.*` in its policy), where it has them: the band
  that reaches the guidance's range.

How a pattern is placed (Doorstep's reading, documented in `docs/lens.md`, and only a
suggestion): the longest failure under 4 weeks with at most two findings is short with little
impact; otherwise, under 6 months, adverse without lasting impact; 6 months or more,
considerable; one band higher where the failures arose after the household disclosed a
vulnerability; and 12 months or more for a vulnerable household, or on a hazard, severe and
long-term. It never says whether there was maladministration: that
is the Ombudsman's judgement (Housing Ombudsman Scheme, paragraph 52).

Pure.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from doorstep.clocks.catalogue import HAZARDS, TOPICS
from doorstep.clocks.compensation import BAND_PREFIX
from doorstep.clocks.lens import Finding
from doorstep.policy.resolve import Override, resolve

GUIDANCE = "Housing Ombudsman, Guidance on remedies (bands of financial redress)"
SHORT_DAYS = 28
ADVERSE_DAYS = 183
LONG_DAYS = 365


@dataclass(frozen=True)
class Band:
    name: str
    low: Decimal
    high: Decimal | None
    words: str


GUIDANCE_BANDS = (
    Band("short", Decimal(50), Decimal(100), "a failure of short duration with little impact"),
    Band(
        "adverse",
        Decimal(100),
        Decimal(600),
        "a failure that adversely affected the resident without significant lasting impact",
    ),
    Band(
        "considerable",
        Decimal(600),
        Decimal(1000),
        "considerable failure over a long period, or a significant impact",
    ),
    Band("severe", Decimal(1000), None, "severe long-term impact"),
)
NOT_A_VERDICT = (
    "A suggestion for the landlord to weigh, not a finding of maladministration, which is the "
    "Ombudsman's judgement."
)


@dataclass(frozen=True)
class Suggestion:
    low: Decimal
    high: Decimal | None
    guidance: str
    reasoning: str
    landlord_band: str | None
    landlord_low: Decimal | None
    landlord_high: Decimal | None
    landlord_source: str | None


@dataclass(frozen=True)
class TopicSummary:
    topic: str
    label: str
    count: int
    ongoing: int
    cases: tuple[str, ...]
    first: dt.date
    last: dt.date
    longest_days: int
    total_days: int
    codes: tuple[tuple[str, int], ...]
    imprecise: int
    suggestion: Suggestion


def _money(value: Decimal | None) -> str:
    if value is None:
        return "?"
    return f"£{value:,.0f}"


def _place(findings: list[Finding], *, as_of: dt.date, vulnerable: bool, topic: str) -> Band:
    """The guidance band a pattern falls in: by how long its longest failure lasted (and how
    many there were), one band higher for a household with a vulnerability disclosed before
    the failures arose; the severe band only for a year or more of failure affecting a
    vulnerable household or a hazard."""
    longest = max(f.lasted_days(as_of) for f in findings)
    if longest >= LONG_DAYS and (vulnerable or topic == HAZARDS):
        return GUIDANCE_BANDS[3]
    level = 0
    if longest >= SHORT_DAYS or len(findings) > 2:
        level = 1
    if longest >= ADVERSE_DAYS:
        level = 2
    if vulnerable:
        level += 1
    return GUIDANCE_BANDS[min(level, 2)]


def landlord_bands(
    overrides: Iterable[Override], on: dt.date
) -> list[tuple[str, Decimal, Decimal | None, str]]:
    """The landlord's compensation bands in force on a day: (name, min, max, source), lowest
    first."""
    names = sorted({o.key for o in overrides if o.key.startswith(BAND_PREFIX)})
    found = []
    for key in names:
        try:
            value = resolve(key, on, tuple(overrides))
        except LookupError:
            continue
        band = value.value if isinstance(value.value, Mapping) else {}
        if band.get("min") is None:
            continue
        high = band.get("max")
        found.append(
            (
                key.removeprefix(BAND_PREFIX),
                Decimal(str(band["min"])),
                None if high is None else Decimal(str(high)),
                value.source,
            )
        )
    return sorted(found, key=lambda b: b[1])


def _reasoning(findings: list[Finding], band: Band, as_of: dt.date, vulnerable: bool) -> str:
    longest = max(f.lasted_days(as_of) for f in findings)
    ongoing = sum(1 for f in findings if f.ongoing and f.resolved is None)
    words = [
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''}",
        f"the longest lasting {longest} days",
    ]
    if ongoing:
        words.append(f"{ongoing} still going on")
    if vulnerable:
        words.append("a household with a vulnerability disclosed")
    return (
        f"{', '.join(words)}: the guidance's band for {band.words} "
        f"({_money(band.low)}{'-' + _money(band.high) if band.high else ' and above'}). "
        + NOT_A_VERDICT
    )


def summarise(
    findings: Iterable[Finding],
    *,
    as_of: dt.date,
    vulnerable_from: dt.date | None = None,
    overrides: Iterable[Override] = (),
) -> list[TopicSummary]:
    """The findings by topic, the topic with the most still going on first. `vulnerable_from`:
    the day the household first disclosed a vulnerability (findings from then on weigh more)."""
    by_topic: dict[str, list[Finding]] = {}
    for finding in findings:
        by_topic.setdefault(finding.topic, []).append(finding)
    bands = landlord_bands(overrides, as_of)
    out = []
    for topic, items in by_topic.items():
        affected = vulnerable_from is not None and any(f.date >= vulnerable_from for f in items)
        band = _place(items, as_of=as_of, vulnerable=affected, topic=topic)
        reach = band.high if band.high is not None else band.low
        fitting = [b for b in bands if b[1] <= reach]
        own = fitting[-1] if fitting else None
        out.append(
            TopicSummary(
                topic=topic,
                label=TOPICS[topic],
                count=len(items),
                ongoing=sum(1 for f in items if f.ongoing and f.resolved is None),
                cases=tuple(dict.fromkeys(f.case for f in items if f.case)),
                first=min(f.date for f in items),
                last=max(f.date for f in items),
                longest_days=max(f.lasted_days(as_of) for f in items),
                total_days=sum(f.lasted_days(as_of) for f in items),
                codes=tuple(sorted(Counter(f.code for f in items).items())),
                imprecise=sum(1 for f in items if f.imprecise),
                suggestion=Suggestion(
                    low=band.low,
                    high=band.high,
                    guidance=GUIDANCE,
                    reasoning=_reasoning(items, band, as_of, affected),
                    landlord_band=own[0] if own else None,
                    landlord_low=own[1] if own else None,
                    landlord_high=own[2] if own else None,
                    landlord_source=own[3] if own else None,
                ),
            )
        )
    return sorted(out, key=lambda s: (-s.ongoing, -s.count, s.topic))


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def summary_json(summary: TopicSummary) -> dict[str, Any]:
    s = summary.suggestion
    return {
        "topic": summary.topic,
        "label": summary.label,
        "count": summary.count,
        "ongoing": summary.ongoing,
        "cases": list(summary.cases),
        "first": summary.first.isoformat(),
        "last": summary.last.isoformat(),
        "longest_days": summary.longest_days,
        "total_days": summary.total_days,
        "codes": dict(summary.codes),
        "imprecise": summary.imprecise,
        "suggestion": {
            "low": _amount(s.low),
            "high": _amount(s.high),
            "guidance": s.guidance,
            "reasoning": s.reasoning,
            "landlord_band": s.landlord_band,
            "landlord_low": _amount(s.landlord_low),
            "landlord_high": _amount(s.landlord_high),
            "landlord_source": s.landlord_source,
        },
    }

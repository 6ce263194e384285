"""Anti-social behaviour clocks: first response and risk assessment per report, and the review
of an open case.

Source: `chronology.md` ("Clocks"), `regulation.md` (Doorstep's default policy): calendar days,
because landlords' ASB policies say days (Bromford: "within 5 days"). No statute sets them.
"""

from __future__ import annotations

from collections.abc import Iterator

from doorstep.clocks.definitions import AsbFirstResponse, AsbReview, AsbRiskAssessment, Definition
from doorstep.clocks.facts import Fact, local_date
from doorstep.clocks.specs import ClockSpec, Context, stops_of

# A case whose reporter is at high risk is reviewed more often (policy/defaults.py).
HIGH_RISK = "asb.high_risk.review_interval_days"
REVIEW_FROM = {"asb.case_opened": "the case being opened", "asb.reviewed": "the last review"}


def specs(ctx: Context) -> Iterator[ClockSpec]:
    """Every ASB clock in the replay."""
    for report in ctx.facts.of_kind("asb.reported"):
        yield report_spec(ctx, report, AsbFirstResponse)
        yield report_spec(ctx, report, AsbRiskAssessment)
    for case in ctx.facts.case_refs():
        yield from review_specs(ctx, case)


def _spec(
    ctx: Context,
    definition: Definition,
    opener: Fact,
    stops: list[Fact],
    key: str | None = None,
    **words: str,
) -> ClockSpec:
    key = key or definition.policy_key or ""
    policy = ctx.policy(key, local_date(opener.starts_at), start=opener)
    notes = (policy.note,) if policy.note else ()
    return ClockSpec(
        definition=definition,
        unit=definition.unit,
        case=opener.case,
        subject=f"{opener.kind} {opener.id}",
        anchor=opener,
        start_event=opener,
        started_at=opener.starts_at,
        rule=definition.rule.format(n=policy.value, **words),
        source=policy.source,
        amount=int(policy.value),
        stops=stops_of(stops),
        notes=notes,
        imprecise=opener.imprecise,
        events=(opener.id,),
        flags=opener.flags,
    )


def report_spec(ctx: Context, report: Fact, definition: Definition) -> ClockSpec:
    """One clock per report, counted from that report (Bromford key: "one finding per report")."""
    answers = ctx.facts.of_kind(*definition.stops, cases=[report.case])
    return _spec(ctx, definition, report, answers)


def review_specs(ctx: Context, case: str) -> Iterator[ClockSpec]:
    """From the case being opened, then from each review, until the case is closed."""
    opened = ctx.facts.of_kind("asb.case_opened", cases=[case])
    if not opened:
        return
    first = opened[0]
    closed = [f for f in ctx.facts.of_kind("asb.closed", cases=[case]) if f.could_follow(first)]
    reviews = [f for f in ctx.facts.of_kind("asb.reviewed", cases=[case]) if f.could_follow(first)]
    if closed:
        reviews = [r for r in reviews if closed[0].could_follow(r)]
    assessments = ctx.facts.of_kind("asb.risk_assessed", cases=[case])
    for start in (first, *reviews):
        later = [r for r in reviews if r is not start and r.could_follow(start)]
        words = REVIEW_FROM[start.kind]
        stops = [*later, *closed]
        key = HIGH_RISK if _level(assessments, start, stops) == "high" else None
        yield _spec(ctx, AsbReview, start, stops, key=key, start=words)


def _level(assessments: list[Fact], start: Fact, stops: list[Fact]) -> str | None:
    """The reporter's risk for a review period: the latest assessment made by its start, or,
    where there was none yet (a case opened before the first assessment), the first one made
    before the period ended. A high risk makes the period the high-risk interval."""
    before = [a for a in assessments if a.latest <= start.starts_at]
    if before:
        return str(before[-1].data.get("level", ""))
    end = min((s.stops_at for s in stops), default=None)
    inside = [a for a in assessments if end is None or a.earliest <= end]
    return str(inside[0].data.get("level", "")) if inside else None

"""Anti-social behaviour: the rules a live ASB case and a replay both apply, in one place.

- **The reporter's safety wishes.** A reporter may ask the landlord to delay any action by N
  days so that they are not identified (`asb.reported`'s `informant_delay_requested_days`). Until
  the delay ends, an action that would reveal them is refused unless a manager overrides it with
  a reason (the action then carries `delay_override: {"reason", "by"}`). Bromford 202109189:
  the landlord acted at once on a drug-use report although the resident had asked it to wait
  (ASB 9, 10.2, 12.4; order o5). Code `asb.informant_request_ignored` (findings.md).
- **Declining a case.** Only for a reason the landlord's policy allows
  (`asb.decline_reasons_allowed`); not having reported the matter to the police is never one
  (Bromford ASB 8, 12.2; regulation.md).
- **The risk matrix.** The reporter's risk is scored on four factors (vulnerability, repeat
  victimisation, impact, hate motivation), each 0 to 2; the level is low, medium or high at the
  policy's thresholds (`asb.risk.medium_from_score`, `asb.risk.high_from_score`). An officer may
  raise the level above the score's, with a reason, never lower it.
- **The ASB case review** ("community trigger", Anti-social Behaviour, Crime and Policing Act
  2014, sections 104-105): met when the reports of separate incidents within the window
  (`asb.case_review.window_months`) reach the threshold (`asb.case_review.threshold_reports`).

Pure: no Django, no database.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from doorstep.clocks.facts import Fact, Facts
from doorstep.policy.resolve import Override, resolve

# --- the reporter's safety wishes --------------------------------------------------------------

# Actions that, directed at the alleged perpetrator (`against`), tell them someone reported
# them. An action with no `against` (a meeting with the reporter, a letter to them) reveals no
# one, unless its data says `reveals_reporter: true`.
REVEALING_TYPES = frozenset(
    {
        "letter",
        "visit",
        "interview",
        "warning",
        "acceptable_behaviour_agreement",
        "mediation",
        "referral",
        "injunction",
        "notice",
    }
)

INSIDE_DELAY = (
    "This action would reveal the reporter inside the delay they asked for: nothing that could "
    "identify them may be done before {until}, unless a manager overrides the delay with a "
    "reason."
)


def reveals_reporter(data: Mapping[str, Any]) -> bool:
    """Whether an `asb.action` would reveal the reporter: its own `reveals_reporter` where the
    record says, else whether it is directed at someone (`against`) in a way that tells them."""
    said = data.get("reveals_reporter")
    if isinstance(said, bool):
        return said
    return bool(data.get("against")) and str(data.get("type", "")) in REVEALING_TYPES


def delay_until(reported: dt.date, days: int | None) -> dt.date | None:
    """The first day an action that reveals the reporter may be taken, where the reporter
    asked for a delay of `days` days from the report on `reported`; None where none was asked."""
    if not days or days <= 0:
        return None
    return reported + dt.timedelta(days=days)


@dataclass(frozen=True)
class Delay:
    """A delay the reporter asked for: from the report's day until `until` (the first day the
    landlord may act), and the report it was asked in."""

    report: str
    asked: dt.date
    until: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.asked <= day < self.until


def delays_of(reports: Iterable[tuple[str, dt.date, int | None]]) -> list[Delay]:
    """The delays asked for in these reports, each (report id, day, days asked)."""
    found = []
    for report, day, days in reports:
        until = delay_until(day, days)
        if until is not None:
            found.append(Delay(report, day, until))
    return found


def delay_in_force(delays: Iterable[Delay], on: dt.date) -> Delay | None:
    """The delay that still holds on `on` (the one that ends last), or None."""
    holding = [d for d in delays if d.covers(on)]
    return max(holding, key=lambda d: d.until, default=None)


def delay_problem(delays: Iterable[Delay], action: Mapping[str, Any], on: dt.date) -> str | None:
    """Why an action on `on` may not be taken: it would reveal the reporter inside a delay she
    asked for, and no manager overrode it (`delay_override` with a reason). None if it may."""
    if not reveals_reporter(action):
        return None
    holding = delay_in_force(delays, on)
    if holding is None:
        return None
    override = action.get("delay_override")
    if isinstance(override, Mapping) and str(override.get("reason") or "").strip():
        return None
    return INSIDE_DELAY.format(until=_day(holding.until))


# --- declining a case ---------------------------------------------------------------------------

NOT_REPORTED_TO_POLICE = "not_reported_to_police"
DECLINE_REASONS = {
    "insufficient_evidence": "not enough evidence that ASB happened",
    "not_asb": "what was reported is not anti-social behaviour",
    "civil_matter": "a civil matter between neighbours",
    "out_of_time": "reported too long after it happened",
    NOT_REPORTED_TO_POLICE: "not reported to the police",
    "other": "another reason",
}
POLICE_NEVER = (
    "Not having reported it to the police is never a reason to decline an ASB case: the policy "
    "sets no such condition (Housing Ombudsman, Bromford 202109189, ASB 8 and 12.2)."
)
NOT_ALLOWED = "The landlord's ASB policy allows a case to be declined only because {allowed}."


def decline_problem(reason_code: str, allowed: Iterable[str]) -> str | None:
    """Why declining an ASB case for `reason_code` is wrong under the policy whose allowed
    reasons are `allowed`; None if the reason is allowed. Not having reported the matter to the
    police is never allowed, whatever the policy lists."""
    if reason_code == NOT_REPORTED_TO_POLICE:
        return POLICE_NEVER
    allowed = [a for a in allowed if a != NOT_REPORTED_TO_POLICE]
    if reason_code in allowed:
        return None
    words = [DECLINE_REASONS.get(a, a.replace("_", " ")) for a in allowed]
    return NOT_ALLOWED.format(allowed=_either(words))


# --- the risk matrix ----------------------------------------------------------------------------

# Each factor's answers and their points (0 to 2). A landlord sets where medium and high begin.
RISK_FACTORS: Mapping[str, Mapping[str, int]] = {
    "vulnerability": {"none": 0, "some": 1, "significant": 2},
    "repeat_victimisation": {"first": 0, "repeated": 1, "persistent": 2},
    "impact": {"low": 0, "moderate": 1, "severe": 2},
    "hate_motivated": {"no": 0, "yes": 2},
}
RISK_QUESTIONS: Mapping[str, str] = {
    "vulnerability": "How vulnerable is the reporter (health, disability, age, isolation)?",
    "repeat_victimisation": "Has the reporter been targeted before?",
    "impact": "What is the impact on the reporter and their household?",
    "hate_motivated": "Is it motivated by hostility to who the reporter is (a hate incident)?",
}
LEVELS = ("low", "medium", "high")
UNANSWERED = "Answer every question of the risk assessment: {missing}."
UNKNOWN_ANSWER = "'{answer}' is not an answer to '{factor}': choose {choices}."
LOWERED = "The level can be raised above the score's ({level}), never lowered below it."


def risk_score(answers: Mapping[str, Any]) -> int:
    """The matrix's score for these answers (`hate_motivated` may be a bool)."""
    missing = [f for f in RISK_FACTORS if answers.get(f) in (None, "")]
    if missing:
        raise ValueError(UNANSWERED.format(missing=", ".join(m.replace("_", " ") for m in missing)))
    total = 0
    for factor, points in RISK_FACTORS.items():
        answer = _answer(answers[factor])
        if answer not in points:
            choices = _either(list(points))
            raise ValueError(UNKNOWN_ANSWER.format(answer=answer, factor=factor, choices=choices))
        total += points[answer]
    return total


def _answer(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def risk_level(score: int, *, medium_from: int, high_from: int) -> str:
    """low, medium or high for a score, at the policy's thresholds."""
    if score >= high_from:
        return "high"
    if score >= medium_from:
        return "medium"
    return "low"


def assessed_level(scored: str, raised_to: str | None) -> str:
    """The level recorded: the score's, or higher where the officer raised it (with a reason,
    which the service insists on). Lowering it is refused."""
    if not raised_to or raised_to == scored:
        return scored
    if LEVELS.index(raised_to) < LEVELS.index(scored):
        raise ValueError(LOWERED.format(level=scored))
    return raised_to


# --- the ASB case review ("community trigger") -------------------------------------------------


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day where it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def case_review_met(
    report_days: Iterable[dt.date], *, on: dt.date, threshold: int, months: int
) -> tuple[dt.date, ...]:
    """The reports that meet the ASB case review threshold on `on` (the `threshold` latest of
    those made within `months` months up to and including `on`), or () where it is not met."""
    since = months_before(on, months)
    inside = sorted(d for d in report_days if since < d <= on)
    if len(inside) < threshold:
        return ()
    return tuple(inside[-threshold:])


def case_review_first_met(
    report_days: Sequence[dt.date], *, threshold: int, months: int
) -> dt.date | None:
    """The first day the threshold was met (the day of the report that met it), or None."""
    for day in sorted(report_days):
        if case_review_met(report_days, on=day, threshold=threshold, months=months):
            return day
    return None


# --- each ASB case as the replay reads it ---------------------------------------------------

OPENED = "opened"
DECLINED = "declined"
CLOSED = "closed"
NOT_OPENED = "not_opened"


@dataclass(frozen=True)
class ReportView:
    """One report of ASB: what, when, whether the police were involved, the delay asked."""

    event: str
    day: dt.date
    at: str
    category: str
    police_involved: bool | None
    crime_reference: str | None
    communal: bool | None
    delay_until: dt.date | None
    imprecise: bool
    qualifies_for_case_review: bool


@dataclass(frozen=True)
class DeclineView:
    """A decision not to open a case, with whether the policy allowed its reason."""

    event: str
    day: dt.date
    reason_code: str
    reason: str
    allowed: bool
    problem: str | None


@dataclass(frozen=True)
class ActionView:
    """An intervention, with whether it revealed the reporter inside a delay they asked for."""

    event: str
    day: dt.date
    type: str
    against: str | None
    reveals_reporter: bool
    override_reason: str | None
    inside_delay_until: dt.date | None
    next_step: str | None
    next_step_due: str | None

    @property
    def ignored_delay(self) -> bool:
        """Taken inside the reporter's delay with no manager's override: the Ombudsman's
        `asb.informant_request_ignored`."""
        return self.inside_delay_until is not None and not self.override_reason


@dataclass(frozen=True)
class CaseReviewView:
    """The ASB case review threshold: met on `met` by these reports; told on `told`."""

    reporter: str
    met: dt.date
    reports: tuple[str, ...]
    told: dt.date | None


@dataclass(frozen=True)
class AsbView:
    """One ASB case as of a date: its reports, whether it was opened or declined (and why), the
    risk assessments, the interventions, the reviews, the closing and the case review."""

    case: str | None
    state: str
    reports: tuple[ReportView, ...]
    opened: dt.date | None
    declines: tuple[DeclineView, ...]
    risk: tuple[tuple[str, dt.date, str], ...]  # (event, day, level)
    actions: tuple[ActionView, ...]
    reviews: tuple[tuple[str, dt.date, dt.date | None], ...]  # (event, day, reporter updated)
    closed: tuple[str, dt.date, str, dt.date | None] | None  # (event, day, reason, told)
    case_review: tuple[CaseReviewView, ...]

    @property
    def level(self) -> str | None:
        return self.risk[-1][2] if self.risk else None


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _qualifies(report: Fact) -> bool:
    """A report of an incident made within a month of it (section 104's qualifying complaint);
    a report with no incident date is taken as made when it happened."""
    incident = report.data.get("incident_date")
    if not incident:
        return True
    try:
        happened = dt.date.fromisoformat(str(incident)[:10])
    except ValueError:
        return True
    return months_before(report.latest_date, 1) <= happened


def _report(fact: Fact) -> ReportView:
    days = fact.data.get("informant_delay_requested_days")
    police = fact.data.get("police_involved")
    communal = fact.data.get("communal")
    return ReportView(
        event=fact.id,
        day=fact.earliest_date,
        at=fact.at,
        category=str(fact.data.get("category", "other")),
        police_involved=police if isinstance(police, bool) else None,
        crime_reference=_text(fact.data.get("crime_reference")),
        communal=communal if isinstance(communal, bool) else None,
        delay_until=delay_until(fact.earliest_date, days if isinstance(days, int) else None),
        imprecise=fact.imprecise,
        qualifies_for_case_review=_qualifies(fact),
    )


def _decline(fact: Fact, overrides: Sequence[Override]) -> DeclineView:
    code = str(fact.data.get("reason_code") or "other")
    allowed = resolve("asb.decline_reasons_allowed", fact.earliest_date, overrides).value
    problem = decline_problem(code, list(allowed))
    return DeclineView(
        event=fact.id,
        day=fact.earliest_date,
        reason_code=code,
        reason=str(fact.data.get("reason") or ""),
        allowed=problem is None,
        problem=problem,
    )


def _action(fact: Fact, delays: Sequence[Delay]) -> ActionView:
    data = fact.data
    override = data.get("delay_override")
    reason = _text(override.get("reason")) if isinstance(override, Mapping) else None
    # Inside a delay only where it certainly was: the action's latest possible day is inside
    # it, so imprecision never manufactures the failure.
    inside = None
    if reveals_reporter(data):
        holding = delay_in_force(delays, fact.latest_date)
        inside = holding.until if holding is not None else None
    return ActionView(
        event=fact.id,
        day=fact.earliest_date,
        type=str(data.get("type", "")),
        against=_text(data.get("against")),
        reveals_reporter=reveals_reporter(data),
        override_reason=reason,
        inside_delay_until=inside,
        next_step=_text(data.get("next_step")),
        next_step_due=_text(data.get("next_step_due")),
    )


def _reporter(fact: Fact) -> str:
    return str(fact.data.get("reporter") or fact.by or "")


def _case_reviews(
    facts: Facts, reports: Sequence[Fact], cases: set[str | None]
) -> dict[str | None, list[CaseReviewView]]:
    """Where each reporter's qualifying reports (across every ASB case) met the threshold,
    shown on the case of the report that met it, with when the reporter was told (a `contact.out`
    about `asb.case_review` on any ASB case, on or after that day)."""
    told = facts.of_kind("contact.out", cases=cases)
    by_reporter: dict[str, list[Fact]] = {}
    for report in reports:
        if _qualifies(report):
            by_reporter.setdefault(_reporter(report), []).append(report)
    found: dict[str | None, list[CaseReviewView]] = {}
    for reporter, made in by_reporter.items():
        first = made[0].earliest_date
        threshold = int(resolve("asb.case_review.threshold_reports", first, facts.overrides).value)
        months = int(resolve("asb.case_review.window_months", first, facts.overrides).value)
        days = [r.latest_date for r in made]
        met = case_review_first_met(days, threshold=threshold, months=months)
        if met is None:
            continue
        counted = case_review_met(days, on=met, threshold=threshold, months=months)
        ids = tuple(r.id for r in made if r.latest_date in counted)[-threshold:]
        at = next(r for r in made if r.latest_date == met)
        when = [
            t.earliest_date
            for t in told
            if t.data.get("about") == "asb.case_review" and t.earliest_date >= met
        ]
        view = CaseReviewView(reporter, met, ids, min(when, default=None))
        found.setdefault(at.case, []).append(view)
    return found


def asb_cases(facts: Facts, *, as_of: dt.date) -> list[AsbView]:
    """Every ASB case (a case of type `asb`, or any case with an ASB report) as of `as_of`."""
    facts = facts.as_of(as_of)
    reports = facts.of_kind("asb.reported")
    refs: list[str | None] = [r for r, c in facts.cases.items() if c.type == "asb"]
    refs += [f.case for f in reports if f.case not in refs]
    reviews = _case_reviews(facts, reports, set(refs))
    return [_view(facts, ref, reviews.get(ref, [])) for ref in dict.fromkeys(refs)]


def _told(
    facts: Facts, fact: Fact, series: Sequence[Fact], about: str, flag: str
) -> dt.date | None:
    """When the reporter was told of a review or of the closing: the event itself says so
    (`reporter_updated` / `reporter_told`: true, or how), or a `contact.out` about it on the
    case, on or after it and before the next event of the series."""
    said = fact.data.get(flag)
    if said not in (None, False, "", "not_told"):
        return fact.earliest_date
    later = [f for f in series if f.order != fact.order and f.earliest > fact.earliest]
    until = min((f.earliest for f in later), default=None)
    for sent in facts.of_kind("contact.out", cases=[fact.case]):
        if sent.data.get("about") != about or sent.earliest < fact.earliest:
            continue
        if until is None or sent.earliest < until:
            return sent.earliest_date
    return None


def _view(facts: Facts, case: str | None, reviews: list[CaseReviewView]) -> AsbView:
    on = [case]
    reports = facts.of_kind("asb.reported", cases=on)
    delays = delays_of(
        (r.id, r.earliest_date, d if isinstance(d, int) else None)
        for r in reports
        for d in [r.data.get("informant_delay_requested_days")]
    )
    opened = facts.of_kind("asb.case_opened", cases=on)
    closed = facts.of_kind("asb.closed", cases=on)
    declines = tuple(
        _decline(f, facts.overrides) for f in facts.of_kind("asb.case_declined", cases=on)
    )
    if closed:
        state = CLOSED
    elif opened:
        state = OPENED
    elif declines:
        state = DECLINED
    else:
        state = NOT_OPENED
    end = closed[-1] if closed else None
    reviewed = facts.of_kind("asb.reviewed", cases=on)
    return AsbView(
        case=case,
        state=state,
        reports=tuple(_report(r) for r in reports),
        opened=opened[0].earliest_date if opened else None,
        declines=declines,
        risk=tuple(
            (f.id, f.earliest_date, str(f.data.get("level", "")))
            for f in facts.of_kind("asb.risk_assessed", cases=on)
        ),
        actions=tuple(_action(f, delays) for f in facts.of_kind("asb.action", cases=on)),
        reviews=tuple(
            (f.id, f.earliest_date, _told(facts, f, reviewed, "asb.review", "reporter_updated"))
            for f in reviewed
        ),
        closed=(
            (
                end.id,
                end.earliest_date,
                str(end.data.get("reason") or ""),
                _told(facts, end, closed, "asb.closed", "reporter_told"),
            )
            if end
            else None
        ),
        case_review=tuple(reviews),
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def asb_json(view: AsbView) -> dict[str, Any]:
    """One ASB case as the replay's JSON (member `asb`)."""
    return {
        "case": view.case,
        "state": view.state,
        "opened": _iso(view.opened),
        "risk_level": view.level,
        "risk_assessed": [
            {"event": e, "date": d.isoformat(), "level": level} for e, d, level in view.risk
        ],
        "reports": [
            {
                "event": r.event,
                "date": r.day.isoformat(),
                "at": r.at,
                "category": r.category,
                "police_involved": r.police_involved,
                "crime_reference": r.crime_reference,
                "communal": r.communal,
                "delay_until": _iso(r.delay_until),
                "imprecise": r.imprecise,
                "qualifies_for_case_review": r.qualifies_for_case_review,
            }
            for r in view.reports
        ],
        "declines": [
            {
                "event": d.event,
                "date": d.day.isoformat(),
                "reason_code": d.reason_code,
                "reason": d.reason,
                "allowed": d.allowed,
                "problem": d.problem,
            }
            for d in view.declines
        ],
        "actions": [
            {
                "event": a.event,
                "date": a.day.isoformat(),
                "type": a.type,
                "against": a.against,
                "reveals_reporter": a.reveals_reporter,
                "inside_delay_until": _iso(a.inside_delay_until),
                "override_reason": a.override_reason,
                "ignored_delay": a.ignored_delay,
                "next_step": a.next_step,
                "next_step_due": a.next_step_due,
            }
            for a in view.actions
        ],
        "reviews": [
            {"event": e, "date": d.isoformat(), "reporter_updated": _iso(told)}
            for e, d, told in view.reviews
        ],
        "closed": (
            {
                "event": view.closed[0],
                "date": view.closed[1].isoformat(),
                "reason": view.closed[2],
                "reporter_told": _iso(view.closed[3]),
            }
            if view.closed
            else None
        ),
        "case_review": [
            {
                "reporter": c.reporter,
                "threshold_met": c.met.isoformat(),
                "reports": list(c.reports),
                "reporter_told": _iso(c.told),
            }
            for c in view.case_review
        ],
    }


# --- words -----------------------------------------------------------------------------------


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _either(words: Sequence[str]) -> str:
    words = list(words)
    if not words:
        return "no reason at all"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]

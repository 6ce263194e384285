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

"""Reading ASB cases: the live ones, high risk first then by the next clock due; one case; the
policy in force on a day; the household's open ASB cases a further report may be added to; the
people of a household who may be the reporter; and whether a vulnerability is on the register
for the reporter (that it is, never the detail, which is read only through
`vulnerabilities.selectors.vulnerability_details`, logged).

ASB data is sensitive: a contractor never sees an ASB case, even one somehow assigned to its
firm (`asb_cases_visible_to`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value
from django.db.models import When as WhenRisk

from doorstep.asb.choices import LIVE_STATUSES, AsbStatus, RiskLevel
from doorstep.asb.models import AsbCase
from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_visible_to
from doorstep.clocks.asb import months_before
from doorstep.clocks.facts import local_date
from doorstep.policy.resolve import resolve
from doorstep.policy.selectors import overrides_all
from doorstep.residents.models import Household, Person
from doorstep.timeline.models import Event
from doorstep.vulnerabilities.models import Vulnerability

RELATED = ("case__household__property", "case__property", "reporter")


def policy_value(key: str, on: dt.date) -> Any:
    """The value of an ASB policy key in force on `on`, with the landlord's overrides."""
    return resolve(key, on, overrides_all()).value


def asb_cases_visible_to(*, user: Any) -> QuerySet[Case]:
    """The ASB cases this person may see: none for a contractor."""
    if getattr(user, "contractor_id", None) is not None:
        return Case.objects.none()
    return cases_visible_to(user=user).filter(case_type=CaseType.ASB)


def asb_list(*, user: Any, live_only: bool = True, risk: str = "") -> QuerySet[AsbCase]:
    """The ASB cases this person may see: those at high risk first, then by the next clock
    due; live ones (reported or open) unless asked; at a risk level."""
    rows = AsbCase.objects.filter(case__in=asb_cases_visible_to(user=user)).select_related(*RELATED)
    if live_only:
        rows = rows.filter(status__in=LIVE_STATUSES)
    if risk in RiskLevel.values:
        rows = rows.filter(risk_level=risk)
    high_first = When_(
        WhenRisk(risk_level=RiskLevel.HIGH, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return rows.annotate(high_first=high_first).order_by(
        "high_first", "next_due", "first_reported_at", "pk"
    )


def asb_for_case(*, case: Case) -> AsbCase:
    """The ASB of an ASB case. Raises `AsbCase.DoesNotExist` where none is recorded."""
    return AsbCase.objects.select_related(*RELATED).get(case=case)


def asb_named(*, user: Any, reference: str) -> AsbCase:
    """The ASB case with this reference, if this person may see it. Raises
    `AsbCase.DoesNotExist` otherwise."""
    return (
        AsbCase.objects.filter(case__in=asb_cases_visible_to(user=user))
        .select_related(*RELATED)
        .get(case__reference=reference)
    )


def asb_reported_by(*, user: Any, moment: dt.datetime) -> QuerySet[AsbCase]:
    """The ASB case a report arriving at `moment` was recorded on (for an idempotent retry)."""
    return AsbCase.objects.filter(
        case__events__kind="asb.reported",
        case__events__recorded_at=moment,
        case__events__actor=user,
    ).select_related(*RELATED)


def open_asb_cases(*, household: Household) -> QuerySet[AsbCase]:
    """The household's live ASB cases, which a further report may be added to."""
    return AsbCase.objects.filter(
        case__household=household, status__in=LIVE_STATUSES
    ).select_related("case")


def household_people(*, household: Household) -> QuerySet[Person]:
    """The household's members, who may be the reporter."""
    return Person.objects.filter(memberships__household=household).order_by("full_name")


def reporter_vulnerable(*, asb: AsbCase) -> bool:
    """Whether a vulnerability is on the register for the reporter (in force): its existence
    only, never its category or detail."""
    if asb.reporter_id is None:
        return False
    return Vulnerability.objects.filter(person_id=asb.reporter_id, ended_on__isnull=True).exists()


def contacts_to_record(*, household: Household) -> QuerySet[Event]:
    """The household's contacts received that have not opened a case: what a report of ASB may
    be recorded from, newest first."""
    opened = Event.objects.filter(kind="case.opened", household=household).values_list(
        "data__from_event", flat=True
    )
    return (
        Event.objects.filter(household=household, kind="contact.in")
        .exclude(uid__in=[u for u in opened if u])
        .order_by("-occurred_earliest", "-seq")
    )


def household_report_days(*, household_id: int | None) -> list[dt.date]:
    """The day of every qualifying ASB report across the household's ASB cases (the ASB case
    review counts them all)."""
    if household_id is None:
        return []
    rows = Event.objects.filter(
        case__household_id=household_id, case__case_type=CaseType.ASB, kind="asb.reported"
    ).values_list("occurred_earliest", "data__incident_date")
    return [local_date(m) for m, incident in rows if _qualifies(local_date(m), incident)]


def _qualifies(day: dt.date, incident: Any) -> bool:
    """A report made within a month of the incident it reports (section 104's qualifying
    complaint, as the replay reads it); one with no incident date, when it happened."""
    if not incident:
        return True
    try:
        happened = dt.date.fromisoformat(str(incident)[:10])
    except ValueError:
        return True
    return months_before(day, 1) <= happened


def is_closed(asb: AsbCase) -> bool:
    return asb.status in (AsbStatus.CLOSED, AsbStatus.DECLINED)

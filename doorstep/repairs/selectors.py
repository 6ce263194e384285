"""Reading repairs: a case's reports with their targets, jobs as each person may see them, the
Schedule of Rates in force, and repeat jobs on the same element of a home."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.fields.json import KeyTextTransform

from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_for_household
from doorstep.core.errors import DomainError
from doorstep.repairs.clocks import REPORT, Target, target_from
from doorstep.repairs.models import Job, JobItem, SorCode, SorSchedule
from doorstep.residents.models import Household
from doorstep.staff.models import Contractor
from doorstep.timeline.models import Event
from doorstep.timeline.when import When

REPEAT_WINDOW = dt.timedelta(days=365)
UNKNOWN_CONTRACTOR = "There is no contractor named {name!r} on the record."


def _jobs() -> QuerySet[Job]:
    return Job.objects.select_related("case", "property", "contractor")


def jobs_visible_to(*, user: Any) -> QuerySet[Job]:
    """A contractor's staff see only their firm's jobs; every other staff role sees them all."""
    contractor_id = getattr(user, "contractor_id", None)
    if contractor_id is not None:
        return _jobs().filter(contractor_id=contractor_id)
    return _jobs()


def job_visible(*, reference: str, user: Any) -> Job:
    """The job with its items, if this person may see it. Raises `Job.DoesNotExist` otherwise:
    a contractor asking for another firm's job is told it does not exist."""
    return (
        jobs_visible_to(user=user)
        .prefetch_related("items__sor_code__schedule")
        .get(reference=reference)
    )


def jobs_for_case(*, case: Case, user: Any) -> QuerySet[Job]:
    return jobs_visible_to(user=user).filter(case=case)


def jobs_for_household(*, household: Household, user: Any) -> QuerySet[Job]:
    """Jobs on the household's cases and on the communal cases of the buildings it is in."""
    cases = cases_for_household(household=household).values("pk")
    return jobs_visible_to(user=user).filter(case__in=cases).order_by("status", "target")


@dataclass(frozen=True)
class Reported:
    """A repair as reported: its case, its `repair.reported` event, and its target as the
    policy in force on the report's day sets it (None: no priority, no target)."""

    case: Case
    event: Event
    target: Target | None


def report_of(*, case: Case) -> Reported:
    """The case's first repair report, with its target. Raises `Event.DoesNotExist` where the
    case has none."""
    event = case.events.filter(kind="repair.reported").earliest("occurred_earliest", "id")
    target = target_from(start=event, ref=REPORT, household=case.household)
    return Reported(case, event, target)


def jobs_raised_by(*, user: Any, case: Case, moment: dt.datetime) -> QuerySet[Job]:
    """The job a request arriving at `moment` raised on the case (for an idempotent retry)."""
    raised = case.events.filter(kind="works.raised", recorded_at=moment, actor=user)
    # The job's reference as text (KeyTextTransform): on PostgreSQL `data__job` is jsonb,
    # which cannot be compared with a varchar column.
    refs = raised.annotate(job_ref=KeyTextTransform("job", "data")).values("job_ref")
    return Job.objects.filter(case=case, raised_at=moment, reference__in=refs)


def contractor_named(*, name: str, field: str) -> Contractor:
    """A contractor named in a request's input; unknown is a refusal of that field."""
    try:
        return Contractor.objects.get(name=name)
    except Contractor.DoesNotExist:
        raise DomainError(UNKNOWN_CONTRACTOR.format(name=name), field=field) from None


@dataclass(frozen=True)
class ReportView:
    """A `repair.reported` event and its target (None: no priority on record)."""

    event: Event
    when: str
    target: Target | None

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.event.data)


def repair_reports(*, case: Case, as_of: dt.date) -> list[ReportView]:
    """The case's repair reports, each with its target as the clocks engine works it out."""
    events = case.events.filter(kind="repair.reported").order_by("occurred_earliest", "id")
    return [
        ReportView(
            event=event,
            when=When.parse(event.occurred_text).display(),
            target=target_from(start=event, ref=REPORT, household=case.household, as_of=as_of),
        )
        for event in events
    ]


def sor_schedule_in_force(*, at: dt.datetime) -> SorSchedule | None:
    """The Schedule of Rates in force at `at`: the last loaded by then (ADR 9)."""
    return SorSchedule.objects.filter(loaded_at__lte=at).order_by("-loaded_at", "-pk").first()


def sor_codes(*, at: dt.datetime, q: str = "", trade: str = "") -> QuerySet[SorCode]:
    """The codes of the schedule in force at `at`, those matching `q` (code or words) and
    `trade` where given."""
    schedule = sor_schedule_in_force(at=at)
    codes = SorCode.objects.filter(schedule=schedule).select_related("schedule").order_by("code")
    if q.strip():
        codes = codes.filter(Q(code__iexact=q.strip()) | Q(description__icontains=q.strip()))
    if trade:
        codes = codes.filter(trade=trade)
    return codes


@dataclass(frozen=True)
class Repeat:
    """Earlier jobs on the same element of the same property within a year of a job: the
    pattern the lens reports as `repair.repeat_without_diagnosis` at the third."""

    element: str
    jobs: list[Job]


def repeats_of(*, job: Job) -> list[Repeat]:
    """For each element the job's items name, the other jobs within the 12 months before it
    on the same property with an item on that element (case-insensitive)."""
    out = []
    elements = sorted({i.element for i in job.items.all() if i.element})
    for element in elements:
        others = (
            JobItem.objects.filter(
                element__iexact=element,
                job__property=job.property,
                job__raised_at__gte=job.raised_at - REPEAT_WINDOW,
                job__raised_at__lte=job.raised_at,
            )
            .exclude(job=job)
            .select_related("job")
            .order_by("job__raised_at")
        )
        jobs = list(dict.fromkeys(i.job for i in others))
        if jobs:
            out.append(Repeat(element, jobs))
    return out

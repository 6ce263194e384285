"""The Tenant Satisfaction Measures that come from records, for a reporting year.

Source: Regulator of Social Housing, "Tenant Satisfaction Measures: Technical requirements"
(September 2022, effective 1 April 2023; updated 15 March 2024 for the Housing Ombudsman's 2024
Complaint Handling Code and 2 April 2024), sections "Relevant social housing stock",
"Ownership" and "Reporting year and year end dates" (the year runs 1 April to 31 March; homes
are those owned at the year end) and "TSMs generated from management information" (CH01, CH02,
RP02, NM01). Each measure below names its part. Cited by section and code, not paragraph: the
requirements' body could not be read to confirm paragraph numbers (docs/reports.md says what
was checked and what was not).

One rule, not two: whether a complaint stage was answered in time, and whether a repair met its
target, is the deadlines' replay, the same answer each case page shows: read from the clocks
kept beside the day's replays where the home's record has not changed since
(`deadlines.selectors.clock_verdicts_of`, ADR 19), replayed where it has. This module only
chooses which cases count in the year and divides.

Time is an argument: `as_of` is the day the replay is asked about; only views and API handlers
read the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.db.models.fields.json import KT

from doorstep.asb.choices import Category
from doorstep.asb.models import AsbCase
from doorstep.cases.selectors import case_references
from doorstep.complaints.models import Complaint
from doorstep.core.replica import replica_reads
from doorstep.deadlines.kept import ClockVerdict
from doorstep.deadlines.selectors import Verdicts, clock_verdicts_of
from doorstep.properties.choices import PropertyKind
from doorstep.properties.models import Property
from doorstep.repairs.models import Job
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON

SOURCE = "RSH, Tenant Satisfaction Measures: Technical requirements (2023, updated April 2024)"
# The kinds of property that are homes (dwellings); a block, an estate or a communal area is not.
HOME_KINDS = (PropertyKind.FLAT, PropertyKind.MAISONETTE, PropertyKind.HOUSE, PropertyKind.BUNGALOW)
# Responsive repairs only: planned works are not a responsive repair (RP02).
RESPONSIVE = ("emergency", "urgent", "routine")
UNKNOWN_MEASURE = "There is no measure {code}."


@dataclass(frozen=True)
class ReportingYear:
    """A reporting year: 1 April to 31 March (technical requirements, "Reporting year and year
    end dates"). `reporting_year(2024)` is 1 April 2024 to 31 March 2025."""

    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.year} to {self.year + 1}"

    @property
    def start_moment(self) -> dt.datetime:
        """Midnight in London at the start of 1 April."""
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=LONDON)

    @property
    def end_moment(self) -> dt.datetime:
        """Midnight in London at the end of 31 March (the first moment after the year)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=LONDON)

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def reporting_year(year: int) -> ReportingYear:
    return ReportingYear(year)


def year_of(day: dt.date) -> int:
    """The reporting year a day falls in (named by the year of its 1 April)."""
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True)
class Row:
    """One case behind a figure: its reference, the day that places it in the year, what it
    is, and whether it was in time (None where the measure does not ask)."""

    reference: str
    day: dt.date
    what: str
    in_time: bool | None = None
    counted: bool = True  # in the numerator (a proportion's denominator holds every row)


@dataclass(frozen=True)
class Measure:
    """One figure: its code and part, how it is expressed, numerator and denominator, value,
    its definition and source, and the cases behind it."""

    code: str
    slug: str
    title: str
    per_thousand: bool  # per 1,000 homes; else a proportion (a percentage)
    numerator: int
    denominator: int
    definition: str
    source: str
    how: str
    rows: list[Row] = field(default_factory=list)

    @property
    def value(self) -> Decimal | None:
        """Per 1,000 homes to 2 decimal places, or a percentage to 1; None where nothing to
        divide by."""
        if not self.denominator:
            return None
        if self.per_thousand:
            raw = Decimal(self.numerator) * 1000 / Decimal(self.denominator)
            return raw.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        raw = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        return raw.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def value_words(self) -> str:
        if self.value is None:
            return "No figure (nothing to divide by)"
        return f"{self.value} per 1,000 homes" if self.per_thousand else f"{self.value}%"

    @property
    def counted_rows(self) -> list[Row]:
        return [row for row in self.rows if row.counted]


@dataclass(frozen=True)
class SelfAssessment:
    """The complaint figures the Code's annual self-assessment asks for, at one stage."""

    stage: int
    received: int
    answered: int
    answered_in_time: int
    extended: int
    refused: int


@dataclass(frozen=True)
class TsmReport:
    year: ReportingYear
    as_of: dt.date
    homes: int
    measures: list[Measure]
    self_assessment: list[SelfAssessment]
    notes: list[str]
    # How many homes' clocks were read from those kept stopped, and how many replayed.
    homes_kept: int = 0
    homes_made: int = 0

    def measure(self, slug: str) -> Measure:
        for measure in self.measures:
            if measure.slug == slug:
                return measure
        raise KeyError(UNKNOWN_MEASURE.format(code=slug))


def homes_at(end: dt.datetime) -> int:
    """Homes owned at the year end: properties of a home's kind held by then. Doorstep records
    no acquisition date, so a home is held from the earlier of its record's creation and the
    start of its first tenancy (a landlord that let a home held it): a landlord's history
    imported today still has its homes in the years it covers."""
    last_day = end.astimezone(LONDON).date() - dt.timedelta(days=1)
    return (
        Property.objects.filter(kind__in=HOME_KINDS)
        .filter(Q(created_at__lt=end) | Q(tenancies__start__lte=last_day))
        .distinct()
        .count()
    )


def _day(moment: dt.datetime | None) -> dt.date | None:
    return moment.astimezone(LONDON).date() if moment is not None else None


def _in(year: ReportingYear, field_name: str) -> dict[str, dt.datetime]:
    return {f"{field_name}__gte": year.start_moment, f"{field_name}__lt": year.end_moment}


def _answered(year: ReportingYear) -> dict[int, list[Complaint]]:
    """The complaints whose stage 1 (and stage 2) response was sent in the year."""
    return {
        stage: list(
            Complaint.objects.filter(**_in(year, f"answered{stage}_at"))
            .select_related("case")
            .order_by(f"answered{stage}_at", "pk")
        )
        for stage in (1, 2)
    }


def _response_clocks(found: Verdicts) -> dict[tuple[int, int], ClockVerdict]:
    clocks: dict[tuple[int, int], ClockVerdict] = {}
    for clock in found.clocks:
        for stage in (1, 2):
            if clock.clock == f"complaint.stage{stage}.response":
                clocks[(clock.case, stage)] = clock
    return clocks


def _complaint_measures(
    year: ReportingYear, homes: int, answered: dict[int, list[Complaint]], found: Verdicts
) -> tuple[list[Measure], list[SelfAssessment]]:
    received = list(
        Complaint.objects.filter(**_in(year, "received_at"), received_event__isnull=False)
        .select_related("case")
        .order_by("received_at", "pk")
    )
    escalated = list(
        Complaint.objects.filter(**_in(year, "escalated_at"))
        .select_related("case")
        .order_by("escalated_at", "pk")
    )
    clocks = _response_clocks(found)
    measures = [
        Measure(
            code="CH01 (1)",
            slug="ch01-1",
            title="Stage 1 complaints received per 1,000 homes",
            per_thousand=True,
            numerator=len(received),
            denominator=homes,
            definition="The number of stage 1 complaints received in the year, per 1,000 homes "
            "owned at the year end.",
            source=f"{SOURCE}: CH01 (1), Complaints relative to the size of the landlord",
            how="Complaints whose stage 1 was received (the date received) from 1 April to "
            "31 March; homes are flats, maisonettes, houses and bungalows on record at 31 March.",
            rows=[
                Row(c.case.reference, _day(c.received_at) or year.start, "Stage 1 received")
                for c in received
            ],
        ),
        Measure(
            code="CH01 (2)",
            slug="ch01-2",
            title="Stage 2 complaints received per 1,000 homes",
            per_thousand=True,
            numerator=len(escalated),
            denominator=homes,
            definition="The number of stage 2 complaints received in the year (escalations), "
            "per 1,000 homes owned at the year end.",
            source=f"{SOURCE}: CH01 (2), Complaints relative to the size of the landlord",
            how="Complaints escalated to stage 2 (the date the resident asked) from 1 April to "
            "31 March, whenever stage 1 was received.",
            rows=[
                Row(c.case.reference, _day(c.escalated_at) or year.start, "Stage 2 received")
                for c in escalated
            ],
        ),
    ]
    assessment = []
    for stage in (1, 2):
        rows = []
        for complaint in answered[stage]:
            clock = clocks.get((complaint.case_id, stage))
            in_time = clock is not None and not clock.breached
            rows.append(
                Row(
                    complaint.case.reference,
                    _day(getattr(complaint, f"answered{stage}_at")) or year.start,
                    f"Stage {stage} response"
                    + (" (extended)" if getattr(complaint, f"extended{stage}_to") else ""),
                    in_time=in_time,
                    counted=in_time,
                )
            )
        in_time_count = sum(1 for row in rows if row.in_time)
        measures.append(
            Measure(
                code=f"CH02 ({stage})",
                slug=f"ch02-{stage}",
                title=f"Stage {stage} complaints responded to within the Code's timescales",
                per_thousand=False,
                numerator=in_time_count,
                denominator=len(rows),
                definition=f"Of the stage {stage} complaints responded to in the year, the "
                "proportion responded to within the Housing Ombudsman's Complaint Handling "
                "Code timescales; a response within an extension the Code allows is in time.",
                source=f"{SOURCE}: CH02 ({stage}), Complaints responded to within the "
                "Complaint Handling Code timescales",
                how=f"Complaints whose stage {stage} response was sent from 1 April to 31 March; "
                f"in time where the stage {stage} response clock (the same one on the case page) "
                "was met, counting a valid extension.",
                rows=rows,
            )
        )
        if stage == 1:
            received_count = len(received)
            extended = Complaint.objects.filter(
                **_in(year, "received_at"), extended1_to__isnull=False
            ).count()
        else:
            received_count = len(escalated)
            extended = Complaint.objects.filter(
                **_in(year, "escalated_at"), extended2_to__isnull=False
            ).count()
        refused = Complaint.objects.filter(**_in(year, "refused_at"), refused_stage=stage).count()
        assessment.append(
            SelfAssessment(
                stage=stage,
                received=received_count,
                answered=len(rows),
                answered_in_time=in_time_count,
                extended=extended,
                refused=refused,
            )
        )
    return measures, assessment


def _priorities(case_ids: set[int]) -> dict[str, str]:
    """Each repair's priority by its clock's subject: the report's (or the job's) priority, by
    `job <ref>`, and the report's own by `report <event id>`. A job's priority is its `Job`'s,
    or, for a job known only from the record (an imported history has no `Job` rows), the one
    its `works.raised` gave; a report naming the job overrides either, as the clock has it."""
    found: dict[str, str] = {}
    # Only the fields read, each taken out of the entry's data by the database as text (`KT`:
    # SQLite would read a string that looks like a number as one): a year's repairs are most of
    # the landlord's history, and reading whole entries cost seconds.
    for job, priority in (
        Event.objects.filter(case_id__in=case_ids, kind="works.raised")
        .order_by("-occurred_earliest", "-pk")  # the first raising wins, as in the clock
        .values_list(KT("data__job"), KT("data__priority"))
    ):
        if job and priority:
            found[f"job {job}"] = str(priority)
    for reference, priority in Job.objects.filter(case_id__in=case_ids).values_list(
        "reference", "priority"
    ):
        found[f"job {reference}"] = priority
    for uid, given, job in Event.objects.filter(
        case_id__in=case_ids, kind="repair.reported"
    ).values_list("uid", KT("data__priority"), KT("data__job")):
        priority = str(given or "")
        if not priority:
            continue
        found[f"report {uid}"] = priority
        if job:
            found[f"job {job}"] = priority
    return found


def _completed_on(given: object) -> dt.date | None:
    """A completion's `completed_on` as a whole day, where it gives one."""
    text = str(given or "")
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _repair_case_ids(year: ReportingYear) -> set[int]:
    """The cases that may hold a repair completed in the year, so the replay skips the rest:
    a repair begun (reported or raised) before the year ended, with a completion on or after
    its start (by `completed_on`, or when the completion happened where that gives no whole
    day). The clocks decide which of them did finish in the year."""
    begun = Event.objects.filter(
        kind__in=("repair.reported", "works.raised"), occurred_earliest__lt=year.end_moment
    ).values("case_id")
    found: set[int] = set()
    for case_id, given, latest in Event.objects.filter(
        kind="works.completed", case_id__in=begun
    ).values_list("case_id", KT("data__completed_on"), "occurred_latest"):
        day = _completed_on(given)
        if day is None or day >= year.start or latest >= year.start_moment:
            found.add(case_id)
    return found


def _repair_measures(year: ReportingYear, case_ids: set[int], found: Verdicts) -> list[Measure]:
    priorities = _priorities(case_ids)
    completed = [
        clock
        for clock in found.clocks
        if clock.case in case_ids
        and clock.clock == "repair.target"
        and year.holds(clock.stopped)
        and priorities.get(clock.subject, "") in RESPONSIVE
    ]
    references = case_references(clock.case for clock in completed)
    rows: dict[bool, list[Row]] = {True: [], False: []}
    for clock in sorted(
        completed,
        key=lambda c: (
            c.stopped or dt.date.max,
            references[c.case],
            c.subject,
            c.started or dt.date.min,
        ),
    ):
        priority = priorities[clock.subject]
        in_time = not clock.breached
        rows[priority == "emergency"].append(
            Row(
                references[clock.case],
                clock.stopped or year.start,
                f"{priority.capitalize()} repair ({clock.subject})",
                in_time=in_time,
                counted=in_time,
            )
        )
    measures = []
    for part, emergency, slug in ((1, False, "rp02-1"), (2, True, "rp02-2")):
        kind = "emergency" if emergency else "non-emergency"
        chosen = rows[emergency]
        measures.append(
            Measure(
                code=f"RP02 ({part})",
                slug=slug,
                title=f"{kind.capitalize()} repairs completed within target",
                per_thousand=False,
                numerator=sum(1 for row in chosen if row.in_time),
                denominator=len(chosen),
                definition=f"Of the {kind} responsive repairs completed in the year, the "
                "proportion completed within the landlord's target timescale.",
                source=f"{SOURCE}: RP02 ({part}), Repairs completed within target timescale",
                how="Repairs whose target clock (the same one on the case page) stopped with "
                "their completion from 1 April to 31 March; emergency by the repair's priority, "
                "non-emergency the urgent and routine ones; planned works are not responsive "
                "repairs.",
                rows=chosen,
            )
        )
    return measures


def _asb_measures(year: ReportingYear, homes: int) -> list[Measure]:
    opened = list(
        AsbCase.objects.filter(**_in(year, "opened_at"))
        .select_related("case")
        .order_by("opened_at", "pk")
    )
    hate = [asb for asb in opened if asb.category == Category.HATE]

    def rows(cases: list[AsbCase]) -> list[Row]:
        return [
            Row(a.case.reference, _day(a.opened_at) or year.start, a.get_category_display())
            for a in cases
        ]

    return [
        Measure(
            code="NM01 (1)",
            slug="nm01-1",
            title="Anti-social behaviour cases opened per 1,000 homes",
            per_thousand=True,
            numerator=len(opened),
            denominator=homes,
            definition="The number of anti-social behaviour cases opened in the year, including "
            "those involving hate incidents, per 1,000 homes owned at the year end.",
            source=f"{SOURCE}: NM01 (1), Anti-social behaviour cases relative to the size of "
            "the landlord",
            how="ASB cases opened (the date opened) from 1 April to 31 March; a report declined "
            "or not yet decided is not a case opened.",
            rows=rows(opened),
        ),
        Measure(
            code="NM01 (2)",
            slug="nm01-2",
            title="Anti-social behaviour cases involving hate incidents per 1,000 homes",
            per_thousand=True,
            numerator=len(hate),
            denominator=homes,
            definition="The number of anti-social behaviour cases opened in the year that "
            "involve hate incidents, per 1,000 homes owned at the year end.",
            source=f"{SOURCE}: NM01 (2), Anti-social behaviour cases relative to the size of "
            "the landlord",
            how="The ASB cases opened in the year whose category is a hate incident.",
            rows=rows(hate),
        ),
    ]


@replica_reads()  # a whole landlord, read only: from the replica, where there is one
def tsm_year(
    *,
    year: int,
    as_of: dt.date,
    workers: int = 1,
    on_chunk: Callable[[int, int], None] | None = None,
) -> TsmReport:
    """The Tenant Satisfaction Measures from records for the reporting year starting 1 April
    `year`, as the record stands on `as_of`. `workers` above one shares the replays among that
    many processes (`clocks_of`): for a whole landlord's year, where the machine has the
    cores. `on_chunk(homes replayed, homes)` is told after each chunk of replays."""
    span = reporting_year(year)
    homes = homes_at(span.end_moment)
    answered = _answered(span)
    repairs = _repair_case_ids(span)
    # One reading of each home for both: the complaints answered and the repairs completed.
    complaint_cases = {c.case_id for stage in answered.values() for c in stage}
    found = clock_verdicts_of(
        complaint_cases | repairs, as_of=as_of, workers=workers, on_chunk=on_chunk
    )
    complaints, assessment = _complaint_measures(span, homes, answered, found)
    measures = complaints + _repair_measures(span, repairs, found) + _asb_measures(span, homes)
    order = ["ch01-1", "ch01-2", "ch02-1", "ch02-2", "rp02-1", "rp02-2", "nm01-1", "nm01-2"]
    measures.sort(key=lambda m: order.index(m.slug))
    notes = list(found.notes)
    if as_of < span.end:
        notes.append(
            f"The year is not over: these are the figures so far, as the record stood on "
            f"{as_of:%-d %B %Y}."
        )
    return TsmReport(
        year=span,
        as_of=as_of,
        homes=homes,
        measures=measures,
        self_assessment=assessment,
        notes=notes,
        homes_kept=found.homes_kept,
        homes_made=found.homes_made,
    )

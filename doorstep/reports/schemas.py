"""The API's shapes of the reports: a reporting year's Tenant Satisfaction Measures, each with
its definition and source, and the cases behind one figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Schema

from doorstep.reports.selectors import Measure, Row, TsmReport

MeasureSlug = Literal[
    "ch01-1", "ch01-2", "ch02-1", "ch02-2", "rp02-1", "rp02-2", "nm01-1", "nm01-2"
]


class MeasureOut(Schema):
    code: str
    measure: MeasureSlug
    title: str
    unit: Literal["per_1000_homes", "percent"]
    numerator: int
    denominator: int
    value: Decimal | None
    definition: str
    source: str
    how: str


class SelfAssessmentOut(Schema):
    stage: int
    received: int
    answered: int
    answered_in_time: int
    extended: int
    refused: int


class TsmOut(Schema):
    year: int
    starts: dt.date
    ends: dt.date
    as_of: dt.date
    homes: int
    measures: list[MeasureOut]
    self_assessment: list[SelfAssessmentOut]
    notes: list[str]


class CaseRowOut(Schema):
    case: str
    day: dt.date
    what: str
    in_time: bool | None
    counted: bool


class MeasureCasesOut(Schema):
    year: int
    measure: MeasureOut
    cases: list[CaseRowOut]


def measure_out(m: Measure) -> MeasureOut:
    return MeasureOut(
        code=m.code,
        measure=m.slug,  # type: ignore[arg-type]
        title=m.title,
        unit="per_1000_homes" if m.per_thousand else "percent",
        numerator=m.numerator,
        denominator=m.denominator,
        value=m.value,
        definition=m.definition,
        source=m.source,
        how=m.how,
    )


def tsm_out(report: TsmReport) -> TsmOut:
    return TsmOut(
        year=report.year.year,
        starts=report.year.start,
        ends=report.year.end,
        as_of=report.as_of,
        homes=report.homes,
        measures=[measure_out(m) for m in report.measures],
        self_assessment=[SelfAssessmentOut(**vars(s)) for s in report.self_assessment],
        notes=report.notes,
    )


def row_out(row: Row) -> CaseRowOut:
    return CaseRowOut(
        case=row.reference, day=row.day, what=row.what, in_time=row.in_time, counted=row.counted
    )

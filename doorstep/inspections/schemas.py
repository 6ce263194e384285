"""What the API accepts for inspections (`...In`) and returns (`...Out`).

Served by `doorstep/api/routers/inspections.py` (inspections never import the API).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from doorstep.inspections.choices import InspectionKind
from doorstep.timeline.schemas import In


class InspectionIn(In):
    """An inspection or survey done on a hazard or repair case."""

    kind: InspectionKind
    by: str = Field(min_length=1, max_length=200, description="The surveyor or contractor")
    done_on: dt.date
    findings: str = Field(min_length=1, max_length=5000)
    cause: str = Field("", max_length=5000)
    recommends: list[str] = Field(default_factory=list, description="What it recommends")
    report: str | None = Field(
        None,
        description="Reference of the report, already uploaded to the case's documents; "
        "null: no report on record (attach it later)",
    )
    appointment: str = Field("", max_length=60, description="The visit's appointment reference")


class ReportIn(In):
    title: str = Field("", max_length=300, description="Default: the inspection's kind and date")


class InspectionOut(Schema):
    reference: str
    case: str
    property: str
    kind: str
    by: str
    done_on: dt.date
    findings: str
    cause: str
    recommends: list[str]
    report: str | None
    report_missing: bool = Field(description="No report on record: a gap on the case")
    appointment: str
    recorded_at: dt.datetime

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_property(obj: Any) -> str:
        return str(obj.property.reference)

    @staticmethod
    def resolve_recommends(obj: Any) -> list[str]:
        return [str(r) for r in obj.recommendations]

    @staticmethod
    def resolve_report(obj: Any) -> str | None:
        return obj.report.reference if obj.report else None

    @staticmethod
    def resolve_report_missing(obj: Any) -> bool:
        return bool(obj.report_missing)

"""Reading inspections: a case's inspections and surveys, each saying whether its report is
missing (the gap the case page shows, and the lens reports as `records.report_missing`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from doorstep.cases.models import Case
from doorstep.inspections.models import Inspection


def inspections_for_case(*, case: Case) -> QuerySet[Inspection]:
    """The case's inspections, newest first, each annotated `report_is_missing`."""
    return (
        Inspection.objects.filter(case=case)
        .select_related("case", "report", "event")
        .annotate(
            report_is_missing=ExpressionWrapper(
                Q(report__isnull=True, report_ref=""), output_field=BooleanField()
            )
        )
    )


def inspection_get(*, case: Case, reference: str) -> Inspection:
    """One inspection of the case. Raises `Inspection.DoesNotExist` for another case's."""
    return inspections_for_case(case=case).get(reference=reference)


def reports_missing(*, case: Case) -> int:
    """How many of the case's inspections have no report on record."""
    return Inspection.objects.filter(case=case, report__isnull=True, report_ref="").count()


def inspections_recorded(*, case: Case, moment: dt.datetime) -> QuerySet[Inspection]:
    """The inspection a request arriving at `moment` recorded on the case (idempotent retry)."""
    return Inspection.objects.filter(case=case, recorded_at=moment)

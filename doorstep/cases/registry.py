"""The projections apps above the cases keep of a case (a complaint's row, an ASB case's, a
move's), each rebuilt from the case's events by the app's own function.

Apps register theirs in `AppConfig.ready`; the importer rebuilds, in its transaction, every
registered projection of every case an import wrote to, and `doorstep rebuild` rebuilds them
all. The cases app never imports the apps (pyproject.toml's contracts): it only knows what
registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from doorstep.cases.models import Case
from doorstep.timeline.models import Event


@dataclass(frozen=True)
class CaseProjection:
    """One app's projection: the event kinds it reads, and the function that brings a case's
    row into line with the case's events (it creates, updates or leaves the row)."""

    name: str
    kinds: frozenset[str]
    project: Callable[[Case], Any]


CASE_PROJECTIONS: dict[str, CaseProjection] = {}


def case_projection(*, name: str, kinds: Iterable[str], project: Callable[[Case], Any]) -> None:
    """Register an app's projection of a case (from its `AppConfig.ready`)."""
    CASE_PROJECTIONS[name] = CaseProjection(name, frozenset(kinds), project)


def project_cases(events: QuerySet[Event]) -> dict[str, int]:
    """Rebuild each registered projection of every case these events are on (and of the kinds
    it reads). Returns how many cases each projection rebuilt."""
    counts = {}
    for projection in CASE_PROJECTIONS.values():
        wanted = events.filter(kind__in=projection.kinds).values("case_id")
        cases = Case.objects.filter(pk__in=wanted).order_by("pk")
        counts[projection.name] = 0
        for case in cases.iterator():
            projection.project(case)
            counts[projection.name] += 1
    return counts

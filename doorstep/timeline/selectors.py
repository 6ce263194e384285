"""Reading the record."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from doorstep.timeline.models import Event


def _ordered(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("case", "supersedes", "actor").order_by("occurred_earliest", "id")


def events_for_case(*, case: Any) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(case=case))


def events_for_household(*, household: Any) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(household=household))


def events_for_cases(*, case_ids: list[int]) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(case_id__in=case_ids))

"""Reading the record."""

from __future__ import annotations

from django.db.models import Model, QuerySet

from doorstep.timeline.models import Event


def _ordered(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("case", "supersedes", "actor").order_by("occurred_earliest", "id")


def events_for_case(*, case: Model) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(case=case))


def events_for_household(*, household: Model) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(household=household))


def events_for_cases(*, case_ids: list[int]) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(case_id__in=case_ids))

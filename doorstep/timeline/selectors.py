"""Reading the record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from doorstep.timeline import kinds
from doorstep.timeline.models import Event
from doorstep.timeline.when import When


def _ordered(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("case", "supersedes", "actor").order_by("occurred_earliest", "id")


def events_for_case(*, case: Any) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(case=case))


def events_for_household(*, household: Any) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(household=household))


def events_for_cases(*, case_ids: list[int]) -> QuerySet[Event]:
    return _ordered(Event.objects.filter(case_id__in=case_ids))


@dataclass(frozen=True)
class TimelineEntry:
    """One event as a timeline shows it: its date at the precision the record gives, the kind's
    label and sentence, and its data with special category fields redacted unless allowed.

    `special_fields` holds the special category fields that have a value, as this viewer may
    see them (the value, or the redaction notice); `corrects` names the entry this one
    corrects, and `corrections` the later entries that correct this one.
    """

    event: Event
    when: str
    label: str
    sentence: str
    data: dict[str, Any]
    special_fields: dict[str, Any]
    redacted: bool
    corrects: str
    corrections: tuple[Event, ...]


def _describe(event: Event) -> str:
    return f"{When.parse(event.occurred_text).display()}, {kinds.get(event.kind).label}"


def timeline_entries(
    *, events: Iterable[Event], show_special_category: bool
) -> list[TimelineEntry]:
    """Events (already loaded, with `supersedes`) as timeline entries. No further queries."""
    rows = list(events)
    corrections: dict[int, list[Event]] = {}
    for event in rows:
        if event.supersedes_id is not None:
            corrections.setdefault(event.supersedes_id, []).append(event)
    out = []
    for event in rows:
        kind = kinds.get(event.kind)
        data = dict(event.data) if show_special_category else kind.redact(event.data)
        special = {f: data[f] for f in kind.special_category_fields if event.data.get(f)}
        out.append(
            TimelineEntry(
                event=event,
                when=When.parse(event.occurred_text).display(),
                label=kind.label,
                sentence=kind.sentence(data, event.summary),
                data=data,
                special_fields=special,
                redacted=bool(special) and not show_special_category,
                corrects=_describe(event.supersedes) if event.supersedes is not None else "",
                corrections=tuple(corrections.get(event.pk, ())),
            )
        )
    return out

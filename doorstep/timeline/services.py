"""Writing to the record. The only way an event comes into being is `event_append`."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.core.errors import DomainError, ItemRefused
from doorstep.timeline import kinds
from doorstep.timeline.hashing import event_hash
from doorstep.timeline.models import Channel, Event, Stream
from doorstep.timeline.when import When

NO_STREAM = "An event must belong to a household or a property."
BAD_CHANNEL = "{channel!r} is not a channel Doorstep knows: use one of {known}."
FUTURE_EVENT = "An event cannot have happened after it was recorded ({when} is after {recorded})."
SUPERSEDES_OTHER_STREAM = (
    "A correction must be recorded in the same history as the entry it corrects."
)
NAIVE_RECORDED_AT = "recorded_at must carry its time zone."
CHANNELS = frozenset(Channel.values)


def stream_key(*, household: Model | None, property: Model | None) -> str:
    if household is not None:
        return f"household:{household.pk}"
    if property is not None:
        return f"property:{property.pk}"
    raise DomainError(NO_STREAM)


def _locked_stream(*, household: Model | None, property: Model | None) -> Stream:
    key = stream_key(household=household, property=property)
    stream, _ = Stream.objects.get_or_create(
        key=key,
        defaults={"household": household, "property": None if household else property},
    )
    # Lock the head so concurrent appends to one history queue rather than fork the chain.
    return Stream.objects.select_for_update().get(pk=stream.pk)


def hash_content(event: Event) -> dict[str, Any]:
    """The fields a hash covers: everything that says what happened, when, and who said so."""
    row = {field.attname: getattr(event, field.attname) for field in Event._meta.concrete_fields}
    supersedes = str(event.supersedes.uid) if event.supersedes else None
    return row_hash_content(row, stream_key=event.stream.key, supersedes=supersedes)


def row_hash_content(
    row: Mapping[str, Any], *, stream_key: str, supersedes: str | None
) -> dict[str, Any]:
    """`hash_content` of an event's row (its fields by attribute name), given its stream's key
    and the uid of the entry it corrects."""

    def iso(moment: dt.datetime) -> str:
        return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")

    return {
        "uid": str(row["uid"]),
        "stream": stream_key,
        "seq": row["seq"],
        "kind": row["kind"],
        "occurred": [
            row["occurred_text"],
            row["occurred_precision"],
            iso(row["occurred_earliest"]),
            iso(row["occurred_latest"]),
        ],
        "recorded_at": iso(row["recorded_at"]),
        "actor": row["actor_id"],
        "actor_name": row["actor_name"],
        "by": row["by"],
        "channel": row["channel"],
        "summary": row["summary"],
        "data": row["data"],
        "household": row["household_id"],
        "property": row["property_id"],
        "case": row["case_id"],
        "supersedes": supersedes,
        "source_id": row["source_id"],
        "batch": str(row["batch"]) if row["batch"] else None,
    }


@dataclass(frozen=True)
class EventDraft:
    """One event to append: what `event_append` takes, for `events_append` to take many."""

    kind: str
    occurred: When
    recorded_at: dt.datetime
    actor: Any
    actor_name: str
    channel: str
    data: Mapping[str, Any]
    summary: str = ""
    household: Any = None
    property: Any = None
    case: Any = None
    by: str = ""
    supersedes: Event | None = None
    source_id: str = ""
    batch: uuid.UUID | None = None


def event_append(
    *,
    kind: str,
    occurred: When,
    recorded_at: dt.datetime,
    actor: Any,
    actor_name: str,
    channel: str,
    data: Mapping[str, Any],
    summary: str = "",
    household: Any = None,
    property: Any = None,
    case: Any = None,
    by: str = "",
    supersedes: Event | None = None,
    source_id: str = "",
    batch: uuid.UUID | None = None,
) -> Event:
    """Append one event to its household's (or property's) history.

    `actor` is a staff user, `household`, `property` and `case` their models: typed `Any`
    because the timeline sits below the apps that define them.

    Validates the data against the kind's declared shape, keeps unknown fields, numbers the
    event in its stream and chains its hash to the previous one. Time is an argument: a
    replay or an import passes the dates of the record, not today.
    """
    draft = EventDraft(
        kind=kind,
        occurred=occurred,
        recorded_at=recorded_at,
        actor=actor,
        actor_name=actor_name,
        channel=channel,
        data=data,
        summary=summary,
        household=household,
        property=property,
        case=case,
        by=by,
        supersedes=supersedes,
        source_id=source_id,
        batch=batch,
    )
    return draft_append(draft)


def draft_append(draft: EventDraft) -> Event:
    """Append one drafted event (`event_append`'s rules); a refusal is the rule's own."""
    try:
        return events_append([draft])[0]
    except ItemRefused as refused:
        raise refused.original from None


@transaction.atomic
def events_append(drafts: Sequence[EventDraft]) -> list[Event]:
    """Append events in the order given, each to its household's (or property's) history, by
    the rules of `event_append`: each history's head locked once, the events numbered and
    chained in order, and written in one insert (an import writes a household's events so).
    All or none: a draft refused raises `ItemRefused` with its index, and nothing is kept."""
    streams: dict[str, Stream] = {}
    events: list[Event] = []
    for index, draft in enumerate(drafts):
        try:
            key = stream_key(household=draft.household, property=draft.property)
            if key not in streams:
                streams[key] = _locked_stream(household=draft.household, property=draft.property)
            events.append(chain(draft, streams[key]))
        except DomainError as error:
            raise ItemRefused(index, error) from error
    if len(events) == 1:
        events[0].save()
    else:
        Event.objects.bulk_create(events)
    for stream in streams.values():
        stream.save(update_fields=["length", "head_hash"])
    return events


def chain(draft: EventDraft, stream: Stream) -> Event:
    """The draft checked and made the next event of `stream`, whose head moves on in memory
    (not saved: `events_append` writes it)."""
    row = chain_row(draft, stream)
    for attname in ("id", "stream_id", "actor_id", "household_id", "property_id", "case_id"):
        del row[attname]
    del row["supersedes_id"]
    return Event(
        **row,
        stream=stream,
        actor=draft.actor,
        household=draft.household,
        property=draft.property,
        case=draft.case,
        supersedes=draft.supersedes,
    )


def chain_row(draft: EventDraft, stream: Stream) -> dict[str, Any]:
    """`chain`, as the event's row (its fields by attribute name, `id` None): what the bulk
    loader writes. The stream's head moves on in memory."""
    clean = kinds.get(draft.kind).validate(draft.data)
    if draft.channel not in CHANNELS:
        raise DomainError(
            BAD_CHANNEL.format(channel=draft.channel, known=", ".join(Channel.values)),
            field="channel",
        )
    if draft.recorded_at.tzinfo is None:
        raise DomainError(NAIVE_RECORDED_AT, field="recorded_at")
    if draft.occurred.earliest > draft.recorded_at:
        raise DomainError(
            FUTURE_EVENT.format(
                when=draft.occurred.display(), recorded=draft.recorded_at.isoformat()
            ),
            field="occurred",
        )
    if draft.supersedes is not None and draft.supersedes.stream_id != stream.pk:
        raise DomainError(SUPERSEDES_OTHER_STREAM, field="supersedes")
    row: dict[str, Any] = {
        "id": None,
        "uid": uuid.uuid4(),
        "stream_id": stream.pk,
        "seq": stream.length + 1,
        "kind": draft.kind,
        "occurred_text": draft.occurred.text,
        "occurred_precision": draft.occurred.precision.value,
        "occurred_earliest": draft.occurred.earliest,
        "occurred_latest": draft.occurred.latest,
        "recorded_at": draft.recorded_at,
        "actor_id": _pk(draft.actor),
        "actor_name": draft.actor_name,
        "by": draft.by,
        "channel": draft.channel,
        "summary": draft.summary[:500],
        "data": clean,
        "household_id": _pk(draft.household),
        "property_id": _pk(draft.property),
        "case_id": _pk(draft.case),
        "supersedes_id": _pk(draft.supersedes),
        "source_id": draft.source_id,
        "batch": draft.batch,
        "prev_hash": stream.head_hash,
    }
    supersedes = str(draft.supersedes.uid) if draft.supersedes else None
    content = row_hash_content(row, stream_key=stream.key, supersedes=supersedes)
    row["hash"] = event_hash(content, row["prev_hash"])
    stream.length = row["seq"]
    stream.head_hash = row["hash"]
    return row


def _pk(obj: Any) -> Any:
    return None if obj is None else obj.pk

"""Writing to the record. The only way an event comes into being is `event_append`."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.core.errors import DomainError
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

    def iso(moment: dt.datetime) -> str:
        return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")

    return {
        "uid": str(event.uid),
        "stream": event.stream.key,
        "seq": event.seq,
        "kind": event.kind,
        "occurred": [
            event.occurred_text,
            event.occurred_precision,
            iso(event.occurred_earliest),
            iso(event.occurred_latest),
        ],
        "recorded_at": iso(event.recorded_at),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "by": event.by,
        "channel": event.channel,
        "summary": event.summary,
        "data": event.data,
        "household": event.household_id,
        "property": event.property_id,
        "case": event.case_id,
        "supersedes": str(event.supersedes.uid) if event.supersedes else None,
        "source_id": event.source_id,
        "batch": str(event.batch) if event.batch else None,
    }


@transaction.atomic
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
    kind_cls = kinds.get(kind)
    clean = kind_cls.validate(data)
    if channel not in Channel.values:
        raise DomainError(
            BAD_CHANNEL.format(channel=channel, known=", ".join(Channel.values)), field="channel"
        )
    if recorded_at.tzinfo is None:
        raise DomainError(NAIVE_RECORDED_AT, field="recorded_at")
    if occurred.earliest > recorded_at:
        raise DomainError(
            FUTURE_EVENT.format(when=occurred.display(), recorded=recorded_at.isoformat()),
            field="occurred",
        )
    stream = _locked_stream(household=household, property=property)
    if supersedes is not None and supersedes.stream_id != stream.pk:
        raise DomainError(SUPERSEDES_OTHER_STREAM, field="supersedes")
    event = Event(
        stream=stream,
        seq=stream.length + 1,
        kind=kind,
        occurred_text=occurred.text,
        occurred_precision=occurred.precision.value,
        occurred_earliest=occurred.earliest,
        occurred_latest=occurred.latest,
        recorded_at=recorded_at,
        actor=actor,
        actor_name=actor_name,
        by=by,
        channel=channel,
        summary=summary[:500],
        data=clean,
        household=household,
        property=property,
        case=case,
        supersedes=supersedes,
        source_id=source_id,
        batch=batch,
        prev_hash=stream.head_hash,
    )
    event.hash = event_hash(hash_content(event), event.prev_hash)
    event.save()
    stream.length = event.seq
    stream.head_hash = event.hash
    stream.save(update_fields=["length", "head_hash"])
    return event

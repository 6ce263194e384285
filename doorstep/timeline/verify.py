"""Check every hash chain: the proof that nothing in the record was changed underneath."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from doorstep.timeline.hashing import GENESIS, event_hash
from doorstep.timeline.models import Event, Stream
from doorstep.timeline.services import hash_content
from doorstep.timeline.when import When


@dataclass(frozen=True)
class ChainBreak:
    """The first event in a stream that does not match the chain."""

    stream: str
    seq: int
    event_uid: str
    reason: str


@dataclass(frozen=True)
class HeldCheck:
    """What another part of the record holds beside the history (documents' files), checked:
    how many were checked, and each one that failed, named, with why."""

    name: str  # "documents"
    checked: int
    problems: list[str]


# Checks of what the record holds beside the history, registered by the apps that hold it
# (`documents` registers its files' checksums), so `verify` covers the whole record without
# the timeline reaching up into them.
HELD_CHECKS: list[Callable[[], HeldCheck]] = []


@dataclass(frozen=True)
class VerifyReport:
    streams: int
    events: int
    breaks: list[ChainBreak]
    held: list[HeldCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaks and not any(check.problems for check in self.held)


def _check_stream(stream: Stream) -> tuple[int, ChainBreak | None]:
    prev = GENESIS
    expected_seq = 1
    count = 0
    events = Event.objects.filter(stream=stream).select_related("stream", "supersedes")
    for event in events.order_by("seq").iterator(chunk_size=2000):
        count += 1

        def broken(reason: str, event: Event = event) -> ChainBreak:
            return ChainBreak(stream.key, event.seq, str(event.uid), reason)

        if event.seq != expected_seq:
            return count, broken(
                f"expected entry {expected_seq}, found {event.seq}: an entry is missing"
            )
        if event.prev_hash != prev:
            return count, broken("its link to the previous entry does not match")
        when = When.parse(event.occurred_text)
        if (when.earliest, when.latest) != (event.occurred_earliest, event.occurred_latest):
            return count, broken("its dates do not match the date as recorded")
        if event_hash(hash_content(event), event.prev_hash) != event.hash:
            return count, broken("its content does not match its hash")
        prev = event.hash
        expected_seq += 1
    if count != stream.length or prev != stream.head_hash:
        return count, ChainBreak(
            stream.key,
            count,
            "",
            f"the history holds {count} entries but its head records "
            f"{stream.length}: entries were removed or added outside Doorstep",
        )
    return count, None


def verify_all() -> VerifyReport:
    streams = 0
    total = 0
    breaks: list[ChainBreak] = []
    for stream in _streams():
        streams += 1
        count, problem = _check_stream(stream)
        total += count
        if problem:
            breaks.append(problem)
    held = [check() for check in HELD_CHECKS]
    return VerifyReport(streams=streams, events=total, breaks=breaks, held=held)


def _streams() -> Iterator[Stream]:
    yield from Stream.objects.order_by("key").iterator()

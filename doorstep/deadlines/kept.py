"""Replays kept for a day (ADR 19): read back while the home's stamp holds, kept on a miss.

A cache, not the record (`deadlines.models.KeptReplay`): `clocks_of` asks `kept_for` for the
homes of a chunk, uses a row only where the home's stamp now (`interchange.stamps.home_stamps`,
read in one snapshot with any export) equals the row's, and `keep`s the replays it had to make,
with the stamp read in the same snapshot as their export. `DOORSTEP_KEEP_REPLAYS = False` turns
it off (every replay made afresh, as before). The nightly sweep forgets the days before
yesterday (`forget_before`).
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from doorstep.deadlines.models import KeptReplay
from doorstep.interchange.scope import Home
from doorstep.interchange.stamps import Read

# What a replay kept again for the same home and day replaces.
REPLACED = ["stamp", "read", "cases", "disclosed", "replay", "made_at"]


@dataclass(frozen=True)
class Kept:
    """A home's replay as of a day, with the stamp it was made under."""

    stamp: str
    read: Read
    cases: Mapping[str, int]
    disclosed: dt.date | None
    replay: Mapping[str, Any]


def keeping() -> bool:
    return bool(getattr(settings, "DOORSTEP_KEEP_REPLAYS", True))


def kept_for(homes: Iterable[Home], *, as_of: dt.date) -> dict[Home, Kept]:
    """The replays kept of these homes as of `as_of` (one query), stamps not yet checked."""
    homes = list(homes)
    if not homes or not keeping():
        return {}
    wanted = Q()
    for kind in {kind for kind, _ in homes}:
        wanted |= Q(home_kind=kind, home_id__in=[pk for k, pk in homes if k == kind])
    rows = KeptReplay.objects.filter(wanted, as_of=as_of).values_list(
        "home_kind", "home_id", "stamp", "read", "cases", "disclosed", "replay"
    )
    return {
        (kind, pk): Kept(stamp, Read.from_json(read), cases, disclosed, _unpacked(replay))
        for kind, pk, stamp, read, cases, disclosed, replay in rows
    }


def _packed(replay: Mapping[str, Any]) -> bytes:
    """A replay as stored: its JSON, compressed (level 1: a fifth of the time of the default
    for nearly the same size). Stored as bytes, not `jsonb`: PostgreSQL would parse and
    compress 68 KB of text a home on every write, and turn it back into text on every read."""
    return zlib.compress(json.dumps(replay, separators=(",", ":")).encode(), 1)


def _unpacked(stored: bytes | memoryview) -> dict[str, Any]:
    return dict(json.loads(zlib.decompress(stored)))


def keep(replays: Mapping[Home, Kept], *, as_of: dt.date) -> None:
    """Keep these replays as of `as_of`, each replacing any kept of its home for that day (one
    statement; two requests keeping the same home at once both succeed, the last one stays)."""
    if not replays or not keeping():
        return
    made = timezone.now()  # bookkeeping of the copy, not a time the record reads
    KeptReplay.objects.bulk_create(
        [
            KeptReplay(
                home_kind=kind,
                home_id=pk,
                as_of=as_of,
                stamp=one.stamp,
                read=one.read.as_json(),
                cases=dict(one.cases),
                disclosed=one.disclosed,
                replay=_packed(one.replay),
                made_at=made,
            )
            for (kind, pk), one in sorted(replays.items())
        ],
        update_conflicts=True,
        unique_fields=["home_kind", "home_id", "as_of"],
        update_fields=REPLACED,
    )


def forget_before(day: dt.date) -> int:
    """Forget every replay kept as of a day before `day`; how many were forgotten."""
    deleted, _ = KeptReplay.objects.filter(as_of__lt=day).delete()
    return deleted

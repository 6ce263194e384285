"""Producing an evidence pack: the zip read from the record (`selectors.evidence_pack`), and
an `evidence.produced` entry on the case's (or household's) timeline saying when, for whom,
why and which pack (its SHA-256). The entry is written after the pack is read, so the pack is
of the record as it stood; a pack produced again after it lists the earlier one."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction

from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.clocks.explain import show
from doorstep.core.errors import DomainError
from doorstep.evidence.pack import read_manifest
from doorstep.evidence.selectors import evidence_pack
from doorstep.residents.models import Household
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.services import event_append
from doorstep.timeline.when import When

NOTHING_NAMED = "Name the case or the household the evidence pack is of."
NO_RECIPIENT = "Say who the evidence pack is for."
AS_OF_FUTURE = "The pack can be as of today at the latest, not {as_of}."


@transaction.atomic
def evidence_produce(
    *,
    actor: Any,
    to: str,
    purpose: str,
    as_of: dt.date,
    at: dt.datetime,
    case: Case | None = None,
    household: Household | None = None,
) -> tuple[bytes, Event]:
    """Produce the evidence pack of a case (or a household) as of `as_of` for `to`, and record
    it on the timeline (`evidence.produced`). Returns the zip and the entry."""
    if (case is None) == (household is None):
        raise DomainError(NOTHING_NAMED)
    to = " ".join(to.split())
    if not to:
        raise DomainError(NO_RECIPIENT, field="to")
    if as_of > at.date():
        raise DomainError(AS_OF_FUTURE.format(as_of=show(as_of)), field="as_of")
    data = evidence_pack(
        user=actor,
        as_of=as_of,
        produced_for=to,
        purpose=purpose,
        at=at,
        case=case,
        household=household,
    )
    said = read_manifest(data)
    entry = {
        "to": to,
        "purpose": purpose,
        "as_of": as_of.isoformat(),
        "of": said["of"]["reference"],
        "sha256": hashlib.sha256(data).hexdigest(),
        "files": sorted(["manifest.json", *(f["name"] for f in said["files"])]),
        "special_category_detail": said["special_category_detail"],
    }
    summary = f"Evidence pack as of {show(as_of)} produced for {to}"
    if case is not None:
        event = record_on_case(
            case=case, kind="evidence.produced", data=entry, actor=actor, at=at, summary=summary
        )
    else:
        household = household or Household()  # named: checked above
        event = event_append(
            kind="evidence.produced",
            occurred=When.at(at),
            recorded_at=at,
            actor=actor,
            actor_name=actor_name_of(actor),
            channel=Channel.INTERNAL,
            data=entry,
            summary=summary,
            household=household,
            property=household.property,
        )
    return data, event

"""The `evidence` benchmark: the evidence pack (`evidence_produce`, as `doorstep evidence CASE
--out DIR` makes it) of a case with 1,000 events.

The case is one generated repair case, brought up to the count through the services an officer
uses: contacts logged on the case (`contact_record`, in and out by phone) and internal notes
(`note_add`), in turn. Appending them is timed too (events/s through the services)."""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING

from bench.figures import Figure, Outcome

if TYPE_CHECKING:
    from doorstep.cases.models import Case
    from doorstep.staff.models import User

ACTOR = "Benchmark (bench/run)"


def chosen_case() -> Case | None:
    """The generated case with a household that has the most events already."""
    from django.db.models import Count

    from doorstep.cases.models import Case

    return (
        Case.objects.filter(household__isnull=False)
        .select_related("household__property", "property")
        .annotate(n=Count("events"))
        .order_by("-n", "pk")
        .first()
    )


def grow(*, case: Case, events: int, at: dt.datetime, actor: User) -> int:
    """Append entries to the case until it has `events`; the number appended."""
    from doorstep.cases.services import note_add
    from doorstep.contacts.services import contact_record
    from doorstep.timeline.models import Event
    from doorstep.timeline.when import When

    have = Event.objects.filter(case=case).count()
    household = case.household
    assert household is not None  # noqa: S101 (chosen_case picks a household's case)
    for n in range(max(events - have, 0)):
        moment = at + dt.timedelta(seconds=n)
        if n % 3 == 2:
            note_add(actor=actor, case=case, text=f"Chased the contractor ({n}).", at=moment)
        else:
            contact_record(
                actor=actor,
                household=household,
                direction="in" if n % 3 == 0 else "out",
                channel="phone",
                party="Tenant" if n % 3 == 0 else "Resident",
                text=f"Rang about the repair ({n}).",
                occurred=When.parse(moment.isoformat()),
                at=moment,
                case=case,
            )
    return max(events - have, 0)


def run(*, events: int, at: dt.datetime, actor: User) -> Outcome:
    """`at` is when the first entry is appended: early enough that the last one, `events`
    seconds later, is not in the future."""
    from doorstep.evidence.services import evidence_produce
    from doorstep.timeline.actors import writing_as
    from doorstep.timeline.models import Event

    out = Outcome("evidence")
    case = chosen_case()
    if case is None:
        out.problems.append("evidence: no generated case with a household")
        return out
    started = time.perf_counter()
    added = grow(case=case, events=events, at=at, actor=actor)
    appending = time.perf_counter() - started
    total = Event.objects.filter(case=case).count()
    # Entries are a second apart from `at`; the pack is produced a second after the last, as
    # of that day, so it holds every one of them.
    produced_at = at + dt.timedelta(seconds=added + 1)
    as_of = produced_at.date()
    started = time.perf_counter()
    with writing_as(ACTOR):
        data, _ = evidence_produce(
            actor=actor,
            case=case,
            to="Housing Ombudsman",
            purpose="benchmark",
            as_of=as_of,
            at=produced_at,
        )
    seconds = time.perf_counter() - started
    out.add(Figure("evidence.case_events", total, "events", against=case.reference))
    if added:
        out.add(Figure("evidence.append", added / appending, "events/s"))
    out.add(
        Figure("evidence", seconds, "s", against=f"pack of {total} events"),
        Figure("evidence.bytes", len(data), "bytes"),
    )
    return out

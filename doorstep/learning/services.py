"""Recording what the landlord will change beyond a complaint, and recording it done.

Learning is recorded from an event that calls for it: a `complaint.response` upholding the
complaint in whole or in part, or an `ombudsman.determination` finding maladministration. It
is written on the case of that event (the complaint or the Ombudsman case) or on a case linked
to it. Each service checks its preconditions (a `DomainError` with a constant message), appends
its event and updates the `Learning` row in the same transaction. Time comes in as `at`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Model

from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.learning.models import Learning
from doorstep.learning.selectors import is_source
from doorstep.staff.models import User
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON, When

PREFIX = "LRN"
TEXT_LIMIT = 5000

NOT_A_SOURCE = (
    "Learning is recorded from a complaint response or the Ombudsman's determination; that "
    "entry is neither."
)
NOT_UPHELD = (
    "That response did not uphold the complaint (outcome: {outcome}); learning is recorded "
    "from upheld or partly upheld complaints."
)
NO_MALADMINISTRATION = (
    "That determination found no maladministration; learning is recorded where it did."
)
SOURCE_ELSEWHERE = "That entry is on case {source}, which is neither {case} nor linked to it."
NO_CHANGE = "Say what the landlord will change beyond this case."
TEXT_TOO_LONG = "Keep it to 5,000 characters."
NO_OWNER = "Name the member of staff who owns the change."
OWNER_CONTRACTOR = "A contractor cannot own the landlord's learning."
NO_DUE = "Give the date the change is due by."
DUE_BEFORE = "The change cannot be due ({due}) before it is recorded ({today})."
ALREADY_DONE = "Learning {ref} was already recorded as done on {day}."
NO_EVIDENCE = "Record the evidence that the change is done: what changed, and where it shows."


def _check_source(case: Case, source: Event) -> None:
    if source.kind not in ("complaint.response", "ombudsman.determination"):
        raise DomainError(NOT_A_SOURCE, field="source")
    if not is_source(source):
        if source.kind == "complaint.response":
            outcome = str(source.data.get("outcome") or "none given").replace("_", " ")
            raise DomainError(NOT_UPHELD.format(outcome=outcome), field="source")
        raise DomainError(NO_MALADMINISTRATION, field="source")
    linked = source.case_id is not None and case.links.filter(pk=source.case_id).exists()
    if source.case_id != case.pk and not linked:
        where = source.case.reference if source.case else "no case"
        raise DomainError(
            SOURCE_ELSEWHERE.format(source=where, case=case.reference), field="source"
        )


@transaction.atomic
def learning_record(
    *,
    actor: Model | None,
    case: Case,
    source: Event,
    change: str,
    owner: User | None,
    due: When | None,
    at: dt.datetime,
) -> Learning:
    """Record what the landlord will change beyond this case (`learning.recorded`): the change,
    its owner and due date, learned from `source` (an upheld response or a determination finding
    maladministration) on this case or one linked to it."""
    _check_source(case, source)
    change = (change or "").strip()
    if not change:
        raise DomainError(NO_CHANGE, field="change")
    if len(change) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field="change")
    if owner is None:
        raise DomainError(NO_OWNER, field="owner")
    if getattr(owner, "contractor_id", None) is not None:
        raise DomainError(OWNER_CONTRACTOR, field="owner")
    if due is None:
        raise DomainError(NO_DUE, field="due")
    today = at.astimezone(LONDON).date()
    if due.latest_date < today:
        raise DomainError(
            DUE_BEFORE.format(due=due.display(), today=When.on(today).display()), field="due"
        )
    stage = source.data.get("stage") if source.kind == "complaint.response" else None
    ref = next_reference(PREFIX, at.year)
    name = actor_name_of(owner)
    event = record_on_case(
        case=case,
        kind="learning.recorded",
        data={
            "learning": ref,
            "change": change,
            "owner": name,
            "owner_username": owner.get_username(),
            "due": due.text,
            "complaint_stage": stage if isinstance(stage, int) else None,
            "source": str(source.uid),
        },
        actor=actor,
        at=at,
        summary=f"Learning recorded: {change[:150]}",
    )
    return Learning.objects.create(
        ref=ref,
        case=case,
        change=change,
        owner=owner,
        owner_name=name,
        due_text=due.text,
        due_date=due.latest_date,
        complaint_stage=stage if isinstance(stage, int) else None,
        source_event=source,
        recorded_event=event,
        recorded_on=today,
    )


@transaction.atomic
def learning_done(
    *, actor: Model | None, learning: Learning, evidence: str, at: dt.datetime
) -> Learning:
    """Record that the change is done, with the evidence (`learning.done`)."""
    if learning.done_on is not None:
        raise DomainError(
            ALREADY_DONE.format(ref=learning.ref, day=When.on(learning.done_on).display()),
            field="learning",
        )
    evidence = (evidence or "").strip()
    if not evidence:
        raise DomainError(NO_EVIDENCE, field="evidence")
    if len(evidence) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field="evidence")
    event = record_on_case(
        case=learning.case,
        kind="learning.done",
        data={"learning": learning.ref, "evidence": evidence},
        actor=actor,
        at=at,
        summary=f"Learning {learning.ref} done",
    )
    learning.done_event, learning.done_on = event, at.astimezone(LONDON).date()
    learning.done_evidence = evidence
    learning.save(update_fields=["done_event", "done_on", "done_evidence"])
    return learning

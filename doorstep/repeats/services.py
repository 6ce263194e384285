"""Deciding a proposed repeat: a new job or hazard case for a defect already on record
(`clocks.repeats` proposes; an officer decides).

Accepted, the two cases are linked and a `note` records the decision with `repeat_of`: from
then on the new job's (or hazard's) clocks keep the ORIGINAL start, so a defect raised again is
never treated as a new issue with a fresh clock (Clarion 202208650, SE 26-27; RK 1, 4).
Rejected, a `note` with `not_repeat_of` closes the proposal, with the officer's reason. Both are
ordinary entries of the record: append-only, attributed, exported in the chronology format.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.cases.models import Case
from doorstep.cases.services import case_link, record_on_case
from doorstep.core.errors import DomainError
from doorstep.timeline.models import Event

REPEAT_SAME_CASE = "A case cannot be a repeat of itself: choose the earlier case."
REPEAT_OTHER_HOME = (
    "{case} and {earlier} are not about the same home: a repeat is the same defect at the same "
    "property."
)
REPEAT_NO_REASON = "Say why: what makes this the same defect, or why it is not."
JOB_NOT_ON_CASE = "Job {job} was not raised on {case}."
ALREADY_DECIDED = (
    "Whether {what} repeats {earlier} was already decided on {day} ({decision}); record a "
    "correction on the case to change it."
)
ACCEPTED_MEMBER = "repeat_of"
REJECTED_MEMBER = "not_repeat_of"
ACCEPTED_SUMMARY = "Linked as a repeat of {earlier}{job}"
REJECTED_SUMMARY = "Not a repeat of {earlier}{job}"
LINK_REASON = "Repeat of the same defect: {reason}"


def _same_home(case: Case, earlier: Case) -> bool:
    if case.household_id is not None and case.household_id == earlier.household_id:
        return True
    places = {case.property_id, getattr(case.property, "part_of_id", None)}
    return earlier.property_id in places or case.property_id == getattr(
        earlier.property, "part_of_id", None
    )


def _job_raised(case: Case, job: str) -> bool:
    # Read in Python: a case has few jobs, and a JSON lookup differs between the databases.
    raised = Event.objects.filter(case=case, kind="works.raised").only("data")
    return any(str((e.data or {}).get("job")) == job for e in raised)


def _decided(case: Case, earlier: Case, job: str | None) -> Event | None:
    for note in Event.objects.filter(case=case, kind="note").order_by("pk"):
        for member in (ACCEPTED_MEMBER, REJECTED_MEMBER):
            said = (note.data or {}).get(member)
            if (
                isinstance(said, dict)
                and said.get("of_case") == earlier.reference
                and (said.get("job") or None) == job
            ):
                return note
    return None


def _check(
    *, case: Case, earlier: Case, job: str | None, earlier_job: str | None, reason: str
) -> None:
    if case.pk == earlier.pk:
        raise DomainError(REPEAT_SAME_CASE, field="earlier_case")
    if not _same_home(case, earlier):
        raise DomainError(
            REPEAT_OTHER_HOME.format(case=case.reference, earlier=earlier.reference),
            field="earlier_case",
        )
    if not reason.strip():
        raise DomainError(REPEAT_NO_REASON, field="reason")
    for field, ref, on in (("job", job, case), ("earlier_job", earlier_job, earlier)):
        if ref and not _job_raised(on, ref):
            raise DomainError(JOB_NOT_ON_CASE.format(job=ref, case=on.reference), field=field)
    decided = _decided(case, earlier, job)
    if decided is not None:
        what = f"job {job}" if job else case.reference
        raise DomainError(
            ALREADY_DECIDED.format(
                what=what,
                earlier=earlier.reference,
                day=decided.occurred_earliest.date().isoformat(),
                decision=decided.summary,
            ),
            field="earlier_case",
            code="conflict",
        )


def _decide(
    *,
    actor: Model | None,
    case: Case,
    earlier: Case,
    member: str,
    summary: str,
    job: str | None,
    earlier_job: str | None,
    reason: str,
    at: dt.datetime,
) -> Event:
    said: dict[str, Any] = {"job": job or None, "of_case": earlier.reference}
    said["of_job"] = earlier_job or None
    job_words = f" (job {job} repeats job {earlier_job})" if job and earlier_job else ""
    return record_on_case(
        case=case,
        kind="note",
        actor=actor,
        at=at,
        data={"text": reason.strip(), member: said},
        summary=summary.format(earlier=earlier.reference, job=job_words),
    )


@transaction.atomic
def repeat_accept(
    *,
    actor: Model | None,
    case: Case,
    earlier: Case,
    reason: str,
    at: dt.datetime,
    job: str | None = None,
    earlier_job: str | None = None,
) -> Event:
    """Record that `case` (its `job`, where given) is a repeat of the defect in `earlier`
    (its `earlier_job`): the cases are linked, and the new clocks keep the original start."""
    _check(case=case, earlier=earlier, job=job, earlier_job=earlier_job, reason=reason)
    if not case.links.filter(pk=earlier.pk).exists():
        case_link(
            actor=actor, case=case, other=earlier, reason=LINK_REASON.format(reason=reason), at=at
        )
    return _decide(
        actor=actor,
        case=case,
        earlier=earlier,
        member=ACCEPTED_MEMBER,
        summary=ACCEPTED_SUMMARY,
        job=job,
        earlier_job=earlier_job,
        reason=reason,
        at=at,
    )


@transaction.atomic
def repeat_reject(
    *,
    actor: Model | None,
    case: Case,
    earlier: Case,
    reason: str,
    at: dt.datetime,
    job: str | None = None,
    earlier_job: str | None = None,
) -> Event:
    """Record that `case` (its `job`) is NOT a repeat of `earlier`, and why: the proposal is
    closed and no clock changes."""
    _check(case=case, earlier=earlier, job=job, earlier_job=earlier_job, reason=reason)
    return _decide(
        actor=actor,
        case=case,
        earlier=earlier,
        member=REJECTED_MEMBER,
        summary=REJECTED_SUMMARY,
        job=job,
        earlier_job=earlier_job,
        reason=reason,
        at=at,
    )

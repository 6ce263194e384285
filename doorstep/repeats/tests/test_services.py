"""`repeat_accept` and `repeat_reject`: what each appends, and what each refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.repeats.services import (
    ALREADY_DECIDED,
    JOB_NOT_ON_CASE,
    REPEAT_NO_REASON,
    REPEAT_OTHER_HOME,
    REPEAT_SAME_CASE,
    repeat_accept,
    repeat_reject,
)
from doorstep.repeats.tests.conftest import IMPORTED
from doorstep.testing.factories import CaseFactory
from doorstep.testing.helpers import appended

AT = IMPORTED + dt.timedelta(hours=1)
REASON = "The end wall is the wall J5 was raised to repoint."


def accept(clarion, officer, **changes):
    kwargs = {
        "actor": officer,
        "case": clarion.new,
        "earlier": clarion.earlier,
        "job": "J7",
        "earlier_job": "J5",
        "reason": REASON,
        "at": AT,
        **changes,
    }
    return repeat_accept(**kwargs)


def test_accepting_links_the_cases_and_records_the_decision(clarion, officer):
    with appended() as events:
        note = accept(clarion, officer)
    assert events.kinds == ["case.linked", "case.linked", "note"]
    assert note.case == clarion.new
    assert note.data == {
        "text": REASON,
        "repeat_of": {"job": "J7", "of_case": clarion.earlier.reference, "of_job": "J5"},
    }
    assert (
        note.summary == f"Linked as a repeat of {clarion.earlier.reference} (job J7 repeats job J5)"
    )
    assert clarion.new.links.filter(pk=clarion.earlier.pk).exists()
    assert note.actor == officer


def test_accepting_cases_already_linked_writes_only_the_decision(clarion, officer):
    with appended() as events:
        repeat_accept(
            actor=officer, case=clarion.complaint, earlier=clarion.earlier, reason="Same", at=AT
        )
    assert events.kinds == ["note"]


def test_rejecting_records_the_reason_and_links_nothing(clarion, officer):
    with appended() as events:
        note = repeat_reject(
            actor=officer, case=clarion.new, earlier=clarion.earlier, job="J7", earlier_job="J5",
            reason="A different wall", at=AT,
        )  # fmt: skip
    assert events.kinds == ["note"]
    assert note.data["not_repeat_of"]["of_case"] == clarion.earlier.reference
    assert not clarion.new.links.filter(pk=clarion.earlier.pk).exists()


def refused(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def test_a_case_is_not_a_repeat_of_itself(clarion, officer):
    error = refused(lambda: accept(clarion, officer, earlier=clarion.new))
    assert (error.message, error.field) == (REPEAT_SAME_CASE, "earlier_case")


def test_a_repeat_is_at_the_same_home(clarion, officer):
    elsewhere = CaseFactory()
    error = refused(lambda: accept(clarion, officer, earlier=elsewhere, earlier_job=None))
    assert error.message == REPEAT_OTHER_HOME.format(
        case=clarion.new.reference, earlier=elsewhere.reference
    )


def test_a_reason_is_needed(clarion, officer):
    error = refused(lambda: accept(clarion, officer, reason="  "))
    assert (error.message, error.field) == (REPEAT_NO_REASON, "reason")


@pytest.mark.parametrize(
    ("field", "changes", "job", "case"),
    [
        ("job", {"job": "J5"}, "J5", "new"),
        ("earlier_job", {"earlier_job": "J7"}, "J7", "earlier"),
        ("earlier_job", {"earlier_job": "NOPE"}, "NOPE", "earlier"),
    ],
)
def test_a_job_must_have_been_raised_on_its_case(clarion, officer, field, changes, job, case):
    error = refused(lambda: accept(clarion, officer, **changes))
    on = getattr(clarion, case)
    assert (error.message, error.field) == (
        JOB_NOT_ON_CASE.format(job=job, case=on.reference),
        field,
    )


def test_a_decision_is_made_once(clarion, officer):
    first = accept(clarion, officer)
    error = refused(
        lambda: repeat_reject(
            actor=officer, case=clarion.new, earlier=clarion.earlier, job="J7", earlier_job="J5",
            reason="Changed my mind", at=AT,
        )
    )  # fmt: skip
    assert error.message == ALREADY_DECIDED.format(
        what="job J7",
        earlier=clarion.earlier.reference,
        day=first.occurred_earliest.date().isoformat(),
        decision=first.summary,
    )

"""`learning_record` and `learning_done`, and the selectors of `/learning/`: the learning
recorded, and the upheld complaints and determinations with maladministration without any."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.learning import services
from doorstep.learning.models import Learning
from doorstep.learning.selectors import learning_list, learning_missing
from doorstep.learning.services import learning_done, learning_record
from doorstep.learning.tests.conftest import respond
from doorstep.ombudsman.services import FindingIn, determination_record
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When


def _record(homes, now, source, case=None, **change):
    given = {
        "change": "Check for earlier jobs on the same wall before raising a new one",
        "owner": homes.manager,
        "due": When.parse("2024-09"),
        **change,
    }
    return learning_record(
        actor=homes.officer, case=case or source.case, source=source, at=now, **given
    )


def test_learning_is_recorded_from_an_upheld_response(homes, now, upheld):
    with appended() as events:
        learning = _record(homes, now, upheld)
    assert events.kinds == ["learning.recorded"]
    assert events[0].data == {
        "learning": learning.ref,
        "change": "Check for earlier jobs on the same wall before raising a new one",
        "owner": "Maya Manager",
        "owner_username": "maya",
        "due": "2024-09",
        "complaint_stage": 2,
        "source": str(upheld.uid),
    }
    assert (learning.due_date, learning.complaint_stage, learning.owner) == (
        dt.date(2024, 9, 30),
        2,
        homes.manager,
    )
    assert learning_missing(user=homes.officer) == []


def test_upheld_complaints_and_maladministration_without_learning_are_listed(homes, now, referral):
    upheld = respond(homes.complaint, outcome="upheld")
    respond(homes.second_complaint, outcome="not_upheld")
    found = determination_record(
        actor=None,
        case=referral,
        occurred=When.parse("2024-06-03"),
        findings=[
            FindingIn("repairs", "no maladministration"),
            FindingIn("record keeping", "severe maladministration"),
        ],
        orders=[],
        at=now,
    )
    missing = learning_missing(user=homes.officer)
    # In date order: the determination (3 June) before the response (3 June, 10:30).
    assert [m.event for m in missing] == [found, upheld]
    assert missing[0].what == "Ombudsman's determination: maladministration on record keeping"
    _record(homes, now, found)
    assert [m.event for m in learning_missing(user=homes.officer)] == [upheld]


def test_learning_from_a_determination_may_be_recorded_on_the_linked_complaint(
    homes, now, referral
):
    found = determination_record(
        actor=None,
        case=referral,
        occurred=When.parse("2024-06-03"),
        findings=[FindingIn("complaint handling", "maladministration")],
        orders=[],
        at=now,
    )
    learning = _record(homes, now, found, case=homes.complaint)
    assert (learning.case, learning.complaint_stage) == (homes.complaint, None)


def test_learning_is_only_from_an_upheld_response_or_maladministration(homes, now, referral):
    not_upheld = respond(homes.complaint, outcome="not_upheld")
    with pytest.raises(DomainError) as refused:
        _record(homes, now, not_upheld)
    assert refused.value.message == services.NOT_UPHELD.format(outcome="not upheld")
    none_found = determination_record(
        actor=None,
        case=referral,
        occurred=When.parse("2024-06-03"),
        findings=[FindingIn("repairs", "service failure")],
        orders=[],
        at=now,
    )
    with pytest.raises(DomainError) as refused:
        _record(homes, now, none_found)
    assert refused.value.message == services.NO_MALADMINISTRATION
    opened = homes.complaint.events.get(kind="case.opened")
    with pytest.raises(DomainError) as refused:
        _record(homes, now, opened)
    assert refused.value.message == services.NOT_A_SOURCE


def test_learning_is_recorded_where_the_source_is(homes, now, upheld):
    with pytest.raises(DomainError) as refused:
        _record(homes, now, upheld, case=homes.others_complaint)
    assert refused.value.message == services.SOURCE_ELSEWHERE.format(
        source=homes.complaint.reference, case=homes.others_complaint.reference
    )


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"change": " "}, services.NO_CHANGE, "change"),
        ({"owner": None}, services.NO_OWNER, "owner"),
        ({"due": None}, services.NO_DUE, "due"),
        (
            {"due": When.parse("2024-05")},
            services.DUE_BEFORE.format(due="May 2024", today="3 June 2024"),
            "due",
        ),
    ],
)
def test_learning_needs_a_change_an_owner_and_a_due_date(
    homes, now, upheld, change, message, field
):
    with appended() as events, pytest.raises(DomainError) as refused:
        _record(homes, now, upheld, **change)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert events == []
    assert Learning.objects.count() == 0


def test_a_contractor_does_not_own_learning(homes, now, upheld):
    with pytest.raises(DomainError) as refused:
        _record(homes, now, upheld, owner=homes.contractor)
    assert refused.value.message == services.OWNER_CONTRACTOR


def test_learning_done_with_evidence_once(homes, now, upheld):
    learning = _record(homes, now, upheld)
    later = now + dt.timedelta(days=30)
    assert [
        (i.done, i.overdue) for i in learning_list(user=homes.officer, as_of=dt.date(2024, 10, 1))
    ] == [(False, True)]
    with pytest.raises(DomainError) as refused:
        learning_done(actor=homes.manager, learning=learning, evidence=" ", at=later)
    assert refused.value.message == services.NO_EVIDENCE
    with appended() as events:
        learning_done(actor=homes.manager, learning=learning, evidence="Checklist issued", at=later)
    assert events.kinds == ["learning.done"]
    assert events[0].data == {"learning": learning.ref, "evidence": "Checklist issued"}
    listed = learning_list(user=homes.officer, as_of=dt.date(2024, 10, 1))
    assert [(i.done, i.overdue) for i in listed] == [(True, False)]
    with pytest.raises(DomainError) as refused:
        learning_done(actor=homes.manager, learning=learning, evidence="Again", at=later)
    assert refused.value.message == services.ALREADY_DONE.format(
        ref=learning.ref, day="3 July 2024"
    )

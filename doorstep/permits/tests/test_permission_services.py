"""Asking for permission, deciding and withdrawing: what each writes, and each refusal (with
its constant message, on its field, writing nothing)."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.choices import CaseType
from doorstep.cases.services import case_close
from doorstep.core.errors import DomainError
from doorstep.permits import services
from doorstep.permits.choices import PermitStatus
from doorstep.permits.services import (
    AlterationIn,
    PetIn,
    permission_decide,
    permission_request,
    permission_withdraw,
)
from doorstep.permits.tests.conftest import NOW, WORDS
from doorstep.permits.tests.helpers import count, kinds
from doorstep.timeline.models import Event
from doorstep.timeline.when import When

LATER = NOW + dt.timedelta(days=2)


def test_a_request_opens_a_permission_case_on_the_household(homes, dog):
    case = dog.case
    assert case.case_type == CaseType.PERMISSION
    assert case.reference.startswith("PRM-")
    assert case.household == homes.household
    assert kinds(case) == ["case.opened", "permission.requested"]
    requested = Event.objects.get(case=case, kind="permission.requested")
    assert requested.data == {
        "subject": "pet",
        "detail": WORDS,
        "pet": {"species": "dog", "number": 1, "description": "Small terrier"},
    }
    assert requested.occurred_text == "2025-11-03"
    assert requested.channel == "phone"
    assert dog.status == PermitStatus.PENDING
    assert dog.tenancy == homes.tenancy
    assert dog.requested_on == dt.date(2025, 11, 3)
    assert dog.what == "1 dog (Small terrier)"


def test_an_alteration_by_letter(homes):
    permit = permission_request(
        actor=homes.officer,
        household=homes.household,
        subject="alteration",
        detail="Please may I fit a walk-in shower in place of the bath?",
        alteration=AlterationIn("Replace the bath with a walk-in shower", "Bathroom"),
        channel="letter",
        at=NOW,
    )
    assert permit.alteration_what == "Replace the bath with a walk-in shower"
    assert permit.alteration_where == "Bathroom"
    assert permit.what == "Replace the bath with a walk-in shower (Bathroom)"
    assert permit.requested_event.channel == "letter"


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"household": None}, services.NO_HOUSEHOLD, "household"),
        ({"subject": "car"}, services.BAD_SUBJECT, "subject"),
        ({"detail": "  "}, services.NO_DETAIL, "detail"),
        ({"detail": "x" * 5001}, services.TEXT_TOO_LONG, "detail"),
        ({"channel": "internal"}, services.BAD_CHANNEL, "channel"),
        ({"pet": None}, services.NO_SPECIES, "pet_species"),
        ({"pet": PetIn("", 1)}, services.NO_SPECIES, "pet_species"),
        ({"pet": PetIn("dog", 0)}, services.BAD_NUMBER, "pet_number"),
        ({"pet": PetIn("dog", None)}, services.BAD_NUMBER, "pet_number"),
        ({"pet": PetIn("dog", 51)}, services.BAD_NUMBER, "pet_number"),
        ({"subject": "alteration", "alteration": None}, services.NO_ALTERATION, "alteration_what"),
    ],
)
def test_a_request_is_refused_writing_nothing(homes, changes, message, field):
    args = {
        "actor": homes.officer,
        "household": homes.household,
        "subject": "pet",
        "detail": WORDS,
        "pet": PetIn("dog", 1),
        "at": NOW,
        **changes,
    }
    before = Event.objects.count()
    with pytest.raises(DomainError) as refused:
        permission_request(**args)
    assert refused.value.message == message
    assert refused.value.field == field
    assert Event.objects.count() == before


def test_granted_with_conditions(homes, dog):
    permit = permission_decide(
        actor=homes.officer,
        permit=dog,
        outcome="granted_with_conditions",
        conditions=["Kept on a lead in the communal areas", "  ", "Fouling cleared at once"],
        review_on=dt.date(2026, 11, 4),
        at=LATER,
    )
    decided = Event.objects.get(case=dog.case, kind="permission.decided")
    assert decided.data == {
        "outcome": "granted_with_conditions",
        "conditions": ["Kept on a lead in the communal areas", "Fouling cleared at once"],
        "review_on": "2026-11-04",
    }
    assert permit.status == PermitStatus.GRANTED_WITH_CONDITIONS
    assert permit.conditions == decided.data["conditions"]
    assert permit.decided_on == LATER.date()
    assert permit.review_on == dt.date(2026, 11, 4)
    assert permit.in_force


def test_granted_and_refused(homes, dog):
    assert permission_decide(
        actor=homes.manager, permit=dog, outcome="granted", at=LATER
    ).status == (PermitStatus.GRANTED)
    other = permission_request(
        actor=homes.officer,
        household=homes.household,
        subject="other",
        detail="May I run a childminding business from home?",
        at=NOW,
    )
    refused = permission_decide(
        actor=homes.officer,
        permit=other,
        outcome="refused",
        reason="The tenancy does not allow a business at the flat.",
        at=LATER,
    )
    assert refused.status == PermitStatus.REFUSED
    assert refused.reason == "The tenancy does not allow a business at the flat."
    assert not refused.in_force


@pytest.mark.parametrize(
    ("args", "message", "field"),
    [
        ({"outcome": "maybe"}, services.BAD_OUTCOME, "outcome"),
        ({"outcome": "granted_with_conditions"}, services.NO_CONDITIONS, "conditions"),
        (
            {"outcome": "granted_with_conditions", "conditions": [" "]},
            services.NO_CONDITIONS,
            "conditions",
        ),
        (
            {"outcome": "granted", "conditions": ["On a lead"]},
            services.CONDITIONS_WITHOUT,
            "outcome",
        ),
        ({"outcome": "refused"}, services.NO_REFUSAL_REASON, "reason"),
        (
            {"outcome": "refused", "reason": "No", "review_on": dt.date(2026, 1, 1)},
            services.REVIEW_ON_REFUSAL,
            "review_on",
        ),
        (
            {"outcome": "granted", "review_on": dt.date(2025, 11, 1)},
            services.REVIEW_BEFORE.format(day="6 November 2025"),
            "review_on",
        ),
        (
            {
                "outcome": "granted_with_conditions",
                "conditions": ["x" * 501],
            },
            services.CONDITION_TOO_LONG,
            "conditions",
        ),
        (
            {"outcome": "granted", "occurred": When.parse("2025-11-01")},
            services.BEFORE_REQUEST.format(when="1 November 2025", day="3 November 2025"),
            "occurred",
        ),
        ({"outcome": "withdrawn", "reason": "Broken"}, services.NOT_GRANTED_PENDING, "outcome"),
    ],
)
def test_a_decision_is_refused_writing_nothing(homes, dog, args, message, field):
    before = count(dog.case)
    with pytest.raises(DomainError) as refused:
        permission_decide(actor=homes.officer, permit=dog, at=LATER, **args)
    assert refused.value.message == message
    assert refused.value.field == field
    assert count(dog.case) == before


def test_a_decided_request_is_not_decided_again(homes, dog):
    permit = permission_decide(actor=homes.officer, permit=dog, outcome="granted", at=LATER)
    with pytest.raises(DomainError) as refused:
        permission_decide(
            actor=homes.officer, permit=permit, outcome="refused", reason="No", at=LATER
        )
    assert refused.value.message == services.ALREADY_DECIDED.format(
        day="6 November 2025", status="granted"
    )
    assert refused.value.field == "outcome"


def test_a_granted_permission_is_withdrawn_through_a_later_decision(homes, dog):
    permit = permission_decide(
        actor=homes.officer,
        permit=dog,
        outcome="granted_with_conditions",
        conditions=["Kept on a lead in the communal areas"],
        at=LATER,
    )
    withdrawn = permission_decide(
        actor=homes.manager,
        permit=permit,
        outcome="withdrawn",
        reason="The dog was left loose in the communal areas again.",
        occurred=When.parse("2026-02-10"),
        at=LATER + dt.timedelta(days=100),
    )
    assert kinds(dog.case)[-2:] == ["permission.decided", "permission.decided"]
    last = Event.objects.filter(case=dog.case).order_by("-id").first()
    assert last.data == {
        "outcome": "withdrawn",
        "reason": "The dog was left loose in the communal areas again.",
    }
    assert withdrawn.status == PermitStatus.WITHDRAWN
    assert withdrawn.withdrawn_on == dt.date(2026, 2, 10)
    # The grant and its conditions stay on the record.
    assert withdrawn.decided_on == LATER.date()
    assert withdrawn.conditions == ["Kept on a lead in the communal areas"]
    with pytest.raises(DomainError) as again:
        permission_withdraw(actor=homes.manager, permit=withdrawn, reason="Again", at=LATER)
    assert again.value.message == services.NOT_GRANTED.format(status="withdrawn")


def test_withdrawal_refusals(homes, dog):
    refused = permission_decide(
        actor=homes.officer, permit=dog, outcome="refused", reason="Too many pets", at=LATER
    )
    with pytest.raises(DomainError) as error:
        permission_withdraw(actor=homes.officer, permit=refused, reason="x", at=LATER)
    assert error.value.message == services.NOT_GRANTED.format(status="refused")
    granted = permission_request(
        actor=homes.officer,
        household=homes.household,
        subject="pet",
        detail="A cat",
        pet=PetIn("cat", 1),
        at=NOW,
    )
    granted = permission_decide(actor=homes.officer, permit=granted, outcome="granted", at=LATER)
    with pytest.raises(DomainError) as error:
        permission_withdraw(actor=homes.officer, permit=granted, reason=" ", at=LATER)
    assert error.value.message == services.NO_WITHDRAWAL_REASON
    assert error.value.field == "reason"
    with pytest.raises(DomainError) as error:
        permission_withdraw(
            actor=homes.officer,
            permit=granted,
            reason="Broken",
            occurred=When.parse("2025-11-05"),
            at=LATER,
        )
    assert error.value.message == services.BEFORE_DECISION.format(
        when="5 November 2025", day="6 November 2025"
    )


def test_a_closed_case_takes_no_decision(homes, dog):
    case_close(actor=homes.officer, case=dog.case, reason="Tenant moved out", at=LATER)
    dog.case.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        permission_decide(actor=homes.officer, permit=dog, outcome="granted", at=LATER)
    assert refused.value.message == services.CASE_CLOSED.format(reference=dog.case.reference)

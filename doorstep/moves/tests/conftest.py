"""A small record for the moves tests, made through the services: the Brook household (Bea
Brook, a tenant with a mental health condition on the register) in 3 Elm Court, with a phone
call asking to move; Sam Reed, her support worker, authorised by her for moves; Pat Neil, a
neighbour's friend with no authority; a second household; and staff: a housing officer, a
manager, a repairs coordinator, an auditor and a contractor.

`now` is Monday 3 November 2025, 10:30. A request that day is due a decision 20 working days
later: Monday 1 December 2025 (counted by hand; no bank holiday between).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

# The API tests' callers (one per role, with a token) and their small record, for test_api.py.
from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.contacts.services import contact_record
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.moves.models import MoveRequest
from doorstep.moves.services import move_request
from doorstep.properties.services import property_create
from doorstep.residents.models import Household, Person
from doorstep.residents.services import (
    household_create,
    household_member_add,
    person_create,
    third_party_authorise,
)
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON, When

NOW = dt.datetime(2025, 11, 3, 10, 30, tzinfo=LONDON)
WORDS = (
    "The man upstairs shouts at me on the stairs. I cannot sleep and I am scared. I need to move."
)
PDF = b"%PDF-1.4 test letter\n"


@dataclass
class Homes:
    household: Household
    other: Household
    bea: Person
    worker: Person
    stranger: Person
    call: Event
    officer: User
    manager: User
    coordinator: User
    auditor: User
    contractor: User


@pytest.fixture
def now() -> dt.datetime:
    return NOW


def _household(address: str, name: str, at: dt.datetime) -> Household:
    flat = property_create(kind="flat", address_line_1=address, created_at=at)
    household = household_create(actor=None, property=flat, at=at)
    person = person_create(full_name=name, at=at)
    household_member_add(
        actor=None, household=household, person=person, relationship="tenant", at=at
    )
    return household


@pytest.fixture
def homes(db) -> Homes:
    before = NOW - dt.timedelta(days=60)
    household = _household("3 Elm Court", "Bea Brook", before)
    bea = household.members.get().person
    worker = person_create(full_name="Sam Reed", at=before)
    stranger = person_create(full_name="Pat Neil", at=before)
    third_party_authorise(
        actor=None,
        household=household,
        third_party=worker,
        consent_given_by=bea,
        relationship="support worker",
        scope=["moves"],
        at=before,
    )
    call = contact_record(
        actor=None,
        household=household,
        direction="in",
        channel="phone",
        party="Bea Brook",
        text=WORDS,
        occurred=When.parse("2025-11-03T09:15"),
        at=NOW,
    )

    def staff(username: str, role: Role, **extra: object) -> User:
        return staff_create(
            username=username,
            password="a long test password",
            role=role,
            first_name=username.title(),
            **extra,
        )

    firm = Contractor.objects.create(name="Fixit Ltd")
    return Homes(
        household=household,
        other=_household("4 Elm Court", "Cy Cole", before),
        bea=bea,
        worker=worker,
        stranger=stranger,
        call=call,
        officer=staff("olivia", Role.HOUSING_OFFICER),
        manager=staff("mina", Role.MANAGER),
        coordinator=staff("rory", Role.REPAIRS_COORDINATOR),
        auditor=staff("ada", Role.AUDITOR),
        contractor=staff("colin", Role.CONTRACTOR, contractor=firm),
    )


@pytest.fixture
def move(homes) -> MoveRequest:
    """Bea's request to move, from her phone call of Monday 3 November 2025, 09:15."""
    return move_request(
        actor=homes.officer,
        from_contact=homes.call,
        reason="",
        grounds=["asb", "medical"],
        at=NOW,
    )


def add_document(
    homes: Homes, *, title: str, doc_type: str = "medical_evidence", at: dt.datetime = NOW,
    case=None, about=None,
) -> Document:  # fmt: skip
    """A document on Bea's household's record."""
    return document_add(
        actor=homes.officer,
        content=PDF,
        original_name="letter.pdf",
        doc_type=doc_type,
        title=title,
        at=at,
        household=None if case is not None else homes.household,
        case=case,
        about=about,
    )

"""People and households: who lives where, their tenancy, and who is vulnerable (flags only)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.pagination import Keyset
from doorstep.api.schemas import (
    HouseholdIn,
    HouseholdOut,
    HouseholdSummaryOut,
    MemberIn,
    PersonIn,
    PersonOut,
    Reference,
    responds,
)
from doorstep.residents import services as residents
from doorstep.residents.models import Household, Person
from doorstep.residents.selectors import household_detail

router = Router(tags=["residents"])


# People --------------------------------------------------------------------------------------


@router.get(
    "/people", response=responds(200, list[PersonOut]), auth=requires("residents.view_person")
)
@paginate(Keyset, ordering=("full_name", "reference"))
def person_list(request: HttpRequest, q: str = "") -> Any:
    """People on the record, or those matching `q` (reference or part of the name)."""
    return selectors.person_list(q=q)


@router.get(
    "/people/{reference}", response=responds(200, PersonOut), auth=requires("residents.view_person")
)
def person_read(request: HttpRequest, reference: Reference) -> Any:
    return selectors.person_get(reference=reference)


def _person_created(request: HttpRequest, first: IntakeRecord, **_: Any) -> Person:
    return only(selectors.created_at(Person, moment=first.received_at))


@router.post("/people", response=responds(201, PersonOut), auth=requires("residents.add_person"))
@idempotent(_person_created)
def person_create(request: HttpRequest, payload: PersonIn) -> Any:
    """Add a person to the record (a resident, or a third party such as a support worker)."""
    return Status(201, residents.person_create(**payload.dict(), at=received_at(request)))


# Households ----------------------------------------------------------------------------------


@router.get(
    "/households",
    response=responds(200, list[HouseholdSummaryOut]),
    auth=requires("residents.view_household"),
)
@paginate(Keyset, ordering=("reference",))
def household_list(request: HttpRequest, q: str = "") -> Any:
    """Households, or those matching `q` (reference, name, address, postcode, UPRN...)."""
    return selectors.household_list(q=q)


@router.get(
    "/households/{reference}",
    response=responds(200, HouseholdOut),
    auth=requires("residents.view_household"),
)
def household_read(request: HttpRequest, reference: Reference) -> Any:
    """A household with its members, tenancies, vulnerability flags and open cases."""
    return household_detail(reference=reference)


def _household_created(request: HttpRequest, first: IntakeRecord, **_: Any) -> Household:
    household = only(selectors.created_at(Household, moment=first.received_at))
    return household_detail(reference=household.reference)


@router.post(
    "/households", response=responds(201, HouseholdOut), auth=requires("residents.add_household")
)
@idempotent(_household_created)
def household_create(request: HttpRequest, payload: HouseholdIn) -> Any:
    """Open the record of a household living at a home."""
    home = selectors.property_named(reference=payload.property, field="property")
    household = residents.household_create(
        actor=caller(request), property=home, at=received_at(request)
    )
    return Status(201, household_detail(reference=household.reference))


def _member_added(
    request: HttpRequest, first: IntakeRecord, reference: Reference, **_: Any
) -> Household:
    return household_detail(reference=reference)


@router.post(
    "/households/{reference}/members",
    response=responds(201, HouseholdOut),
    auth=requires("residents.change_household"),
)
@idempotent(_member_added)
def household_member_create(request: HttpRequest, reference: Reference, payload: MemberIn) -> Any:
    """Add a person to the household. Returns the household as it now is."""
    household = household_detail(reference=reference)
    person = selectors.person_named(reference=payload.person, field="person")
    residents.household_member_add(
        actor=caller(request),
        household=household,
        person=person,
        relationship=payload.relationship,
        joined_on=payload.joined_on,
        at=received_at(request),
    )
    return Status(201, household_detail(reference=reference))

"""Cases: open one for a household or, communal, for a building; list, read and close them.

A contractor sees only its own cases; any other is reported as not found.
"""

import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.errors import fields_named
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.pagination import Keyset
from doorstep.api.schemas import CaseCloseIn, CaseFilters, CaseIn, CaseOut, Reference, responds
from doorstep.cases import services as cases
from doorstep.cases.models import Case
from doorstep.contacts.services import case_open_from_contact
from doorstep.residents.models import Household

router = Router(tags=["cases"])
CASE_ORDER = ("-opened_at", "-pk")  # as selectors.case_list orders them


@router.get("/cases", response=responds(200, list[CaseOut]), auth=requires("cases.view_case"))
@paginate(Keyset, ordering=CASE_ORDER)
def case_list(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    """Cases you may see, newest first. `household` includes its buildings' communal cases.
    Paged by cursor: follow `next` (a page costs the same however deep)."""
    household = (
        selectors.household_named(reference=filters.household, field="household")
        if filters.household
        else None
    )
    return selectors.case_list(
        user=caller(request), status=filters.status, case_type=filters.type, household=household
    )


@router.get("/cases/{reference}", response=responds(200, CaseOut), auth=requires("cases.view_case"))
def case_read(request: HttpRequest, reference: Reference) -> Any:
    return selectors.case_for(user=caller(request), reference=reference)


def _opened(request: HttpRequest, first: IntakeRecord, **_: Any) -> Case:
    return only(selectors.case_opened_by(user=caller(request), moment=first.received_at))


@router.post("/cases", response=responds(201, CaseOut), auth=requires("cases.add_case"))
@idempotent(_opened)
def case_create(request: HttpRequest, payload: CaseIn) -> Any:
    """Open a case for a household, or a communal case for a building (no household); or,
    with `from_contact`, from a contact on a household's record, keeping the link."""
    household = (
        selectors.household_named(reference=payload.household, field="household")
        if payload.household
        else None
    )
    if payload.from_contact:
        return Status(201, _open_from_contact(request, payload, payload.from_contact, household))
    place = (
        selectors.property_named(reference=payload.property, field="property")
        if payload.property
        else None
    )
    case = cases.case_open(
        actor=caller(request),
        case_type=payload.case_type,
        title=payload.title,
        household=household,
        property=place,
        at=received_at(request),
    )
    return Status(201, case)


def _open_from_contact(
    request: HttpRequest, payload: CaseIn, uid: uuid.UUID, household: Household | None
) -> Case:
    user = caller(request)
    contact = selectors.event_named(user=user, uid=uid, field="from_contact")
    with fields_named(from_event="from_contact"):
        return case_open_from_contact(
            actor=user,
            contact=contact,
            case_type=payload.case_type,
            title=payload.title,
            household=household,
            at=received_at(request),
        )


def _closed(request: HttpRequest, first: IntakeRecord, reference: Reference, **_: Any) -> Case:
    return selectors.case_for(user=caller(request), reference=reference)


@router.post(
    "/cases/{reference}/close", response=responds(200, CaseOut), auth=requires("cases.change_case")
)
@idempotent(_closed)
def case_close(request: HttpRequest, reference: Reference, payload: CaseCloseIn) -> Any:
    """Close the case, with the reason."""
    case = selectors.case_for(user=caller(request), reference=reference)
    return cases.case_close(
        actor=caller(request), case=case, reason=payload.reason, at=received_at(request)
    )

"""Permissions (a pet, an alteration, anything else): list them (waiting for a decision first),
record a tenant's request for a household (opens a permission case), read one, decide it,
withdraw a permission granted, and check a household's pet permission on the day of a report
about its pets.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.errors import fields_named
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.permits import selectors as permits
from doorstep.permits.choices import PermitStatus, Subject
from doorstep.permits.models import TenancyPermission
from doorstep.permits.schemas import (
    PermitDecideIn,
    PermitIn,
    PermitOut,
    PermitWithdrawIn,
    PetCheckOut,
)
from doorstep.permits.services import (
    AlterationIn,
    PetIn,
    permission_decide,
    permission_request,
    permission_withdraw,
)

router = Router(tags=["permissions"])

VIEW = "permits.view_tenancypermission"
REQUEST = "permits.request_permit"
DECIDE = "permits.decide_permit"
PERMIT = "/permissions/{reference}"
# Where a service's refusal names a form field, the API's body names it so.
BODY_FIELDS = {
    "pet_species": "pet.species",
    "pet_number": "pet.number",
    "alteration_what": "alteration.what",
}


class PermitFilters(Schema):
    status: PermitStatus | None = Field(None, description="Only those where it stands so")
    subject: Subject | None = Field(None, description="Only those for a pet, an alteration...")
    household: str | None = Field(None, max_length=30, description="Only this household's")


class CheckFilters(Schema):
    on: dt.date | None = Field(None, description="The day of the report (default: today)")
    words: str = Field("", max_length=5000, description="The report's words, to compare")


def _permit(request: HttpRequest, reference: str) -> TenancyPermission:
    return permits.permit_named(user=caller(request), reference=reference)


def _same(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Any:
    """An action's retry: the permission as it stands (the first request's change is on it)."""
    return _permit(request, reference)


def _requested(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    return only(permits.permit_requested_by(user=caller(request), moment=first.received_at))


@router.get("/permissions", response=responds(200, list[PermitOut]), auth=requires(VIEW))
@paginate(LimitOffsetPagination)
def permission_list(request: HttpRequest, filters: Query[PermitFilters]) -> Any:
    """The permissions you may see: those waiting for a decision first, the longest waiting
    first; by status, subject or household."""
    return permits.permits_list(
        user=caller(request),
        status=filters.status or "",
        subject=filters.subject or "",
        household=filters.household or "",
    )


@router.post(
    "/households/{reference}/permissions",
    response=responds(201, PermitOut),
    auth=requires(REQUEST),
)
@idempotent(_requested)
def permission_create(request: HttpRequest, reference: Reference, payload: PermitIn) -> Any:
    """Record a tenant's request for the landlord's permission (to keep a pet: give `pet` with
    its species and number; to make an alteration: give `alteration` with what; or anything
    else), from any channel. Opens a permission case on the household."""
    user, at = caller(request), received_at(request)
    household = selectors.household_record_for(user=user, reference=reference)
    pet = payload.pet
    alteration = payload.alteration
    with fields_named(**BODY_FIELDS):
        permit = permission_request(
            actor=user,
            household=household,
            subject=payload.subject,
            detail=payload.detail,
            pet=PetIn(pet.species, pet.number, pet.description) if pet else None,
            alteration=AlterationIn(alteration.what, alteration.where) if alteration else None,
            channel=payload.channel,
            occurred=payload.when(),
            at=at,
        )
    # Read back, so a retry's answer (from the database) is the same.
    return Status(201, permits.permit_named(user=user, reference=permit.case.reference))


@router.get(PERMIT, response=responds(200, PermitOut), auth=requires(VIEW))
def permission_read(request: HttpRequest, reference: Reference) -> Any:
    """One permission: what was asked, the decision with its conditions or reason, the review
    date and any withdrawal."""
    return _permit(request, reference)


@router.post(f"{PERMIT}/decide", response=responds(200, PermitOut), auth=requires(DECIDE))
@idempotent(_same)
def permission_decide_create(
    request: HttpRequest, reference: Reference, payload: PermitDecideIn
) -> Any:
    """Decide a request: granted, granted with conditions (at least one) or refused (with the
    reason). A request already decided is refused (422), unless this withdraws a permission
    granted (outcome `withdrawn`, with the reason)."""
    return permission_decide(
        actor=caller(request),
        permit=_permit(request, reference),
        outcome=payload.outcome,
        conditions=payload.conditions,
        reason=payload.reason,
        review_on=payload.review_on,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{PERMIT}/withdraw", response=responds(200, PermitOut), auth=requires(DECIDE))
@idempotent(_same)
def permission_withdraw_create(
    request: HttpRequest, reference: Reference, payload: PermitWithdrawIn
) -> Any:
    """Withdraw a permission granted, with the reason the tenant is told: from that day it is
    no longer in force (the grant stays on the record)."""
    return permission_withdraw(
        actor=caller(request),
        permit=_permit(request, reference),
        reason=payload.reason,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.get(
    "/households/{reference}/pet-permission",
    response=responds(200, PetCheckOut),
    auth=requires(VIEW),
)
def pet_permission_read(
    request: HttpRequest, reference: Reference, filters: Query[CheckFilters]
) -> Any:
    """Check a household's pet permission, as for a neighbour's report about its pets: the pet
    permissions on record (granted, with their conditions, or none on record), whether one was
    in force on the report's day, and the animals the report's words name beyond it."""
    household = selectors.household_record_for(user=caller(request), reference=reference)
    check = permits.pet_permission_check(household=household, on=filters.on, words=filters.words)
    verdict = check.verdict
    return {
        "household": household.reference,
        "on": filters.on,
        "in_force": bool(verdict.in_force),
        "words": verdict.words,
        "conditions": list(verdict.conditions),
        "not_covered": [{"species": a.species, "number": a.number} for a in verdict.not_covered],
        "permissions": check.permits,
    }

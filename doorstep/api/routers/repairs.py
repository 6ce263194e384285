"""Repairs: report a repair (for a household, or communal for a building), raise a job on a
repair case, read a job, and list the Schedule of Rates in force.

A contractor sees only its own jobs; any other is reported as not found.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.errors import fields_named
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.repairs import selectors as repairs
from doorstep.repairs.schemas import JobIn, JobOut, RepairIn, RepairOut, SorCodeOut, SorFilters
from doorstep.repairs.services import ItemIn, job_raise, repair_report
from doorstep.timeline.when import When

router = Router(tags=["repairs"])


def _reported(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    case = only(selectors.case_opened_by(user=caller(request), moment=first.received_at))
    return repairs.report_of(case=case)


@router.post("/repairs", response=responds(201, RepairOut), auth=requires("repairs.report_repair"))
@idempotent(_reported)
def repair_create(request: HttpRequest, payload: RepairIn) -> Any:
    """Report a repair: opens a repair case for the household or, communal, for the building
    (no household; it shows on every household inside it), and returns the target the policy
    in force on the day sets, with the rule and why (a vulnerable household's shorter target,
    where the landlord's policy has one)."""
    user, at = caller(request), received_at(request)
    household = (
        selectors.household_named(reference=payload.household, field="household")
        if payload.household
        else None
    )
    building = (
        selectors.property_named(reference=payload.property, field="property")
        if payload.property
        else None
    )
    contact = (
        selectors.event_named(user=user, uid=payload.from_contact, field="from_contact")
        if payload.from_contact
        else None
    )
    with fields_named(from_event="from_contact"):
        reported = repair_report(
            actor=user,
            household=household,
            property=building,
            location=payload.location,
            description=payload.description,
            element=payload.element,
            priority=payload.priority,
            communal=payload.communal,
            security=payload.security,
            occurred=payload.when() or When.at(at),
            channel=payload.channel,
            from_contact=contact,
            at=at,
        )
    return Status(201, reported)


def _raised(request: HttpRequest, first: IntakeRecord, reference: Reference, **_: Any) -> Any:
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    job = only(repairs.jobs_raised_by(user=user, case=case, moment=first.received_at))
    return repairs.job_visible(reference=job.reference, user=user)


@router.post(
    "/cases/{reference}/jobs", response=responds(201, JobOut), auth=requires("repairs.add_job")
)
@idempotent(_raised)
def job_create(request: HttpRequest, reference: Reference, payload: JobIn) -> Any:
    """Raise a job (work order) on a repair or hazard case. Without a `target`, the priority's
    target from the landlord's policy applies. A target before the repair was reported, or a
    code the Schedule of Rates in force does not hold, is refused naming the field."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    contractor = (
        repairs.contractor_named(name=payload.contractor, field="contractor")
        if payload.contractor
        else None
    )
    job = job_raise(
        actor=user,
        case=case,
        items=[ItemIn(**item.dict()) for item in payload.items],
        priority=payload.priority,
        trade=payload.trade,
        contractor=contractor,
        estimated_minutes=payload.estimated_minutes,
        target=payload.target,
        purpose=payload.purpose,
        at=received_at(request),
    )
    return Status(201, repairs.job_visible(reference=job.reference, user=user))


@router.get("/jobs/{reference}", response=responds(200, JobOut), auth=requires("repairs.view_job"))
def job_read(request: HttpRequest, reference: Reference) -> Any:
    """A job with its items. A contractor sees only its own firm's jobs."""
    return repairs.job_visible(reference=reference, user=caller(request))


@router.get(
    "/sor-codes",
    response=responds(200, list[SorCodeOut]),
    auth=requires("repairs.view_sorcode"),
)
@paginate(LimitOffsetPagination)
def sor_code_list(request: HttpRequest, filters: Query[SorFilters]) -> Any:
    """The codes of the landlord's Schedule of Rates in force, by code."""
    return repairs.sor_codes(at=received_at(request), q=filters.q, trade=filters.trade or "")

"""Permissions: a tenant asks the landlord's permission (to keep a pet, to make an alteration,
anything else), the landlord decides (granted, granted with conditions, refused), and may later
withdraw a permission it granted.

Each service checks its preconditions (a `DomainError` with one of the constant messages below,
on the field it concerns), appends its event, and rebuilds the `TenancyPermission` row from the
case's events in the same transaction (`projections.permit_project`). Time comes in as `at`
(when Doorstep is told) and `occurred` (when it happened, default `at`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.text import Truncator

from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import case_open, record_on_case
from doorstep.clocks.permits import long_date
from doorstep.contacts.services import CONTACT_CHANNELS
from doorstep.core.errors import DomainError
from doorstep.permits.choices import IN_FORCE, Outcome, PermitStatus, Subject
from doorstep.permits.models import TenancyPermission
from doorstep.permits.projections import permit_project
from doorstep.residents.models import Household
from doorstep.timeline.models import Channel
from doorstep.timeline.when import When

TEXT_LIMIT = 5000
CONDITION_LIMIT = 500
PET_LIMIT = 50
WITHDRAWN = "withdrawn"

NO_HOUSEHOLD = "Say which household is asking for permission."
BAD_SUBJECT = "Say what the permission is for: a pet, an alteration, or something else."
NO_DETAIL = "Write down what the tenant asked for, in their words."
TEXT_TOO_LONG = "Keep it to 5,000 characters."
BAD_CHANNEL = "Say how the request came in: phone, email, letter, visit, portal or in person."
NO_SPECIES = "Say what kind of animal it is (for example dog, cat, rabbit)."
BAD_NUMBER = "Say how many animals: a whole number from 1 to 50."
NO_ALTERATION = "Say what alteration the tenant wants to make."
CASE_CLOSED = "Case {reference} is closed: reopen it before recording more on it."
BAD_OUTCOME = "Choose the decision: granted, granted with conditions, or refused."
ALREADY_DECIDED = (
    "This request was already decided on {day} ({status}). To end a permission granted, "
    "withdraw it."
)
NO_CONDITIONS = "Give at least one condition, or choose 'granted' without conditions."
CONDITIONS_WITHOUT = (
    "You gave conditions: choose 'granted with conditions' so the tenant is held to them."
)
CONDITION_TOO_LONG = "Keep each condition to 500 characters."
NO_REFUSAL_REASON = "Give the reason for refusing, as the tenant will be told it."
REVIEW_ON_REFUSAL = "A refusal has no review date: leave it blank."
REVIEW_BEFORE = "The review date must be after the decision ({day})."
BEFORE_REQUEST = "That is dated {when}, before the request was made on {day}: check the date."
BEFORE_DECISION = (
    "That is dated {when}, before the permission was granted on {day}: check the date."
)
NOT_GRANTED_PENDING = (
    "This request has not been decided: there is no permission to withdraw. Decide it instead."
)
NOT_GRANTED = "This request was {status}: only a permission granted can be withdrawn."
NO_WITHDRAWAL_REASON = "Give the reason the permission is withdrawn, as the tenant will be told it."


@dataclass(frozen=True)
class PetIn:
    """The animal a request is for."""

    species: str
    number: int | None
    description: str = ""


@dataclass(frozen=True)
class AlterationIn:
    """The alteration a request is for: what, and where in the home."""

    what: str
    where: str = ""


def _text(value: str, *, missing: str, field: str, limit: int = TEXT_LIMIT) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > limit:
        raise DomainError(TEXT_TOO_LONG, field=field)
    return value


def _title(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(80)


def _pet(pet: PetIn | None) -> dict[str, Any]:
    if pet is None or not (pet.species or "").strip():
        raise DomainError(NO_SPECIES, field="pet_species")
    species = pet.species.strip().lower()
    if len(species) > 60:
        raise DomainError(NO_SPECIES, field="pet_species")
    number = pet.number
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= PET_LIMIT:
        raise DomainError(BAD_NUMBER, field="pet_number")
    found: dict[str, Any] = {"species": species, "number": number}
    description = (pet.description or "").strip()
    if description:
        found["description"] = description[:200]
    return found


def _alteration(alteration: AlterationIn | None) -> dict[str, Any]:
    what = (alteration.what if alteration else "") or ""
    found: dict[str, Any] = {"what": _text(what, missing=NO_ALTERATION, field="alteration_what")}
    where = (alteration.where if alteration else "") or ""
    if where.strip():
        found["where"] = where.strip()[:200]
    return found


@transaction.atomic
def permission_request(
    *,
    actor: Model | None,
    household: Household | None,
    subject: str,
    detail: str,
    at: dt.datetime,
    pet: PetIn | None = None,
    alteration: AlterationIn | None = None,
    occurred: When | None = None,
    channel: str = Channel.PHONE,
    title: str = "",
) -> TenancyPermission:
    """Record a tenant's request for the landlord's permission, from any channel: opens a
    permission case (PRM) on the household and writes `permission.requested` with the tenant's
    words, and the animal (species and how many) or the alteration asked for. `occurred` is
    when the tenant asked."""
    if household is None:
        raise DomainError(NO_HOUSEHOLD, field="household")
    if subject not in Subject.values:
        raise DomainError(BAD_SUBJECT, field="subject")
    detail = _text(detail, missing=NO_DETAIL, field="detail")
    if channel not in CONTACT_CHANNELS:
        raise DomainError(BAD_CHANNEL, field="channel")
    data: dict[str, Any] = {"subject": subject, "detail": detail}
    if subject == Subject.PET:
        data["pet"] = _pet(pet)
    elif subject == Subject.ALTERATION:
        data["alteration"] = _alteration(alteration)
    occurred = occurred or When.at(at)
    label = str(Subject(subject).label)
    case = case_open(
        actor=actor,
        case_type=CaseType.PERMISSION,
        title=(title or "").strip() or f"{label}: {_title(detail)}",
        household=household,
        at=at,
        occurred=occurred,
        channel=channel,
    )
    record_on_case(
        case=case,
        kind="permission.requested",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        channel=channel,
        summary=f"Permission asked for ({label.lower()}): {_title(detail)}",
    )
    return _project(case)


def _project(case: Case) -> TenancyPermission:
    permit = permit_project(case)
    if permit is None:  # pragma: no cover - a request is always written first
        raise TenancyPermission.DoesNotExist(case.reference)
    return permit


def _check_case(permit: TenancyPermission) -> None:
    if permit.case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=permit.case.reference), field="case")


def _when(permit: TenancyPermission, occurred: When | None, at: dt.datetime) -> When:
    occurred = occurred or When.at(at)
    if occurred.latest_date < permit.requested_on:
        raise DomainError(
            BEFORE_REQUEST.format(when=occurred.display(), day=long_date(permit.requested_on)),
            field="occurred",
        )
    return occurred


def _conditions(conditions: Iterable[str]) -> list[str]:
    found = [" ".join(str(c).split()) for c in conditions or () if str(c or "").strip()]
    if any(len(c) > CONDITION_LIMIT for c in found):
        raise DomainError(CONDITION_TOO_LONG, field="conditions")
    return found


@transaction.atomic
def permission_decide(
    *,
    actor: Model | None,
    permit: TenancyPermission,
    outcome: str,
    at: dt.datetime,
    conditions: Iterable[str] = (),
    reason: str = "",
    review_on: dt.date | None = None,
    occurred: When | None = None,
) -> TenancyPermission:
    """Decide a request: granted; granted with conditions (at least one, each the tenant must
    keep to); or refused, with the reason the tenant is told. A grant may carry the date it is
    to be reviewed. A request already decided is refused, naming the decision; the one way to
    change a permission granted is to withdraw it (outcome `withdrawn`, or
    `permission_withdraw`)."""
    if outcome == WITHDRAWN:
        return permission_withdraw(
            actor=actor, permit=permit, reason=reason, at=at, occurred=occurred
        )
    _check_case(permit)
    if not permit.pending:
        decided = long_date(permit.decided_on) if permit.decided_on else "an earlier date"
        status = permit.get_status_display().lower()
        raise DomainError(ALREADY_DECIDED.format(day=decided, status=status), field="outcome")
    if outcome not in Outcome.values:
        raise DomainError(BAD_OUTCOME, field="outcome")
    listed = _conditions(conditions)
    if outcome == Outcome.GRANTED_WITH_CONDITIONS and not listed:
        raise DomainError(NO_CONDITIONS, field="conditions")
    if outcome == Outcome.GRANTED and listed:
        raise DomainError(CONDITIONS_WITHOUT, field="outcome")
    reason = (reason or "").strip()
    if len(reason) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field="reason")
    if outcome == Outcome.REFUSED:
        if not reason:
            raise DomainError(NO_REFUSAL_REASON, field="reason")
        if review_on is not None:
            raise DomainError(REVIEW_ON_REFUSAL, field="review_on")
        if listed:
            raise DomainError(CONDITIONS_WITHOUT, field="outcome")
    occurred = _when(permit, occurred, at)
    if review_on is not None and review_on <= occurred.latest_date:
        raise DomainError(
            REVIEW_BEFORE.format(day=long_date(occurred.latest_date)), field="review_on"
        )
    data: dict[str, Any] = {"outcome": outcome}
    if listed:
        data["conditions"] = listed
    if reason:
        data["reason"] = reason
    if review_on is not None:
        data["review_on"] = review_on.isoformat()
    label = str(Outcome(outcome).label)
    record_on_case(
        case=permit.case,
        kind="permission.decided",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Permission {label.lower()}: {permit.what}"[:500],
    )
    return _project(permit.case)


@transaction.atomic
def permission_withdraw(
    *,
    actor: Model | None,
    permit: TenancyPermission,
    reason: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> TenancyPermission:
    """Withdraw a permission granted (with or without conditions), with the reason the tenant
    is told: a `permission.decided` with outcome `withdrawn`. From that day it is no longer in
    force; the grant stays on the record."""
    _check_case(permit)
    if permit.status == PermitStatus.PENDING:
        raise DomainError(NOT_GRANTED_PENDING, field="outcome")
    if permit.status not in IN_FORCE:
        status = permit.get_status_display().lower()
        raise DomainError(NOT_GRANTED.format(status=status), field="outcome")
    reason = _text(reason, missing=NO_WITHDRAWAL_REASON, field="reason")
    occurred = occurred or When.at(at)
    if permit.decided_on is not None and occurred.latest_date < permit.decided_on:
        raise DomainError(
            BEFORE_DECISION.format(when=occurred.display(), day=long_date(permit.decided_on)),
            field="occurred",
        )
    record_on_case(
        case=permit.case,
        kind="permission.decided",
        data={"outcome": WITHDRAWN, "reason": reason},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Permission withdrawn: {permit.what}"[:500],
    )
    return _project(permit.case)

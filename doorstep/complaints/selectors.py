"""Reading complaints: the open complaints by response due (with filters), one complaint, the
contacts of a household a complaint may come from, the complaints officers to choose from, and
what whoever handles a complaint must know about the household: its reasonable adjustments and
whether a vulnerability is on the register (the flag, never its special category detail, which
is read only through `vulnerabilities.selectors.vulnerability_details`, logged)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_visible_to
from doorstep.complaints.choices import OPEN_STATUSES
from doorstep.complaints.models import Complaint
from doorstep.residents.models import Household, ReasonableAdjustment
from doorstep.staff.models import User
from doorstep.timeline.models import Event
from doorstep.vulnerabilities.selectors import VulnerabilityFlag, vulnerability_flags

RELATED = ("case__household__property", "case__property", "officer", "stage1_officer")


def complaints_list(
    *, user: Any, stage: int | None = None, officer: str = "", open_only: bool = True
) -> QuerySet[Complaint]:
    """The complaints this person may see, the soonest response due first; open
    ones only unless asked; at a stage, or with an officer (username; "none": not named)."""
    rows = Complaint.objects.filter(case__in=cases_visible_to(user=user)).select_related(*RELATED)
    if open_only:
        rows = rows.filter(status__in=OPEN_STATUSES)
    if stage in (1, 2):
        rows = rows.filter(stage=stage)
    if officer == "none":
        rows = rows.filter(officer__isnull=True)
    elif officer:
        rows = rows.filter(officer__username=officer)
    return rows.order_by("response_due", "received_at", "pk")


def complaint_for_case(*, case: Case) -> Complaint:
    """The complaint of a complaint case. Raises `Complaint.DoesNotExist` where none is
    recorded."""
    return Complaint.objects.select_related(*RELATED, "stage2_officer", "from_contact").get(
        case=case
    )


def complaint_named(*, user: Any, reference: str) -> Complaint:
    """The complaint of the case with this reference, if this person may see it. Raises
    `Complaint.DoesNotExist` otherwise."""
    return (
        Complaint.objects.filter(case__in=cases_visible_to(user=user))
        .select_related(*RELATED, "stage2_officer", "from_contact")
        .get(case__reference=reference)
    )


def complaint_received_by(*, user: Any, moment: dt.datetime) -> QuerySet[Complaint]:
    """The complaint a request arriving at `moment` recorded (for an idempotent retry)."""
    return Complaint.objects.filter(
        case__events__kind="complaint.received",
        case__events__recorded_at=moment,
        case__events__actor=user,
    ).select_related(*RELATED)


def complaint_officers() -> QuerySet[User]:
    """The active staff who may handle complaints, by name."""
    perm = Permission.objects.filter(
        codename="handle_complaint", content_type__app_label="complaints"
    )
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__in=perm) | Q(user_permissions__in=perm) | Q(is_superuser=True)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def contacts_to_record(*, household: Household) -> QuerySet[Event]:
    """The household's contacts received that have not opened a case: what a complaint (or a
    service request) may be recorded from, newest first."""
    opened = Event.objects.filter(kind="case.opened", household=household).values_list(
        "data__from_event", flat=True
    )
    return (
        Event.objects.filter(household=household, kind="contact.in")
        .exclude(uid__in=[u for u in opened if u])
        .order_by("-occurred_earliest", "-seq")
    )


def adjustments_for(*, household: Household | None) -> QuerySet[ReasonableAdjustment]:
    """The reasonable adjustments in force for the household's members (Equality Act 2010
    s.20): how to write to them, call them, visit them."""
    if household is None:
        return ReasonableAdjustment.objects.none()
    return (
        ReasonableAdjustment.objects.filter(
            person__memberships__household=household, ended_on__isnull=True
        )
        .select_related("person")
        .order_by("person__full_name", "kind")
        .distinct()
    )


def vulnerability_flag(*, household: Household | None) -> list[VulnerabilityFlag]:
    """That a vulnerability is on the register for the household (who, and in what way: the
    flag everyone on a case sees), never its detail."""
    return vulnerability_flags(household=household) if household is not None else []

"""Reading permissions: the list (waiting for a decision first), one permission, a household's
permissions, and the pet check: what the record says about a household's pets, on the day of a
neighbour's report about them (Bromford 202109189, Pets 8).

The reports are read from the timeline (`asb.reported` with category `pets`), never from the
ASB app's own tables: a report names the household it is about as
`alleged_perpetrator_household` (a household reference), or its case is linked to that
household's permission case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as Choose
from django.db.models import IntegerField, QuerySet, Value
from django.db.models import When as If

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_visible_to
from doorstep.clocks.facts import local_date
from doorstep.clocks.permits import (
    GRANTED,
    GRANTED_WITH_CONDITIONS,
    WITHDRAWN,
    Decision,
    PermissionCase,
    PetVerdict,
    pet_verdict,
)
from doorstep.permits.choices import PermitStatus, Subject
from doorstep.permits.models import TenancyPermission
from doorstep.residents.models import Household
from doorstep.timeline.models import Event

RELATED = ("case", "household__property", "tenancy")
PET_CATEGORY = "pets"
REPORT_KIND = "asb.reported"


def permits_list(
    *,
    user: Any,
    status: str = "",
    subject: str = "",
    household: str = "",
) -> QuerySet[TenancyPermission]:
    """The permissions this person may see: those waiting for a decision first, then the
    rest, each by the day asked (the longest waiting first); by status, subject or household."""
    rows = TenancyPermission.objects.filter(case__in=cases_visible_to(user=user)).select_related(
        *RELATED
    )
    if status:
        rows = rows.filter(status=status)
    if subject:
        rows = rows.filter(subject=subject)
    if household:
        rows = rows.filter(household__reference=household)
    waiting = Choose(
        If(status=PermitStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return rows.annotate(waiting=waiting).order_by("waiting", "requested_on", "pk")


def permit_for_case(*, case: Case) -> TenancyPermission:
    """The permission of a permission case. Raises `TenancyPermission.DoesNotExist` where none
    is recorded."""
    return TenancyPermission.objects.select_related(*RELATED).get(case=case)


def permit_named(*, user: Any, reference: str) -> TenancyPermission:
    """The permission of the case with this reference, if this person may see it. Raises
    `TenancyPermission.DoesNotExist` otherwise."""
    return (
        TenancyPermission.objects.filter(case__in=cases_visible_to(user=user))
        .select_related(*RELATED)
        .get(case__reference=reference)
    )


def permit_requested_by(*, user: Any, moment: dt.datetime) -> QuerySet[TenancyPermission]:
    """The permission a request arriving at `moment` recorded (for an idempotent retry)."""
    return TenancyPermission.objects.filter(
        case__events__kind="permission.requested",
        case__events__recorded_at=moment,
        case__events__actor=user,
    ).select_related(*RELATED)


def permits_for_household(*, household: Household) -> list[TenancyPermission]:
    """The household's permissions, the latest asked first."""
    return list(
        TenancyPermission.objects.filter(household=household)
        .select_related("case", "tenancy")
        .order_by("-requested_on", "-pk")
    )


# --- the pet check ---------------------------------------------------------------------------


def _as_rule(row: TenancyPermission) -> PermissionCase:
    """A row as the pure reading's request, so the verdict is the replay's."""
    decisions: list[Decision] = []
    if row.decided_on is not None and row.status != PermitStatus.PENDING:
        state = row.status
        if row.status == PermitStatus.WITHDRAWN:
            state = GRANTED_WITH_CONDITIONS if row.conditions else GRANTED
        decisions.append(
            Decision(
                "",
                row.decided_on,
                row.outcome,
                state,
                tuple(row.conditions),
                row.reason,
                row.review_on,
                False,
            )
        )
    if row.withdrawn_on is not None:
        decisions.append(
            Decision(
                "", row.withdrawn_on, WITHDRAWN, WITHDRAWN, (), row.withdrawal_reason, None, False
            )
        )
    return PermissionCase(
        case=row.case.reference,
        event="",
        requested=row.requested_on,
        subject=row.subject,
        detail=row.detail,
        pet_species=row.pet_species,
        pet_number=row.pet_number,
        pet_description=row.pet_description,
        alteration={"what": row.alteration_what, "where": row.alteration_where},
        decisions=tuple(decisions),
        imprecise=False,
    )


@dataclass(frozen=True)
class PetCheck:
    """The pet permissions on record for a household, and the verdict for a report's day."""

    household: Household
    permits: list[TenancyPermission]
    verdict: PetVerdict

    @property
    def words(self) -> str:
        return self.verdict.words


def pet_permission_check(
    *, household: Household, on: dt.date | None = None, words: str = ""
) -> PetCheck:
    """The pet permissions on record for the household (granted, with their conditions, or
    none on record) and whether one was in force on `on` (the day of a report; None: now),
    with the animals the report's `words` name beyond what it covers."""
    permits = [
        p
        for p in TenancyPermission.objects.filter(household=household, subject=Subject.PET)
        .select_related("case")
        .order_by("requested_on", "pk")
    ]
    verdict = pet_verdict(
        [_as_rule(p) for p in permits], household=household.reference, on=on, words=words
    )
    return PetCheck(household, permits, verdict)


@dataclass(frozen=True)
class PetReport:
    """A report about pets on a case: when it was made, its words, and the household it names
    (a reference; the household where it is on record)."""

    event: Event
    on: dt.date
    words: str
    named: str
    household: Household | None


def pet_reports(*, case: Case) -> list[PetReport]:
    """The reports about pets on this case (`asb.reported`, category pets), each with the
    household it is about: the one it names, else the household of the one permission case
    linked to this one (other than the reporter's own), else none."""
    events = [
        e
        for e in case.events.filter(kind=REPORT_KIND).order_by("occurred_earliest", "seq")
        if str((e.data or {}).get("category") or "").strip().lower() == PET_CATEGORY
    ]
    if not events:
        return []
    named_refs = {str(e.data.get("alleged_perpetrator_household") or "").strip() for e in events}
    households = {
        h.reference: h for h in Household.objects.filter(reference__in=[r for r in named_refs if r])
    }
    linked = _linked_households(case)
    reports = []
    for event in events:
        named = str(event.data.get("alleged_perpetrator_household") or "").strip()
        household = households.get(named) if named else (linked[0] if len(linked) == 1 else None)
        reports.append(
            PetReport(
                event=event,
                on=local_date(event.occurred_latest),
                words=" ".join(
                    str(event.data.get(k) or "") for k in ("text", "description", "details")
                ).strip()
                or event.summary,
                named=named or (household.reference if household else ""),
                household=household,
            )
        )
    return reports


def _linked_households(case: Case) -> list[Household]:
    """The households of the permission cases linked to this one (an officer linked the report
    to that household's permission), other than the case's own. A link to any other case says
    nothing about whom a report is about: in Bromford 202109189 the pets case is linked to the
    reporter's own complaint."""
    found: dict[int, Household] = {}
    for other in case.links.all():
        if other.case_type != CaseType.PERMISSION:
            continue
        if other.household_id is not None and other.household_id != case.household_id:
            household = Household.objects.filter(pk=other.household_id).first()
            if household is not None:
                found[household.pk] = household
    return list(found.values())


def households_named(reports: Iterable[PetReport]) -> list[Household]:
    """Each household the reports are about, once."""
    found: dict[int, Household] = {}
    for report in reports:
        if report.household is not None:
            found.setdefault(report.household.pk, report.household)
    return list(found.values())


def household_named(*, reference: str) -> Household | None:
    """The household with this reference, if there is one."""
    return Household.objects.select_related("property").filter(reference=reference).first()

"""The `TenancyPermission` row of a permission case, rebuilt from the case's events and nothing
else.

One function, `permit_project(case)`, for every writer: the services after each event, the
import of a chronology, and `permits_rebuild` (the `doorstep permits_rebuild` command). It reads
the case's permission events with the same pure reading the replay uses
(`clocks.permits.permission_cases`), so the record, the page and the replay cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.clocks.facts import Facts, fact_from_event
from doorstep.clocks.permits import KINDS, PermissionCase, permission_cases
from doorstep.permits.models import TenancyPermission
from doorstep.residents.models import Household, Tenancy
from doorstep.timeline.models import Event

# Far enough ahead that every event on record is in the reading.
HORIZON = dt.date(9999, 12, 31)
PET_NUMBER_LIMIT = 32767


def _facts(case: Case, events: list[Event]) -> Facts:
    return Facts(
        events=tuple(
            fact_from_event(
                {
                    "id": str(e.uid),
                    "case": case.reference,
                    "kind": e.kind,
                    "by": e.by,
                    "at": e.occurred_text,
                    "summary": e.summary,
                    "data": e.data,
                },
                e.seq,
            )
            for e in events
        )
    )


def tenancy_on(household: Household, day: dt.date) -> Tenancy | None:
    """The household's tenancy running on a day, where one is on record."""
    return (
        household.tenancies.filter(Q(start__isnull=True) | Q(start__lte=day))
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("-start", "-pk")
        .first()
    )


def permit_project(case: Case) -> TenancyPermission | None:
    """Bring the case's `TenancyPermission` row into line with its events (creating it at the
    request); returns it, or None where the case holds no request (or belongs to no
    household: a permission is a household's)."""
    household = case.household
    if household is None:
        TenancyPermission.objects.filter(case=case).delete()
        return None
    events = list(case.events.filter(kind__in=KINDS).order_by("occurred_earliest", "seq"))
    read = permission_cases(_facts(case, events), as_of=HORIZON)
    if not read:
        TenancyPermission.objects.filter(case=case).delete()
        return None
    # One permission per case: the first request on it (a second is kept on the timeline).
    item = read[0]
    by_uid = {str(e.uid): e for e in events}
    values = _values(case, household, item, by_uid.get(item.event))
    row, _ = TenancyPermission.objects.update_or_create(case=case, defaults=values)
    return row


def _values(
    case: Case, household: Household, item: PermissionCase, requested: Event | None
) -> dict[str, Any]:
    decision, withdrawal = item.decision, item.withdrawal
    number = item.pet_number
    alteration = item.alteration
    return {
        "household": household,
        "tenancy": tenancy_on(household, item.requested),
        "requested_event": requested,
        "requested_on": item.requested,
        "subject": item.subject if item.subject in ("pet", "alteration", "other") else "other",
        "detail": item.detail,
        "pet_species": item.pet_species[:60],
        "pet_number": number if number is not None and number <= PET_NUMBER_LIMIT else None,
        "pet_description": item.pet_description[:200],
        "alteration_what": str(alteration.get("what") or ""),
        "alteration_where": str(alteration.get("where") or "")[:200],
        "status": item.state,
        "outcome": (decision.outcome if decision else "")[:200],
        "conditions": list(item.conditions),
        "reason": decision.reason if decision else "",
        "decided_on": decision.on if decision else None,
        "review_on": item.review_on,
        "withdrawn_on": withdrawal.on if withdrawal else None,
        "withdrawal_reason": withdrawal.reason if withdrawal else "",
    }


def permits_rebuild() -> int:
    """Rebuild every permission case's row from its events. Returns how many rows were new,
    differed or went."""
    changed = 0
    cases = (
        Case.objects.filter(
            Q(case_type=CaseType.PERMISSION)
            | Q(events__kind__in=KINDS)
            | Q(pk__in=TenancyPermission.objects.values("case_id"))
        )
        .distinct()
        .select_related("household")
    )
    for case in cases.iterator():
        before = _snapshot(TenancyPermission.objects.filter(case=case).first())
        after = _snapshot(permit_project(case))
        changed += before != after
    return changed


def _snapshot(row: TenancyPermission | None) -> tuple[Any, ...] | None:
    if row is None:
        return None
    names = [f.attname for f in TenancyPermission._meta.concrete_fields if f.attname != "id"]
    return tuple(getattr(row, name) for name in names)

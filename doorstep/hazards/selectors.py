"""Reading hazards: a case's hazards, one of them, and whether a hazard case is to be
prioritised because the household has a vulnerability on the register.

The priority reads only that a register entry exists (never its special category detail, which
is read only through `vulnerabilities.selectors.vulnerability_details`, logged).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_visible_to
from doorstep.hazards.choices import DAMP_MOULD
from doorstep.hazards.models import Hazard
from doorstep.residents.models import Household
from doorstep.vulnerabilities.models import Vulnerability


def hazards_for_case(*, case: Case) -> QuerySet[Hazard]:
    return Hazard.objects.filter(case=case).select_related(
        "case", "reported_event", "summary_document"
    )


def hazard_on_case(*, case: Case, hazard_id: int) -> Hazard:
    """One hazard of the case. Raises `Hazard.DoesNotExist` for another case's hazard."""
    return hazards_for_case(case=case).get(pk=hazard_id)


def _vulnerable(household: Any) -> Exists:
    """Whether the household has a current entry on the register (existence only)."""
    return Exists(Vulnerability.objects.filter(household=household, ended_on__isnull=True))


def household_vulnerable(*, household: Household | None) -> bool:
    """Whether the household has a current entry on the register: the flag, not the detail."""
    if household is None:
        return False
    return Vulnerability.objects.filter(household=household, ended_on__isnull=True).exists()


def case_prioritised(*, case: Case) -> bool:
    """A damp and mould report in a home with a vulnerability on the register is prioritised
    (issue 4): the case page and the hazard lists say so prominently."""
    if case.case_type != CaseType.HAZARD:
        return False
    damp = Hazard.objects.filter(case=case, hazard=DAMP_MOULD).exists()
    return damp and household_vulnerable(household=case.household)


def hazard_cases(*, user: Any, query: str = "", open_only: bool = False) -> QuerySet[Case]:
    """Hazard cases this person may see, each annotated `prioritised` (damp and mould in a home
    with a vulnerability on the register), prioritised first, then newest. With `query`: by
    case, household or property reference, or title words."""
    cases = cases_visible_to(user=user).filter(case_type=CaseType.HAZARD)
    q = query.strip()
    if q:
        cases = cases.filter(
            Q(reference__iexact=q)
            | Q(title__icontains=q)
            | Q(property__reference__iexact=q)
            | Q(household__reference__iexact=q)
        )
    if open_only:
        cases = cases.filter(status="open")
    damp = Exists(Hazard.objects.filter(case=OuterRef("pk"), hazard=DAMP_MOULD))
    return (
        cases.annotate(prioritised=damp & _vulnerable(OuterRef("household")))
        .select_related("property", "household")
        .order_by("-prioritised", "-opened_at", "-pk")
    )


def hazards_reported_by(*, user: Any, moment: dt.datetime) -> QuerySet[Hazard]:
    """The hazard a request arriving at `moment` reported (for an idempotent retry)."""
    return Hazard.objects.filter(
        reported_event__recorded_at=moment, reported_event__actor=user
    ).select_related("case")

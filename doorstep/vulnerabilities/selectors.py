"""Reading the register. Detail is only read here, and every read is logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from doorstep.core.errors import NotPermitted
from doorstep.residents.models import Household, Person
from doorstep.timeline.actors import actor_name_of
from doorstep.vulnerabilities.models import SpecialCategoryAccess, Vulnerability

DETAIL_PERMISSION = "vulnerabilities.view_vulnerability_detail"


@dataclass(frozen=True)
class VulnerabilityFlag:
    """What everyone working a case sees: that a person is vulnerable, and in what way."""

    person_name: str
    person_reference: str
    category: str
    category_label: str
    recorded_on: dt.date


def vulnerability_flags(*, household: Household) -> list[VulnerabilityFlag]:
    rows = (
        Vulnerability.objects.filter(household=household, ended_on__isnull=True)
        .select_related("person")
        .order_by("person__full_name", "category")
    )
    return [
        VulnerabilityFlag(
            v.person.full_name,
            v.person.reference,
            v.category,
            v.get_category_display(),
            v.recorded_on,
        )
        for v in rows
    ]


def can_see_detail(user: object) -> bool:
    return bool(getattr(user, "has_perm", lambda _p: False)(DETAIL_PERMISSION))


def vulnerability_details(
    *, household: Household, user: Any, purpose: str, at: dt.datetime
) -> list[Vulnerability]:
    """The register's full entries for a household, for a role allowed to read them.

    Writes one access-log row per person whose detail was read.
    """
    if not can_see_detail(user):
        raise NotPermitted()
    rows = list(
        Vulnerability.objects.filter(household=household)
        .select_related("person")
        .order_by("person__full_name", "recorded_on")
    )
    people = {v.person for v in rows}
    SpecialCategoryAccess.objects.bulk_create(
        [
            SpecialCategoryAccess(
                at=at,
                user=user,
                user_name=actor_name_of(user),
                person=person,
                purpose=purpose[:200],
            )
            for person in sorted(people, key=lambda p: p.pk)
        ]
    )
    return rows


def special_category_read(
    *, user: Any, person_references: Iterable[str], purpose: str, at: dt.datetime
) -> None:
    """Log a read of special category detail held outside the register: a timeline entry's
    detail, a reasonable adjustment's. One access-log row per person, as for the register."""
    references = sorted(set(person_references))
    if not references:
        return
    people = Person.objects.filter(reference__in=references).order_by("pk")
    SpecialCategoryAccess.objects.bulk_create(
        [
            SpecialCategoryAccess(
                at=at,
                user=user,
                user_name=actor_name_of(user),
                person=person,
                purpose=purpose[:200],
            )
            for person in people
        ]
    )

"""Reading the contact log."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_for_household
from doorstep.documents.models import Document
from doorstep.documents.selectors import documents_for_household
from doorstep.properties.models import Property
from doorstep.properties.selectors import property_ancestors
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail
from doorstep.timeline.models import Event
from doorstep.timeline.selectors import TimelineEntry, timeline_entries
from doorstep.timeline.when import When
from doorstep.vulnerabilities.models import Vulnerability
from doorstep.vulnerabilities.selectors import (
    VulnerabilityFlag,
    can_see_detail,
    special_category_read,
    vulnerability_details,
    vulnerability_flags,
)


@dataclass(frozen=True)
class ContactEntry:
    event: Event
    opened_case: str | None


def contact_log(*, household: Household) -> list[ContactEntry]:
    """Every contact for the household, newest first, with the case each one opened."""
    contacts = list(
        Event.objects.filter(household=household, kind__startswith="contact.")
        .select_related("case")
        .order_by("-occurred_earliest", "-id")
    )
    opened = {
        e.data.get("from_event"): e.data.get("reference")
        for e in Event.objects.filter(household=household, kind="case.opened").exclude(
            data__from_event=None
        )
    }
    return [ContactEntry(e, opened.get(str(e.uid))) for e in contacts]


def contact_get(*, household_reference: str, uid: uuid.UUID) -> Event:
    """One contact on a household's record. Raises `Event.DoesNotExist` if there is none."""
    return Event.objects.select_related("household", "property").get(
        uid=uid, household__reference=household_reference, kind__startswith="contact."
    )


@dataclass(frozen=True)
class HouseholdRecord:
    """What the household page shows. It lives here, in the contacts app, because it gathers
    cases and documents, which the residents app may not import (pyproject.toml's contracts).

    `details` is the vulnerability register's full entries, each with when the landlord
    learned of it as a person would write it ("May 2024"), or None for a role that may only see
    the flags; reading it wrote the access log.
    """

    household: Household
    buildings: list[Property]
    flags: list[VulnerabilityFlag]
    details: list[tuple[Vulnerability, str]] | None
    cases: list[Case]
    contacts: list[tuple[TimelineEntry, str | None]]
    documents: list[Document]


def household_record(*, reference: str, user: Any, at: dt.datetime) -> HouseholdRecord:
    """The household page for this person. Raises `Household.DoesNotExist`."""
    household = household_detail(reference=reference)
    details = None
    if can_see_detail(user):
        purpose = f"Household page {household.reference}"
        rows = vulnerability_details(household=household, user=user, purpose=purpose, at=at)
        details = [(v, When.parse(v.learned_text).display()) for v in rows]
        # An adjustment's detail can reveal health too: log its read unless already logged.
        logged = {v.person.reference for v in rows}
        adjusted = {
            m.person.reference
            for m in household.members.all()
            for a in m.person.adjustments.all()
            if a.detail
        }
        special_category_read(
            user=user, person_references=adjusted - logged, purpose=purpose, at=at
        )
    log = contact_log(household=household)
    flags = []
    if user.has_perm("vulnerabilities.view_vulnerability"):
        flags = vulnerability_flags(household=household)
    return HouseholdRecord(
        household=household,
        buildings=property_ancestors(property=household.property),
        flags=flags,
        details=details,
        cases=list(cases_for_household(household=household, open_only=True)),
        contacts=[
            (entry, c.opened_case)
            for entry, c in zip(
                timeline_entries(events=[c.event for c in log], show_special_category=True),
                log,
                strict=True,
            )
        ],
        documents=list(documents_for_household(household=household)),
    )

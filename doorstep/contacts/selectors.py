"""Reading the contact log."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_for_household
from doorstep.clocks.triage import ASKS_TO_COMPLAIN, DISSATISFACTION, HAZARD, triage
from doorstep.documents.models import Document
from doorstep.documents.selectors import documents_for_household
from doorstep.policy.awaab import HHSRS
from doorstep.properties.models import Property
from doorstep.properties.selectors import property_ancestors
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail
from doorstep.timeline.models import Event
from doorstep.timeline.selectors import TimelineEntry, timeline_entries
from doorstep.timeline.when import When
from doorstep.vulnerabilities.choices import Category
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
    opened_case_type: str | None = None


def contact_log(*, household: Household) -> list[ContactEntry]:
    """Every contact for the household, newest first, with the case each one opened."""
    contacts = list(
        Event.objects.filter(household=household, kind__startswith="contact.")
        .select_related("case")
        .order_by("-occurred_earliest", "-id")
    )
    opened = {
        e.data.get("from_event"): (e.data.get("reference"), e.data.get("case_type"))
        for e in Event.objects.filter(household=household, kind="case.opened").exclude(
            data__from_event=None
        )
    }
    return [ContactEntry(e, *opened.get(str(e.uid), (None, None))) for e in contacts]


# Who may act on each suggestion: the permission of the page it links to.
SUGGESTION_PERMISSIONS = {
    "complaint": "complaints.receive_complaint",
    "hazard": "hazards.report_hazard",
    "vulnerability": "vulnerabilities.add_vulnerability",
}


@dataclass(frozen=True)
class Suggestion:
    """Something triage read in an incoming contact, for the officer to act on or not: never
    applied by itself (`clocks.triage`, docs/triage.md).

    `kind` is "complaint", "hazard" or "vulnerability"; `value` the triage value (for a
    complaint, "dissatisfaction" or "asks_to_complain"); `label` its words ("Damp and mould
    growth", "Pregnancy"); `phrases` the words of the contact that suggested it (none for a
    vulnerability: only its category is shown); `url` the page that does it, prefilled.
    """

    kind: str
    value: str
    label: str
    phrases: tuple[str, ...]
    url: str


def contact_suggestions(
    *,
    event: Event,
    user: Any,
    household_reference: str,
    opened_case_type: str | None = None,
    recorded: Collection[str] = (),
) -> list[Suggestion]:
    """What to suggest to this person for a contact received: that it may be a complaint,
    possible hazards, possible vulnerabilities, each only to someone allowed to act on it.

    A complaint is not suggested for a contact that opened a complaint or sits on one; a hazard
    not for one that opened a hazard case or sits on one; a vulnerability category not where
    the register already holds it for the household (`recorded`). No query: the words are read
    by the pure rules, the case is the contact's own (`contact_log` selects it).
    """
    if event.kind != "contact.in":
        return []
    allowed = {k for k, perm in SUGGESTION_PERMISSIONS.items() if user.has_perm(perm)}
    if not allowed:
        return []
    result = triage(str(event.data.get("text") or ""))
    on = {opened_case_type, event.case.case_type if event.case_id and event.case else None}
    reference = household_reference
    suggestions: list[Suggestion] = []
    cues = result.of(DISSATISFACTION)
    if cues and "complaint" in allowed and CaseType.COMPLAINT not in on:
        asks = any(c.value == ASKS_TO_COMPLAIN for c in cues)
        suggestions.append(
            Suggestion(
                "complaint",
                ASKS_TO_COMPLAIN if asks else DISSATISFACTION,
                "Complaint",
                _phrases(cues),
                reverse("complaints:receive", args=[reference]) + f"?contact={event.uid}",
            )
        )
    if "hazard" in allowed and CaseType.HAZARD not in on:
        for hazard in result.hazards:
            query = urlencode({"hazard": hazard, "contact": str(event.uid)})
            suggestions.append(
                Suggestion(
                    "hazard",
                    hazard,
                    HHSRS.get(hazard, hazard),
                    _phrases(c for c in result.of(HAZARD) if c.value == hazard),
                    reverse("hazards:report", args=[reference]) + f"?{query}",
                )
            )
    if "vulnerability" in allowed:
        for category in result.vulnerabilities:
            if category in recorded:
                continue
            suggestions.append(
                Suggestion(
                    "vulnerability",
                    category,
                    Category(category).label,
                    (),
                    reverse("vulnerabilities:add", args=[reference])
                    + "?"
                    + urlencode({"category": category}),
                )
            )
    return suggestions


@dataclass(frozen=True)
class SuggestedContact:
    """A contact received on a case, with what triage suggests for it."""

    event: Event
    when: str
    suggestions: list[Suggestion]


def case_contact_suggestions(*, case: Case, user: Any) -> list[SuggestedContact]:
    """The case's contacts received that triage has something to suggest for, newest first
    (the case page). Two queries at most: the contacts, and the household's register categories
    (so a category already recorded is not suggested again); none for someone who may act on
    no suggestion."""
    if not any(user.has_perm(p) for p in SUGGESTION_PERMISSIONS.values()):
        return []
    contacts = list(
        Event.objects.filter(case=case, kind="contact.in", household__isnull=False)
        .select_related("case", "household")
        .order_by("-occurred_earliest", "-id")
    )
    if not contacts:
        return []
    recorded = set(
        Vulnerability.objects.filter(
            household__in={c.household_id for c in contacts}, ended_on__isnull=True
        ).values_list("category", flat=True)
    )
    found = []
    for event in contacts:
        household = event.household
        if household is None:  # filtered out above; mypy cannot know
            continue
        suggestions = contact_suggestions(
            event=event,
            user=user,
            household_reference=household.reference,
            recorded=recorded,
        )
        if suggestions:
            when = When.parse(event.occurred_text).display()
            found.append(SuggestedContact(event, when, suggestions))
    return found


def _phrases(cues: Any) -> tuple[str, ...]:
    """The distinct words of the cues, the first three, as written."""
    return tuple(dict.fromkeys(c.phrase for c in cues))[:3]


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
    contacts: list[tuple[TimelineEntry, str | None, list[Suggestion]]]
    documents: list[Document]

    def suggestions_for(self, uid: str) -> list[Suggestion]:
        """The suggestions for one contact on the page (none if it is not there)."""
        return next((s for e, _, s in self.contacts if str(e.event.uid) == uid), [])


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
            (
                entry,
                c.opened_case,
                contact_suggestions(
                    event=c.event,
                    user=user,
                    household_reference=household.reference,
                    opened_case_type=c.opened_case_type,
                    recorded={f.category for f in flags},
                ),
            )
            for entry, c in zip(
                timeline_entries(events=[c.event for c in log], show_special_category=True),
                log,
                strict=True,
            )
        ],
        documents=list(documents_for_household(household=household)),
    )

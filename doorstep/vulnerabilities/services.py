"""Writing the vulnerability register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.core.errors import DomainError
from doorstep.residents.models import Household, Person
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.services import event_append
from doorstep.timeline.when import When
from doorstep.vulnerabilities.choices import Category
from doorstep.vulnerabilities.models import Vulnerability

NOT_IN_HOUSEHOLD = "{person} is not a member of household {household}."
LEARNED_AFTER_RECORDED = "The landlord cannot have learned of it after it was recorded."
REVIEW_BEFORE_RECORDED = "The review date must be after the date it is recorded."
NO_CONSENT_NO_DETAIL = (
    "Without the person's consent to record it, record only that a vulnerability exists and "
    "its category; leave the detail blank."
)


@transaction.atomic
def vulnerability_record(
    *,
    actor: Model | None,
    household: Household,
    person: Person,
    category: str,
    source: str,
    learned: When,
    at: dt.datetime,
    consent_to_record: bool,
    detail: str = "",
    source_detail: str = "",
    review_on: dt.date | None = None,
    disclosure: Event | None = None,
    channel: str = Channel.INTERNAL,
) -> Vulnerability:
    """Enter a vulnerability in the register.

    Writes `vulnerability.disclosed` dated when the landlord learned it (unless the disclosure
    is already on the record, e.g. a contact) and `vulnerability.recorded` dated now.
    """
    Category(category)
    if not household.members.filter(person=person).exists():
        raise DomainError(
            NOT_IN_HOUSEHOLD.format(person=person, household=household), field="person"
        )
    if learned.earliest > at:
        raise DomainError(LEARNED_AFTER_RECORDED, field="learned")
    if review_on is not None and review_on <= at.date():
        raise DomainError(REVIEW_BEFORE_RECORDED, field="review_on")
    if detail and not consent_to_record:
        raise DomainError(NO_CONSENT_NO_DETAIL, field="detail")
    vulnerability = Vulnerability.objects.create(
        person=person,
        household=household,
        category=category,
        detail=detail,
        source=source,
        source_detail=source_detail,
        learned_text=learned.text,
        learned_on=learned.latest_date,
        recorded_on=at.date(),
        review_on=review_on,
        consent_to_record=consent_to_record,
    )
    common: dict[str, Any] = {
        "household": household,
        "property": household.property,
        "actor": actor,
        "actor_name": actor_name_of(actor),
        "recorded_at": at,
    }
    label = vulnerability.get_category_display()
    if disclosure is None:
        event_append(
            kind="vulnerability.disclosed",
            occurred=learned,
            channel=channel,
            data={
                "person": person.reference,
                "category": category,
                "detail": detail,
                "source": source,
            },
            summary=f"Landlord learned of a vulnerability for {person.full_name}: {label}",
            **common,
        )
    event_append(
        kind="vulnerability.recorded",
        occurred=When.at(at),
        channel=Channel.INTERNAL,
        data={
            "person": person.reference,
            "category": category,
            "detail": detail,
            "review_on": review_on.isoformat() if review_on else None,
        },
        summary=f"Vulnerability recorded for {person.full_name}: {label}",
        **common,
    )
    return vulnerability


def vulnerability_register_entry(
    *,
    household: Household,
    person: Person,
    category: str,
    source: str,
    learned: When,
    recorded_on: dt.date,
) -> Vulnerability | None:
    """Enter in the register a vulnerability whose disclosure and recording are already events
    on the timeline (a migrated record), dated as those events say.

    Writes no event: the record already holds them. Nothing is entered where the person is
    not in the household or the register already holds this category for them. The record
    carries no consent to keep the detail here, so the detail stays in the events alone
    (special category: read by role, redacted otherwise).
    """
    Category(category)
    if not household.members.filter(person=person).exists():
        return None
    held = Vulnerability.objects.filter(
        person=person, household=household, category=category, ended_on=None
    )
    if held.exists():
        return None
    return Vulnerability.objects.create(
        person=person,
        household=household,
        category=category,
        source=source,
        learned_text=learned.text,
        learned_on=learned.latest_date,
        recorded_on=recorded_on,
        consent_to_record=False,
    )

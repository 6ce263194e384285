"""Opening, assigning, closing and annotating cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.cases.choices import PREFIX, CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.projections import case_state
from doorstep.core.errors import DomainError, ItemRefused
from doorstep.core.references import next_references
from doorstep.properties.models import Property
from doorstep.residents.models import Household, Person
from doorstep.staff.models import Contractor, Team
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.services import EventDraft, event_append, events_append
from doorstep.timeline.when import When

ALREADY_CLOSED = "Case {reference} is already closed."
NOT_CLOSED = "Case {reference} is open; only a closed case can be reopened."
CONTACT_ALREADY_OPENED = "That contact already opened case {reference}."
CONTACT_WRONG_HOUSEHOLD = "That contact was recorded for another household."
NOT_A_CONTACT = "Only a contact (something received or sent) can open a case."
PROPERTY_NOT_HOUSEHOLDS = (
    "A case for a household is about its home or the building it is in, not {address}."
)
LINK_SELF = "A case cannot be linked to itself."
NOTE_EMPTY = "Write the note before saving it."


def record_on_case(
    *,
    case: Case,
    kind: str,
    data: dict[str, Any],
    actor: Model | None,
    at: dt.datetime,
    occurred: When | None = None,
    summary: str = "",
    channel: str = Channel.INTERNAL,
    by: str = "",
    supersedes: Event | None = None,
) -> Event:
    """Append an event to a case, in its household's history (or its property's)."""
    return event_append(
        kind=kind,
        occurred=occurred or When.at(at),
        recorded_at=at,
        actor=actor,
        actor_name=actor_name_of(actor),
        channel=channel,
        data=data,
        summary=summary,
        household=case.household,
        property=case.property,
        case=case,
        by=by,
        supersedes=supersedes,
    )


def _check_property(household: Household | None, prop: Property) -> None:
    if household is None or prop.pk == household.property_id:
        return
    ancestors, current = set(), household.property.part_of
    while current is not None:
        ancestors.add(current.pk)
        current = current.part_of
    if prop.pk not in ancestors:
        raise DomainError(PROPERTY_NOT_HOUSEHOLDS.format(address=prop.address), field="property")


@dataclass(frozen=True)
class CaseDraft:
    """One case to open: what `case_open` takes, for `cases_open` to take many."""

    case_type: str
    title: str
    at: dt.datetime
    household: Household | None = None
    property: Property | None = None
    people: Sequence[Person] = ()
    owner_team: Team | None = None
    from_event: Event | None = None
    occurred: When | None = None
    channel: str = Channel.INTERNAL


def case_open(
    *,
    actor: Model | None,
    case_type: str,
    title: str,
    at: dt.datetime,
    household: Household | None = None,
    property: Property | None = None,
    people: list[Person] | None = None,
    owner_team: Team | None = None,
    from_event: Event | None = None,
    occurred: When | None = None,
    channel: str = Channel.INTERNAL,
) -> Case:
    """Open a case for a household, or a communal case for a building (no household)."""
    draft = CaseDraft(
        case_type=case_type,
        title=title,
        at=at,
        household=household,
        property=property,
        people=tuple(people or ()),
        owner_team=owner_team,
        from_event=from_event,
        occurred=occurred,
        channel=channel,
    )
    try:
        return cases_open(actor=actor, drafts=[draft])[0]
    except ItemRefused as refused:
        raise refused.original from None


@transaction.atomic
def cases_open(*, actor: Model | None, drafts: Sequence[CaseDraft]) -> list[Case]:
    """Open cases in the order given, each by the rules of `case_open`, with their references
    taken in one go per prefix and year and their `case.opened` events appended together (an
    import opens a household's cases so). All or none: `ItemRefused` names the draft."""
    kinds: list[CaseType] = []
    places: list[Property] = []
    for index, draft in enumerate(drafts):
        kinds.append(CaseType(draft.case_type))
        try:
            places.append(_case_place(draft))
        except DomainError as error:
            raise ItemRefused(index, error) from error
    wanted: dict[tuple[str, int], int] = {}
    for kind, draft in zip(kinds, drafts, strict=True):
        key = (PREFIX[kind], draft.at.year)
        wanted[key] = wanted.get(key, 0) + 1
    references = {key: iter(next_references(*key, count)) for key, count in wanted.items()}
    cases = [
        Case(
            reference=next(references[(PREFIX[kind], draft.at.year)]),
            case_type=kind,
            title=draft.title.strip(),
            household=draft.household,
            property=prop,
            owner_team=draft.owner_team,
            opened_at=draft.at,
        )
        for kind, draft, prop in zip(kinds, drafts, places, strict=True)
    ]
    if len(cases) == 1:
        cases[0].save()
    else:
        Case.objects.bulk_create(cases)
    Case.people.through.objects.bulk_create(
        [
            Case.people.through(case_id=case.pk, person_id=person.pk)
            for case, draft in zip(cases, drafts, strict=True)
            for person in dict.fromkeys(draft.people)
        ]
    )
    events_append(
        [
            case_opened_draft(case, draft, actor=actor)
            for draft, case in zip(drafts, cases, strict=True)
        ]
    )
    return cases


def case_opened_draft(case: Case, draft: CaseDraft, *, actor: Model | None) -> EventDraft:
    """The `case.opened` event of a case just opened (the bulk loader's too)."""
    kind = CaseType(case.case_type)
    return EventDraft(
        kind="case.opened",
        occurred=draft.occurred or When.at(draft.at),
        recorded_at=draft.at,
        actor=actor,
        actor_name=actor_name_of(actor),
        channel=draft.channel,
        data={
            "reference": case.reference,
            "case_type": kind.value,
            "title": case.title,
            "from_event": str(draft.from_event.uid) if draft.from_event else None,
            "team": draft.owner_team.slug if draft.owner_team else None,
        },
        summary=f"{kind.label} case {case.reference} opened: {case.title}",
        household=case.household,
        property=case.property,
        case=case,
    )


def _case_place(draft: CaseDraft) -> Property:
    household = draft.household
    prop = draft.property or (household.property if household else None)
    if prop is None:
        raise DomainError("Say which household or property the case is about.", field="household")
    _check_property(household, prop)
    if draft.from_event is not None:
        _check_contact(draft.from_event, household)
    return prop


def _check_contact(event: Event, household: Household | None) -> None:
    if not event.kind.startswith("contact."):
        raise DomainError(NOT_A_CONTACT, field="from_event")
    if household is not None and event.household_id != household.pk:
        raise DomainError(CONTACT_WRONG_HOUSEHOLD, field="from_event")
    opened = Event.objects.filter(kind="case.opened", data__from_event=str(event.uid)).first()
    if opened is not None:
        raise DomainError(
            CONTACT_ALREADY_OPENED.format(reference=opened.data["reference"]), field="from_event"
        )


@transaction.atomic
def case_assign(
    *,
    actor: Model | None,
    case: Case,
    at: dt.datetime,
    team: Team | None = None,
    officer: Model | None = None,
    contractor: Contractor | None = None,
) -> Case:
    case.owner_team = team or case.owner_team
    case.officer = officer or case.officer  # type: ignore[assignment]
    case.contractor = contractor or case.contractor
    case.save(update_fields=["owner_team", "officer", "contractor"])
    record_on_case(
        case=case,
        kind="case.assigned",
        actor=actor,
        at=at,
        data={
            "team": case.owner_team.slug if case.owner_team else None,
            "officer": actor_name_of(case.officer) if case.officer else None,
            # The officer's username too, so a projection can tell who it was (names repeat).
            "officer_username": case.officer.get_username() if case.officer else None,
            "contractor": case.contractor.name if case.contractor else None,
        },
        summary="Case assigned",
    )
    return case


def _project(case: Case) -> None:
    rows = case.events.filter(kind__in=["case.opened", "case.closed", "case.reopened"])
    state = case_state(
        (e.kind, e.occurred_latest) for e in rows.order_by("occurred_earliest", "id")
    )
    case.status, case.closed_at = state.status, state.closed_at
    case.save(update_fields=["status", "closed_at"])


@transaction.atomic
def case_close(*, actor: Model | None, case: Case, reason: str, at: dt.datetime) -> Case:
    if case.status == CaseStatus.CLOSED:
        raise DomainError(ALREADY_CLOSED.format(reference=case.reference))
    record_on_case(
        case=case,
        kind="case.closed",
        actor=actor,
        at=at,
        data={"reason": reason},
        summary=f"Case closed: {reason}",
    )
    _project(case)
    return case


@transaction.atomic
def case_reopen(*, actor: Model | None, case: Case, reason: str, at: dt.datetime) -> Case:
    if case.status != CaseStatus.CLOSED:
        raise DomainError(NOT_CLOSED.format(reference=case.reference))
    record_on_case(
        case=case,
        kind="case.reopened",
        actor=actor,
        at=at,
        data={"reason": reason},
        summary=f"Case reopened: {reason}",
    )
    _project(case)
    return case


@transaction.atomic
def case_link(
    *, actor: Model | None, case: Case, other: Case, reason: str, at: dt.datetime
) -> Case:
    if case.pk == other.pk:
        raise DomainError(LINK_SELF, field="other")
    case.links.add(other)
    for one, two in ((case, other), (other, case)):
        record_on_case(
            case=one,
            kind="case.linked",
            actor=actor,
            at=at,
            data={"other": two.reference, "reason": reason},
            summary=f"Linked to {two.reference}",
        )
    return case


def note_add(
    *, actor: Model | None, case: Case, text: str, at: dt.datetime, supersedes: Event | None = None
) -> Event:
    """An internal note on a case. A note that corrects an earlier entry names it."""
    if not text.strip():
        raise DomainError(NOTE_EMPTY, field="text")
    return record_on_case(
        case=case,
        kind="note",
        actor=actor,
        at=at,
        data={"text": text.strip()},
        supersedes=supersedes,
    )


def projections_rebuild() -> int:
    """Recompute every case's status from its events. Returns how many changed."""
    changed = 0
    for case in Case.objects.all().iterator():
        before = (case.status, case.closed_at)
        _project(case)
        changed += before != (case.status, case.closed_at)
    return changed

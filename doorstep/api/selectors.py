"""Reads the API needs that the domain apps' selectors do not offer as such.

Each composes the apps' own selectors, and applies who may see what: a contractor sees only
its own cases (`cases.selectors.cases_visible_to`) and the entries and documents on them;
anything else is reported as not found. Candidates to move into their apps.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Q, QuerySet

from doorstep.api.models import IntakeRecord
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_detail, cases_for_household, cases_visible_to
from doorstep.core.errors import DomainError
from doorstep.documents.models import Document
from doorstep.documents.selectors import document_visible, documents_for_household
from doorstep.properties.models import Property
from doorstep.properties.selectors import property_get, property_search
from doorstep.residents.models import Household, Person
from doorstep.residents.selectors import household_search
from doorstep.staff.models import User
from doorstep.timeline import kinds
from doorstep.timeline.models import Event
from doorstep.timeline.selectors import events_for_case, events_for_household
from doorstep.timeline.services import stream_key
from doorstep.vulnerabilities.selectors import can_see_detail, special_category_read

T = TypeVar("T")

SEARCH_LIMIT = 200
UNKNOWN_REFERENCE = "There is no {thing} with the reference {reference!r}."
UNKNOWN_ENTRY = "There is no entry {uid!r} on this record."
UNKNOWN_EVENT = "There is no entry {uid!r}."


def is_contractor(user: User) -> bool:
    return user.contractor_id is not None


# People and places ---------------------------------------------------------------------------


def property_list(*, q: str = "") -> QuerySet[Property]:
    properties = Property.objects.select_related("part_of").prefetch_related("aliases")
    if q.strip():
        found = list(property_search(query=q, limit=SEARCH_LIMIT).values_list("pk", flat=True))
        properties = properties.filter(pk__in=found)
    return properties.order_by("reference")


def property_named(*, reference: str, field: str) -> Property:
    """A property named in a request's input; unknown is a refusal of that field."""
    try:
        return property_get(reference=reference)
    except Property.DoesNotExist:
        raise DomainError(
            UNKNOWN_REFERENCE.format(thing="property", reference=reference), field=field
        ) from None


def person_list(*, q: str = "") -> QuerySet[Person]:
    people = Person.objects.order_by("full_name", "reference")
    if q.strip():
        people = people.filter(Q(reference__iexact=q.strip()) | Q(full_name__icontains=q.strip()))
    return people


def person_get(*, reference: str) -> Person:
    return Person.objects.get(reference=reference)


def person_named(*, reference: str, field: str) -> Person:
    try:
        return person_get(reference=reference)
    except Person.DoesNotExist:
        raise DomainError(
            UNKNOWN_REFERENCE.format(thing="person", reference=reference), field=field
        ) from None


def household_list(*, q: str = "") -> QuerySet[Household]:
    households = Household.objects.select_related("property")
    if q.strip():
        found = list(household_search(query=q, limit=SEARCH_LIMIT).values_list("pk", flat=True))
        households = households.filter(pk__in=found)
    return households.order_by("reference")


def household_named(*, reference: str, field: str) -> Household:
    try:
        return Household.objects.select_related("property").get(reference=reference)
    except Household.DoesNotExist:
        raise DomainError(
            UNKNOWN_REFERENCE.format(thing="household", reference=reference), field=field
        ) from None


def household_for(*, user: User, reference: str) -> Household:
    """A household whose record the user may read: a contractor only one it has a case for."""
    household = Household.objects.select_related("property").get(reference=reference)
    if is_contractor(user) and not household_cases_for(user=user, household=household).exists():
        raise Household.DoesNotExist
    return household


def household_record_for(*, user: User, reference: str) -> Household:
    """A household whose own record (not a case on it) the user may add to: not a contractor."""
    if is_contractor(user):
        raise Household.DoesNotExist
    return Household.objects.select_related("property").get(reference=reference)


def household_open_cases(*, household: Household) -> QuerySet[Case]:
    return cases_for_household(household=household, open_only=True)


# Cases ---------------------------------------------------------------------------------------


def household_cases_for(*, user: User, household: Household) -> QuerySet[Case]:
    """The household's cases (its own and its buildings' communal ones) the user may see."""
    visible = cases_visible_to(user=user).values("pk")
    return cases_for_household(household=household).filter(pk__in=visible)


def case_list(
    *,
    user: User,
    status: str | None = None,
    case_type: str | None = None,
    household: Household | None = None,
) -> QuerySet[Case]:
    cases = (
        household_cases_for(user=user, household=household)
        if household is not None
        else cases_visible_to(user=user)
    )
    if status:
        cases = cases.filter(status=status)
    if case_type:
        cases = cases.filter(case_type=case_type)
    return cases.select_related("household", "property").order_by("-opened_at", "-pk")


def case_for(*, user: User, reference: str) -> Case:
    """A case the user may see; any other is not found (a contractor's view of others)."""
    case = case_detail(reference=reference)
    if not cases_visible_to(user=user).filter(pk=case.pk).exists():
        raise Case.DoesNotExist
    return case


# Timeline ------------------------------------------------------------------------------------


def case_events(*, case: Case) -> QuerySet[Event]:
    return events_for_case(case=case).select_related("household")


def household_events_for(*, user: User, household: Household) -> QuerySet[Event]:
    """A household's history; for a contractor, only the entries on its own cases."""
    events = events_for_household(household=household).select_related("household")
    if is_contractor(user):
        events = events.filter(case__in=cases_visible_to(user=user).values("pk"))
    return events


class ReadPage(Generic[T]):
    """A list endpoint's rows, read a page at a time: the paginator slices it, and only the
    page's cases are read (`read` takes them together, so a page costs a fixed number of
    queries however long the list). Its length is the query's count."""

    def __init__(self, rows: QuerySet[Any], read: Callable[[list[Any]], list[T]]) -> None:
        self.rows = rows
        self.read = read

    def __len__(self) -> int:
        return self.rows.count()

    def __getitem__(self, page: slice) -> list[T]:
        return self.read(list(self.rows[page]))


@dataclass(frozen=True)
class EventPage:
    items: list[Event]
    count: int


def event_page(
    *, events: QuerySet[Event], user: User, limit: int, offset: int, purpose: str, at: dt.datetime
) -> EventPage:
    """One page of a history. Where the caller may read special category detail and the page
    shows some, the read is logged against each person it is about, as a page's read is."""
    items = list(events[offset : offset + limit])
    if can_see_detail(user):
        about = {
            str(e.data["person"])
            for e in items
            if e.data.get("person")
            and any(e.data.get(f) for f in kinds.get(e.kind).special_category_fields)
        }
        special_category_read(user=user, person_references=about, purpose=purpose, at=at)
    return EventPage(items=items, count=events.count())


def entry_named(*, user: User, case: Case, uid: uuid.UUID) -> Event:
    """An entry a new one corrects: in the case's history, and visible to the user."""
    stream = stream_key(household=case.household, property=case.property)
    events = Event.objects.filter(uid=uid, stream__key=stream)
    if is_contractor(user):
        events = events.filter(case__in=cases_visible_to(user=user).values("pk"))
    found = events.first()
    if found is None:
        raise DomainError(UNKNOWN_ENTRY.format(uid=str(uid)), field="supersedes")
    return found


def event_named(*, user: User, uid: uuid.UUID, field: str) -> Event:
    """An entry named in a request's input (a case opened from a contact), of any kind: the
    service it is given to says whether that kind will do. Unknown, or not visible to the
    user, is a refusal of that field."""
    events = Event.objects.select_related("household", "property").filter(uid=uid)
    if is_contractor(user):
        events = events.filter(case__in=cases_visible_to(user=user).values("pk"))
    found = events.first()
    if found is None:
        raise DomainError(UNKNOWN_EVENT.format(uid=str(uid)), field=field)
    return found


# Documents -----------------------------------------------------------------------------------


def _documents() -> QuerySet[Document]:
    return Document.objects.select_related("household", "case", "property").order_by(
        "-uploaded_at", "-pk"
    )


def case_documents(*, case: Case) -> QuerySet[Document]:
    return _documents().filter(case=case)


def household_documents_for(*, user: User, household: Household) -> QuerySet[Document]:
    documents = (
        documents_for_household(household=household)
        .select_related("household", "property")
        .order_by("-uploaded_at", "-pk")
    )
    if is_contractor(user):
        documents = documents.filter(case__in=cases_visible_to(user=user).values("pk"))
    return documents


def document_for(*, user: User, reference: str) -> Document:
    """A document the user may see (a contractor: only its own cases'); else not found."""
    return document_visible(reference=reference, user=user)


# Idempotency ---------------------------------------------------------------------------------


def intake_first_accepted(*, user: User, key: str) -> IntakeRecord | None:
    """The first accepted request this user sent with this Idempotency-Key."""
    return (
        IntakeRecord.objects.filter(
            user=user, idempotency_key=key, outcome=IntakeRecord.Outcome.ACCEPTED
        )
        .order_by("received_at", "pk")
        .first()
    )


def created_at(
    model: type[Property] | type[Person] | type[Household], *, moment: dt.datetime
) -> QuerySet:
    """What a request arriving at `moment` created: its service was given `at=moment`."""
    return model.objects.filter(created_at=moment)


def case_opened_by(*, user: User, moment: dt.datetime) -> QuerySet[Case]:
    return Case.objects.filter(opened_at=moment, events__kind="case.opened", events__actor=user)


def entry_recorded_by(*, user: User, case: Case, moment: dt.datetime) -> QuerySet[Event]:
    return Event.objects.filter(case=case, recorded_at=moment, actor=user).exclude(
        kind="document.added"
    )


def contact_recorded_by(
    *, user: User, household: Household, moment: dt.datetime
) -> QuerySet[Event]:
    """The contact a request arriving at `moment` recorded on the household, on no case."""
    return Event.objects.filter(
        household=household,
        case=None,
        kind__startswith="contact.",
        recorded_at=moment,
        actor=user,
    )


def document_uploaded_by(*, user: User, moment: dt.datetime) -> QuerySet[Document]:
    return _documents().filter(uploaded_at=moment, uploaded_by=user)

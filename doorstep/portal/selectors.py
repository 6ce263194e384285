"""What a resident may see: their own household's part of the record, and nothing else.

Every portal page reads through `account_of` and `resident_case`: a case is found only among
the account's household's own cases, so a reference changed in the address bar finds nothing
(404), the same as a case that does not exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from doorstep.appointments.choices import Status
from doorstep.appointments.models import Appointment
from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.commitments.choices import Recorded
from doorstep.commitments.models import Commitment
from doorstep.deadlines.selectors import case_clocks
from doorstep.documents.models import Document
from doorstep.portal.choices import AccountKind
from doorstep.portal.models import USERNAME_PREFIX, PortalAccount
from doorstep.portal.words import (
    PROMISE_STATES,
    RESIDENT_CLOCKS,
    RESIDENT_WORDS,
    contact_in_words,
    contact_out_words,
)
from doorstep.residents.choices import ThirdPartyScope
from doorstep.residents.models import ThirdPartyAuthority
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON


def is_resident(user: Any) -> bool:
    """Whether a signed-in user is a resident (or representative) rather than staff: by the
    username's prefix, which staff usernames never carry (no query)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and str(getattr(user, "username", "")).startswith(USERNAME_PREFIX)
    )


# What each scope of a resident's consent lets their representative see and do, as case
# types (`ThirdPartyScope`; "all" is everything). Rent is not a case Doorstep holds.
SCOPE_CASE_TYPES: dict[str, set[str]] = {
    ThirdPartyScope.REPAIRS: {CaseType.REPAIR, CaseType.HAZARD},
    ThirdPartyScope.COMPLAINTS: {CaseType.COMPLAINT, CaseType.OMBUDSMAN},
    ThirdPartyScope.ASB: {CaseType.ASB},
    ThirdPartyScope.MOVES: {CaseType.TRANSFER},
    ThirdPartyScope.RENT: set(),
}


def account_of(user: Any, *, on: dt.date) -> PortalAccount | None:
    """The open portal account of a signed-in resident, with their household and home; a
    representative's only while the consent that lets them in is in force on `on` (not
    withdrawn, not expired)."""
    if not is_resident(user):
        return None
    account = (
        PortalAccount.objects.select_related("household__property", "person", "authority")
        .filter(user=user, closed_at__isnull=True)
        .first()
    )
    if account is None or account.kind == AccountKind.RESIDENT:
        return account
    authority = account.authority
    if authority is None or not authority_in_force(authority, on=on):
        return None
    return account


def authority_in_force(authority: ThirdPartyAuthority, *, on: dt.date) -> bool:
    return authority.withdrawn_on is None and (
        authority.expires_on is None or authority.expires_on >= on
    )


def may(account: PortalAccount, scope: str) -> bool:
    """Whether the account may see and act on this part of the household's record: a member
    of the household always; a representative within the consent's scope."""
    if account.kind == AccountKind.RESIDENT:
        return True
    given = set(account.authority.scope if account.authority else ())
    return ThirdPartyScope.ALL in given or scope in given


def _case_types(account: PortalAccount) -> set[str] | None:
    """The case types the account may see; None for all."""
    if account.kind == AccountKind.RESIDENT:
        return None
    given = set(account.authority.scope if account.authority else ())
    if ThirdPartyScope.ALL in given:
        return None
    return set().union(*(SCOPE_CASE_TYPES.get(s, set()) for s in given)) if given else set()


def resident_cases(account: PortalAccount) -> QuerySet[Case]:
    """The household's own cases the account may see, newest first: a representative only
    those of the consent's scope."""
    cases = Case.objects.filter(household=account.household).order_by("-opened_at", "-pk")
    types = _case_types(account)
    return cases if types is None else cases.filter(case_type__in=types)


def resident_case(account: PortalAccount, reference: str) -> Case | None:
    """One of the household's own cases by its reference; None for any other."""
    return resident_cases(account).filter(reference=reference).first()


@dataclass(frozen=True)
class Entry:
    """One line of a resident's timeline: when, and what happened in our words."""

    day: dt.date
    words: str


def resident_timeline(account: PortalAccount, case: Case) -> list[Entry]:
    """What the household may read of the case's timeline, oldest first: the kinds
    `words.RESIDENT_WORDS` names, and contacts to or from a member of the household; never an
    entry a later one corrected, nor any other kind."""
    members = set(account.household.members.values_list("person__reference", flat=True))
    shown = [*RESIDENT_WORDS, "contact.in", "contact.out"]
    # The contact a case was opened from stays on the household's record, named by the case's
    # opening (`cases.services.case_open`): it is where the case began.
    origins = [
        str(uid)
        for uid in Event.objects.filter(case=case, kind="case.opened").values_list(
            "data__from_event", flat=True
        )
        if uid
    ]
    rows = (
        Event.objects.filter(
            Q(case=case, kind__in=shown)
            | Q(household=account.household, uid__in=origins, kind="contact.in")
        )
        .exclude(
            pk__in=Event.objects.filter(case=case, supersedes__isnull=False).values("supersedes")
        )
        .order_by("occurred_earliest", "pk")
    )
    entries = []
    for event in rows:
        data = event.data or {}
        if event.kind == "contact.in":
            if data.get("from") not in members:
                continue
            words = contact_in_words(data, event.channel)
        elif event.kind == "contact.out":
            if data.get("to") not in members:
                continue
            words = contact_out_words(data, event.channel)
        else:
            words = RESIDENT_WORDS[event.kind](data)
        entries.append(Entry(event.occurred_earliest.astimezone(LONDON).date(), words))
    return entries


@dataclass(frozen=True)
class Promise:
    """A date we are working to, or a promise we made, as the resident reads it."""

    words: str
    day: dt.date | None
    late: bool
    state: str = ""


def resident_dates(case: Case, *, as_of: dt.date) -> tuple[list[Promise], list[Promise]]:
    """The dates the landlord is working to on the case (its running clocks that concern the
    resident, soonest first) and the promises made on it, as of `as_of`: the same replay the
    staff's case page reads (`deadlines.case_clocks`)."""
    found = case_clocks(case=case, as_of=as_of)
    dates = [
        Promise(
            str(RESIDENT_CLOCKS[clock.clock]), clock.due or clock.due_moment.date(), clock.breached
        )
        for clock in sorted(found.running, key=lambda c: c.due_moment)
        if clock.clock in RESIDENT_CLOCKS
    ]
    promises = [
        Promise(
            str(item.data.get("action") or ""),
            item.due,
            item.data.get("state") in ("overdue", "contradicted"),
            str(PROMISE_STATES.get(str(item.data.get("state")), item.data.get("state"))),
        )
        for item in found.commitments
    ]
    return dates, promises


def claimed_done(account: PortalAccount, case: Case) -> list[Commitment]:
    """The promises on the case we say are done and nobody has checked: the resident may
    confirm or dispute each."""
    return list(
        Commitment.objects.filter(
            case=case, household=account.household, state=Recorded.CLAIMED
        ).order_by("pk")
    )


def claimed_promise(account: PortalAccount, case: Case, pk: int) -> Commitment | None:
    return next((c for c in claimed_done(account, case) if c.pk == pk), None)


def resident_appointments(case: Case) -> list[Appointment]:
    """The case's appointments, soonest first: each with its date, time of day and whether it
    is still booked."""
    return list(Appointment.objects.filter(case=case).order_by("date", "pk"))


def resident_appointment(case: Case, reference: str) -> Appointment | None:
    """One of the case's appointments still to come, by its reference."""
    return Appointment.objects.filter(
        case=case, reference=reference, status__in=(Status.BOOKED, Status.MOVED)
    ).first()


# The entries that send the resident a document, by the member naming it.
SENDING_KINDS = ("complaint.response", "hazard.summary_sent")


def resident_documents(account: PortalAccount, case: Case) -> list[Document]:
    """The documents of the case the household may read: those we sent them (a complaint
    response, a hazard's written summary) and those they sent us (through the portal). Never a
    survey, a note's attachment or anything else on the case."""
    sent = {
        str(ref)
        for ref in Event.objects.filter(case=case, kind__in=SENDING_KINDS).values_list(
            "data__document", flat=True
        )
        if ref
    }
    return list(
        Document.objects.filter(case=case)
        .filter(Q(reference__in=sent) | Q(uploaded_by=account.user))
        .order_by("uploaded_at", "pk")
    )


def resident_document(account: PortalAccount, case: Case, reference: str) -> Document | None:
    return next((d for d in resident_documents(account, case) if d.reference == reference), None)

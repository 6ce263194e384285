"""Letting residents in: an invitation from staff, or a code to register, then an account.

Time is an argument (`at`): only views read the clock. Each key works once, until it expires;
a code is refused after `CODE_TRIES` wrong tries. Messages go through the landlord's notifier
(`appointments.notify`, ADR 10); each send and each account opened is on the household's
timeline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from doorstep.appointments.models import Appointment
from doorstep.appointments.notify import Message, notifier
from doorstep.asb.services import asb_report
from doorstep.cases.models import Case
from doorstep.clocks.triage import triage
from doorstep.commitments.choices import Method, Result
from doorstep.commitments.models import Commitment
from doorstep.commitments.services import commitment_verify
from doorstep.complaints.services import (
    complaint_escalate,
    complaint_receive,
    service_request_record,
)
from doorstep.contacts.services import contact_record
from doorstep.core.errors import DomainError
from doorstep.documents.choices import DocumentType
from doorstep.documents.services import document_add
from doorstep.hazards.services import hazard_report
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.portal.choices import AccountKind, KeyKind
from doorstep.portal.models import USERNAME_PREFIX, PortalAccount, PortalKey
from doorstep.repairs.choices import Priority
from doorstep.repairs.services import repair_report
from doorstep.residents.models import (
    Household,
    HouseholdMember,
    Person,
    Tenancy,
    ThirdPartyAuthority,
)
from doorstep.residents.services import adjustment_record, contact_preference_set
from doorstep.staff.models import User
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel
from doorstep.timeline.services import EventDraft, draft_append
from doorstep.timeline.when import When
from doorstep.vulnerabilities.services import vulnerability_record

# How long each key works, and how many wrong codes are allowed. Not a regulatory timescale:
# the landlord's own security choice (docs/portal.md), set here.
INVITATION_DAYS = 14
CODE_MINUTES = 30
CODE_TRIES = 5
CODES_PER_HOUR = 3

NOT_A_MEMBER = _(
    "{name} is neither a member of household {household} nor someone it has authorised to act "
    "for it."
)
NO_CONTACT = _(
    "There is no email address or mobile number on record for {name}: add one to their "
    "details before inviting them."
)
ALREADY_IN = _("{name} already has a portal account for household {household}.")
KEY_UNKNOWN = _("This link or code is not one we sent, or it has already been used.")
KEY_EXPIRED = _("This link or code has expired. Ask for a new one.")
KEY_USED = _("This link or code has already been used. Sign in instead.")
CODE_WRONG = _("The code is not the one we sent. Check it and try again.")
CODE_LOCKED = _("The code was entered wrongly too many times. Ask for a new one.")
NAME_TAKEN = _("An account already signs in with {contact}. Sign in instead.")

DAMP_MOULD = "damp_mould"
# The urgencies a resident may choose; the landlord's triage may change it (a planned job is
# the landlord's to plan, not the resident's to ask for).
URGENCIES = (Priority.EMERGENCY, Priority.URGENT, Priority.ROUTINE)
NO_URGENCY = _("Say how urgent it is")
ACCESS_WORDS = _("When you can get in: {access}")
PHOTO_TITLE = _("Photo {number} sent with the report ({name})")
NOTHING_SAID = _("Tell us what is wrong or what you need")
NOT_YOURS = _("That is not one of your household's cases.")
NOT_A_COMPLAINT = _("Only a complaint can go to stage 2.")
SAY_WHAT_IS_WRONG = _("Tell us what is not done or still wrong")
CONFIRMED_WORDS = _("{name} confirmed it is done.")
NO_CONSENT = _("Say that you agree to us keeping it, or do not send it")
THROUGH_PORTAL = _("told us through the residents' portal")
SAY_WHEN = _("Say why it does not suit, and when would")
UNSUITABLE_WORDS = _("The appointment {reference} on {day} does not suit me. {words}")
STAGE1_STILL_RUNNING = _(
    "We are still dealing with your complaint at stage 1: our response is due by {due}. You "
    "can ask for stage 2 once you have it, or if we have not sent it by then."
)

INVITATION_TEXT = _(
    "{landlord} has invited you to its residents' portal, where you can report repairs, make "
    "a complaint and see what is happening with your cases.\n\n"
    "Open this link to choose a password (it works once, for {days} days):\n{link}\n\n"
    "If you were not expecting this, you can ignore it."
)
CODE_TEXT = _(
    "Your code to register for the {landlord} residents' portal is {code}. It works for "
    "{minutes} minutes. If you did not ask for it, you can ignore this message."
)


def portal_username(contact: str) -> str:
    """The sign-in name for an email address or mobile number: the prefix, then the contact
    with case and spacing taken out (a mobile number as its digits, with a leading +)."""
    return USERNAME_PREFIX + normalised(contact)


def normalised(contact: str) -> str:
    text = contact.strip().lower()
    if "@" in text:
        return text
    digits = re.sub(r"[^\d+]", "", text)
    return ("+" if digits.startswith("+") else "") + digits.replace("+", "")


def contact_of(person: Person) -> str:
    """Where a key for this person goes: their email address, else their mobile number."""
    return person.email.strip() or person.phone.strip()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _draft(
    *,
    household: Household,
    kind: str,
    data: dict[str, Any],
    actor: Model | None,
    at: dt.datetime,
    channel: str,
    summary: str = "",
) -> EventDraft:
    return EventDraft(
        kind=kind,
        occurred=When.at(at),
        recorded_at=at,
        actor=actor,
        actor_name=actor_name_of(actor),
        channel=channel,
        data=data,
        summary=summary,
        household=household,
        property=household.property,
    )


def _send(*, to: str, subject: str, text: str, at: dt.datetime) -> str:
    delivery = notifier().send(Message(to=to, text=text, subject=subject), at=at)
    return delivery.status


def _authority(person: Person, household: Household, *, on: dt.date) -> ThirdPartyAuthority | None:
    """The consent in force on `on` for this person to act for the household, if any."""
    return next(
        (
            a
            for a in ThirdPartyAuthority.objects.filter(
                household=household, third_party=person, withdrawn_on__isnull=True
            ).order_by("-pk")
            if a.expires_on is None or a.expires_on >= on
        ),
        None,
    )


def _kind_of(person: Person, household: Household, *, on: dt.date) -> str | None:
    """A member of the household is a resident; someone it authorised, a representative."""
    if HouseholdMember.objects.filter(household=household, person=person).exists():
        return AccountKind.RESIDENT
    if _authority(person, household, on=on) is not None:
        return AccountKind.REPRESENTATIVE
    return None


def _has_account(person: Person, household: Household) -> bool:
    return PortalAccount.objects.filter(
        person=person, household=household, closed_at__isnull=True
    ).exists()


@transaction.atomic
def portal_invite(
    *,
    actor: Model | None,
    household: Household,
    person: Person,
    link: Callable[[str], str],
    at: dt.datetime,
) -> PortalKey:
    """Invite a member of the household to the portal: a link (`link(token)` makes it) that
    works once, for `INVITATION_DAYS` days, sent to their email address or mobile number."""
    if _kind_of(person, household, on=at.date()) is None:
        raise DomainError(
            str(NOT_A_MEMBER).format(name=person.full_name, household=household.reference),
            field="person",
        )
    contact = contact_of(person)
    if not contact:
        raise DomainError(str(NO_CONTACT).format(name=person.full_name), field="person")
    if _has_account(person, household):
        raise DomainError(
            str(ALREADY_IN).format(name=person.full_name, household=household.reference),
            field="person",
        )
    token = secrets.token_urlsafe(32)
    key = PortalKey.objects.create(
        kind=KeyKind.INVITATION,
        household=household,
        person=person,
        digest=_digest(token),
        sent_to=contact,
        created_at=at,
        expires_at=at + dt.timedelta(days=INVITATION_DAYS),
        created_by=actor if isinstance(actor, User) else None,
    )
    landlord = settings.DOORSTEP_LANDLORD_NAME
    status = _send(
        to=contact,
        subject=f"{landlord}: your invitation to the residents' portal",
        text=str(INVITATION_TEXT).format(landlord=landlord, days=INVITATION_DAYS, link=link(token)),
        at=at,
    )
    to = "email" if "@" in contact else "sms"
    draft_append(
        _draft(
            household=household,
            kind="portal.invited",
            data={"person": person.reference, "to": to, "status": status},
            actor=actor,
            at=at,
            channel=Channel.EMAIL if to == "email" else Channel.PHONE,
            summary=f"{person.full_name} invited to the residents' portal",
        )
    )
    return key


def invitation_for(token: str, *, at: dt.datetime) -> PortalKey:
    """The invitation a link's token names, if it can still be used."""
    key = PortalKey.objects.filter(kind=KeyKind.INVITATION, digest=_digest(token)).first()
    if key is None:
        raise DomainError(str(KEY_UNKNOWN))
    _usable(key, at=at)
    return key


def _usable(key: PortalKey, *, at: dt.datetime) -> None:
    if key.used_at is not None:
        raise DomainError(str(KEY_USED))
    if at >= key.expires_at:
        raise DomainError(str(KEY_EXPIRED))
    if key.tries >= CODE_TRIES:
        raise DomainError(str(CODE_LOCKED), field="code")


def _tenancy(reference: str) -> Tenancy | None:
    """A tenancy by Doorstep's reference, or by the reference of the file it was imported
    from where only one import used it."""
    found = Tenancy.objects.filter(reference__iexact=reference.strip()).first()
    if found is not None:
        return found
    rows = list(ExternalRef.objects.filter(kind=RefKind.TENANCY, ref=reference.strip())[:2])
    if len(rows) == 1 and rows[0].tenancy_id is not None:
        return Tenancy.objects.get(pk=rows[0].tenancy_id)
    return None


@transaction.atomic
def portal_code_send(*, tenancy_reference: str, contact: str, at: dt.datetime) -> PortalKey | None:
    """A code to register, sent to `contact` if it is the email address or mobile number on
    record for a tenant of the tenancy, and the tenancy has not ended. None otherwise: the
    asker is told the same either way, so the form cannot be used to find out whose details
    are whose."""
    tenancy = _tenancy(tenancy_reference)
    wanted = normalised(contact)
    if tenancy is None or (tenancy.end is not None and tenancy.end < at.date()) or not wanted:
        return None
    person = next(
        (
            p
            for p in tenancy.tenants.order_by("pk")
            if wanted in {normalised(p.email), normalised(p.phone)} - {""}
        ),
        None,
    )
    household = tenancy.household
    if person is None or household is None or _has_account(person, household):
        return None
    recent = PortalKey.objects.filter(
        kind=KeyKind.REGISTRATION, person=person, created_at__gt=at - dt.timedelta(hours=1)
    ).count()
    if recent >= CODES_PER_HOUR:
        # Nobody is sent more than a few codes an hour, whoever asks (the form could
        # otherwise be used to flood a tenant's phone); the asker is told the same as ever.
        return None
    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(8)
    key = PortalKey.objects.create(
        kind=KeyKind.REGISTRATION,
        household=household,
        person=person,
        digest=f"{salt}${_digest(salt + code)}",
        sent_to=contact.strip(),
        created_at=at,
        expires_at=at + dt.timedelta(minutes=CODE_MINUTES),
    )
    landlord = settings.DOORSTEP_LANDLORD_NAME
    status = _send(
        to=contact.strip(),
        subject=f"{landlord}: your code for the residents' portal",
        text=str(CODE_TEXT).format(landlord=landlord, code=code, minutes=CODE_MINUTES),
        at=at,
    )
    to = "email" if "@" in contact else "sms"
    draft_append(
        _draft(
            household=household,
            kind="portal.code_sent",
            data={"person": person.reference, "to": to, "status": status},
            actor=None,
            at=at,
            channel=Channel.PORTAL,
            summary=f"Code to register for the portal sent to {person.full_name}",
        )
    )
    return key


def portal_code_check(*, key: PortalKey, code: str, at: dt.datetime) -> None:
    """Whether `code` is the registration key's code. A wrong one counts as a try, kept even
    though the check fails; after `CODE_TRIES` the key is locked."""
    with transaction.atomic():
        key = PortalKey.objects.select_for_update().get(pk=key.pk)
        _usable(key, at=at)
        salt, _, digest = key.digest.partition("$")
        if hmac.compare_digest(digest, _digest(salt + code.strip())):
            return
        key.tries += 1
        key.save(update_fields=["tries"])
    raise DomainError(str(CODE_LOCKED if key.tries >= CODE_TRIES else CODE_WRONG), field="code")


@transaction.atomic
def portal_account_open(*, key: PortalKey, password: str, at: dt.datetime) -> PortalAccount:
    """The account a key opens (a registration key's code already checked): the person signs
    in with the email address or mobile number the key went to, and the password chosen."""
    key = PortalKey.objects.select_for_update().get(pk=key.pk)
    _usable(key, at=at)
    person, household = key.person, key.household
    if _has_account(person, household):
        raise DomainError(
            str(ALREADY_IN).format(name=person.full_name, household=household.reference)
        )
    username = portal_username(key.sent_to)
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise DomainError(str(NAME_TAKEN).format(contact=key.sent_to))
    user = users(username=username, first_name=person.full_name[:150])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from None
    user.set_password(password)
    user.save()
    kind = _kind_of(person, household, on=at.date())
    if kind is None:
        raise DomainError(
            str(NOT_A_MEMBER).format(name=person.full_name, household=household.reference)
        )
    account = PortalAccount.objects.create(
        user=user,
        household=household,
        person=person,
        kind=kind,
        authority=(
            _authority(person, household, on=at.date())
            if kind == AccountKind.REPRESENTATIVE
            else None
        ),
        opened_at=at,
    )
    key.used_at = at
    key.save(update_fields=["used_at"])
    draft_append(
        _draft(
            household=household,
            kind="portal.account_opened",
            data={"person": person.reference, "account": account.kind, "how": key.kind},
            actor=user,
            at=at,
            channel=Channel.PORTAL,
            summary=f"{person.full_name} opened a portal account",
        )
    )
    return account


def accounts_open_for(person: Person) -> list[PortalAccount]:
    return list(
        PortalAccount.objects.filter(Q(person=person) & Q(closed_at__isnull=True)).order_by("pk")
    )


# --- reporting a problem ---------------------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    """A photo as the resident sent it: its bytes and the name their device gave it."""

    content: bytes
    name: str


@transaction.atomic
def portal_report(
    *,
    account: PortalAccount,
    problem: str,
    urgency: str,
    location: str,
    description: str,
    access: str,
    photos: Sequence[Photo],
    at: dt.datetime,
) -> Case:
    """A resident's report of a problem in their home, through the same services as a member
    of staff taking it on the phone: their words logged as a contact through the portal; from
    it, a hazard case for damp or mould (Awaab's Law's clocks run from now) or a repair case
    at the urgency they chose (which the landlord may change); each photo attached to the
    case. All of it or none: a photo refused refuses the report, whose words the form keeps."""
    words = description.strip()
    if access.strip():
        words += "\n" + str(ACCESS_WORDS).format(access=access.strip())
    contact = contact_record(
        actor=account.user,
        household=account.household,
        direction="in",
        channel=Channel.PORTAL,
        party=account.person.reference,
        text=f"{location.strip()}: {words}" if location.strip() else words,
        occurred=When.at(at),
        at=at,
    )
    if problem == DAMP_MOULD:
        case = hazard_report(
            actor=account.user,
            hazard=DAMP_MOULD,
            location=location,
            description=description,
            occurred=When.at(at),
            at=at,
            household=account.household,
            from_contact=contact,
        ).case
    else:
        if urgency not in URGENCIES:
            raise DomainError(str(NO_URGENCY), field="urgency")
        case = repair_report(
            actor=account.user,
            household=account.household,
            location=location,
            description=description,
            priority=urgency,
            occurred=When.at(at),
            at=at,
            from_contact=contact,
        ).case
    for number, photo in enumerate(photos, start=1):
        document_add(
            actor=account.user,
            content=photo.content,
            original_name=photo.name[:200] or f"photo-{number}",
            doc_type=DocumentType.PHOTO,
            title=str(PHOTO_TITLE).format(number=number, name=photo.name[:100]),
            at=at,
            case=case,
        )
    return case


# --- telling us, complaining, escalating ------------------------------------------------------


@transaction.atomic
def portal_tell(*, account: PortalAccount, text: str, at: dt.datetime) -> Case:
    """Whatever a resident tells us through the portal, in their own words. It is logged as a
    contact, then read by the same triage as staff use (`clocks.triage`): words that express
    dissatisfaction are a stage 1 complaint, and its clocks start (Complaint Handling Code
    2024, section 1: the resident need not say "complaint"); anything else is a service
    request. The portal never asks them to choose."""
    if not text.strip():
        raise DomainError(str(NOTHING_SAID), field="text")
    contact = contact_record(
        actor=account.user,
        household=account.household,
        direction="in",
        channel=Channel.PORTAL,
        party=account.person.reference,
        text=text.strip(),
        occurred=When.at(at),
        at=at,
    )
    if triage(text).dissatisfied:
        return complaint_receive(actor=account.user, text="", at=at, from_contact=contact).case
    return service_request_record(actor=account.user, text="", at=at, from_contact=contact)


def portal_escalate(*, account: PortalAccount, case: Case, text: str, at: dt.datetime) -> Case:
    """The resident asks for their complaint to go to stage 2, in their words: the staff's
    rule (`complaints.services.complaint_escalate`), which refuses while stage 1 is still in
    time and says when its response is due."""
    if case.household_id != account.household_id:
        raise DomainError(str(NOT_YOURS))
    complaint = getattr(case, "complaint", None)
    if complaint is None:
        raise DomainError(str(NOT_A_COMPLAINT))
    try:
        return complaint_escalate(actor=account.user, complaint=complaint, text=text, at=at).case
    except DomainError as refused:
        if refused.field == "stage" and complaint.stage == 1 and complaint.response_due:
            due = complaint.response_due
            raise DomainError(
                str(STAGE1_STILL_RUNNING).format(due=f"{due.day} {due:%B %Y}"), field="text"
            ) from None
        raise


def portal_asb_report(
    *,
    account: PortalAccount,
    category: str,
    text: str,
    location: str,
    alleged_perpetrator: str,
    police_involved: bool | None,
    crime_reference: str,
    delay_days: int | None,
    at: dt.datetime,
) -> Case:
    """A report of anti-social behaviour by a member of the household, through the staff's
    service (`asb.services.asb_report`): the reporter is the account's person, and their wish
    that we wait before acting (`delay_days`) is on the case, where the ASB rules hold every
    action that could identify them until it ends."""
    return asb_report(
        actor=account.user,
        category=category,
        text=text,
        at=at,
        reporter=account.person,
        household=account.household,
        location=location,
        alleged_perpetrator=alleged_perpetrator,
        police_involved=police_involved,
        crime_reference=crime_reference,
        delay_days=delay_days,
        channel=Channel.PORTAL,
    ).case


def portal_confirm_done(
    *, account: PortalAccount, commitment: Commitment, done: bool, words: str, at: dt.datetime
) -> Commitment:
    """The resident's answer to "we say it is done": their confirmation keeps the promise, or
    their word that it is not done contradicts the claim and the promise is owed again
    (`commitments.services.commitment_verify`, the resident's confirmation being one of the two
    checks the Ombudsman accepts: Clarion 202208650)."""
    if commitment.household_id != account.household_id:
        raise DomainError(str(NOT_YOURS))
    if not done and not words.strip():
        raise DomainError(str(SAY_WHAT_IS_WRONG), field="words")
    evidence = words.strip() or str(CONFIRMED_WORDS).format(name=account.person.full_name)
    return commitment_verify(
        actor=account.user,
        commitment=commitment,
        method=Method.RESIDENT_CONFIRMED,
        result=Result.CONFIRMED if done else Result.NOT_DONE,
        evidence=f"{account.person.full_name}, through the residents' portal: {evidence}",
        at=at,
    )


# --- the household's details -------------------------------------------------------------


def portal_preference_set(
    *, account: PortalAccount, channel: str, language: str, notes: str, at: dt.datetime
) -> None:
    """How the resident wants to be contacted, through the staff's service."""
    contact_preference_set(
        actor=account.user,
        household=account.household,
        person=account.person,
        channel=channel,
        language=language.strip() or "English",
        notes=notes.strip(),
        at=at,
    )


def portal_adjustment_record(
    *, account: PortalAccount, kind: str, detail: str, at: dt.datetime
) -> None:
    """A reasonable adjustment the resident asks for, through the staff's service."""
    adjustment_record(
        actor=account.user,
        household=account.household,
        person=account.person,
        kind=kind,
        detail=detail.strip(),
        at=at,
    )


def portal_vulnerability_share(
    *,
    account: PortalAccount,
    category: str,
    detail: str,
    consent: bool,
    at: dt.datetime,
    person: Person | None = None,
) -> None:
    """A vulnerability the resident chooses to tell us about, with their consent: entered in
    the register as the resident's own disclosure (special category data, shown to staff who
    hold the permission), and from then on it changes priorities as any other does. `person`
    may be another member of the household (the service refuses anyone else)."""
    if not consent:
        raise DomainError(str(NO_CONSENT), field="consent")
    about = person or account.person
    vulnerability_record(
        actor=account.user,
        household=account.household,
        person=about,
        category=category,
        source="self" if about == account.person else "third_party",
        source_detail=str(THROUGH_PORTAL),
        learned=When.at(at),
        at=at,
        consent_to_record=True,
        detail=detail.strip(),
        channel=Channel.PORTAL,
    )


def portal_appointment_unsuitable(
    *, account: PortalAccount, appointment: Appointment, words: str, at: dt.datetime
) -> None:
    """The resident says an appointment does not suit, and when would: a contact through the
    portal on its case, naming the appointment, for the landlord to move it
    (`appointments.services.appointment_move`, which tells the resident). The appointment
    itself stands until the landlord moves it."""
    if appointment.case.household_id != account.household_id:
        raise DomainError(str(NOT_YOURS))
    if not words.strip():
        raise DomainError(str(SAY_WHEN), field="words")
    day = f"{appointment.date.day} {appointment.date:%B %Y}"
    contact_record(
        actor=account.user,
        household=account.household,
        direction="in",
        channel=Channel.PORTAL,
        party=account.person.reference,
        text=str(UNSUITABLE_WORDS).format(
            reference=appointment.reference, day=day, words=words.strip()
        ),
        occurred=When.at(at),
        at=at,
        case=appointment.case,
    )

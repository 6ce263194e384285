"""The record the residents' portal journey runs against (`test_portal.py`), on today's clock.

Run inside the server's environment:
    manage.py shell -c "from doorstep.tests_browser.seed_portal import main; main()"
Prints the references the journey needs, as JSON on the last line.

Amira Khan (a tenant, with a portal account) has: a repair whose work the contractor says is
done; a hazard case with an inspection booked and then moved by the landlord, who told her
through Doorstep (the outbox); and a complaint answered at stage 1 a month ago, which she may
take to stage 2. Her support worker, Jo, may act for the household on repairs only, and has an
account too. Another household has a case of its own.
"""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from doorstep.appointments.services import appointment_book, appointment_move
from doorstep.cases.services import case_open, record_on_case
from doorstep.commitments.services import commitment_claim_done, commitment_make
from doorstep.complaints.projections import complaint_project
from doorstep.complaints.services import complaint_receive
from doorstep.portal.services import portal_account_open, portal_invite
from doorstep.properties.services import property_create
from doorstep.residents.services import (
    household_create,
    household_member_add,
    person_create,
    tenancy_start,
    third_party_authorise,
)
from doorstep.staff.services import roles_sync
from doorstep.timeline.when import When

PASSWORD = "portal-journey-password"
RESIDENT = "amira@example.org"
WORKER = "jo@support.example.org"


def _account(household, person, at) -> None:
    key = portal_invite(actor=None, household=household, person=person, link=str, at=at)
    portal_account_open(key=key, password=PASSWORD, at=at)


def main() -> None:
    roles_sync()
    now = timezone.now()
    month_ago = now - dt.timedelta(days=30)
    today = timezone.localdate()
    block = property_create(kind="block", address_line_1="Elm Court", created_at=month_ago)
    flats = [
        property_create(
            kind="flat", address_line_1=f"{n} Elm Court", part_of=block, created_at=month_ago
        )
        for n in (1, 2)
    ]
    households = []
    for n, flat in enumerate(flats):
        household = household_create(actor=None, property=flat, at=month_ago)
        tenant = person_create(
            full_name=("Amira Khan", "Ben Other")[n],
            at=month_ago,
            email=(RESIDENT, "ben@example.org")[n],
        )
        household_member_add(
            actor=None, household=household, person=tenant, relationship="tenant", at=month_ago
        )
        tenancy_start(actor=None, household=household, tenants=[tenant], at=month_ago)
        households.append((household, tenant))
    (home, amira), (other, _) = households

    repair = case_open(
        actor=None, case_type="repair", title="Leaking tap", household=home, at=month_ago
    )
    promise = commitment_make(
        actor=None,
        case=repair,
        action="Replace the kitchen tap",
        due=When.on(today + dt.timedelta(days=10)),
        at=month_ago,
        job="JOB-PORTAL-1",
    )
    commitment_claim_done(actor=None, commitment=promise, claimed_by="contractor", at=now)

    hazard = case_open(
        actor=None, case_type="hazard", title="Damp in the hall", household=home, at=month_ago
    )
    visit = appointment_book(
        actor=None,
        case=hazard,
        date=today + dt.timedelta(days=7),
        at=now,
        purpose="inspection",
    )
    moved_to = today + dt.timedelta(days=14)
    appointment_move(
        actor=None,
        appointment=visit,
        date=moved_to,
        by="landlord",
        resident_informed=True,
        informed_how="doorstep",
        notify_to=RESIDENT,
        reason="The surveyor is unwell",
        at=now,
    )

    complaint = complaint_receive(
        actor=None,
        text="Nobody came back to me about the tap.",
        household=home,
        occurred=When.at(month_ago),
        at=month_ago,
    ).case
    record_on_case(
        case=complaint,
        kind="complaint.response",
        data={"stage": 1, "outcome": "not_upheld", "text": "We did come back to you."},
        actor=None,
        at=month_ago + dt.timedelta(days=5),
        occurred=When.at(month_ago + dt.timedelta(days=5)),
    )
    complaint_project(complaint)

    theirs = case_open(
        actor=None, case_type="repair", title="Their boiler", household=other, at=month_ago
    )

    worker = person_create(full_name="Jo Support", at=month_ago, email=WORKER)
    third_party_authorise(
        actor=None,
        household=home,
        third_party=worker,
        consent_given_by=amira,
        relationship="support worker",
        scope=["repairs"],
        at=month_ago,
    )
    _account(home, amira, now)
    _account(home, worker, now)
    print(
        json.dumps(
            {
                "repair": repair.reference,
                "hazard": hazard.reference,
                "complaint": complaint.reference,
                "theirs": theirs.reference,
                "moved_to": moved_to.isoformat(),
            }
        )
    )


def answer(reference: str) -> None:
    """The landlord's stage 1 response to a complaint, now (what a complaints officer sends
    through the staff's pages, `tests_browser/test_complaints.py`), so the resident may then
    take it to stage 2."""
    from doorstep.cases.models import Case

    case = Case.objects.get(reference=reference)
    record_on_case(
        case=case,
        kind="complaint.response",
        data={"stage": 1, "outcome": "partly_upheld", "text": "We are sorry; we will call."},
        actor=None,
        at=timezone.now(),
    )
    complaint_project(case)

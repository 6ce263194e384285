"""The demo landlord: a small estate, its households, and a few cases in progress.

Everything is written through the same services staff use, so the demo's timeline is a real
record (hash-chained, verifiable). Dates are set relative to `today` so clocks look live.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from doorstep.appointments.services import appointment_attend, appointment_book, appointment_move
from doorstep.asb.services import asb_act, asb_assess, asb_open, asb_report, asb_review
from doorstep.cases.models import Case
from doorstep.cases.services import case_assign, case_link, case_open, note_add
from doorstep.complaints.services import (
    complaint_acknowledge,
    complaint_assign,
    complaint_receive,
)
from doorstep.contacts.services import case_open_from_contact, contact_record
from doorstep.documents.services import document_add
from doorstep.hazards.services import hazard_assess, hazard_report
from doorstep.inspections.services import inspection_record
from doorstep.moves.services import move_evidence_request, move_request
from doorstep.policy.services import policy_override_record
from doorstep.portal.services import portal_account_open, portal_invite
from doorstep.properties.models import Property
from doorstep.properties.services import property_create
from doorstep.remedies.services import Part, compensation_offer
from doorstep.repairs.services import ItemIn, job_raise
from doorstep.residents.models import Household
from doorstep.residents.services import (
    adjustment_record,
    contact_preference_set,
    household_create,
    household_member_add,
    person_create,
    tenancy_start,
    third_party_authorise,
)
from doorstep.responses.services import response_draft_save, response_send
from doorstep.staff.models import Contractor, Team, User
from doorstep.staff.roles import Role
from doorstep.staff.services import roles_sync, staff_create
from doorstep.timeline.when import When
from doorstep.vulnerabilities.services import vulnerability_record
from doorstep.workdays.calendar import calendar_for

DEMO_PASSWORD = "doorstep-demo"
# The demo's resident, who signs in to the residents' portal (/portal/sign-in/).
RESIDENT_EMAIL = "aisha.khan@demo.invalid"

LOGINS: list[tuple[str, Role, str, str]] = [
    ("officer", Role.HOUSING_OFFICER, "Hannah", "Okafor"),
    ("repairs", Role.REPAIRS_COORDINATOR, "Ravi", "Patel"),
    ("complaints", Role.COMPLAINTS_OFFICER, "Claire", "Morgan"),
    ("asb", Role.ASB_OFFICER, "Adam", "Shaw"),
    ("manager", Role.MANAGER, "Maya", "Lewis"),
    ("auditor", Role.AUDITOR, "Ola", "Investigator"),
    ("contractor", Role.CONTRACTOR, "Carl", "Builder"),
]

# A one-page PDF a viewer opens: "Damp survey" in Helvetica.
SURVEY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 88>>stream\nBT /F1 18 Tf 72 760 Td (Damp survey: 2 Elm Court) Tj 0 -30 Td"
    b" (Cause: failed pointing) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Demo:
    households: list[Household]
    logins: list[tuple[str, str]]


def _moment(today: dt.date, days_ago: int, hour: int = 10) -> dt.datetime:
    from doorstep.timeline.when import LONDON

    return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour), tzinfo=LONDON)


def _staff(contractor: Contractor, teams: dict[str, Team]) -> dict[str, User]:
    team_of = {
        "officer": "housing",
        "repairs": "repairs",
        "complaints": "complaints",
        "asb": "asb",
        "manager": "housing",
    }
    users = {}
    for username, role, first, last in LOGINS:
        extra: dict[str, object] = {"team": teams.get(team_of.get(username, ""))}
        if role is Role.CONTRACTOR:
            extra = {"contractor": contractor}
        users[username] = staff_create(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.invalid",
            **extra,
        )
    return users


def _estate(at: dt.datetime) -> tuple[Property, Property, list[Property], list[Property]]:
    estate = property_create(
        kind="estate",
        name="Elm Estate",
        address_line_1="Elm Estate",
        town="Birmingham",
        created_at=at,
    )
    court = property_create(
        kind="block",
        name="Elm Court",
        address_line_1="Elm Court",
        town="Birmingham",
        postcode="B15 2AA",
        part_of=estate,
        created_at=at,
        uprn=100070500001,
    )
    property_create(
        kind="communal_area",
        address_line_1="Elm Court main entrance",
        town="Birmingham",
        postcode="B15 2AA",
        part_of=court,
        created_at=at,
    )
    flats = [
        property_create(
            kind="flat",
            address_line_1=f"{n} Elm Court",
            town="Birmingham",
            postcode="B15 2AA",
            part_of=court,
            bedrooms=1 + n % 3,
            created_at=at,
            uprn=100070500001 + n,
            aliases={"housing-system": f"ELM-{n:03d}"},
        )
        for n in range(1, 7)
    ]
    houses = [
        property_create(
            kind="house",
            address_line_1=f"{n} Ash Grove",
            town="Birmingham",
            postcode="B15 2AB",
            part_of=estate,
            bedrooms=3,
            created_at=at,
            aliases={"housing-system": f"ASH-{n:03d}"},
        )
        for n in (2, 4, 6)
    ]
    return estate, court, flats, houses


def _household(
    home: Property,
    names: list[tuple[str, str]],
    at: dt.datetime,
    actor: User,
    email: str = "",
) -> Household:
    """A household of these people; the first (the tenant) with `email` where given."""
    household = household_create(actor=actor, property=home, at=at)
    people = []
    for n, (name, relationship) in enumerate(names):
        contact = {"email": email} if email and n == 0 else {}
        person = person_create(full_name=name, at=at, phone="07700 900000", **contact)
        household_member_add(
            actor=actor, household=household, person=person, relationship=relationship, at=at
        )
        people.append(person)
    tenancy_start(
        actor=actor,
        household=household,
        tenants=people[:1],
        at=at,
        tenure="assured",
        start=at.date() - dt.timedelta(days=900),
        rent_weekly=Decimal("108.25"),
    )
    return household


def _resident_account(household: Household, officer: User, at: dt.datetime) -> None:
    """Aisha Khan's account on the residents' portal: invited by her officer, opened with the
    demo password (the invitation's link is in the outbox, unused)."""
    tenant = household.members.get(relationship="tenant").person
    key = portal_invite(
        actor=officer,
        household=household,
        person=tenant,
        link=lambda token: f"/portal/invitation/{token}/",
        at=at,
    )
    portal_account_open(key=key, password=DEMO_PASSWORD, at=at)


@transaction.atomic
def _appointments(today: dt.date, case: Case, contractor: Contractor, repairs: User) -> None:
    """The repointing job on the damp case: a visit booked, moved by the landlord (the resident
    told by phone), attended but left part-done (scaffold needed), and the next visit booked."""
    raised = _moment(today, 25)
    job = job_raise(
        actor=repairs,
        case=case,
        items=[
            ItemIn(description="Mould wash: bathroom and nursery", element="bathroom ceiling"),
            ItemIn(description="Rake out and repoint the rear wall", element="rear wall pointing"),
        ],
        priority="urgent",
        trade="damp_mould",
        contractor=contractor,
        estimated_minutes=360,
        target=None,
        at=raised,
    )
    first = appointment_book(
        actor=repairs,
        case=case,
        job=job.reference,
        date=today - dt.timedelta(days=20),
        slot="am",
        at=raised,
    )
    appointment_move(
        actor=repairs,
        appointment=first,
        date=today - dt.timedelta(days=18),
        slot="all_day",
        by="landlord",
        resident_informed=True,
        informed_how="phone",
        reason="The operative was needed at an emergency",
        at=_moment(today, 21),
    )
    appointment_attend(
        actor=repairs,
        appointment=first,
        outcome="partial",
        reason="Mould wash done; the rear wall needs a scaffold before it can be repointed",
        at=_moment(today, 18, hour=15),
    )
    appointment_book(
        actor=repairs,
        case=case,
        job=job.reference,
        items=["2"],
        date=today + dt.timedelta(days=7),
        slot="all_day",
        at=_moment(today, 18, hour=16),
    )


@transaction.atomic
def _repeat(today: dt.date, case: Case, repairs: User) -> Case:
    """A week ago the rear wall was raised again, as a new repair case, while the damp case's
    repointing was still not done: the new case's page proposes linking it as a repeat."""
    raised = _moment(today, 7)
    again = case_open(
        actor=repairs,
        case_type="repair",
        title="Rear wall letting water in (reported by the neighbour)",
        household=case.household,
        at=raised,
    )
    job_raise(
        actor=repairs,
        case=again,
        items=[ItemIn(description="Repoint the rear wall", element="Rear wall pointing")],
        priority="routine",
        trade="brickwork",
        contractor=None,
        estimated_minutes=240,
        target=None,
        at=raised,
    )
    return again


def load_demo(*, today: dt.date) -> Demo:
    """Load the demo landlord. `today` anchors every date so a demo always looks current."""
    roles_sync()
    setup = _moment(today, 400)
    teams = {
        slug: Team.objects.create(slug=slug, name=name)
        for slug, name in [
            ("housing", "Neighbourhood housing"),
            ("repairs", "Repairs"),
            ("complaints", "Complaints"),
            ("asb", "Community safety (ASB)"),
        ]
    }
    contractor = Contractor.objects.create(name="Midland Building Services")
    users = _staff(contractor, teams)
    officer = users["officer"]
    _, court, flats, houses = _estate(setup)

    khan = _household(
        flats[1],
        [("Aisha Khan", "tenant"), ("Zain Khan", "child")],
        setup,
        officer,
        email=RESIDENT_EMAIL,
    )
    contact_preference_set(
        actor=officer,
        household=khan,
        person=khan.members.get(relationship="tenant").person,
        channel="text",
        at=setup,
    )
    others = [
        _household(flats[0], [("Brian Walsh", "tenant")], setup, officer),
        _household(
            flats[2], [("Grace Adeyemi", "tenant"), ("Tunde Adeyemi", "partner")], setup, officer
        ),
        _household(flats[3], [("Marek Nowak", "tenant")], setup, officer),
        _household(
            houses[0], [("Siobhan Kelly", "tenant"), ("Liam Kelly", "child")], setup, officer
        ),
    ]
    aisha = khan.members.get(relationship="tenant").person

    # Damp and mould reported by phone; the contact opens a hazard case in one step.
    reported = _moment(today, 30)
    call = contact_record(
        actor=officer,
        household=khan,
        direction="in",
        channel="phone",
        party="Aisha Khan",
        occurred=When.at(reported),
        at=reported,
        text="Black mould is back on the bathroom ceiling and spreading to "
        "the baby's room. I am 7 months pregnant.",
    )
    hazard = case_open_from_contact(
        actor=officer,
        contact=call,
        case_type="hazard",
        title="Damp and mould: bathroom and nursery",
        at=reported,
    )
    case_assign(
        actor=officer,
        case=hazard,
        team=teams["repairs"],
        officer=users["repairs"],
        contractor=contractor,
        at=reported,
    )
    vulnerability_record(
        actor=officer,
        household=khan,
        person=aisha,
        category="pregnancy",
        source="self",
        learned=When.at(reported),
        at=reported,
        consent_to_record=True,
        detail="Due in about eight weeks",
        review_on=today + dt.timedelta(days=90),
        disclosure=call,
    )
    mould = hazard_report(
        actor=officer,
        household=khan,
        case=hazard,
        hazard="damp_mould",
        location="Bathroom ceiling and nursery",
        description="Black mould back on the bathroom ceiling, spreading to the baby's room.",
        occurred=When.at(reported),
        at=reported,
        channel="phone",
    )
    surveyed = _moment(today, 26)
    survey = document_add(
        actor=users["repairs"],
        content=SURVEY_PDF,
        original_name="survey.pdf",
        doc_type="survey_report",
        title="Damp survey, 2 Elm Court",
        at=surveyed,
        case=hazard,
        dated=surveyed.date(),
    )
    note_add(
        actor=users["repairs"],
        case=hazard,
        at=surveyed,
        text="Surveyor found failed pointing on the rear wall; mould wash and repointing "
        "recommended.",
    )
    inspection_record(
        actor=users["repairs"],
        case=hazard,
        kind="survey",
        by="Midland Building Services (surveyor)",
        done_on=surveyed.date(),
        findings="Mould on the bathroom ceiling and the nursery's outside wall; walls wet at "
        "low level.",
        cause="Failed pointing on the rear wall",
        recommends=["Mould wash and stain block", "Repoint the rear wall"],
        report=survey,
        at=surveyed,
    )
    hazard_assess(
        actor=users["repairs"],
        hazard=mould,
        severity="significant",
        cause="Failed pointing on the rear wall; a pregnant resident and a nursery",
        at=surveyed,
    )
    # The contractor's visit to wash the mould: its report never came back (a gap).
    visited = _moment(today, 20)
    inspection_record(
        actor=users["repairs"],
        case=hazard,
        kind="inspection",
        by="Midland Building Services",
        done_on=visited.date(),
        findings="Bathroom ceiling washed; nursery not accessed.",
        at=visited,
    )
    _appointments(today, hazard, contractor, users["repairs"])
    _repeat(today, hazard, users["repairs"])

    # She then complains that nothing has happened.
    complained = _moment(today, 12)
    letter = contact_record(
        actor=officer,
        household=khan,
        direction="in",
        channel="email",
        party="Aisha Khan",
        occurred=When.at(complained),
        at=complained,
        text="I am unhappy that two weeks after the survey nobody has "
        "come to do the work. I want to make a complaint.",
    )
    # Recorded as a complaint in one step from her email, acknowledged the next day by the
    # complaints officer, who is named as its officer.
    received = complaint_receive(
        actor=users["complaints"],
        from_contact=letter,
        text="",
        at=complained,
        title="Delay to damp and mould works",
    )
    complaint = received.case
    acknowledged = _moment(today, 11)
    received = complaint_acknowledge(
        actor=users["complaints"], complaint=received, stage=1, at=acknowledged
    )
    complaint_assign(
        actor=users["manager"], complaint=received, officer=users["complaints"], at=acknowledged
    )
    case_link(
        actor=users["complaints"],
        case=complaint,
        other=hazard,
        reason="Complaint about the handling of this hazard",
        at=complained,
    )
    _complaint_answered(today, complaint, users)

    # Support worker authorised; reasonable adjustment recorded for a neighbour.
    grace = others[1].members.get(relationship="tenant").person
    worker = person_create(
        full_name="Jo Patel", organisation="Community mental health team", at=setup
    )
    third_party_authorise(
        actor=officer,
        household=others[1],
        third_party=worker,
        consent_given_by=grace,
        relationship="support worker",
        scope=["repairs", "moves"],
        at=_moment(today, 200),
    )
    vulnerability_record(
        actor=officer,
        household=others[1],
        person=grace,
        category="mental_health",
        source="third_party",
        source_detail="support worker",
        learned=When.on(today - dt.timedelta(days=200)),
        at=_moment(today, 199),
        consent_to_record=True,
        detail="Anxiety and depression; prefers written contact",
    )
    adjustment_record(
        actor=officer,
        household=others[1],
        person=grace,
        kind="call_times",
        detail="Mornings only",
        at=_moment(today, 199),
    )

    # A communal repair on the block: visible to every household in Elm Court.
    door_reported = _moment(today, 3)
    door = case_open(
        actor=users["repairs"],
        case_type="repair",
        property=court,
        title="Main entrance door does not lock",
        at=door_reported,
        owner_team=teams["repairs"],
    )
    case_assign(actor=users["repairs"], case=door, contractor=contractor, at=door_reported)
    _asb_cases(today, users, others)
    _complaint_due_tomorrow(today, others[-1], users)
    _move_waiting_on_evidence(today, others[1], users)
    _permissions(today, others, users)
    _resident_account(khan, officer, _moment(today, 1))
    return Demo(
        households=[khan, *others],
        logins=[(username, role.value) for username, role, _, _ in LOGINS],
    )


def _complaint_answered(today: dt.date, complaint: Case, users: dict[str, User]) -> None:
    """The stage 1 response, drafted and sent by post three days ago: upheld, with a promise to
    finish the damp works and £100 offered for the delay, inside the landlord's band (its
    compensation policy is set for the demo: the Ombudsman's remedies guidance as the
    landlord's own bands)."""
    officer = users["complaints"]
    setup = _moment(today, 400)
    for name, low, high, examples in (
        ("minor_failure", 50, 100, "A short delay; a missed call back"),
        ("service_failure", 100, 600, "A repair late by weeks; an appointment missed"),
        ("severe_failure", 600, 1000, "Months of failure to act on a hazard"),
    ):
        policy_override_record(
            actor=users["manager"],
            key=f"compensation.band.{name}",
            value={"min": low, "max": high, "examples": examples},
            source="Demo landlord's compensation policy (2024)",
            at=setup,
            effective_from=None,
        )
    sent = _moment(today, 3)
    due = (today + dt.timedelta(days=21)).isoformat()
    response_draft_save(
        actor=officer,
        case=complaint,
        stage=1,
        at=sent,
        understood=(
            "You are unhappy that two weeks after the survey nobody had come to do the damp "
            "and mould works."
        ),
        points=[
            {
                "point": "Nobody came to do the works after the survey",
                "decision": "upheld",
                "reasons": "The job was raised but the first visit was moved without telling you.",
            }
        ],
        outcome="upheld",
        remedy="We will finish the works, and we offer £100 for the delay.",
        commitments=[{"action": "Finish the mould wash and fit the new extractor fan", "due": due}],
        posted=True,
    )
    response_send(actor=officer, case=complaint, stage=1, at=sent)
    compensation_offer(
        actor=officer,
        case=complaint,
        parts=[
            Part(
                amount=Decimal("100"),
                for_="The visit moved without telling you, and the delay to the works",
                band="service_failure",
            )
        ],
        at=sent,
    )


LETTER_TXT = (
    b"Community mental health team\n\nTo the housing officer,\n\nGrace Adeyemi has anxiety and "
    b"depression. The shouting and threats on her landing since the summer have made both much "
    b"worse: she no longer leaves the flat alone. We support her request to move.\n\nJo Patel, "
    b"support worker\n"
)


def _complaint_due_tomorrow(today: dt.date, household: Household, users: dict[str, User]) -> None:
    """A complaint by phone not yet acknowledged, received on the day that makes its
    acknowledgement (five working days) due on the next working day: in the work queue as
    "due in 1 working day", and what `doorstep worker` reminds its officer of."""
    calendar = calendar_for("england")
    due = calendar.next_working_day(today)
    received = due
    while calendar.add_working_days(received, 5) > due:
        received -= dt.timedelta(days=1)
    days_ago = (today - received).days
    complaint = complaint_receive(
        actor=users["complaints"],
        household=household,
        text="The caretaker was rude to me when I asked about the broken lift.",
        occurred=When.on(received),
        at=_moment(today, days_ago, hour=14),
        title="Caretaker's manner",
    )
    complaint_assign(
        actor=users["manager"],
        complaint=complaint,
        officer=users["complaints"],
        at=_moment(today, days_ago, hour=15),
    )


def _move_waiting_on_evidence(today: dt.date, household: Household, users: dict[str, User]) -> None:
    """Grace Adeyemi asks to move because of intimidation on her landing, which is harming her
    mental health. The officer asks her authorised support worker for medical evidence; the
    support worker's letter arrives and is added to the household's record, but nobody records
    it against the request, which stalls waiting for it (Bromford 202109189). The moves list
    and the case page flag it: "Evidence may already be on record"."""
    officer = users["officer"]
    grace = household.members.get(relationship="tenant").person
    worker = household.third_parties.get().third_party
    asked = _moment(today, 40)
    call = contact_record(
        actor=officer,
        household=household,
        direction="in",
        channel="phone",
        party="Grace Adeyemi",
        occurred=When.at(asked),
        at=asked,
        text="The man across the landing shouts and threatens me whenever I go out. My anxiety "
        "is so bad I cannot leave the flat alone. Please move me.",
    )
    move = move_request(
        actor=officer,
        from_contact=call,
        reason="",
        grounds=["asb", "medical", "support_worker"],
        at=asked,
        title="Request to move: intimidation on the landing",
    )
    move_evidence_request(
        actor=officer,
        move=move,
        what="A letter from her mental health team on how the intimidation affects her",
        to=worker,
        types=["medical_evidence"],
        at=_moment(today, 38),
    )
    # Doorstep's own members on `document.added`: who sent it, and that their word counts.
    sender: dict[str, Any] = {"from": worker.reference, "from_authorised": True}
    document_add(
        actor=officer,
        content=LETTER_TXT,
        original_name="cmht-letter.txt",
        doc_type="medical_evidence",
        title=f"Letter from {worker.full_name}, community mental health team, about "
        f"{grace.full_name}",
        at=_moment(today, 30),
        household=household,
        about=sender,
    )


def _permissions(today: dt.date, others: list[Household], users: dict[str, User]) -> None:
    """Marek Nowak keeps a dog with the landlord's permission, on conditions (so a neighbour's
    report about it can be checked); the Kellys have asked to make an alteration, not yet
    decided."""
    from doorstep.permits.services import (
        AlterationIn,
        PetIn,
        permission_decide,
        permission_request,
    )

    officer = users["officer"]
    asked = _moment(today, 90)
    dog = permission_request(
        actor=officer,
        household=others[2],
        subject="pet",
        detail="I would like to keep my late father's dog, a small Staffordshire terrier.",
        pet=PetIn("dog", 1, "Staffordshire terrier, brindle, called Bruno"),
        channel="phone",
        occurred=When.at(asked),
        at=asked,
    )
    decided = _moment(today, 84)
    permission_decide(
        actor=officer,
        permit=dog,
        outcome="granted_with_conditions",
        conditions=[
            "The dog is kept on a lead in the communal areas",
            "Any fouling is cleared up at once",
            "The dog is not left alone in the flat for long periods",
        ],
        review_on=today + dt.timedelta(days=281),
        occurred=When.at(decided),
        at=decided,
    )
    shower = _moment(today, 6)
    permission_request(
        actor=officer,
        household=others[3],
        subject="alteration",
        detail="Please may we take out the bath and fit a walk-in shower? Our son uses a "
        "wheelchair and the bath is no longer safe.",
        alteration=AlterationIn("Replace the bath with a level-access shower", "Bathroom"),
        channel="email",
        occurred=When.at(shower),
        at=shower,
    )


def _asb_cases(today: dt.date, users: dict[str, User], others: list[Household]) -> None:
    """Two ASB cases. Grace Adeyemi (anxiety on the register) reported drug dealing yesterday
    and asked that nothing identifying her be done for five days: the case is open, her risk
    assessed high, the delay in force. Siobhan Kelly has reported noise from next door three
    times in two months: the ASB case review threshold is met and she has not yet been told."""
    officer = users["asb"]
    grace_home, kelly_home = others[1], others[3]
    grace = grace_home.members.get(relationship="tenant").person
    reported = _moment(today, 1, hour=18)
    drugs = asb_report(
        actor=officer,
        household=grace_home,
        reporter=grace,
        category="drugs",
        text="Men dealing from flat 4 every evening; one of them followed me up the stairs and "
        "said he knows where I live. Please wait a few days so they do not know it was me.",
        alleged_perpetrator="Visitors to flat 4",
        location="Stairwell and landing, Elm Court",
        communal=True,
        police_involved=False,
        delay_days=5,
        occurred=When.at(reported),
        at=reported,
    )
    drugs = asb_open(actor=officer, asb=drugs, at=_moment(today, 0, hour=9))
    case_assign(
        actor=users["manager"],
        case=drugs.case,
        team=officer.team,
        officer=officer,
        at=_moment(today, 0, hour=9),
    )
    asb_assess(
        actor=officer,
        asb=drugs,
        answers={
            "vulnerability": "significant",
            "repeat_victimisation": "repeated",
            "impact": "severe",
            "hate_motivated": "no",
        },
        at=_moment(today, 0, hour=9),
    )
    siobhan = kelly_home.members.get(relationship="tenant").person
    noise = None
    for days_ago, words in (
        (55, "Loud music next door until 3am on Saturday."),
        (30, "Shouting and banging through the wall most of the night."),
        (6, "Music again until 4am; my son could not sleep before his exams."),
    ):
        moment = _moment(today, days_ago, hour=9)
        noise = asb_report(
            actor=officer,
            household=kelly_home,
            case=noise.case if noise else None,
            reporter=siobhan,
            category="noise",
            text=words,
            alleged_perpetrator="The neighbours at 2 Elm Road",
            police_involved=None,
            occurred=When.at(moment),
            at=moment,
        )
        if days_ago == 55:
            noise = asb_open(actor=officer, asb=noise, at=_moment(today, 54))
            noise = asb_assess(
                actor=officer,
                asb=noise,
                answers={
                    "vulnerability": "none",
                    "repeat_victimisation": "repeated",
                    "impact": "moderate",
                    "hate_motivated": "no",
                },
                at=_moment(today, 54),
            )
        if days_ago == 30:
            noise = asb_act(
                actor=officer,
                asb=noise,
                type="letter",
                against="The neighbours at 2 Elm Road",
                details="Wrote about the noise and the tenancy conditions on nuisance.",
                next_step="Call Ms Kelly to ask whether it has stopped",
                next_step_due=When.on(today - dt.timedelta(days=16)),
                at=_moment(today, 29),
            )
            noise = asb_review(
                actor=officer,
                asb=noise,
                summary="Letter sent to the neighbours; Ms Kelly says the noise goes on.",
                answers={
                    "vulnerability": "none",
                    "repeat_victimisation": "persistent",
                    "impact": "moderate",
                    "hate_motivated": "no",
                },
                reporter_updated="phone",
                at=_moment(today, 26),
            )
            # Assigned to the officer, as each ASB case is: the worker's reminders go to them.
            case_assign(
                actor=users["manager"],
                case=noise.case,
                team=officer.team,
                officer=officer,
                at=_moment(today, 26, hour=11),
            )

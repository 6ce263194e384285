"""A small record for the staff UI's tests and the browser journey, made through the services
as a real landlord's would be.

An estate with a block of two flats. The Okafor household in flat 1 has a tenancy, a contact
preference, a reasonable adjustment, a recorded pregnancy (special category detail), an
authorised support worker, a contact, a repair case assigned to a contractor with a note and a
document on it, and shares the block's communal door-entry case with flat 2. Flat 2's own
repair belongs to a second contractor. One staff login per role, all with `PASSWORD`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from doorstep.cases.models import Case
from doorstep.cases.services import case_assign, case_open, note_add
from doorstep.contacts.services import contact_record
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.properties.models import Property
from doorstep.properties.services import property_create
from doorstep.residents.models import Household, Person
from doorstep.residents.services import (
    adjustment_record,
    contact_preference_set,
    household_create,
    household_member_add,
    person_create,
    tenancy_start,
    third_party_authorise,
)
from doorstep.staff.models import Contractor, User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.timeline.models import Event
from doorstep.timeline.when import When
from doorstep.vulnerabilities.services import vulnerability_record

PASSWORD = "correct-horse-battery-staple"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PREGNANCY_DETAIL = "Due in September; told to avoid lifting"
ADJUSTMENT_DETAIL = "Sight loss in one eye"
USERNAMES = {
    Role.HOUSING_OFFICER: "officer",
    Role.REPAIRS_COORDINATOR: "repairs",
    Role.COMPLAINTS_OFFICER: "complaints",
    Role.ASB_OFFICER: "asb",
    Role.MANAGER: "manager",
    Role.AUDITOR: "auditor",
    Role.CONTRACTOR: "contractor",
}


@dataclass
class World:
    block: Property
    flat: Property
    neighbours_flat: Property
    household: Household
    neighbours: Household
    tenant: Person
    case: Case
    communal: Case
    other_firms_case: Case
    contact: Event
    document: Document
    users: dict[Role, User]


def _place(at: dt.datetime) -> tuple[Property, Property, Property]:
    estate = property_create(
        kind="estate",
        address_line_1="Elm Estate",
        name="Elm Estate",
        town="Birmingham",
        created_at=at,
    )
    block = property_create(
        kind="block",
        address_line_1="Elm Court",
        name="Elm Court",
        town="Birmingham",
        postcode="B12 9QT",
        part_of=estate,
        created_at=at,
    )
    flat = property_create(
        kind="flat",
        address_line_1="1 Elm Court",
        town="Birmingham",
        postcode="B12 9QT",
        uprn=100070512345,
        part_of=block,
        created_at=at,
        aliases={"housing-system": "HS-0042"},
    )
    other = property_create(
        kind="flat",
        address_line_1="2 Elm Court",
        town="Birmingham",
        postcode="B12 9QT",
        part_of=block,
        created_at=at,
    )
    return block, flat, other


def _staff(firm: Contractor) -> dict[Role, User]:
    users = {}
    for role, username in USERNAMES.items():
        extra = {"contractor": firm} if role is Role.CONTRACTOR else {}
        users[role] = staff_create(
            username=username,
            password=PASSWORD,
            role=role,
            first_name=username.title(),
            last_name="Example",
            **extra,
        )
    return users


def build_world(*, at: dt.datetime) -> World:
    """Make the record. `at` is when it was all recorded (events may be dated earlier)."""
    firm, other_firm = (Contractor.objects.create(name=n) for n in ("Fixit Ltd", "Other Firm Ltd"))
    users = _staff(firm)
    officer = users[Role.HOUSING_OFFICER]
    block, flat, other_flat = _place(at)
    household = household_create(actor=officer, property=flat, at=at)
    tenant = person_create(full_name="Grace Okafor", at=at, phone="07700 900123")
    child = person_create(full_name="Tobi Okafor", at=at)
    household_member_add(
        actor=officer, household=household, person=tenant, relationship="tenant", at=at
    )
    household_member_add(
        actor=officer, household=household, person=child, relationship="child", at=at
    )
    tenancy_start(
        actor=officer,
        household=household,
        tenants=[tenant],
        at=at,
        tenure="assured",
        start=dt.date(2018, 4, 30),
        rent_weekly=Decimal("108.25"),
    )
    contact_preference_set(
        actor=officer,
        household=household,
        person=tenant,
        channel="text",
        at=at,
        notes="Not before 10am",
    )
    adjustment_record(
        actor=officer,
        household=household,
        person=tenant,
        kind="large_print",
        detail=ADJUSTMENT_DETAIL,
        at=at,
    )
    vulnerability_record(
        actor=officer,
        household=household,
        person=tenant,
        category="pregnancy",
        source="self",
        learned=When.parse("2024-05"),
        at=at,
        consent_to_record=True,
        detail=PREGNANCY_DETAIL,
    )
    support = person_create(
        full_name="Sam Reid", organisation="Community mental health team", at=at
    )
    third_party_authorise(
        actor=officer,
        household=household,
        third_party=support,
        consent_given_by=tenant,
        relationship="support worker",
        scope=["repairs", "complaints"],
        at=at,
    )
    contact = contact_record(
        actor=officer,
        household=household,
        direction="in",
        channel="phone",
        party="Grace Okafor",
        text="Black mould is back on the bathroom ceiling.",
        occurred=When.parse("2024-06-01"),
        at=at,
    )
    case = case_open(
        actor=officer, case_type="repair", title="Kitchen tap leaking", household=household, at=at
    )
    case_assign(actor=officer, case=case, contractor=firm, officer=officer, at=at)
    note_add(actor=officer, case=case, text="Called Ms Okafor; the tap drips constantly.", at=at)
    document = document_add(
        actor=officer,
        content=PDF,
        original_name="tap-photo-report.pdf",
        doc_type="inspection_report",
        title="Tap inspection",
        at=at,
        case=case,
    )
    communal = case_open(
        actor=officer, case_type="repair", title="Door entry system broken", property=block, at=at
    )
    neighbours = household_create(actor=officer, property=other_flat, at=at)
    other_case = case_open(
        actor=officer, case_type="repair", title="Broken window", household=neighbours, at=at
    )
    case_assign(actor=officer, case=other_case, contractor=other_firm, at=at)
    return World(
        block=block,
        flat=flat,
        neighbours_flat=other_flat,
        household=household,
        neighbours=neighbours,
        tenant=tenant,
        case=case,
        communal=communal,
        other_firms_case=other_case,
        contact=contact,
        document=document,
        users=users,
    )

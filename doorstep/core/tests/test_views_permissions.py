"""The permission matrix: every role against every page and form.

Each page names the permissions it needs (from `staff/roles.py`); a role holding all of them
gets the page (200) or its form's redirect (302), any other role gets 403, and a stranger is
sent to sign in. The world's repair case is assigned to the contractor's firm, so the
contractor's answers here are for its own case; another firm's case is a 404 (see
cases/tests/test_views.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from doorstep.staff.roles import ROLE_PERMISSIONS, Role
from doorstep.tests_browser.world import World, build_world
from doorstep.timeline.when import LONDON


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[World], str]
    permissions: tuple[str, ...]
    post: Callable[[World], dict[str, Any]] | None = None
    # What a role holding the permissions gets, where not the page (200) or its form's
    # redirect (302): a page needing something the world does not have is a 404 past the check.
    allowed_status: int | None = None

    def request(self, client: Any, world: World) -> Any:
        if self.post is None:
            return client.get(self.url(world))
        return client.post(self.url(world), self.post(world))


PAGES = [
    Page("home", lambda w: reverse("core:home") + "?q=Elm", ()),
    Page(
        "household",
        lambda w: reverse("contacts:household", args=[w.household.reference]),
        ("residents.view_household",),
    ),
    Page("case", lambda w: reverse("cases:case", args=[w.case.reference]), ("cases.view_case",)),
    Page(
        "property",
        lambda w: reverse("property:detail", args=[w.block.reference]),
        ("properties.view_property",),
    ),
    Page(
        "add note",
        lambda w: reverse("cases:add-note", args=[w.case.reference]),
        ("cases.view_case", "timeline.add_event"),
        post=lambda w: {"text": "Visited; no answer.", "supersedes": ""},
    ),
    Page(
        "add contact",
        lambda w: reverse("contacts:add", args=[w.household.reference]),
        ("residents.view_household", "timeline.add_event"),
    ),
    Page(
        "open case from contact",
        lambda w: reverse("contacts:open-case", args=[w.household.reference, w.contact.uid]),
        ("residents.view_household", "cases.add_case"),
    ),
    Page(
        "invite to the residents' portal",
        lambda w: reverse("portal:invite", args=[w.household.reference]),
        ("residents.view_household", "portal.invite_portalaccount"),
    ),
    Page(
        "add vulnerability",
        lambda w: reverse("vulnerabilities:add", args=[w.household.reference]),
        ("residents.view_household", "vulnerabilities.add_vulnerability"),
    ),
    Page(
        "add document to household",
        lambda w: reverse("documents:add-to-household", args=[w.household.reference]),
        ("residents.view_household", "documents.add_document"),
    ),
    Page(
        "add document to case",
        lambda w: reverse("documents:add-to-case", args=[w.case.reference]),
        ("cases.view_case", "documents.add_document"),
    ),
    Page(
        "download document",
        lambda w: reverse("documents:download", args=[w.document.reference]),
        ("documents.view_document",),
    ),
    Page(
        "policy",
        lambda w: reverse("policy:page") + "?on=2024-04-01",
        ("policy.view_policyoverride",),
    ),
    Page(
        "record policy override",
        lambda w: reverse("policy:add-override"),
        ("policy.view_policyoverride", "policy.add_policyoverride"),
        post=lambda w: {
            "key": "repairs.routine.working_days",
            "value": "15",
            "effective_from_day": "1",
            "effective_from_month": "4",
            "effective_from_year": "2025",
            "source": "Repairs policy 2025, para 4",
        },
    ),
    Page("work queue", lambda w: reverse("deadlines:queue"), ("cases.view_case",)),
    Page(
        "what the ombudsman would find",
        lambda w: reverse("lens:portfolio") + "?as_of=2024-06-03&include_resolved=on",
        ("lens.view_portfolio",),
    ),
    Page(
        "findings as csv",
        lambda w: reverse("lens:portfolio") + "?as_of=2024-06-03&format=csv",
        ("lens.view_portfolio",),
    ),
    Page("reports", lambda w: reverse("reports:index"), ("reports.view_reports",)),
    Page(
        "tenant satisfaction measures",
        lambda w: reverse("reports:tsm", args=[2024]),
        ("reports.view_reports",),
    ),
    Page(
        "tenant satisfaction measures as csv",
        lambda w: reverse("reports:tsm", args=[2024]) + "?format=csv",
        ("reports.view_reports",),
    ),
    Page(
        "the cases behind a measure",
        lambda w: reverse("reports:cases", args=[2024, "ch01-1"]),
        ("reports.view_reports",),
    ),
    Page(
        "commitments",
        lambda w: reverse("commitments:list") + "?as_of=2024-06-03",
        ("commitments.view_commitment",),
    ),
    Page(
        "new commitment",
        lambda w: reverse("commitments:new", args=[w.case.reference]),
        ("cases.view_case", "commitments.add_commitment"),
    ),
    Page(
        "record commitment",
        lambda w: reverse("commitments:new", args=[w.case.reference]),
        ("cases.view_case", "commitments.add_commitment"),
        post=lambda w: {"action": "Replace the tap", "due_month": "7", "due_year": "2099"},
    ),
    Page("two-factor sign-in", lambda w: reverse("staff:two-factor"), ()),
    Page(
        # With no app set up, the code's page sends one to set it up.
        "two-factor code",
        lambda w: reverse("staff:two-factor-code"),
        (),
        allowed_status=302,
    ),
    Page(
        "access log",
        lambda w: reverse("audit:access-log"),
        ("vulnerabilities.view_specialcategoryaccess", "audit.view_accessrefusal"),
    ),
    Page(
        "commitment",
        lambda w: reverse("commitments:commitment", args=[_commitment()]),
        ("commitments.view_commitment",),
    ),
    Page(
        "claim commitment done",
        lambda w: reverse("commitments:claim", args=[_commitment()]),
        ("commitments.view_commitment", "commitments.claim_commitment"),
        post=lambda w: {"claimed_by": "contractor"},
    ),
    Page(
        "verify commitment",
        lambda w: reverse("commitments:verify", args=[_commitment()]),
        ("commitments.view_commitment", "commitments.change_commitment"),
        post=lambda w: {
            "method": "resident_confirmed",
            "result": "confirmed",
            "evidence": "Ms Okafor confirms the tap was replaced",
        },
    ),
    Page(
        "drop commitment",
        lambda w: reverse("commitments:drop", args=[_commitment()]),
        ("commitments.view_commitment", "commitments.drop_commitment"),
        post=lambda w: {"reason": "Superseded by the decant"},
    ),
    Page(
        "case clocks as JSON",
        lambda w: reverse("deadlines:case-replay", args=[w.case.reference]),
        ("cases.view_case",),
    ),
    Page(
        # Needs a proposal to link a report to earlier ones (repeats/tests/test_live.py); the
        # world's case has none, so past the check it is a 404.
        "decide on a repeat report",
        lambda w: reverse("repeats:decide", args=[w.case.reference]) + "?event=e1",
        ("cases.view_case", "cases.change_case"),
        allowed_status=404,
    ),
    Page(
        "compensation request",
        lambda w: reverse("remedies:request", args=[w.case.reference]),
        ("cases.view_case", "remedies.view_compensation", "remedies.request_compensation"),
    ),
    Page(
        "record compensation request",
        lambda w: reverse("remedies:request", args=[w.case.reference]),
        ("cases.view_case", "remedies.view_compensation", "remedies.request_compensation"),
        post=lambda w: {"text": "I want compensation for the wait", "amount": "200"},
    ),
    Page(
        "compensation offer",
        lambda w: reverse("remedies:offer", args=[w.case.reference]),
        ("cases.view_case", "remedies.view_compensation", "remedies.offer_compensation"),
    ),
    Page(
        "make compensation offer",
        lambda w: reverse("remedies:offer", args=[w.case.reference]),
        ("cases.view_case", "remedies.view_compensation", "remedies.offer_compensation"),
        post=lambda w: {
            "part_1_amount": "50",
            "part_1_for": "Not returning calls",
            "part_1_kind": "compensation",
            "method": "direct",
        },
    ),
    Page(
        "withdraw compensation offer",
        lambda w: reverse("remedies:withdraw", args=[w.case.reference]),
        ("cases.view_case", "remedies.view_compensation", "remedies.offer_compensation"),
    ),
    Page(
        "compensation payment",
        lambda w: reverse("remedies:payment", args=[w.case.reference]),
        ("cases.view_case", "remedies.view_compensation", "remedies.pay_compensation"),
    ),
    Page(
        "draft complaint response",
        lambda w: reverse("responses:draft", args=[_complaint(), 1]),
        ("cases.view_case", "responses.change_responsedraft"),
    ),
    Page(
        "save complaint response draft",
        lambda w: reverse("responses:draft", args=[_complaint(), 1]),
        ("cases.view_case", "responses.change_responsedraft"),
        post=lambda w: {
            "understood": "Slow repairs",
            "escalation": "Ask us to escalate to stage 2.",
            "posted": "on",
            **{
                f"{p}-{n}": "0"
                for p in ("points", "commitments", "claims")
                for n in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    ),
    Page(
        "preview complaint response",
        lambda w: reverse("responses:preview", args=[_complaint(), 1]),
        ("cases.view_case", "responses.view_responsedraft"),
    ),
    Page(
        "send complaint response",
        lambda w: reverse("responses:send", args=[_complaint(), 1]),
        ("cases.view_case", "responses.send_response"),
        post=lambda w: {},
    ),
]

COMPLAINT = "Repairs too slow"


def _complaint() -> str:
    """The world's complaint case (`world` below): received, with a stage 1 draft to send."""
    from doorstep.cases.models import Case

    return Case.objects.get(title=COMPLAINT).reference


PROMISE = "Replace the tap washer"


def _commitment() -> int:
    """The world's promise on its repair case (`world` below), owed."""
    from doorstep.commitments.models import Commitment

    return Commitment.objects.get(action=PROMISE).pk


def _promise(world: World, at: Any) -> None:
    from doorstep.commitments.services import commitment_make
    from doorstep.timeline.when import When

    commitment_make(
        actor=world.users[Role.HOUSING_OFFICER],
        case=world.case,
        action=PROMISE,
        due=When.parse("2099-07-01"),
        at=at,
        job="J1",  # works a contractor may claim done
    )


def _complaint_with_draft(world: World, at: Any) -> None:
    from doorstep.responses.services import response_draft_save
    from doorstep.testing.complaint_cases import complaint_case

    case = complaint_case(household=world.household, at=at, title=COMPLAINT)
    response_draft_save(
        actor=None,
        case=case,
        stage=1,
        at=at,
        understood="The repairs were too slow",
        points=[{"point": "Slow", "decision": "upheld", "reasons": "Six weeks"}],
        outcome="upheld",
        remedy="Finish the repair",
        commitments=[{"action": "Finish the repair", "due": "2099-07-01"}],
        posted=True,
    )


# The world is built once per module (per test worker), inside a transaction rolled back when
# the module's tests are done; each test runs in a savepoint of it, rolled back after the test
# (as Django's `TestCase.setUpTestData` does). Building it for each of the matrix's hundreds of
# tests was most of the suite's time. Its documents live in one folder for the module.
AT = dt.datetime(2024, 6, 3, 10, 30, tzinfo=LONDON)


@pytest.fixture(scope="module")
def _documents_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(autouse=True)
def _documents_root(settings, _documents_folder):
    """The module's documents folder for every test (the root conftest's per-test folder would
    not hold the world's documents)."""
    settings.DOCUMENTS_ROOT = _documents_folder


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker, _documents_folder):
    with django_db_blocker.unblock(), override_settings(DOCUMENTS_ROOT=_documents_folder):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world(at=AT)
            _complaint_with_draft(world, AT)
            _promise(world, AT)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_world_once, db, at):
    assert at == AT
    return _world_once


def allowed(role: Role, page: Page) -> bool:
    return all(perm in ROLE_PERMISSIONS[role] for perm in page.permissions)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_permission_matrix(client, world, role, page):
    client.force_login(world.users[role])
    response = page.request(client, world)
    if allowed(role, page):
        assert response.status_code == (page.allowed_status or (302 if page.post else 200))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in(client, world, page):
    response = page.request(client, world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_the_matrix_says_what_the_roles_table_means():
    """A few cells spelled out, so a change to the roles table is noticed here too."""
    by_name = {p.name: p for p in PAGES}
    assert not allowed(Role.AUDITOR, by_name["add note"])
    assert not allowed(Role.CONTRACTOR, by_name["household"])
    assert allowed(Role.CONTRACTOR, by_name["add note"])
    assert allowed(Role.REPAIRS_COORDINATOR, by_name["add vulnerability"])
    assert not allowed(Role.AUDITOR, by_name["open case from contact"])


def test_every_role_but_the_contractor_reads_the_policy_and_only_a_manager_sets_it():
    by_name = {p.name: p for p in PAGES}
    readers = {role for role in Role if allowed(role, by_name["policy"])}
    assert readers == set(Role) - {Role.CONTRACTOR}
    setters = {role for role in Role if allowed(role, by_name["record policy override"])}
    assert setters == {Role.MANAGER}


def test_every_role_sees_the_commitments_and_only_the_landlords_staff_record_them():
    by_name = {p.name: p for p in PAGES}
    assert {role for role in Role if allowed(role, by_name["commitments"])} == set(Role)
    recorders = {role for role in Role if allowed(role, by_name["record commitment"])}
    assert recorders == set(Role) - {Role.AUDITOR, Role.CONTRACTOR}


def test_every_role_but_the_contractor_reads_the_lens_across_its_cases():
    by_name = {p.name: p for p in PAGES}
    readers = {role for role in Role if allowed(role, by_name["what the ombudsman would find"])}
    assert readers == set(Role) - {Role.CONTRACTOR}


def test_only_a_manager_and_an_auditor_read_the_reports():
    by_name = {p.name: p for p in PAGES}
    readers = {role for role in Role if allowed(role, by_name["tenant satisfaction measures"])}
    assert readers == {Role.MANAGER, Role.AUDITOR}


# --- repairs ---------------------------------------------------------------------------------
# The world's repair case (assigned to the contractor's firm) gets a job for that firm, so the
# contractor's answers are for its own job; another firm's job is a 404
# (repairs/tests/test_views.py).


@dataclass(frozen=True)
class RepairsWorld:
    world: World
    job: Any


REPORT_FORM = {
    "location": "Kitchen",
    "description": "The cold tap drips",
    "priority": "routine",
    "occurred_day": "3",
    "occurred_month": "6",
    "occurred_year": "2024",
}
REPAIR_PAGES = [
    Page(
        "report a repair",
        lambda r: reverse("repairs:report", args=[r.world.household.reference]),
        ("residents.view_household", "repairs.report_repair"),
    ),
    Page(
        "report a repair (send)",
        lambda r: reverse("repairs:report", args=[r.world.household.reference]),
        ("residents.view_household", "repairs.report_repair"),
        post=lambda r: REPORT_FORM,
    ),
    Page(
        "report a communal repair",
        lambda r: reverse("repairs:report-communal", args=[r.world.block.reference]),
        ("properties.view_property", "repairs.report_repair"),
    ),
    Page(
        "repair page",
        lambda r: reverse("repairs:case", args=[r.world.case.reference]),
        ("cases.view_case",),
    ),
    Page(
        "raise a job",
        lambda r: reverse("repairs:raise-job", args=[r.world.case.reference]),
        ("cases.view_case", "repairs.add_job"),
    ),
    Page(
        "raise a job (send)",
        lambda r: reverse("repairs:raise-job", args=[r.world.case.reference]),
        ("cases.view_case", "repairs.add_job"),
        post=lambda r: {
            "item_1_description": "Replace the washer",
            "priority": "routine",
            "trade": "plumbing",
            "purpose": "repair",
        },
    ),
    Page("job", lambda r: reverse("repairs:job", args=[r.job.reference]), ("repairs.view_job",)),
]


@pytest.fixture
def repairs_world(world, at):
    from doorstep.repairs.services import ItemIn, job_raise

    job = job_raise(
        actor=world.users[Role.REPAIRS_COORDINATOR],
        case=world.case,
        items=[ItemIn(description="Replace the tap washer")],
        priority="routine",
        trade="plumbing",
        contractor=world.case.contractor,
        estimated_minutes=30,
        target=None,
        at=at,
    )
    return RepairsWorld(world, job)


@pytest.mark.parametrize("page", REPAIR_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_repairs_permission_matrix(client, repairs_world, role, page):
    client.force_login(repairs_world.world.users[role])
    response = page.request(client, repairs_world)
    if allowed(role, page):
        assert response.status_code == (302 if page.post else 200)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", REPAIR_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_repair_pages(client, repairs_world, page):
    response = page.request(client, repairs_world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_repairs_are_reported_by_officers_and_coordinators_and_contractors_see_their_jobs():
    by_name = {p.name: p for p in REPAIR_PAGES}
    reporters = {role for role in Role if allowed(role, by_name["report a repair"])}
    assert reporters == {Role.HOUSING_OFFICER, Role.REPAIRS_COORDINATOR}
    raisers = {role for role in Role if allowed(role, by_name["raise a job"])}
    assert raisers == {Role.HOUSING_OFFICER, Role.REPAIRS_COORDINATOR}
    assert allowed(Role.CONTRACTOR, by_name["job"])
    assert not allowed(Role.CONTRACTOR, by_name["raise a job"])


# --- hazards and inspections -----------------------------------------------------------------
# A damp and mould case on the world's household, and an inspection without its report on the
# world's repair case (the contractor's firm's, so the contractor's answers are for its own).


@dataclass(frozen=True)
class HazardsWorld:
    world: World
    hazard: Any
    inspection: Any


def _hazard_url(name: str) -> Callable[[HazardsWorld], str]:
    return lambda h: reverse(name, args=[h.hazard.case.reference, h.hazard.pk])


HAZARD_CHANGE = ("cases.view_case", "hazards.change_hazard")
HAZARD_PAGES = [
    Page(
        "report a hazard",
        lambda h: reverse("hazards:report", args=[h.world.household.reference]),
        ("residents.view_household", "hazards.report_hazard"),
    ),
    Page(
        "report a hazard (send)",
        lambda h: reverse("hazards:report", args=[h.world.household.reference]),
        ("residents.view_household", "hazards.report_hazard"),
        post=lambda h: {
            "hazard": "excess_cold",
            "location": "Back bedroom",
            "description": "No heating",
            "occurred_day": "3",
            "occurred_month": "6",
            "occurred_year": "2024",
        },
    ),
    Page("assess a hazard", _hazard_url("hazards:assess"), HAZARD_CHANGE),
    Page(
        "assess a hazard (send)",
        _hazard_url("hazards:assess"),
        HAZARD_CHANGE,
        post=lambda h: {"severity": "significant", "cause": "Condensation"},
    ),
    Page("hazard made safe", _hazard_url("hazards:made-safe"), HAZARD_CHANGE),
    Page(
        "written summary",
        _hazard_url("hazards:summary"),
        (*HAZARD_CHANGE, "documents.add_document"),
    ),
    Page("decant considered", _hazard_url("hazards:decant-consider"), HAZARD_CHANGE),
    Page(
        "decant considered (send)",
        _hazard_url("hazards:decant-consider"),
        HAZARD_CHANGE,
        post=lambda h: {"decision": "not_needed", "reason": "Works room by room"},
    ),
    Page("decant started", _hazard_url("hazards:decant-start"), HAZARD_CHANGE),
    Page("decant ended", _hazard_url("hazards:decant-end"), HAZARD_CHANGE),
    Page(
        "record an inspection",
        lambda h: reverse("inspections:record", args=[h.world.case.reference]),
        ("cases.view_case", "inspections.add_inspection"),
    ),
    Page(
        "record an inspection (send)",
        lambda h: reverse("inspections:record", args=[h.world.case.reference]),
        ("cases.view_case", "inspections.add_inspection"),
        post=lambda h: {
            "kind": "inspection",
            "by": "Fixit Ltd",
            "done_on_day": "3",
            "done_on_month": "6",
            "done_on_year": "2024",
            "findings": "Tap washer worn",
        },
    ),
    Page(
        "attach an inspection report",
        lambda h: reverse(
            "inspections:attach-report", args=[h.world.case.reference, h.inspection.reference]
        ),
        ("cases.view_case", "inspections.change_inspection", "documents.add_document"),
    ),
]


@pytest.fixture
def hazards_world(world, at):
    from doorstep.hazards.services import hazard_report
    from doorstep.inspections.services import inspection_record
    from doorstep.timeline.when import When

    hazard = hazard_report(
        actor=None,
        household=world.household,
        hazard="damp_mould",
        location="Bathroom ceiling",
        description="Black mould",
        occurred=When.at(at),
        at=at,
    )
    inspection = inspection_record(
        actor=None,
        case=world.case,
        kind="inspection",
        by="Fixit Ltd",
        done_on=at.date(),
        findings="Tap washer worn",
        at=at,
    )
    return HazardsWorld(world, hazard, inspection)


@pytest.mark.parametrize("page", HAZARD_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_hazards_permission_matrix(client, hazards_world, role, page):
    client.force_login(hazards_world.world.users[role])
    response = page.request(client, hazards_world)
    if allowed(role, page):
        assert response.status_code == (302 if page.post else 200)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", HAZARD_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_hazard_pages(client, hazards_world, page):
    response = page.request(client, hazards_world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_hazards_are_reported_and_assessed_by_officers_and_coordinators():
    by_name = {p.name: p for p in HAZARD_PAGES}
    writers = {Role.HOUSING_OFFICER, Role.REPAIRS_COORDINATOR}
    assert {role for role in Role if allowed(role, by_name["report a hazard"])} == writers
    assert {role for role in Role if allowed(role, by_name["assess a hazard"])} == writers
    inspectors = {role for role in Role if allowed(role, by_name["record an inspection"])}
    assert inspectors == writers | {Role.CONTRACTOR}


# --- appointments ----------------------------------------------------------------------------
# The world's repair case gets a job for the contractor's firm and an appointment for it (on
# the day of the world), so the contractor's answers are for its own firm's appointment.


@dataclass(frozen=True)
class AppointmentsWorld:
    world: World
    appointment: Any


APPOINTMENT_PAGES = [
    Page(
        "book an appointment",
        lambda a: reverse("appointments:book", args=[a.world.case.reference]),
        ("cases.view_case", "appointments.view_appointment", "appointments.add_appointment"),
    ),
    Page(
        "book an appointment (send)",
        lambda a: reverse("appointments:book", args=[a.world.case.reference]),
        ("cases.view_case", "appointments.view_appointment", "appointments.add_appointment"),
        post=lambda a: {
            "purpose": "inspection",
            "slot": "all_day",
            "date_day": "1",
            "date_month": "6",
            "date_year": "2099",
        },
    ),
    Page(
        "move an appointment",
        lambda a: reverse("appointments:move", args=[a.appointment.reference]),
        ("appointments.view_appointment", "appointments.change_appointment"),
    ),
    Page(
        "cancel an appointment",
        lambda a: reverse("appointments:cancel", args=[a.appointment.reference]),
        ("appointments.view_appointment", "appointments.change_appointment"),
    ),
    Page(
        "record attendance",
        lambda a: reverse("appointments:attend", args=[a.appointment.reference]),
        ("appointments.view_appointment", "appointments.attend_appointment"),
    ),
    Page(
        "record attendance (send)",
        lambda a: reverse("appointments:attend", args=[a.appointment.reference]),
        ("appointments.view_appointment", "appointments.attend_appointment"),
        post=lambda a: {"outcome": "no_access", "reason": "Nobody in"},
    ),
    Page(
        "record missed",
        lambda a: reverse("appointments:miss", args=[a.appointment.reference]),
        ("appointments.view_appointment", "appointments.attend_appointment"),
    ),
]


@pytest.fixture
def appointments_world(repairs_world, at):
    from doorstep.appointments.services import appointment_book

    appointment = appointment_book(
        actor=repairs_world.world.users[Role.REPAIRS_COORDINATOR],
        case=repairs_world.world.case,
        job=repairs_world.job.reference,
        date=at.date(),
        at=at,
    )
    return AppointmentsWorld(repairs_world.world, appointment)


@pytest.mark.parametrize("page", APPOINTMENT_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_appointments_permission_matrix(client, appointments_world, role, page):
    client.force_login(appointments_world.world.users[role])
    response = page.request(client, appointments_world)
    if allowed(role, page):
        assert response.status_code == (302 if page.post else 200)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", APPOINTMENT_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_appointment_pages(client, appointments_world, page):
    response = page.request(client, appointments_world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_officers_and_coordinators_book_and_contractors_record_their_own_visits():
    by_name = {p.name: p for p in APPOINTMENT_PAGES}
    bookers = {role for role in Role if allowed(role, by_name["book an appointment"])}
    assert bookers == {Role.HOUSING_OFFICER, Role.REPAIRS_COORDINATOR}
    movers = {role for role in Role if allowed(role, by_name["move an appointment"])}
    assert movers == {Role.HOUSING_OFFICER, Role.REPAIRS_COORDINATOR}
    recorders = {role for role in Role if allowed(role, by_name["record attendance"])}
    assert recorders == {Role.HOUSING_OFFICER, Role.REPAIRS_COORDINATOR, Role.CONTRACTOR}


# --- complaints ------------------------------------------------------------------------------
# A complaint received from the world's household: anyone but the contractor reads the list;
# every officer records a complaint (or a service request); the complaints officer and the
# manager handle it.


@dataclass(frozen=True)
class ComplaintsWorld:
    world: World
    complaint: Any


def _complaint_url(name: str) -> Callable[[ComplaintsWorld], str]:
    return lambda c: reverse(name, args=[c.complaint.case.reference])


COMPLAINT_HANDLE = ("cases.view_case", "complaints.handle_complaint")
COMPLAINT_RECEIVE = ("residents.view_household", "complaints.receive_complaint")
COMPLAINT_PAGES = [
    Page(
        "complaints",
        lambda c: reverse("complaints:list") + "?stage=1",
        ("complaints.view_complaint",),
    ),
    Page(
        "record a complaint",
        lambda c: reverse("complaints:receive", args=[c.world.household.reference]),
        COMPLAINT_RECEIVE,
    ),
    Page(
        "record a complaint (send)",
        lambda c: reverse("complaints:receive", args=[c.world.household.reference]),
        COMPLAINT_RECEIVE,
        post=lambda c: {
            "classification": "complaint",
            "from_contact": "",
            "text": "The letter you sent me was rude.",
            "channel": "letter",
        },
    ),
    Page("acknowledge a complaint", _complaint_url("complaints:acknowledge"), COMPLAINT_HANDLE),
    Page(
        "acknowledge a complaint (send)",
        _complaint_url("complaints:acknowledge"),
        COMPLAINT_HANDLE,
        post=lambda c: {},
    ),
    Page("extend a complaint", _complaint_url("complaints:extend"), COMPLAINT_HANDLE),
    Page("escalate a complaint", _complaint_url("complaints:escalate"), COMPLAINT_HANDLE),
    Page("refuse a complaint", _complaint_url("complaints:refuse"), COMPLAINT_HANDLE),
    Page(
        "refuse a complaint (send)",
        _complaint_url("complaints:refuse"),
        COMPLAINT_HANDLE,
        post=lambda c: {"reason_code": "legal_proceedings", "ombudsman_informed": "on"},
    ),
    Page("name the complaints officer", _complaint_url("complaints:assign"), COMPLAINT_HANDLE),
]


@pytest.fixture
def complaints_world(world, at):
    from doorstep.complaints.services import complaint_receive

    complaint = complaint_receive(
        actor=None, household=world.household, text="Nobody came.", channel="phone", at=at
    )
    return ComplaintsWorld(world, complaint)


@pytest.mark.parametrize("page", COMPLAINT_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_complaints_permission_matrix(client, complaints_world, role, page):
    client.force_login(complaints_world.world.users[role])
    response = page.request(client, complaints_world)
    if allowed(role, page):
        assert response.status_code == (302 if page.post else 200), response.content[:3000]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", COMPLAINT_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_complaint_pages(client, complaints_world, page):
    response = page.request(client, complaints_world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_every_officer_records_complaints_and_complaints_staff_handle_them():
    by_name = {p.name: p for p in COMPLAINT_PAGES}
    receivers = set(Role) - {Role.AUDITOR, Role.CONTRACTOR}
    assert {role for role in Role if allowed(role, by_name["record a complaint"])} == receivers
    handlers = {Role.COMPLAINTS_OFFICER, Role.MANAGER}
    assert {role for role in Role if allowed(role, by_name["acknowledge a complaint"])} == handlers
    readers = set(Role) - {Role.CONTRACTOR}
    assert {role for role in Role if allowed(role, by_name["complaints"])} == readers


# --- the Ombudsman and learning --------------------------------------------------------------
# The world's household gets a complaint (upheld at stage 1, with a change learned from it),
# referred to the Ombudsman: a request for evidence (ER1) and a determination with one order.


@dataclass(frozen=True)
class OmbudsmanWorld:
    world: World
    case: Any
    complaint: Any
    upheld: Any
    order: str
    learning: Any


OMBUDSMAN_CHANGE = ("cases.view_case", "ombudsman.change_referral")


def _omb_url(name: str, *extra: Callable[[OmbudsmanWorld], str]) -> Callable[[OmbudsmanWorld], str]:
    return lambda o: reverse(name, args=[o.case.reference, *(e(o) for e in extra)])


OMBUDSMAN_PAGES = [
    Page("ombudsman referrals", lambda o: reverse("ombudsman:list"), ("ombudsman.view_referral",)),
    Page(
        "refer to the ombudsman",
        lambda o: reverse("ombudsman:refer", args=[o.world.household.reference]),
        ("residents.view_household", "ombudsman.add_referral"),
    ),
    Page(
        "record an ombudsman intervention",
        _omb_url("ombudsman:intervene"),
        OMBUDSMAN_CHANGE,
        post=lambda o: {"text": "Respond within 5 working days"},
    ),
    Page("record a request for evidence", _omb_url("ombudsman:evidence-request"), OMBUDSMAN_CHANGE),
    Page(
        "record evidence sent",
        _omb_url("ombudsman:evidence-sent", lambda o: "ER1"),
        (*OMBUDSMAN_CHANGE, "documents.add_document"),
    ),
    Page(
        "record the determination",
        _omb_url("ombudsman:determination"),
        ("cases.view_case", "ombudsman.record_determination"),
    ),
    Page(
        "record an order complied with",
        _omb_url("ombudsman:comply", lambda o: o.order),
        (*OMBUDSMAN_CHANGE, "documents.add_document"),
    ),
    Page("learning", lambda o: reverse("learning:list"), ("learning.view_learning",)),
    Page(
        "record learning",
        lambda o: reverse("learning:record", args=[o.complaint.reference, o.upheld.uid]),
        ("cases.view_case", "learning.add_learning"),
    ),
    Page(
        "record learning done",
        lambda o: reverse("learning:done", args=[o.learning.ref]),
        ("learning.change_learning",),
        post=lambda o: {"evidence": "Guidance issued"},
    ),
]


@pytest.fixture
def ombudsman_world(world, at):
    from doorstep.cases.services import case_open, record_on_case
    from doorstep.learning.services import learning_record
    from doorstep.ombudsman.services import (
        FindingIn,
        OrderIn,
        determination_record,
        evidence_request,
        ombudsman_refer,
    )
    from doorstep.timeline.when import When

    manager = world.users[Role.MANAGER]
    complaint = case_open(
        actor=manager, case_type="complaint", title="Slow repairs", household=world.household, at=at
    )
    upheld = record_on_case(
        case=complaint,
        kind="complaint.response",
        data={"stage": 1, "outcome": "upheld", "text": "Sorry."},
        actor=manager,
        at=at,
    )
    learned = learning_record(
        actor=manager,
        case=complaint,
        source=upheld,
        change="Call back within a day",
        owner=manager,
        due=When.parse("2099-06"),
        at=at,
    )
    case = ombudsman_refer(
        actor=manager,
        household=world.household,
        complaints=[complaint],
        ombudsman_ref="202400001",
        text="",
        at=at,
    )
    evidence_request(
        actor=manager, case=case, items=["Repairs log"], due=When.parse("2099-01-31"), at=at
    )
    found = determination_record(
        actor=manager,
        case=case,
        occurred=When.on(at.date()),
        findings=[FindingIn("repairs", "maladministration")],
        orders=[OrderIn("Pay £300", manager, period="4_weeks")],
        at=at,
    )
    order = found.data["orders"][0]["commitment"]
    return OmbudsmanWorld(world, case, complaint, upheld, order, learned)


@pytest.mark.parametrize("page", OMBUDSMAN_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_ombudsman_permission_matrix(client, ombudsman_world, role, page):
    client.force_login(ombudsman_world.world.users[role])
    response = page.request(client, ombudsman_world)
    if allowed(role, page):
        assert response.status_code == (302 if page.post else 200)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", OMBUDSMAN_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_ombudsman_pages(client, ombudsman_world, page):
    response = page.request(client, ombudsman_world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_complaints_officers_and_managers_record_the_ombudsman_and_everyone_reads_it():
    by_name = {p.name: p for p in OMBUDSMAN_PAGES}
    recorders = {Role.COMPLAINTS_OFFICER, Role.MANAGER}
    assert {r for r in Role if allowed(r, by_name["record the determination"])} == recorders
    assert {r for r in Role if allowed(r, by_name["record learning"])} == recorders
    readers = {r for r in Role if allowed(r, by_name["ombudsman referrals"])}
    assert readers == set(Role) - {Role.CONTRACTOR}
    done = {r for r in Role if allowed(r, by_name["record learning done"])}
    assert done == set(Role) - {Role.CONTRACTOR, Role.AUDITOR}


# --- management moves ------------------------------------------------------------------------
# A request to move from the world's household: anyone but the contractor reads moves; housing
# officers and managers record and handle one; deciding (and referring to the panel) is the
# manager's.


@dataclass(frozen=True)
class MovesWorld:
    world: World
    move: Any


def _move_url(name: str) -> Callable[[MovesWorld], str]:
    return lambda m: reverse(name, args=[m.move.case.reference])


MOVE_REQUEST = ("residents.view_household", "moves.request_move")
MOVE_HANDLE = ("cases.view_case", "moves.handle_move")
MOVE_DECIDE = ("cases.view_case", "moves.decide_move")
MOVE_PAGES = [
    Page("moves", lambda m: reverse("moves:list"), ("moves.view_moverequest",)),
    Page(
        "move case page",
        lambda m: reverse("cases:case", args=[m.move.case.reference]),
        ("cases.view_case",),
    ),
    Page(
        "record a request to move",
        lambda m: reverse("moves:request", args=[m.world.household.reference]),
        MOVE_REQUEST,
    ),
    Page("ask for evidence", _move_url("moves:ask"), MOVE_HANDLE),
    Page(
        "ask for evidence (send)",
        _move_url("moves:ask"),
        MOVE_HANDLE,
        post=lambda m: {"what": "A letter from her GP", "to": "", "to_name": "Dr Shah"},
    ),
    Page("record evidence received", _move_url("moves:receive"), MOVE_HANDLE),
    Page("offer other routes", _move_url("moves:routes"), MOVE_HANDLE),
    Page(
        "offer other routes (send)",
        _move_url("moves:routes"),
        MOVE_HANDLE,
        post=lambda m: {"routes": ["mutual_exchange"], "support": "Registered on HomeSwapper."},
    ),
    Page("refer a move to the panel", _move_url("moves:panel"), MOVE_DECIDE),
    Page("decide a move", _move_url("moves:decide"), MOVE_DECIDE),
    Page(
        "decide a move (send)",
        _move_url("moves:decide"),
        MOVE_DECIDE,
        post=lambda m: {"outcome": "declined", "reason": "No risk to the household shown."},
    ),
]


@pytest.fixture
def moves_world(world, at):
    from doorstep.moves.services import move_request

    move = move_request(
        actor=None, household=world.household, reason="Scared.", grounds=["asb"], at=at
    )
    return MovesWorld(world, move)


@pytest.mark.parametrize("page", MOVE_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_moves_permission_matrix(client, moves_world, role, page):
    client.force_login(moves_world.world.users[role])
    response = page.request(client, moves_world)
    if page.name == "move case page" and role == Role.CONTRACTOR:
        assert response.status_code == 404  # not the contractor's case
    elif allowed(role, page):
        assert response.status_code == (302 if page.post else 200), response.content[:3000]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", MOVE_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_move_pages(client, moves_world, page):
    response = page.request(client, moves_world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_officers_and_managers_handle_moves_and_managers_decide_them():
    by_name = {p.name: p for p in MOVE_PAGES}
    handlers = {Role.HOUSING_OFFICER, Role.MANAGER}
    assert {role for role in Role if allowed(role, by_name["record a request to move"])} == handlers
    assert {role for role in Role if allowed(role, by_name["ask for evidence"])} == handlers
    assert {role for role in Role if allowed(role, by_name["decide a move"])} == {Role.MANAGER}
    readers = set(Role) - {Role.CONTRACTOR}
    assert {role for role in Role if allowed(role, by_name["moves"])} == readers


# --- permissions (pets, alterations) ---------------------------------------------------------
# The world's household asked to keep a dog (waiting for a decision) and a cat (granted with a
# condition): everyone who reads the record reads permissions and checks a pet; housing officers
# and managers record requests, decide and withdraw; a contractor never sees them.


@dataclass(frozen=True)
class PermitsWorld:
    world: World
    pending: Any
    granted: Any


PERMIT_DECIDE = ("cases.view_case", "permits.decide_permit")
PERMIT_REQUEST = ("residents.view_household", "permits.request_permit")
PERMIT_PAGES = [
    Page("permissions", lambda p: reverse("permits:list"), ("permits.view_tenancypermission",)),
    Page(
        "check a pet permission",
        lambda p: reverse("permits:check") + f"?household={p.world.household.reference}",
        ("permits.view_tenancypermission", "residents.view_household"),
    ),
    Page(
        "ask for permission",
        lambda p: reverse("permits:request", args=[p.world.household.reference]),
        PERMIT_REQUEST,
    ),
    Page(
        "ask for permission (send)",
        lambda p: reverse("permits:request", args=[p.world.household.reference]),
        PERMIT_REQUEST,
        post=lambda p: {
            "subject": "other",
            "detail": "May I put up a satellite dish?",
            "channel": "phone",
        },
    ),
    Page(
        "decide a permission",
        lambda p: reverse("permits:decide", args=[p.pending.case.reference]),
        PERMIT_DECIDE,
    ),
    Page(
        "decide a permission (send)",
        lambda p: reverse("permits:decide", args=[p.pending.case.reference]),
        PERMIT_DECIDE,
        post=lambda p: {"outcome": "granted_with_conditions", "conditions": "On a lead"},
    ),
    Page(
        "withdraw a permission",
        lambda p: reverse("permits:withdraw", args=[p.granted.case.reference]),
        PERMIT_DECIDE,
    ),
    Page(
        "withdraw a permission (send)",
        lambda p: reverse("permits:withdraw", args=[p.granted.case.reference]),
        PERMIT_DECIDE,
        post=lambda p: {"reason": "Kept loose in the communal areas"},
    ),
]


@pytest.fixture
def permits_world(world, at):
    from doorstep.permits.services import PetIn, permission_decide, permission_request

    def ask(species: str) -> Any:
        return permission_request(
            actor=None,
            household=world.household,
            subject="pet",
            detail=f"May I keep a {species}?",
            pet=PetIn(species, 1),
            at=at,
        )

    pending, cat = ask("dog"), ask("cat")
    granted = permission_decide(
        actor=None, permit=cat, outcome="granted_with_conditions", conditions=["Indoors"], at=at
    )
    return PermitsWorld(world, pending, granted)


@pytest.mark.parametrize("page", PERMIT_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_permits_permission_matrix(client, permits_world, role, page):
    client.force_login(permits_world.world.users[role])
    response = page.request(client, permits_world)
    if allowed(role, page):
        assert response.status_code == (302 if page.post else 200), response.content[:3000]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", PERMIT_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_permission_pages(client, permits_world, page):
    response = page.request(client, permits_world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_housing_officers_and_managers_decide_permissions_and_all_but_contractors_read_them():
    by_name = {p.name: p for p in PERMIT_PAGES}
    deciders = {Role.HOUSING_OFFICER, Role.MANAGER}
    assert {r for r in Role if allowed(r, by_name["decide a permission"])} == deciders
    assert {r for r in Role if allowed(r, by_name["ask for permission"])} == deciders
    readers = {r for r in Role if allowed(r, by_name["permissions"])}
    assert readers == set(Role) - {Role.CONTRACTOR}
    assert not allowed(Role.CONTRACTOR, by_name["check a pet permission"])


# --- anti-social behaviour -------------------------------------------------------------------
# An ASB report from the world's tenant, not yet decided, and another opened as a case: everyone
# reading the record reads ASB cases, but not the contractor; the ASB officer, the housing
# officer and the manager report ASB and work the cases; only the manager may act inside the
# reporter's delay (`asb.override_delay`, checked by the service: see asb/tests).


@dataclass(frozen=True)
class AsbWorld:
    world: World
    reported: Any
    opened: Any


def _asb_url(name: str, which: str = "reported") -> Callable[[AsbWorld], str]:
    return lambda a: reverse(name, args=[getattr(a, which).case.reference])


ASB_HANDLE = ("cases.view_case", "asb.handle_asb")
ASB_REPORT = ("residents.view_household", "asb.report_asb")
ASB_PAGES = [
    Page("asb cases", lambda a: reverse("asb:list") + "?risk=high", ("asb.view_asbcase",)),
    Page("report asb start", lambda a: reverse("asb:start"), ASB_REPORT),
    Page(
        "report asb",
        lambda a: reverse("asb:report", args=[a.world.household.reference]),
        ASB_REPORT,
    ),
    Page(
        "report asb (send)",
        lambda a: reverse("asb:report", args=[a.world.household.reference]),
        ASB_REPORT,
        post=lambda a: {
            "reporter": a.world.tenant.reference,
            "category": "noise",
            "text": "Music until 3am every night.",
            "delay_days": "3",
            "channel": "phone",
        },
    ),
    Page("open an asb case", _asb_url("asb:open"), ASB_HANDLE),
    Page("open an asb case (send)", _asb_url("asb:open"), ASB_HANDLE, post=lambda a: {}),
    Page("decline an asb case", _asb_url("asb:decline"), ASB_HANDLE),
    Page(
        "decline an asb case (send)",
        _asb_url("asb:decline"),
        ASB_HANDLE,
        post=lambda a: {"reason_code": "civil_matter", "reason": "A fence dispute."},
    ),
    Page("assess asb risk", _asb_url("asb:assess"), ASB_HANDLE),
    Page(
        "assess asb risk (send)",
        _asb_url("asb:assess"),
        ASB_HANDLE,
        post=lambda a: {
            "vulnerability": "some",
            "repeat_victimisation": "first",
            "impact": "low",
            "hate_motivated": "no",
        },
    ),
    Page("record an asb action", _asb_url("asb:act", "opened"), ASB_HANDLE),
    Page(
        "record an asb action (send)",
        _asb_url("asb:act", "opened"),
        ASB_HANDLE,
        post=lambda a: {"type": "letter", "against": "Flat 2", "details": "Warning letter."},
    ),
    Page("review an asb case", _asb_url("asb:review", "opened"), ASB_HANDLE),
    Page("close an asb case", _asb_url("asb:close", "opened"), ASB_HANDLE),
    Page(
        "close an asb case (send)",
        _asb_url("asb:close", "opened"),
        ASB_HANDLE,
        post=lambda a: {"reason": "Quiet", "told": "not_told", "not_told_reason": "Moved away"},
    ),
    Page("tell of the asb case review", _asb_url("asb:case-review", "opened"), ASB_HANDLE),
]


@pytest.fixture
def asb_world(world, at):
    from doorstep.asb.services import asb_open, asb_report

    def report(text: str) -> Any:
        return asb_report(
            actor=None,
            household=world.household,
            reporter=world.tenant,
            category="drugs",
            text=text,
            delay_days=3,
            at=at,
        )

    reported = report("Dealing on the stairs.")
    opened = asb_open(actor=None, asb=report("Threats on the landing."), at=at)
    return AsbWorld(world, reported, opened)


@pytest.mark.parametrize("page", ASB_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_asb_permission_matrix(client, asb_world, role, page):
    client.force_login(asb_world.world.users[role])
    response = page.request(client, asb_world)
    if allowed(role, page):
        assert response.status_code == (302 if page.post else 200), response.content[:3000]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", ASB_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_asb_pages(client, asb_world, page):
    response = page.request(client, asb_world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_asb_officers_housing_officers_and_managers_work_asb_cases_and_only_managers_override():
    by_name = {p.name: p for p in ASB_PAGES}
    workers = {Role.ASB_OFFICER, Role.HOUSING_OFFICER, Role.MANAGER}
    assert {r for r in Role if allowed(r, by_name["report asb"])} == workers
    assert {r for r in Role if allowed(r, by_name["record an asb action"])} == workers
    assert {r for r in Role if allowed(r, by_name["asb cases"])} == set(Role) - {Role.CONTRACTOR}
    overriders = {r for r in Role if "asb.override_delay" in ROLE_PERMISSIONS[r]}
    assert overriders == {Role.MANAGER}


def test_a_contractor_never_sees_an_asb_case_even_one_given_to_its_firm(client, asb_world):
    case = asb_world.reported.case
    contractor = asb_world.world.users[Role.CONTRACTOR]
    case.contractor = contractor.contractor
    case.save(update_fields=["contractor"])
    client.force_login(contractor)
    assert client.get(reverse("cases:case", args=[case.reference])).status_code == 404


# --- evidence packs ----------------------------------------------------------------------------
# Producing a pack sends the record out of the landlord: officers who handle cases and
# complaints, managers and the auditor may; a repairs coordinator and a contractor may not. A
# pack produced answers with the zip itself (200, application/zip), not a redirect.

EVIDENCE_FORM = {"to": "Housing Ombudsman", "to_other": "", "purpose": "Evidence requested"}
EVIDENCE_PAGES = [
    Page(
        "evidence pack of a case",
        lambda w: reverse("evidence:case", args=[w.case.reference]),
        ("cases.view_case", "evidence.produce_evidence_pack"),
    ),
    Page(
        "evidence pack of a case (produce)",
        lambda w: reverse("evidence:case", args=[w.case.reference]),
        ("cases.view_case", "evidence.produce_evidence_pack"),
        post=lambda w: EVIDENCE_FORM,
    ),
    Page(
        "evidence pack of a household",
        lambda w: reverse("evidence:household", args=[w.household.reference]),
        ("residents.view_household", "evidence.produce_evidence_pack"),
    ),
    Page(
        "evidence pack of a household (produce)",
        lambda w: reverse("evidence:household", args=[w.household.reference]),
        ("residents.view_household", "evidence.produce_evidence_pack"),
        post=lambda w: EVIDENCE_FORM,
    ),
]


@pytest.mark.parametrize("page", EVIDENCE_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
def test_evidence_permission_matrix(client, world, role, page):
    client.force_login(world.users[role])
    response = page.request(client, world)
    if allowed(role, page):
        assert response.status_code == 200
        kind = "application/zip" if page.post else "text/html; charset=utf-8"
        assert response["Content-Type"] == kind
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", EVIDENCE_PAGES, ids=lambda p: p.name)
def test_a_stranger_is_sent_to_sign_in_from_the_evidence_pages(client, world, page):
    response = page.request(client, world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:sign-in") + "?next=")


def test_case_handlers_managers_and_the_auditor_produce_evidence_packs():
    producers = {role for role in Role if allowed(role, EVIDENCE_PAGES[1])}
    assert producers == {
        Role.HOUSING_OFFICER,
        Role.COMPLAINTS_OFFICER,
        Role.ASB_OFFICER,
        Role.MANAGER,
        Role.AUDITOR,
    }

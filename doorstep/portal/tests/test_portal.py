"""The residents' portal, first part: getting in (an invitation, or registering with the
tenancy reference and a code), the household boundary, and staff inviting.

What a resident sent is never trusted to say whose record it is: the account says, and every
page reads through it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from doorstep.appointments.models import OutboxMessage
from doorstep.cases.models import Case
from doorstep.core.errors import DomainError
from doorstep.portal.models import PortalAccount, PortalKey
from doorstep.portal.services import (
    CODE_TRIES,
    invitation_for,
    portal_account_open,
    portal_code_check,
    portal_code_send,
    portal_invite,
    portal_username,
)
from doorstep.residents.models import Household
from doorstep.residents.services import tenancy_start
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.testing.factories import CaseFactory, HouseholdFactory
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)
PASSWORD = "correct horse battery staple"
LINK = "https://doorstep.example/portal/invitation/{token}/"


def home(email: str = "", phone: str = "") -> tuple[Household, object]:
    household = HouseholdFactory.create()
    tenant = household.members.get().person
    tenant.email, tenant.phone = email, phone
    tenant.save()
    return household, tenant


def token_sent() -> str:
    text = OutboxMessage.objects.order_by("-pk").first().text
    return re.search(r"/portal/invitation/([^/]+)/", text).group(1)


def code_sent() -> str:
    return re.search(r"\b(\d{6})\b", OutboxMessage.objects.order_by("-pk").first().text).group(1)


def invited(household, tenant) -> PortalAccount:
    portal_invite(actor=None, household=household, person=tenant, link=_link, at=AT)
    key = invitation_for(token_sent(), at=AT)
    return portal_account_open(key=key, password=PASSWORD, at=AT)


def _link(token: str) -> str:
    return LINK.format(token=token)


# --- an invitation ------------------------------------------------------------------------------


def test_an_invitation_is_a_link_that_works_once_and_is_on_the_timeline():
    household, tenant = home(email="Amira.Khan@example.org")
    key = portal_invite(actor=None, household=household, person=tenant, link=_link, at=AT)
    message = OutboxMessage.objects.get()
    assert message.to == "Amira.Khan@example.org"
    token = token_sent()
    assert token not in key.digest  # only its digest is kept
    assert invitation_for(token, at=AT).pk == key.pk

    account = portal_account_open(key=invitation_for(token, at=AT), password=PASSWORD, at=AT)
    assert account.household == household and account.person == tenant
    assert account.user.username == "portal:amira.khan@example.org"
    assert account.user.check_password(PASSWORD)
    assert not account.user.groups.exists() and not account.user.is_staff
    kinds = list(Event.objects.filter(household=household).values_list("kind", flat=True))
    assert "portal.invited" in kinds and "portal.account_opened" in kinds

    with pytest.raises(DomainError, match="already been used"):
        invitation_for(token, at=AT)


def test_an_invitation_expires_and_a_stranger_token_opens_nothing():
    household, tenant = home(phone="07700 900123")
    portal_invite(actor=None, household=household, person=tenant, link=_link, at=AT)
    assert OutboxMessage.objects.get().channel == "sms"
    token = token_sent()
    with pytest.raises(DomainError, match="expired"):
        invitation_for(token, at=AT + dt.timedelta(days=15))
    with pytest.raises(DomainError, match="not one we sent"):
        invitation_for(token + "x", at=AT)


def test_no_invitation_without_a_contact_or_for_someone_outside_the_household():
    household, tenant = home()
    with pytest.raises(DomainError, match="no email address or mobile number"):
        portal_invite(actor=None, household=household, person=tenant, link=_link, at=AT)
    _, stranger = home(email="s@example.org")
    with pytest.raises(DomainError, match="neither a member of household"):
        portal_invite(actor=None, household=household, person=stranger, link=_link, at=AT)
    assert not OutboxMessage.objects.exists() and not PortalKey.objects.exists()


def test_a_password_too_weak_is_refused_and_the_key_still_works():
    household, tenant = home(email="t@example.org")
    portal_invite(actor=None, household=household, person=tenant, link=_link, at=AT)
    key = invitation_for(token_sent(), at=AT)
    with pytest.raises(DomainError) as refused:
        portal_account_open(key=key, password="password", at=AT)
    assert refused.value.field == "password"
    assert portal_account_open(key=key, password=PASSWORD, at=AT)


# --- registering with the tenancy reference ----------------------------------------------------


def tenancy_of(household, tenant):
    return tenancy_start(actor=None, household=household, tenants=[tenant], at=AT)


def test_a_code_goes_only_to_the_contact_on_record_for_a_tenant():
    household, tenant = home(email="t@example.org", phone="07700 900123")
    tenancy = tenancy_of(household, tenant)
    assert (
        portal_code_send(tenancy_reference=tenancy.reference, contact="x@example.org", at=AT)
        is None
    )
    assert (
        portal_code_send(tenancy_reference="TEN-1999-000001", contact="t@example.org", at=AT)
        is None
    )
    assert not OutboxMessage.objects.exists()

    key = portal_code_send(
        tenancy_reference=tenancy.reference.lower(), contact="07700900123", at=AT
    )
    assert key is not None and key.person == tenant
    assert OutboxMessage.objects.get().to == "07700900123"
    assert Event.objects.filter(household=household, kind="portal.code_sent").exists()


def test_the_right_code_opens_an_account_and_wrong_ones_lock_the_key():
    household, tenant = home(email="t@example.org")
    tenancy = tenancy_of(household, tenant)
    key = portal_code_send(tenancy_reference=tenancy.reference, contact="T@example.org ", at=AT)
    code = code_sent()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    with pytest.raises(DomainError, match="not the one we sent"):
        portal_code_check(key=key, code=wrong, at=AT)
    key.refresh_from_db()
    assert key.tries == 1  # the wrong try is kept though the check failed
    portal_code_check(key=key, code=code, at=AT)
    account = portal_account_open(key=key, password=PASSWORD, at=AT)
    assert account.user.username == portal_username("t@example.org")

    other, someone = home(email="o@example.org")
    key = portal_code_send(
        tenancy_reference=tenancy_of(other, someone).reference, contact="o@example.org", at=AT
    )
    right = code_sent()
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for _ in range(CODE_TRIES - 1):
        with pytest.raises(DomainError, match="not the one we sent"):
            portal_code_check(key=key, code=wrong, at=AT)
    with pytest.raises(DomainError, match="too many times"):
        portal_code_check(key=key, code=wrong, at=AT)
    with pytest.raises(DomainError, match="too many times"):
        portal_code_check(key=key, code=right, at=AT)  # even the right one, now


def test_no_more_than_a_few_codes_an_hour_go_to_one_tenant():
    from doorstep.portal.services import CODES_PER_HOUR

    household, tenant = home(email="t@example.org")
    reference = tenancy_of(household, tenant).reference
    sent = [
        portal_code_send(tenancy_reference=reference, contact="t@example.org", at=AT)
        for _ in range(CODES_PER_HOUR + 2)
    ]
    assert sum(key is not None for key in sent) == CODES_PER_HOUR
    assert OutboxMessage.objects.count() == CODES_PER_HOUR
    later = AT + dt.timedelta(hours=1, minutes=1)
    assert portal_code_send(tenancy_reference=reference, contact="t@example.org", at=later)


def test_a_code_expires_after_half_an_hour():
    household, tenant = home(email="t@example.org")
    key = portal_code_send(
        tenancy_reference=tenancy_of(household, tenant).reference, contact="t@example.org", at=AT
    )
    with pytest.raises(DomainError, match="expired"):
        portal_code_check(key=key, code=code_sent(), at=AT + dt.timedelta(minutes=31))


def test_a_staff_username_may_not_look_like_a_residents():
    with pytest.raises(DomainError, match="marks a resident"):
        staff_create(username="portal:someone@example.org", password=PASSWORD, role=Role.MANAGER)


# --- pages: a resident sees only their own household ------------------------------------------


def resident_client(household, tenant) -> Client:
    account = invited(household, tenant)
    client = Client()
    client.force_login(account.user)
    return client


def test_a_resident_sees_their_own_cases_and_no_one_elses():
    household, tenant = home(email="mine@example.org")
    mine = CaseFactory.create(household=household, title="Damp in the bedroom")
    other, _ = home(email="theirs@example.org")
    theirs = CaseFactory.create(household=other, title="Broken boiler next door")
    client = resident_client(household, tenant)

    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    assert "Damp in the bedroom" in page.content.decode()
    assert "Broken boiler next door" not in page.content.decode()
    assert client.get(reverse("portal:case", args=[mine.reference])).status_code == 200
    # Changing the reference in the address bar finds nothing.
    assert client.get(reverse("portal:case", args=[theirs.reference])).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        lambda c: reverse("core:home") + "?q=Elm",
        lambda c: reverse("cases:case", args=[c.reference]),
        lambda c: reverse("contacts:household", args=[c.household.reference]),
        lambda c: "/api/v1/cases",
        lambda c: reverse("portal:invite", args=[c.household.reference]),
    ],
)
def test_a_resident_is_kept_inside_the_portal(url):
    household, tenant = home(email="mine@example.org")
    case = CaseFactory.create(household=household, title="Damp")
    client = resident_client(household, tenant)
    response = client.get(url(case))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.post(url(case), {}).status_code == 403


def test_staff_are_refused_a_residents_pages_but_may_invite():
    household, tenant = home(email="mine@example.org")
    case = CaseFactory.create(household=household, title="Damp")
    officer = staff_create(username="officer", password=PASSWORD, role=Role.HOUSING_OFFICER)
    client = Client()
    client.force_login(officer)
    assert client.get(reverse("portal:home")).status_code == 403
    assert client.get(reverse("portal:case", args=[case.reference])).status_code == 403
    invite = reverse("portal:invite", args=[household.reference])
    assert client.get(invite).status_code == 200
    response = client.post(invite, {"person": tenant.pk})
    assert response.status_code == 302
    assert OutboxMessage.objects.get().to == "mine@example.org"
    assert "http://testserver/portal/invitation/" in OutboxMessage.objects.get().text
    household_page = client.get(reverse("contacts:household", args=[household.reference]))
    assert "Invite someone to the portal" in household_page.content.decode()


def test_a_role_without_the_permission_cannot_invite():
    household, tenant = home(email="mine@example.org")
    coordinator = staff_create(
        username="coordinator", password=PASSWORD, role=Role.REPAIRS_COORDINATOR
    )
    client = Client()
    client.force_login(coordinator)
    invite = reverse("portal:invite", args=[household.reference])
    assert client.get(invite).status_code == 403
    assert client.post(invite, {"person": tenant.pk}).status_code == 403
    assert not OutboxMessage.objects.exists()


def test_signing_in_with_the_contact_and_password_and_registering_through_the_pages():
    household, tenant = home(email="reg@example.org")
    tenancy = tenancy_of(household, tenant)
    client = Client()
    assert client.get(reverse("portal:home")).status_code == 302  # to sign in

    response = client.post(
        reverse("portal:register"), {"tenancy": tenancy.reference, "contact": "reg@example.org"}
    )
    assert response.status_code == 302
    page = client.get(reverse("portal:register-code"))
    assert "reg@example.org" in page.content.decode()
    response = client.post(
        reverse("portal:register-code"),
        {"code": code_sent(), "password": PASSWORD, "again": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200

    client.post(reverse("portal:sign-out"))
    assert client.get(reverse("portal:home")).status_code == 302
    wrong = client.post(
        reverse("portal:sign-in"), {"username": "reg@example.org", "password": "not it at all"}
    )
    assert wrong.status_code == 200 and "Enter the email address" in wrong.content.decode()
    right = client.post(
        reverse("portal:sign-in"), {"username": " REG@example.org", "password": PASSWORD}
    )
    assert right.status_code == 302 and right["Location"] == reverse("portal:home")


def test_registering_with_details_that_do_not_match_says_the_same_and_sends_nothing():
    household, tenant = home(email="reg@example.org")
    tenancy = tenancy_of(household, tenant)
    client = Client()
    client.post(
        reverse("portal:register"), {"tenancy": tenancy.reference, "contact": "who@example.org"}
    )
    page = client.get(reverse("portal:register-code"))
    assert "If who@example.org is the email address" in page.content.decode()
    assert not OutboxMessage.objects.exists()
    response = client.post(
        reverse("portal:register-code"),
        {"code": "123456", "password": PASSWORD, "again": PASSWORD},
    )
    assert response.status_code == 200
    assert "not the one we sent" in response.content.decode()
    assert not PortalAccount.objects.exists()
    assert Case.objects.count() == 0


# --- a case as the resident reads it --------------------------------------------------------------


def test_a_case_page_says_what_happened_in_our_words_and_what_we_are_working_to():
    from doorstep.cases.services import note_add, record_on_case
    from doorstep.timeline.when import When

    household, tenant = home(email="mine@example.org")
    case = CaseFactory.create(household=household, title="Leak under the sink", case_type="repair")
    day = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)

    def add(kind: str, data: dict, channel: str = "internal", summary: str = "") -> None:
        record_on_case(
            case=case,
            kind=kind,
            data=data,
            actor=None,
            at=day,
            occurred=When.at(day),
            channel=channel,
            summary=summary,
        )

    add("contact.in", {"from": tenant.reference, "text": "Water under the sink"}, "phone")
    add(
        "repair.reported",
        {"priority": "routine", "description": "Water under the sink"},
        "phone",
        summary="Tenant rang, sounded difficult",  # a staff summary, never shown to residents
    )
    add("works.raised", {"job": "JOB-2026-000001", "priority": "routine"})
    add("appointment.booked", {"appointment": "APT-2026-000001", "date": "2026-12-10"})
    add(
        "contact.out",
        {"to": tenant.reference, "text": "A plumber will come on 10 December"},
        "email",
    )
    add(
        "contact.out", {"to": "Acme Plumbing", "text": "Job for flat 3: tenant is awkward"}, "email"
    )
    note_add(actor=None, case=case, text="Internal: chase the contractor", at=day)
    client = resident_client(household, tenant)

    page = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert "You contacted us by phone: “Water under the sink”" in page
    assert "The repair was reported: Water under the sink." in page
    assert "We ordered the work." in page
    assert "An appointment was booked for 10 December 2026." in page
    assert "We contacted you by email: “A plumber will come on 10 December”" in page
    # Never: a staff summary, a note, a message to someone else.
    for hidden in ("sounded difficult", "chase the contractor", "tenant is awkward", "Acme"):
        assert hidden not in page
    # The repair's target date, as the staff's case page has it, in the resident's words.
    from django.utils import timezone

    from doorstep.deadlines.selectors import case_clocks

    running = case_clocks(case=case, as_of=timezone.localdate()).running
    target = next(c for c in running if c.clock == "repair.target")
    said = f"{target.due:%-d %B %Y}"
    assert (
        f"We should have done this by {said}: complete the repair." in page
        if target.breached
        else f"We will complete the repair by {said}." in page
    )


# --- reporting a problem ----------------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_resident_reports_damp_and_mould_with_a_photo_and_sees_the_date_it_is_judged_by():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from doorstep.deadlines.selectors import case_clocks
    from doorstep.documents.models import Document

    household, tenant = home(email="mine@example.org")
    client = resident_client(household, tenant)
    response = client.post(
        reverse("portal:report"),
        {
            "problem": "damp_mould",
            "location": "Back bedroom wall",
            "description": "Black mould behind the wardrobe; my son's asthma is worse",
            "access": "Weekday mornings",
            "photos": [SimpleUploadedFile("mould.png", PNG, content_type="image/png")],
        },
    )
    case = Case.objects.get(household=household)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:case", args=[case.reference])
    assert case.case_type == "hazard"
    kinds = list(Event.objects.filter(case=case).values_list("kind", "channel"))
    assert ("hazard.reported", "portal") in kinds and ("case.opened", "portal") in kinds
    # Their words are a contact on the household's record, the case's origin.
    contact = Event.objects.get(household=household, kind="contact.in", channel="portal")
    assert contact.data["from"] == tenant.reference
    opened = Event.objects.get(case=case, kind="case.opened")
    assert opened.data["from_event"] == str(contact.uid)
    assert "When you can get in: Weekday mornings" in contact.data["text"]
    assert Document.objects.get(case=case).doc_type == "photo"

    page = client.get(response["Location"]).content.decode()
    running = case_clocks(case=case, as_of=timezone.localdate()).running
    investigation = next(c for c in running if c.clock == "hazard.investigation")
    assert f"We will investigate the problem by {investigation.due:%-d %B %Y}." in page
    assert "We have your report." in page
    assert "You contacted us through this website: “Back bedroom wall: Black mould" in page


def test_a_repair_is_reported_at_the_urgency_chosen_and_a_bad_photo_refuses_the_whole_report():
    from django.core.files.uploadedfile import SimpleUploadedFile

    household, tenant = home(email="mine@example.org")
    client = resident_client(household, tenant)
    form = {
        "problem": "repair",
        "location": "Kitchen",
        "description": "The tap drips all night",
        "photos": [
            SimpleUploadedFile("tap.png", b"not a picture at all", content_type="image/png")
        ],
    }
    missing = client.post(reverse("portal:report"), form)
    assert "Say how urgent it is" in missing.content.decode()
    refused = client.post(reverse("portal:report"), {**form, "urgency": "routine"})
    assert refused.status_code == 200
    assert "The tap drips all night" in refused.content.decode()  # the words are kept
    assert not Case.objects.filter(household=household).exists()
    assert not Event.objects.filter(household=household, kind="contact.in").exists()

    form["photos"] = []
    done = client.post(reverse("portal:report"), {**form, "urgency": "routine"})
    case = Case.objects.get(household=household)
    assert done.status_code == 302 and case.case_type == "repair"
    assert Event.objects.get(case=case, kind="repair.reported").data["priority"] == "routine"


# --- telling us, complaining, escalating ----------------------------------------------------


def test_words_that_express_dissatisfaction_are_a_complaint_and_others_a_request():
    from doorstep.complaints.models import Complaint

    household, tenant = home(email="mine@example.org")
    client = resident_client(household, tenant)
    unhappy = client.post(
        reverse("portal:tell"),
        {"text": "I am fed up: nobody came back about the mould, I have rung four times."},
    )
    complaint = Complaint.objects.get(case__household=household)
    assert unhappy["Location"] == reverse("portal:case", args=[complaint.case.reference])
    assert complaint.stage == 1 and complaint.case.case_type == "complaint"
    received = Event.objects.get(case=complaint.case, kind="complaint.received")
    assert received.channel == "portal" and "rung four times" in received.data["text"]
    page = client.get(unhappy["Location"]).content.decode()
    assert "We have your complaint." in page
    assert "We will acknowledge your complaint by" in page
    assert "Ask for stage 2" in page and "0300 111 3000" in page

    asking = client.post(reverse("portal:tell"), {"text": "Can I have a copy of my tenancy?"})
    request_case = Case.objects.get(household=household, case_type="enquiry")
    assert asking["Location"] == reverse("portal:case", args=[request_case.reference])
    assert Complaint.objects.count() == 1
    assert client.post(reverse("portal:tell"), {"text": "   "}).status_code == 200


def test_stage_2_is_refused_while_stage_1_is_in_time_and_taken_once_it_is_answered():
    from doorstep.cases.services import record_on_case
    from doorstep.complaints.models import Complaint
    from doorstep.complaints.projections import complaint_project

    household, tenant = home(email="mine@example.org")
    client = resident_client(household, tenant)
    client.post(reverse("portal:tell"), {"text": "I want to complain about the repairs service."})
    complaint = Complaint.objects.get(case__household=household)
    escalate = reverse("portal:escalate", args=[complaint.case.reference])

    early = client.post(escalate, {"text": "Still broken"})
    assert early.status_code == 200
    due = complaint.response_due
    assert f"our response is due by {due.day} {due:%B %Y}" in early.content.decode()
    assert Complaint.objects.get().stage == 1

    record_on_case(
        case=complaint.case,
        kind="complaint.response",
        data={"stage": 1, "outcome": "not_upheld", "text": "We looked into it."},
        actor=None,
        at=AT,
    )
    complaint_project(complaint.case)
    done = client.post(escalate, {"text": "Still broken"})
    assert done.status_code == 302
    assert Complaint.objects.get().stage == 2
    assert Event.objects.filter(case=complaint.case, kind="complaint.escalated").exists()
    due = Complaint.objects.get().response_due
    page = client.get(reverse("portal:case", args=[complaint.case.reference])).content.decode()
    assert f"Our stage 2 response is due by {due.day} {due:%B %Y}." in page
    assert "without waiting for it" in page and "0300 111 3000" in page
    final_at = AT + dt.timedelta(days=3)
    record_on_case(
        case=complaint.case,
        kind="complaint.response",
        data={"stage": 2, "outcome": "upheld", "text": "We agree."},
        actor=None,
        at=final_at,
    )
    complaint_project(complaint.case)
    page = client.get(reverse("portal:case", args=[complaint.case.reference])).content.decode()
    assert f"We sent our final (stage 2) response on {final_at.day} {final_at:%B %Y}." in page
    assert "ask the Housing Ombudsman to look at your complaint now" in page

    other, someone = home(email="other@example.org")
    client.post(reverse("portal:sign-out"))
    stranger = resident_client(other, someone)
    assert stranger.get(escalate).status_code == 404  # not their case


def test_a_resident_reports_asb_and_their_wish_that_we_wait_is_on_the_case():
    from doorstep.asb.models import AsbCase

    household, tenant = home(email="mine@example.org")
    client = resident_client(household, tenant)
    response = client.post(
        reverse("portal:asb"),
        {
            "category": "harassment",
            "text": "The man at number 4 shouts at my children every evening.",
            "location": "The stairwell",
            "alleged_perpetrator": "Man at number 4",
            "police_involved": "no",
            "delay_days": "14",
        },
    )
    asb = AsbCase.objects.get(case__household=household)
    assert response["Location"] == reverse("portal:case", args=[asb.case.reference])
    reported = Event.objects.get(case=asb.case, kind="asb.reported")
    assert reported.channel == "portal"
    assert reported.data["category"] == "harassment"
    assert reported.data["informant_delay_requested_days"] == 14
    assert reported.data["reporter"] == tenant.reference
    page = client.get(response["Location"]).content.decode()
    assert "The behaviour was reported." in page
    assert "We will respond to your report by" in page


def test_the_resident_confirms_or_disputes_work_we_say_is_done():
    from doorstep.commitments.models import Commitment
    from doorstep.commitments.services import commitment_claim_done, commitment_make
    from doorstep.timeline.when import When

    household, tenant = home(email="mine@example.org")
    case = CaseFactory.create(household=household, title="Bathroom", case_type="repair")
    promises = [
        commitment_make(
            actor=None,
            case=case,
            action=action,
            due=When.parse("2026-12-20"),
            at=AT,
            job=f"JOB-2026-00000{n}",
        )
        for n, action in enumerate(("Replace the extractor fan", "Repaint the ceiling"), 1)
    ]
    for promise in promises:
        commitment_claim_done(actor=None, commitment=promise, claimed_by="contractor", at=AT)
    client = resident_client(household, tenant)
    page = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert "Is it done?" in page and "Replace the extractor fan" in page

    fan, ceiling = promises
    fan_url = reverse("portal:confirm", args=[case.reference, fan.pk])
    unsaid = client.post(fan_url, {"done": "no", "words": ""})
    assert "Tell us what is not done or still wrong" in unsaid.content.decode()
    assert (
        client.post(fan_url, {"done": "no", "words": "The fan still does not turn on"}).status_code
        == 302
    )
    assert Commitment.objects.get(pk=fan.pk).state == "contradicted"
    verified = Event.objects.get(case=case, kind="works.verified", data__job=fan.job)
    assert "The fan still does not turn on" in str(verified.data)

    ceiling_url = reverse("portal:confirm", args=[case.reference, ceiling.pk])
    assert client.post(ceiling_url, {"done": "yes"}).status_code == 302
    assert Commitment.objects.get(pk=ceiling.pk).state == "kept"
    # Answered: no longer offered, and another household's resident cannot reach it.
    assert client.get(ceiling_url).status_code == 404
    other, someone = home(email="other@example.org")
    stranger = resident_client(other, someone)
    assert stranger.get(fan_url).status_code == 404


def test_the_resident_updates_how_we_contact_them_what_helps_and_shares_a_vulnerability():
    from doorstep.residents.models import ContactPreference, ReasonableAdjustment
    from doorstep.vulnerabilities.models import Vulnerability

    household, tenant = home(email="mine@example.org")
    client = resident_client(household, tenant)
    url = lambda which: reverse("portal:detail-form", args=[which])  # noqa: E731
    assert client.post(url("contact"), {"channel": "text", "language": "Polish"}).status_code == 302
    assert ContactPreference.objects.get(person=tenant).channel == "text"
    client.post(url("help"), {"kind": "large_print"})
    assert ReasonableAdjustment.objects.get(person=tenant).kind == "large_print"
    page = client.get(reverse("portal:details")).content.decode()
    assert "Text message (Polish)" in page and "Large print" in page

    told = {"person": tenant.pk, "category": "pregnancy", "detail": "Due in March"}
    unconsented = client.post(url("share"), told)
    assert unconsented.status_code == 200 and not Vulnerability.objects.exists()
    client.post(url("share"), {**told, "consent": "on"})
    shared = Vulnerability.objects.get(person=tenant)
    assert shared.category == "pregnancy" and shared.source == "self"
    # Someone else in the household, as the resident tells it; nobody outside it.
    from doorstep.residents.services import household_member_add, person_create

    son = person_create(full_name="Sami Khan", at=AT)
    household_member_add(actor=None, household=household, person=son, relationship="child", at=AT)
    client.post(url("share"), {"person": son.pk, "category": "physical_health", "consent": "on"})
    assert Vulnerability.objects.get(person=son).source == "third_party"
    _, stranger = home(email="stranger@example.org")
    outside = client.post(url("share"), {**told, "person": stranger.pk, "consent": "on"})
    assert outside.status_code == 200 and not Vulnerability.objects.filter(person=stranger).exists()
    kinds = set(Event.objects.filter(household=household).values_list("kind", flat=True))
    assert {"person.contact_preference_set", "vulnerability.recorded"} <= kinds
    assert client.get(url("nothing")).status_code == 404


def test_the_resident_says_an_appointment_does_not_suit_and_is_told_when_it_moves():
    from django.utils import timezone

    from doorstep.appointments.services import appointment_book, appointment_move

    household, tenant = home(email="mine@example.org")
    case = CaseFactory.create(household=household, title="Survey of the damp", case_type="hazard")
    now = timezone.now()
    today = timezone.localdate()
    visit = appointment_book(
        actor=None,
        case=case,
        date=today + dt.timedelta(days=10),
        at=now,
        purpose="inspection",
    )
    client = resident_client(household, tenant)
    page = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert "This does not suit me" in page
    url = reverse("portal:unsuitable", args=[case.reference, visit.reference])
    assert "Say why it does not suit" in client.post(url, {"words": ""}).content.decode()
    said = client.post(url, {"words": "I work that day; any morning the week after."})
    assert said.status_code == 302
    contact = Event.objects.get(case=case, kind="contact.in")
    assert contact.channel == "portal" and visit.reference in contact.data["text"]

    new_day = today + dt.timedelta(days=17)
    appointment_move(
        actor=None,
        appointment=visit,
        date=new_day,
        by="landlord",
        resident_informed=True,
        informed_how="doorstep",  # the landlord's notifier sends the notice now
        notify_to=tenant.email,
        reason="You asked for another day",
        at=now,
    )
    notice = OutboxMessage.objects.filter(to="mine@example.org").order_by("-pk").first()
    assert notice is not None and f"{new_day.day}" in notice.text
    page = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert f"The appointment was moved to {new_day.day} {new_day:%B %Y}." in page
    other, someone = home(email="other@example.org")
    assert resident_client(other, someone).get(url).status_code == 404


def test_the_resident_reads_the_documents_sent_to_them_and_no_others():
    from doorstep.cases.services import record_on_case
    from doorstep.documents.services import document_add

    household, tenant = home(email="mine@example.org")
    case = CaseFactory.create(household=household, title="Complaint", case_type="complaint")
    pdf = b"%PDF-1.4\n%%EOF\n"
    survey = document_add(
        actor=None,
        content=pdf,
        original_name="survey.pdf",
        doc_type="survey_report",
        title="Surveyor's internal report",
        at=AT,
        case=case,
    )
    letter = document_add(
        actor=None,
        content=pdf + b"%letter",
        original_name="stage1.pdf",
        doc_type="letter",
        title="Our stage 1 response",
        at=AT,
        case=case,
    )
    record_on_case(
        case=case,
        kind="complaint.response",
        data={"stage": 1, "outcome": "upheld", "text": "Sorry.", "document": letter.reference},
        actor=None,
        at=AT,
    )
    client = resident_client(household, tenant)
    page = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert "Our stage 1 response" in page and "Surveyor's internal report" not in page
    got = client.get(reverse("portal:document", args=[case.reference, letter.reference]))
    assert got.status_code == 200 and got.content == pdf + b"%letter"
    assert got["Cache-Control"] == "private, no-store"
    hidden = reverse("portal:document", args=[case.reference, survey.reference])
    assert client.get(hidden).status_code == 404


# --- a representative, within the consent given -------------------------------------------------


def test_a_representative_sees_and_does_only_what_the_consent_allows_and_not_after_it_ends():
    from doorstep.residents.services import (
        person_create,
        third_party_authorise,
        third_party_withdraw,
    )

    household, tenant = home(email="tenant@example.org")
    repair = CaseFactory.create(household=household, title="Broken window", case_type="repair")
    complaint = CaseFactory.create(household=household, title="Rude caller", case_type="complaint")
    worker = person_create(full_name="Jo Support", at=AT, email="jo@support.example.org")
    authority = third_party_authorise(
        actor=None,
        household=household,
        third_party=worker,
        consent_given_by=tenant,
        relationship="support worker",
        scope=["repairs"],
        at=AT,
    )
    portal_invite(actor=None, household=household, person=worker, link=_link, at=AT)
    account = portal_account_open(key=invitation_for(token_sent(), at=AT), password=PASSWORD, at=AT)
    assert account.kind == "representative" and account.authority == authority
    client = Client()
    client.force_login(account.user)

    home_page = client.get(reverse("portal:home")).content.decode()
    assert "Broken window" in home_page and "Rude caller" not in home_page
    assert "acting for this household" in home_page and "Report a problem" in home_page
    assert "make a complaint" not in home_page and "Your details" not in home_page
    assert client.get(reverse("portal:case", args=[repair.reference])).status_code == 200
    assert client.get(reverse("portal:case", args=[complaint.reference])).status_code == 404
    assert client.post(reverse("portal:tell"), {"text": "I am unhappy"}).status_code == 403
    assert client.get(reverse("portal:details")).status_code == 403
    assert client.get(reverse("portal:report")).status_code == 200

    third_party_withdraw(actor=None, authority=authority, reason="Moved on", at=AT)
    gone = client.get(reverse("portal:home"))
    assert gone.status_code == 302 and reverse("portal:sign-in") in gone["Location"]
    assert client.get(reverse("portal:case", args=[repair.reference])).status_code == 302

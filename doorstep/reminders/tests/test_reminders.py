"""Reminders before a clock breaches: what is owed as of a day (the policy's working days
before, the same clocks the pages show), whom it goes to, what it says, and that it is sent
once per clock and due date, on the case's record."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.appointments.models import OutboxMessage
from doorstep.appointments.notify import Delivery
from doorstep.cases.models import Case
from doorstep.deadlines.tests.conftest import (
    LATER_ACK_DUE,
    LATER_RECEIVED,
    RECEIVED,
    complaint_received,
    repair_reported,
)
from doorstep.policy.services import policy_override_record
from doorstep.reminders import services
from doorstep.reminders.selectors import reminders_owed
from doorstep.reminders.services import BODY, reminders_send
from doorstep.staff.models import Team
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import World, build_world

pytestmark = pytest.mark.django_db
JUNE_3 = dt.date(2024, 6, 3)  # Monday: the later complaint's acknowledgement is due Wednesday
ACK = "complaint.stage1.acknowledgement"


@pytest.fixture
def world(at) -> World:
    made = build_world(at=at)
    for user in made.users.values():
        user.email = f"{user.username}@landlord.example"
        user.save()
    return made


@pytest.fixture
def later(world, at) -> Case:
    """Received 29 May 2024: its acknowledgement is due 5 June, two working days after 3 June.
    Beside it: a complaint long overdue and a routine repair due in 11 working days."""
    complaint_received(world, title="Slow repairs", received=RECEIVED, at=at)
    for case in (world.case, world.other_firms_case):
        repair_reported(case, at=at)
    case = complaint_received(world, title="Rude operative", received=LATER_RECEIVED, at=at)
    Case.objects.filter(pk=case.pk).update(officer=world.users[Role.HOUSING_OFFICER])
    case.refresh_from_db()
    return case


def test_a_clock_due_within_the_policy_s_working_days_is_owed_a_reminder(later):
    owed = reminders_owed(as_of=JUNE_3)
    assert [(o.clock.case, o.clock.clock, o.due, o.working_days_left) for o in owed] == [
        (later, ACK, LATER_ACK_DUE.isoformat(), 2)
    ]
    assert owed[0].to == [later.officer]
    # The day before, three working days are left: more than the default two.
    assert reminders_owed(as_of=dt.date(2024, 5, 31)) == []


def test_the_reminder_goes_to_the_officer_and_onto_the_case(later, at):
    done = reminders_send(as_of=JUNE_3, at=at)
    assert done.as_json() == {
        "as_of": "2024-06-03",
        "reminders": 1,
        "messages": 1,
        "to_no_one": 0,
        "failed": 0,
        "errors": 0,
        "cases": 1,
    }
    event = later.events.get(kind="reminder.sent")
    assert event.data["clock"] == ACK and event.data["due"] == "2024-06-05"
    assert event.data["sent"] == [
        {"to": later.officer.username, "provider": "outbox", "status": "stored", "detail": None}
    ]
    assert (event.data["working_days_left"], event.data["working_days_before"]) == (2, 2)
    message = OutboxMessage.objects.get()
    assert message.to == later.officer.email
    assert message.subject == f"Due in 2 working days: {event.data['name']} on {later.reference}"
    assert f"http://localhost:8000/cases/{later.reference}/" in message.text
    assert "falls due on 2024-06-05: due in 2 working days" in message.text
    link = f"http://localhost:8000/cases/{later.reference}/"
    assert message.text == BODY.format(
        name=event.data["name"],
        reference=later.reference,
        due="2024-06-05",
        status="due in 2 working days",
        link=link,
        before=2,
        role="officer",
    )
    # Nothing but the clock, the reference, the day and the link: not the title, the household
    # or the clock's explanation (whose notes may name a vulnerability).
    assert later.title not in message.text and later.household.reference not in message.text


def test_a_reminder_is_sent_once_for_a_clock_and_its_due_date(later, at):
    reminders_send(as_of=JUNE_3, at=at)
    again = reminders_send(as_of=dt.date(2024, 6, 4), at=at + dt.timedelta(days=1))
    assert again.reminders == 0
    assert later.events.filter(kind="reminder.sent").count() == 1
    assert OutboxMessage.objects.count() == 1


def test_with_no_officer_the_team_s_members_are_told(later, world, at):
    team = Team.objects.create(slug="complaints", name="Complaints")
    members = [world.users[Role.HOUSING_OFFICER], world.users[Role.COMPLAINTS_OFFICER]]
    for user in members:
        user.team = team
        user.save()
    Case.objects.filter(pk=later.pk).update(officer=None, owner_team=team)
    reminders_send(as_of=JUNE_3, at=at)
    event = later.events.get(kind="reminder.sent")
    assert sorted(d["to"] for d in event.data["sent"]) == sorted(u.username for u in members)
    assert event.data["team"] == "complaints"


def test_a_case_with_no_one_to_tell_is_still_recorded_and_counted(later, at):
    Case.objects.filter(pk=later.pk).update(officer=None, owner_team=None)
    done = reminders_send(as_of=JUNE_3, at=at)
    assert (done.reminders, done.to_no_one, done.messages) == (1, 1, 0)
    assert later.events.get(kind="reminder.sent").data["sent"] == []


def test_the_policy_sets_how_many_working_days_before(later, world, at):
    policy_override_record(
        actor=world.users[Role.MANAGER],
        key="reminders.working_days_before",
        value=5,
        effective_from=None,
        source="Our service standard: a week's warning",
        at=at,
    )
    owed = reminders_owed(as_of=dt.date(2024, 5, 29))  # five working days before 5 June
    assert [(o.clock.case, o.working_days_left) for o in owed] == [(later, 5)]


def test_a_breached_or_stopped_clock_is_owed_nothing(later, at):
    # On 6 June the acknowledgement is overdue: past reminding; the queue and the lens show it.
    assert reminders_owed(as_of=dt.date(2024, 6, 6)) == []


@pytest.mark.parametrize(
    ("left", "words"), [(0, "today"), (1, "in 1 working day"), (2, "in 2 working days")]
)
def test_the_history_says_when_it_falls_due_and_whom_it_told(left, words):
    from doorstep.reminders.events import ReminderSent

    data = {**ReminderSent.example, "working_days_left": left}
    assert ReminderSent.sentence(data, "") == (
        f"Reminder: Stage 1 acknowledgement, due 2024-06-05 ({words}); told officer"
    )


def test_a_delivery_that_raises_is_recorded_as_failed_and_the_run_goes_on(later, world, at):
    other = complaint_received(world, title="Bins", received=LATER_RECEIVED, at=at)
    Case.objects.filter(pk=other.pk).update(officer=world.users[Role.COMPLAINTS_OFFICER])

    class Refusing:
        name = "smtp"

        def send(self, message, *, at):
            if message.to.startswith("officer@"):
                raise ConnectionRefusedError("mail server down")
            return Delivery("smtp", "sent")

    from unittest import mock

    with mock.patch.object(services, "notifier", lambda: Refusing()):
        done = reminders_send(as_of=JUNE_3, at=at)
    assert (done.reminders, done.failed, done.errors) == (2, 1, 0)
    refused = later.events.get(kind="reminder.sent").data["sent"][0]
    assert refused["status"] == "failed"
    assert refused["detail"] == "ConnectionRefusedError: mail server down"
    assert other.events.get(kind="reminder.sent").data["sent"][0]["status"] == "sent"


def test_a_reminder_that_cannot_be_recorded_is_counted_and_the_others_still_go(later, world, at):
    other = complaint_received(world, title="Bins", received=LATER_RECEIVED, at=at)
    real = services.record_on_case

    def broken(**kwargs):
        if kwargs["case"].pk == later.pk:
            raise RuntimeError("disk full")
        return real(**kwargs)

    from unittest import mock

    with mock.patch.object(services, "record_on_case", broken):
        done = reminders_send(as_of=JUNE_3, at=at)
    assert (done.reminders, done.errors) == (1, 1)
    assert not later.events.filter(kind="reminder.sent").exists()
    assert other.events.filter(kind="reminder.sent").exists()
    # Owed again at the next run.
    assert reminders_send(as_of=JUNE_3, at=at).reminders == 1


def test_a_second_run_at_once_sends_nothing_twice(later, at):
    owed = reminders_owed(as_of=JUNE_3)
    assert services.reminder_send(owed=owed[0], before=2, at=at) is not None
    assert services.reminder_send(owed=owed[0], before=2, at=at) is None  # the stale list's
    assert OutboxMessage.objects.count() == 1

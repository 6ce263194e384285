"""A message the provider refused is sent again by the worker (ADR 22): each attempt a
`notification.status` on the case, the next queued after the configured delay, and after the
last a `gave_up` saying the resident must be reached another way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django_tasks_db.models import DBTaskResult

from doorstep.appointments import services
from doorstep.appointments.notify import Delivery, Message
from doorstep.appointments.services import (
    GAVE_UP,
    message_send,
    notification_retry_send,
    notification_status_record,
)
from doorstep.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db
RETRY_MINUTES = (1, 5, 30)  # three retries: four attempts in all


class Scripted:
    """A provider answering in turn as scripted: `failed` (with a reason) or `accepted`."""

    name = "scripted"

    def __init__(self, answers: list[str]) -> None:
        self.answers = iter(answers)
        self.sent: list[Message] = []

    def send(self, message: Message, *, at: dt.datetime) -> Delivery:
        self.sent.append(message)
        status = next(self.answers)
        detail = "Service unavailable (503)" if status == "failed" else ""
        provider_id = "" if status == "failed" else "p-1"
        return Delivery(self.name, status, provider_id=provider_id, detail=detail)


@pytest.fixture
def provider(monkeypatch, settings) -> Iterator[Callable[[list[str]], Scripted]]:
    settings.DOORSTEP_NOTIFY_RETRY_MINUTES = RETRY_MINUTES
    made: list[Scripted] = []

    def use(answers: list[str]) -> Scripted:
        made.append(Scripted(answers))
        monkeypatch.setattr(services, "notifier", lambda: made[-1])
        return made[-1]

    yield use


def queued() -> list[tuple[list[object], dt.datetime]]:
    return [
        (row.args_kwargs["args"], row.run_after)
        for row in DBTaskResult.objects.filter(task_path__endswith="notification_retry").order_by(
            "enqueued_at"
        )
    ]


def statuses(case) -> list[tuple[str, str]]:
    return [
        (e.data["status"], e.data["detail"] or "")
        for e in case.events.filter(kind="notification.status").order_by("id")
    ]


def send(case, at):
    return message_send(
        actor=None, case=case, to="ada@example.org", subject="Your repair", text="Friday", at=at
    )


def test_a_refused_message_is_queued_to_be_sent_again_with_the_refusal(provider, at):
    provider(["failed"])
    case = CaseFactory()
    sent = send(case, at)
    assert sent.data["notification"]["status"] == "failed"
    assert queued() == [([str(sent.uid), 2], at + dt.timedelta(minutes=1))]


def test_a_delivered_message_queues_nothing(provider, at):
    provider(["accepted"])
    send(CaseFactory(), at)
    assert queued() == []


def test_each_attempt_is_on_the_record_until_one_is_accepted(provider, at):
    scripted = provider(["failed", "failed", "accepted"])
    case = CaseFactory()
    sent = send(case, at)
    later = at + dt.timedelta(minutes=1)
    notification_retry_send(uid=str(sent.uid), attempt=2, at=later)
    assert queued()[-1] == ([str(sent.uid), 3], later + dt.timedelta(minutes=5))
    notification_retry_send(uid=str(sent.uid), attempt=3, at=later + dt.timedelta(minutes=5))
    assert statuses(case) == [
        ("failed", "Attempt 2 of 4: Service unavailable (503)"),
        ("accepted", "Attempt 3 of 4"),
    ]
    assert [m.to for m in scripted.sent] == ["ada@example.org"] * 3
    assert scripted.sent[-1] == Message(to="ada@example.org", text="Friday", subject="Your repair")
    assert len(queued()) == 2  # nothing after the acceptance


def test_after_the_last_attempt_the_message_is_given_up_on_and_says_why(provider, at):
    provider(["failed"] * 4)
    case = CaseFactory()
    sent = send(case, at)
    for attempt in (2, 3, 4):
        notification_retry_send(uid=str(sent.uid), attempt=attempt, at=at)
    assert [s for s, _ in statuses(case)] == ["failed", "failed", "failed", GAVE_UP]
    assert statuses(case)[-1][1] == (
        "Not sent after 4 attempts over 36 minutes; the last: Service unavailable (503). "
        "Reach the resident another way and record it."
    )
    assert len(queued()) == 3  # after attempts 1, 2 and 3; none after the fourth


def test_a_message_since_delivered_is_not_sent_again(provider, at):
    scripted = provider(["failed"])
    case = CaseFactory()
    sent = send(case, at)
    notification_status_record(actor=None, contact=sent, status="delivered", at=at)
    assert notification_retry_send(uid=str(sent.uid), attempt=2, at=at) is None
    assert len(scripted.sent) == 1 and statuses(case) == [("delivered", "")]


def test_a_notifier_misconfigured_since_is_a_refusal_not_a_crash(provider, monkeypatch, at):
    provider(["failed"])
    case = CaseFactory()
    sent = send(case, at)

    def broken():
        raise services.DomainError("DOORSTEP_NOTIFY_API_KEY is not set")

    monkeypatch.setattr(services, "notifier", broken)
    notification_retry_send(uid=str(sent.uid), attempt=2, at=at)
    assert statuses(case) == [("failed", "Attempt 2 of 4: DOORSTEP_NOTIFY_API_KEY is not set")]


def test_only_a_message_doorstep_sent_can_be_retried(at):
    case = CaseFactory()
    with pytest.raises(services.DomainError):
        notification_retry_send(uid=str(case.events.first().uid), attempt=2, at=at)


def test_an_accepted_retry_keeps_the_provider_s_new_id(provider, at):
    provider(["failed", "accepted"])
    case = CaseFactory()
    sent = send(case, at)
    notification_retry_send(uid=str(sent.uid), attempt=2, at=at)
    accepted = case.events.get(kind="notification.status")
    assert (accepted.data["status"], accepted.data["provider_id"]) == ("accepted", "p-1")


def test_any_error_of_the_provider_is_a_failed_attempt_and_the_next_is_queued(
    provider, monkeypatch, at
):
    provider(["failed"])
    case = CaseFactory()
    sent = send(case, at)

    class Down:
        def send(self, message, *, at):
            raise TimeoutError("timed out")

    monkeypatch.setattr(services, "notifier", lambda: Down())
    notification_retry_send(uid=str(sent.uid), attempt=2, at=at)
    assert statuses(case) == [("failed", "Attempt 2 of 4: TimeoutError: timed out")]
    assert len(queued()) == 2


def test_a_message_about_something_told_again_since_is_not_sent_again(provider, at):
    scripted = provider(["failed", "accepted"])
    case = CaseFactory()
    moved = message_send(
        actor=None,
        case=case,
        to="ada@example.org",
        subject="Moved",
        text="Friday",
        at=at,
        about="APT-2024-000001",
    )
    later = at + dt.timedelta(minutes=10)
    message_send(
        actor=None,
        case=case,
        to="ada@example.org",
        subject="Moved",
        text="Monday",
        at=later,
        about="APT-2024-000001",
    )
    notification_retry_send(uid=str(moved.uid), attempt=2, at=later)
    assert [m.text for m in scripted.sent] == ["Friday", "Monday"]  # Friday not sent again
    assert statuses(case) == [
        (
            "superseded",
            "Not sent again: a later message about the same thing was sent on "
            "3 June 2024 at 10:40.",
        )
    ]


def test_with_no_retry_delays_a_refusal_queues_nothing(provider, settings, at):
    provider(["failed"])
    settings.DOORSTEP_NOTIFY_RETRY_MINUTES = ()
    send(CaseFactory(), at)
    assert queued() == []

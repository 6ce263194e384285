"""Sending the reminders owed (`selectors.reminders_owed`): to each member of staff through
the landlord's notifier (ADR 10), and a `reminder.sent` on the case saying whom it told and
what the notifier said. Time comes in as `at`; the day read as `as_of`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from doorstep.appointments.notify import Delivery, Message, notifier
from doorstep.cases.services import record_on_case
from doorstep.core.errors import DomainError
from doorstep.deadlines.selectors import LivePolicy, live_policy
from doorstep.reminders.selectors import Owed, reminders_owed, working_days_before

SUBJECT = "{when}: {name} on {reference}"
DUE_TODAY = "Due today"
DUE_IN = "Due in {n} working day{s}"
# No title, no name, no household: an email may be read on a phone or forwarded, and the
# case's words are behind a sign-in. The clock's explanation is dates and rules.
BODY = """{name} on case {reference} falls due on {due}: {status}.

{explanation}

Open the case: {link}

Doorstep sends this {before} working days before a clock falls due (the landlord's policy,
reminders.working_days_before). You are told as the case's {role}.
"""


@dataclass
class RemindersSent:
    """What a run of the reminders did: how many were sent, to how many people, and how many
    could be sent to no one (no officer, and no team member with an email)."""

    as_of: dt.date
    reminders: int = 0
    messages: int = 0
    to_no_one: int = 0
    failed: int = 0
    cases: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "reminders": self.reminders,
            "messages": self.messages,
            "to_no_one": self.to_no_one,
            "failed": self.failed,
            "cases": len(self.cases),
        }


def _message(owed: Owed, *, before: int, to: Any) -> Message:
    clock, case = owed.clock, owed.clock.case
    n = owed.working_days_left
    when = DUE_TODAY if n == 0 else DUE_IN.format(n=n, s="" if n == 1 else "s")
    link = settings.DOORSTEP_BASE_URL.rstrip("/") + reverse("cases:case", args=[case.reference])
    return Message(
        to=to.email,
        subject=SUBJECT.format(when=when, name=clock.name, reference=case.reference),
        text=BODY.format(
            name=clock.name,
            reference=case.reference,
            due=owed.due,
            status=clock.status,
            explanation="\n".join(clock.explanation),
            link=link,
            before=before,
            role="officer" if to == case.officer else "team's member",
        ),
        appointment=case.reference,
    )


def _send(message: Message, at: dt.datetime) -> Delivery:
    try:
        return notifier().send(message, at=at)
    except DomainError as error:  # a notifier without its settings: said, not a crash
        return Delivery("unknown", "failed", detail=str(error))


@transaction.atomic
def reminder_send(*, owed: Owed, before: int, at: dt.datetime) -> dict[str, Any]:
    """Tell each person `owed` names, and record it on the case (`reminder.sent`)."""
    sent = []
    for person in owed.to:
        delivery = _send(_message(owed, before=before, to=person), at)
        sent.append(
            {
                "to": person.username,
                "provider": delivery.provider,
                "status": delivery.status,
                "detail": delivery.detail or None,
            }
        )
    case = owed.clock.case
    data = {
        "clock": owed.clock.clock,
        "subject": owed.clock.subject or None,
        "name": owed.clock.name,
        "due": owed.due,
        "working_days_left": owed.working_days_left,
        "working_days_before": before,
        "team": case.owner_team.slug if case.owner_team is not None else None,
        "sent": sent,
    }
    record_on_case(case=case, kind="reminder.sent", data=data, actor=None, at=at)
    return data


def reminders_send(
    *, as_of: dt.date, at: dt.datetime, policy: LivePolicy | None = None
) -> RemindersSent:
    """Send every reminder owed as of `as_of` (each in its own transaction: one that fails
    leaves the others sent, and is owed again at the next run)."""
    policy = policy or live_policy()
    before = working_days_before(as_of=as_of, policy=policy)
    done = RemindersSent(as_of=as_of)
    for owed in reminders_owed(as_of=as_of, policy=policy):
        data = reminder_send(owed=owed, before=before, at=at)
        done.reminders += 1
        done.messages += len(data["sent"])
        done.to_no_one += not data["sent"]
        done.failed += sum(d["status"] == "failed" for d in data["sent"])
        done.cases.add(owed.clock.case.reference)
    return done

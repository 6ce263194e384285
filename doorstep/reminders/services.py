"""Sending the reminders owed (`selectors.reminders_owed`): to each member of staff through
the landlord's notifier (ADR 10), and a `reminder.sent` on the case saying whom it told and
what the notifier said. Time comes in as `at`; the day read as `as_of`."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from doorstep.appointments.notify import Message, notifier, send_or_fail
from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.deadlines.selectors import LivePolicy, live_policy
from doorstep.reminders.selectors import Owed, reminded_on, reminders_owed, working_days_before

logger = logging.getLogger("doorstep.worker")

SUBJECT = "{when}: {name} on {reference}"
DUE_TODAY = "Due today"
DUE_IN = "Due in {n} working day{s}"
# Only the clock's name, the case's reference, the due day and where it stands: an email may
# be read on a phone or forwarded. Not the title, the household, nor the clock's explanation
# (its notes may say a vulnerability shortened it): those are behind a sign-in, on the case.
BODY = """{name} on case {reference} falls due on {due}: {status}.

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
    errors: int = 0
    cases: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "reminders": self.reminders,
            "messages": self.messages,
            "to_no_one": self.to_no_one,
            "failed": self.failed,
            "errors": self.errors,
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
            link=link,
            before=before,
            role="officer" if to == case.officer else "team's member",
        ),
        appointment=case.reference,
    )


@transaction.atomic
def reminder_send(*, owed: Owed, before: int, at: dt.datetime) -> dict[str, Any] | None:
    """Tell each person `owed` names, and record it on the case (`reminder.sent`). The case
    is locked and its reminders read again first: of two runs at once (one taken for dead
    that was not), only one sends; the other returns None."""
    case = owed.clock.case
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if owed.key in reminded_on(case):
        return None
    sent = []
    for person in owed.to:
        delivery = send_or_fail(notifier, _message(owed, before=before, to=person), at=at)
        sent.append(
            {
                "to": person.username,
                "provider": delivery.provider,
                "status": delivery.status,
                "detail": delivery.detail or None,
            }
        )
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
    """Send every reminder owed as of `as_of`, each in its own transaction. A delivery that
    fails is recorded as failed (the reminder is done: the case's history says whom it did
    not reach); a reminder that cannot be recorded at all is logged, counted as an error and
    owed again at the next run, and the others go on."""
    policy = policy or live_policy()
    before = working_days_before(as_of=as_of, policy=policy)
    done = RemindersSent(as_of=as_of)
    for owed in reminders_owed(as_of=as_of, policy=policy):
        try:
            data = reminder_send(owed=owed, before=before, at=at)
        except Exception:
            logger.exception("Reminder for case %s not recorded", owed.clock.case.reference)
            done.errors += 1
            continue
        if data is None:  # another run sent it meanwhile
            continue
        done.reminders += 1
        done.messages += len(data["sent"])
        done.to_no_one += not data["sent"]
        done.failed += sum(d["status"] == "failed" for d in data["sent"])
        done.cases.add(owed.clock.case.reference)
    return done

"""Reading the learning from complaints: every change recorded (owner, due, done or not, and
overdue as of the date asked), and the upheld complaints and Ombudsman findings of
maladministration that have no learning recorded yet.

Complaint outcomes are read from the `complaint.response` events, and the Ombudsman's
findings from the `ombudsman.determination` events: whoever recorded them (the complaints
app, an import), the timeline is what is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from doorstep.cases.selectors import cases_visible_to
from doorstep.learning.models import Learning
from doorstep.timeline.models import Event
from doorstep.timeline.when import When

UPHELD = ("upheld", "partly_upheld")
# The Ombudsman's findings that say the landlord failed (Scheme paragraph 52).
FAILINGS = ("maladministration", "severe maladministration")


def failings(data: Mapping[str, Any]) -> list[str]:
    """The topics a determination found maladministration (or severe maladministration) on."""
    return [
        str(f.get("topic") or "")
        for f in data.get("findings") or ()
        if str(f.get("outcome") or "").strip().lower() in FAILINGS
    ]


def is_source(event: Event) -> bool:
    """Whether the event calls for learning: a response upholding the complaint in whole or in
    part, or a determination finding maladministration."""
    if event.kind == "complaint.response":
        return event.data.get("outcome") in UPHELD
    if event.kind == "ombudsman.determination":
        return bool(failings(event.data))
    return False


@dataclass(frozen=True)
class LearningAsOf:
    """A change recorded as learning, and whether it is overdue as of a date."""

    learning: Learning
    as_of: dt.date

    @property
    def done(self) -> bool:
        return self.learning.done_on is not None and self.learning.done_on <= self.as_of

    @property
    def overdue(self) -> bool:
        return not self.done and self.as_of > self.learning.due_date

    @property
    def due_display(self) -> str:
        return When.parse(self.learning.due_text).display()


@dataclass(frozen=True)
class Missing:
    """An upheld complaint or a determination with maladministration, with no learning yet."""

    event: Event

    @property
    def what(self) -> str:
        if self.event.kind == "complaint.response":
            outcome = str(self.event.data.get("outcome") or "").replace("_", " ")
            return f"Stage {self.event.data.get('stage') or '?'} response: {outcome}"
        return "Ombudsman's determination: maladministration on " + "; ".join(
            failings(self.event.data)
        )

    @property
    def day(self) -> str:
        return When.parse(self.event.occurred_text).display()


def learning_visible_to(*, user: Any) -> QuerySet[Learning]:
    return Learning.objects.filter(case__in=cases_visible_to(user=user)).select_related(
        "case__household__property", "owner", "source_event", "done_event"
    )


def learning_list(*, user: Any, as_of: dt.date) -> list[LearningAsOf]:
    """Every change recorded as learning by `as_of`, the ones still to do first, by due date."""
    rows = learning_visible_to(user=user).filter(recorded_on__lte=as_of)
    found = [LearningAsOf(row, as_of) for row in rows]
    return sorted(found, key=lambda item: (item.done, item.learning.due_date, item.learning.pk))


def learning_for_case(*, case: Any, as_of: dt.date) -> list[LearningAsOf]:
    """The learning recorded on the case (or learning from an event on it)."""
    rows = Learning.objects.filter(Q(case=case) | Q(source_event__case=case)).select_related(
        "owner", "source_event", "case"
    )
    return [LearningAsOf(row, as_of) for row in rows.filter(recorded_on__lte=as_of)]


def _sources() -> QuerySet[Event]:
    return Event.objects.filter(
        Q(kind="complaint.response", data__outcome__in=UPHELD) | Q(kind="ombudsman.determination")
    )


def learning_missing(*, user: Any) -> list[Missing]:
    """Every upheld (or partly upheld) complaint response and every determination finding
    maladministration, on the cases this person may see, with no learning recorded from it."""
    candidates = (
        _sources()
        .filter(case__in=cases_visible_to(user=user))
        .exclude(pk__in=Learning.objects.values("source_event"))
        .select_related("case__household__property")
        .order_by("occurred_earliest", "id")
    )
    return [Missing(e) for e in candidates if is_source(e)]


def learning_missing_on_case(*, case: Any) -> list[Missing]:
    """The case's upheld responses and determinations finding maladministration with no
    learning recorded from them."""
    candidates = (
        _sources()
        .filter(case=case)
        .exclude(pk__in=Learning.objects.values("source_event"))
        .select_related("case")
        .order_by("occurred_earliest", "id")
    )
    return [Missing(e) for e in candidates if is_source(e)]


def learning_named(*, ref: str, user: Any) -> Learning:
    """One change recorded as learning, if this person may see its case."""
    return learning_visible_to(user=user).get(ref=ref)


def learning_recorded_by(*, user: Any, moment: dt.datetime) -> QuerySet[Learning]:
    """The learning a request arriving at `moment` recorded (for an idempotent retry)."""
    return Learning.objects.filter(recorded_event__recorded_at=moment, recorded_event__actor=user)

"""`event_append`: the one door into the record."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError, ItemRefused
from doorstep.testing.factories import CaseFactory, HouseholdFactory
from doorstep.timeline.models import Event, Stream
from doorstep.timeline.services import (
    FUTURE_EVENT,
    SUPERSEDES_OTHER_STREAM,
    EventDraft,
    event_append,
    events_append,
)
from doorstep.timeline.verify import verify_all
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db


def _append(household, at, **overrides):
    args = {
        "kind": "note",
        "occurred": When.at(at),
        "recorded_at": at,
        "actor": None,
        "actor_name": "Sam Officer",
        "channel": "internal",
        "data": {"text": "hello"},
        "household": household,
        "property": household.property,
    }
    return event_append(**{**args, **overrides})


def test_an_event_keeps_its_precision_and_who_recorded_it(at):
    household = HouseholdFactory()
    event = _append(household, at, occurred=When.parse("2021-03"), by="R1")
    event.refresh_from_db()
    assert (event.occurred_text, event.occurred_precision) == ("2021-03", "month")
    assert event.occurred_earliest.date() == dt.date(2021, 3, 1)
    assert event.actor_name == "Sam Officer" and event.by == "R1"


def test_an_event_cannot_happen_after_it_was_recorded(at):
    household = HouseholdFactory()
    tomorrow = When.on(at.date() + dt.timedelta(days=1))
    with pytest.raises(DomainError) as info:
        _append(household, at, occurred=tomorrow)
    assert info.value.field == "occurred"
    assert info.value.message == FUTURE_EVENT.format(
        when=tomorrow.display(), recorded=at.isoformat()
    )


def test_an_unknown_channel_is_refused(at):
    with pytest.raises(DomainError, match="'fax' is not a channel"):
        _append(HouseholdFactory(), at, channel="fax")


def test_bad_data_is_refused_and_nothing_is_written(at):
    household = HouseholdFactory()
    before = Event.objects.count()
    with pytest.raises(DomainError, match=r"note: data\.text"):
        _append(household, at, data={"text": 42})
    assert Event.objects.count() == before


def test_a_correction_points_at_what_it_corrects(at):
    household = HouseholdFactory()
    wrong = _append(household, at, data={"text": "Visited on the 3rd"})
    right = _append(household, at, data={"text": "Visited on the 4th"}, supersedes=wrong)
    assert list(wrong.corrections.all()) == [right]


def test_a_correction_must_stay_in_the_same_history(at):
    wrong = _append(HouseholdFactory(), at)
    with pytest.raises(DomainError) as info:
        _append(HouseholdFactory(), at, supersedes=wrong)
    assert info.value.message == SUPERSEDES_OTHER_STREAM


def test_a_communal_case_is_chained_on_its_building(at):
    block_case = CaseFactory(household=None, property=HouseholdFactory().property.part_of)
    event = Event.objects.get(case=block_case)
    assert event.stream.key == f"property:{block_case.property.pk}"


def _draft(household, at, **overrides):
    args = {
        "kind": "note",
        "occurred": When.at(at),
        "recorded_at": at,
        "actor": None,
        "actor_name": "Import",
        "channel": "import",
        "data": {"text": "hello"},
        "household": household,
        "property": household.property,
    }
    return EventDraft(**{**args, **overrides})


def test_many_events_are_appended_in_order_each_to_its_own_history(at):
    first, second = HouseholdFactory(), HouseholdFactory()
    _append(first, at)
    had = {h: Stream.objects.get(household=h).length for h in (first, second)}
    before = Event.objects.count()
    drafts = [
        _draft(first, at, data={"text": "one"}),
        _draft(second, at, data={"text": "two"}),
        _draft(first, at, data={"text": "three"}),
    ]
    events = events_append(drafts)
    assert [(e.stream.key, e.seq, e.data["text"]) for e in events] == [
        (f"household:{first.pk}", had[first] + 1, "one"),
        (f"household:{second.pk}", had[second] + 1, "two"),
        (f"household:{first.pk}", had[first] + 2, "three"),
    ]
    assert all(e.pk for e in events)
    report = verify_all()
    assert report.ok and report.events == before + 3


def test_a_refused_draft_is_named_by_its_place_and_nothing_is_kept(at):
    household = HouseholdFactory()
    had = list(Event.objects.filter(household=household))
    tomorrow = When.on(at.date() + dt.timedelta(days=1))
    drafts = [
        _draft(household, at),
        _draft(household, at),
        _draft(household, at, occurred=tomorrow),
    ]
    with pytest.raises(ItemRefused) as info:
        events_append(drafts)
    assert info.value.index == 2 and info.value.field == "occurred"
    assert list(Event.objects.filter(household=household)) == had
    assert Stream.objects.get(household=household).length == len(had)

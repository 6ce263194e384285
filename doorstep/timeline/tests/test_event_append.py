"""`event_append`: the one door into the record."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.testing.factories import CaseFactory, HouseholdFactory
from doorstep.timeline.models import Event
from doorstep.timeline.services import (
    FUTURE_EVENT,
    SUPERSEDES_OTHER_STREAM,
    event_append,
)
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

"""The appointment kinds accept everything the published schema accepts for them (an import
keeps a record whole), and keep Doorstep's own fields."""

from __future__ import annotations

import pytest

from doorstep.appointments import events
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid

KINDS = ["booked", "moved", "cancelled", "attended", "missed"]


@pytest.mark.parametrize("name", KINDS)
def test_the_app_owns_the_format_kinds(name):
    assert kinds.get(f"appointment.{name}").__module__ == events.__name__


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("appointment.booked", {"appointment": "A1"}),
        ("appointment.booked", {"appointment": "A1", "for": None, "date": None, "items": ["2"]}),
        ("appointment.booked", {"appointment": "A1", "for": "J5", "date": "2021-03"}),
        ("appointment.moved", {"appointment": "A1", "date": None, "reason": None}),
        ("appointment.cancelled", {"appointment": "A1", "by": "landlord"}),
        ("appointment.attended", {"appointment": "A1", "outcome": "no_access", "reason": None}),
        ("appointment.missed", {"appointment": "A1", "by": "resident", "disputed": True}),
    ],
)
def test_what_the_schema_accepts_is_kept_as_given(kind, data):
    assert kinds.get(kind).validate(data) == data


def test_for_keeps_its_name():
    data = kinds.get("appointment.booked").validate({"appointment": "A1", "for": "J1"})
    assert data == {"appointment": "A1", "for": "J1"}


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("appointment.booked", {"for": "J1"}, "data.appointment"),
        ("appointment.booked", {"appointment": "A1", "for": 5}, "data.for"),
        ("appointment.moved", {"appointment": "A1", "by": "contractor"}, "data.by"),
        ("appointment.attended", {"appointment": "A1"}, "data.outcome"),
        ("appointment.missed", {"appointment": "A1"}, "data.by"),
        ("appointment.cancelled", {"appointment": "A1", "resident_informed": "no"}, None),
    ],
)
def test_what_the_schema_refuses_is_refused(kind, data, field):
    with pytest.raises(PayloadInvalid) as info:
        kinds.get(kind).validate(data)
    if field:
        assert info.value.errors[0]["field"] == field


def test_sentences_say_what_happened():
    moved = kinds.get("appointment.moved")
    assert moved.sentence(
        {"appointment": "A1", "date": "2024-06-07", "by": "landlord", "resident_informed": False},
        "",
    ) == ("Appointment A1 moved by the landlord to 7 June 2024; the resident was not told")

"""`repair.reported` and `works.raised` accept everything the published chronology schema
accepts for them (so every landlord's record still imports), keep it as given, and refuse
what the schema refuses, naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.interchange.validate import validate_event_data
from doorstep.repairs.events import RepairReported, WorksRaised
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid
from doorstep.timeline.models import Event
from doorstep.timeline.verify import verify_all
from doorstep.timeline.when import LONDON

KINDS = ("repair.reported", "works.raised")

# Data the schema accepts: nulls, ids alone, dates of every precision, windows, bases, extras.
ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("repair.reported", {}),
    ("repair.reported", {"priority": None, "location": None, "description": None, "job": None,
                         "element": None, "communal": True, "security": False}),
    ("repair.reported", {"priority": "planned", "job": "J9", "element": "rear wall pointing",
                         "date_bounds": {"after": None, "not_after": "2021-03"},
                         "priority_assumed": True, "disputed": False, "priority_basis": None,
                         "sources": {"para": "3"}, "legacy_code": 17}),
    ("works.raised", {"job": "J1"}),
    ("works.raised", {"job": "J1", "items": ["a", {"id": "b"}, {"id": "c", "description": None,
                      "element": None, "extra": [1]}], "priority": None, "target": None,
                      "purpose": "safety"}),
    ("works.raised", {"job": "J1", "target": "2021", "date_bounds": {"after": "2021-02",
                      "not_after": "2021-03-28"}, "target_basis": "stage 1 response"}),
    ("works.raised", {"job": "J1", "target": "2021-12-31T16:00:00Z", "purpose": "further"}),
]  # fmt: skip

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("repair.reported", {"priority": "soon"}, "data.priority"),
    ("repair.reported", {"communal": "yes"}, "data.communal"),
    ("repair.reported", {"location": 12}, "data.location"),
    ("repair.reported", {"job": ""}, "data.job"),
    ("works.raised", {}, "data.job"),
    ("works.raised", {"job": "J1", "items": [{"description": "no id"}]}, "data.items.0.id"),
    ("works.raised", {"job": "J1", "items": [7]}, "data.items.0"),
    ("works.raised", {"job": "J1", "target": "end of March"}, "data.target"),
    ("works.raised", {"job": "J1", "purpose": "cosmetic"}, "data.purpose"),
    ("works.raised", {"job": "J1", "date_bounds": {"after": None}}, "data.date_bounds.not_after"),
]


def test_the_apps_richer_kinds_replace_the_generic_ones():
    assert kinds.get("repair.reported") is RepairReported
    assert kinds.get("works.raised") is WorksRaised


@pytest.mark.parametrize(("kind", "data"), ACCEPTED)
def test_what_the_schema_accepts_is_accepted_and_kept_as_given(kind, data):
    assert validate_event_data(kind, data) == []
    assert kinds.get(kind).validate(data) == data


@pytest.mark.parametrize(("kind", "data", "field"), REFUSED)
def test_what_the_schema_refuses_is_refused_naming_the_field(kind, data, field):
    assert validate_event_data(kind, data) != []
    with pytest.raises(PayloadInvalid) as refused:
        kinds.get(kind).validate(data)
    assert field in [e["field"] for e in refused.value.errors]


@pytest.mark.parametrize("name", [BROMFORD, CLARION])
def test_every_repair_and_works_event_of_the_seeds_is_kept_as_given(name):
    for event in seed(name)["events"]:
        if event["kind"] in KINDS:
            assert kinds.get(event["kind"]).validate(event["data"]) == event["data"]


@pytest.mark.django_db
def test_both_seeds_still_import_and_their_chains_verify():
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    for name in (BROMFORD, CLARION):
        chronology_import(doc=seed(name), source_name=name, at=at)
    stored = Event.objects.filter(kind__in=KINDS)
    expected = sum(
        1 for name in (BROMFORD, CLARION) for e in seed(name)["events"] if e["kind"] in KINDS
    )
    assert stored.count() == expected
    assert verify_all().ok


def test_sentences():
    assert RepairReported.sentence(
        {"priority": "emergency", "location": "front door", "description": "Will not lock",
         "communal": True, "security": True}, ""
    ) == "Repair reported (emergency, communal, insecure): front door: Will not lock"  # fmt: skip
    assert RepairReported.sentence({}, "") == (
        "Repair reported (no priority given): location not recorded: no description on record"
    )
    assert WorksRaised.sentence({"job": "J1", "items": ["a"], "target": "2021-12"}, "") == (
        "Job J1 raised (no priority given): 1 item, target December 2021"
    )
    assert WorksRaised.sentence({"job": "J1"}, "Mould wash job") == "Mould wash job"

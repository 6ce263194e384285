"""`inspection.done` accepts everything the published chronology schema accepts for it, keeps
it as given, and refuses what the schema refuses, naming the field."""

from __future__ import annotations

from typing import Any

import pytest

from doorstep.inspections.events import InspectionDone
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.interchange.validate import validate_event_data
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid

ACCEPTED: list[dict[str, Any]] = [
    {},
    {"by": None, "findings": None, "cause": None, "report": None, "recommends": [],
     "appointment": None},
    {"by": "S1", "recommends": ["Repoint", {"action": "x"}], "sources": {"para": "1"},
     "extra": 1},
]  # fmt: skip
REFUSED: list[tuple[dict[str, Any], str]] = [
    ({"by": ""}, "data.by"),
    ({"report": 3}, "data.report"),
    ({"recommends": "Repoint"}, "data.recommends"),
    ({"findings": ["x"]}, "data.findings"),
]


def test_the_apps_richer_kind_replaces_the_generic_one():
    assert kinds.get("inspection.done") is InspectionDone


@pytest.mark.parametrize("data", ACCEPTED)
def test_what_the_schema_accepts_is_accepted_and_kept_as_given(data):
    assert validate_event_data("inspection.done", data) == []
    assert InspectionDone.validate(data) == data


@pytest.mark.parametrize(("data", "field"), REFUSED)
def test_what_the_schema_refuses_is_refused_naming_the_field(data, field):
    assert validate_event_data("inspection.done", data) != []
    with pytest.raises(PayloadInvalid) as refused:
        InspectionDone.validate(data)
    assert field in [e["field"] for e in refused.value.errors]


@pytest.mark.parametrize("name", [BROMFORD, CLARION])
def test_every_inspection_of_the_seeds_is_kept_as_given(name):
    for event in seed(name)["events"]:
        if event["kind"] == "inspection.done":
            assert InspectionDone.validate(event["data"]) == event["data"]


def test_sentence():
    assert InspectionDone.sentence({"by": "S1", "findings": "Wet walls"}, "") == (
        "Inspection done by S1: Wet walls (no report on record)"
    )

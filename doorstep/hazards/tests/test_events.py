"""The hazards app's kinds accept everything the published chronology schema accepts for them
(so every landlord's record still imports), keep it as given, and refuse what the schema
refuses, naming the field. `decant.considered` is Doorstep's own and insists on its reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from doorstep.hazards import events
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.interchange.validate import KNOWN_KINDS, validate_event_data
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid
from doorstep.timeline.models import Event
from doorstep.timeline.verify import verify_all
from doorstep.timeline.when import LONDON

FORMAT_KINDS = (
    "hazard.reported",
    "hazard.assessed",
    "hazard.made_safe",
    "hazard.summary_sent",
    "decant.started",
    "decant.ended",
)

ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("hazard.reported", {"hazard": "damp_mould"}),
    ("hazard.reported", {"hazard": "falls", "location": None, "description": None,
                         "sources": {"para": "2"}, "priority_assumed": True, "extra": [1]}),
    ("hazard.assessed", {"severity": "emergency"}),
    ("hazard.assessed", {"severity": "not_significant", "cause": None, "hazard": "fire",
                         "date_bounds": {"not_after": "2021-03"}}),
    ("hazard.made_safe", {}),
    ("hazard.made_safe", {"anything": "kept"}),
    ("hazard.summary_sent", {}),
    ("hazard.summary_sent", {"to": None}),
    ("hazard.summary_sent", {"to": "R1"}),
    ("decant.started", {}),
    ("decant.started", {"reason": None, "where": "Hotel"}),
    ("decant.ended", {"reason": None}),
]  # fmt: skip

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("hazard.reported", {}, "data.hazard"),
    ("hazard.reported", {"hazard": "Damp and mould"}, "data.hazard"),
    ("hazard.reported", {"hazard": "damp_mould", "location": 3}, "data.location"),
    ("hazard.assessed", {}, "data.severity"),
    ("hazard.assessed", {"severity": "bad"}, "data.severity"),
    ("hazard.assessed", {"severity": "emergency", "cause": 1}, "data.cause"),
    ("hazard.summary_sent", {"to": ""}, "data.to"),
    ("decant.started", {"where": 7}, "data.where"),
    ("decant.ended", {"reason": ["x"]}, "data.reason"),
]


def test_the_apps_richer_kinds_replace_the_generic_ones():
    assert kinds.get("hazard.reported") is events.HazardReported
    assert kinds.get("hazard.assessed") is events.HazardAssessed
    assert kinds.get("hazard.made_safe") is events.HazardMadeSafe
    assert kinds.get("hazard.summary_sent") is events.HazardSummarySent
    assert kinds.get("decant.started") is events.DecantStarted
    assert kinds.get("decant.ended") is events.DecantEnded
    assert kinds.get("decant.considered") is events.DecantConsidered
    assert "decant.considered" not in KNOWN_KINDS  # Doorstep's own kind


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


@pytest.mark.parametrize(
    ("data", "field"),
    [({"reason": "x"}, "data.decision"), ({"decision": "offered"}, "data.reason"),
     ({"decision": "offered", "reason": ""}, "data.reason")],
)  # fmt: skip
def test_a_decant_considered_needs_its_decision_and_reason(data, field):
    with pytest.raises(PayloadInvalid) as refused:
        events.DecantConsidered.validate(data)
    assert field in [e["field"] for e in refused.value.errors]


@pytest.mark.parametrize("name", [BROMFORD, CLARION])
def test_every_hazard_and_decant_event_of_the_seeds_is_kept_as_given(name):
    for event in seed(name)["events"]:
        if event["kind"] in FORMAT_KINDS:
            assert kinds.get(event["kind"]).validate(event["data"]) == event["data"]


@pytest.mark.django_db
def test_both_seeds_still_import_and_their_chains_verify():
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    for name in (BROMFORD, CLARION):
        chronology_import(doc=seed(name), source_name=name, at=at)
    expected = sum(
        1 for n in (BROMFORD, CLARION) for e in seed(n)["events"] if e["kind"] in FORMAT_KINDS
    )
    assert Event.objects.filter(kind__in=FORMAT_KINDS).count() == expected > 0
    assert verify_all().ok


def test_sentences():
    assert (
        events.HazardReported.sentence(
            {"hazard": "damp_mould", "location": "bathroom", "description": "Mould"}, ""
        )
        == "Damp and mould growth reported: bathroom: Mould"
    )
    assert events.HazardAssessed.sentence({"severity": "significant", "cause": "Leak"}, "") == (
        "Hazard assessed: significant; cause: Leak"
    )
    assert events.DecantConsidered.sentence({"decision": "not_needed", "reason": "Dry"}, "") == (
        "Decant considered: not needed: Dry"
    )
    assert events.DecantStarted.sentence({"where": "Hotel"}, "") == "Household decanted to Hotel"

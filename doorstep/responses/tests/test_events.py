"""`complaint.response` accepts everything the published chronology schema accepts for it (so
every landlord's record still imports, both seeds among them), keeps it as given, and refuses
what the schema refuses, naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.interchange.validate import validate_event_data
from doorstep.responses import events
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid
from doorstep.timeline.models import Event
from doorstep.timeline.verify import verify_all
from doorstep.timeline.when import LONDON

KIND = "complaint.response"

ACCEPTED: list[dict[str, Any]] = [
    {"stage": 1},
    {"stage": 2, "outcome": None, "text": None},
    {"stage": 1, "outcome": "not_upheld", "commitments": [], "claims_done": []},
    {"stage": 1, "commitments": [{"commitment": "k1"}]},
    {"stage": 1, "commitments": [{"commitment": "k1", "action": None, "due": None, "job": None,
                                  "items": ["a", {"id": "b", "description": None}]}]},
    {"stage": 2, "commitments": [{"commitment": "k2", "due": "2022-05"}]},
    {"stage": 2, "claims_done": [{"job": "J5", "items": ["repoint"], "description": "kept"}]},
    {"stage": 2, "claims_done": [{"commitment": "k3"}, {"action": "Spoke to neighbours"}]},
    {"stage": 2, "claims_done": [{"action": None}]},
    {"stage": 1, "outcome_basis": "inferred", "sources": {"para": "3"}, "anything": [1]},
    {"stage": 1, "points": [{"point": "Leak", "decision": "upheld", "reasons": "Late"}],
     "understood": "x", "remedy": None, "document": "DOC-1", "posted": True},
]  # fmt: skip

REFUSED: list[tuple[dict[str, Any], str]] = [
    ({}, "data.stage"),
    ({"stage": 3}, "data.stage"),
    ({"stage": "1"}, "data.stage"),
    ({"stage": True}, "data.stage"),
    ({"stage": 1, "outcome": "won"}, "data.outcome"),
    ({"stage": 1, "text": 5}, "data.text"),
    ({"stage": 1, "commitments": [{"action": "x"}]}, "data.commitments.0.commitment"),
    ({"stage": 1, "commitments": [{"commitment": ""}]}, "data.commitments.0.commitment"),
    ({"stage": 1, "commitments": [{"commitment": "k1", "due": "soon"}]},
     "data.commitments.0.due"),
    ({"stage": 1, "claims_done": [{"items": ["1"]}]}, "data.claims_done.0"),
    ({"stage": 1, "claims_done": [{"job": None}]}, "data.claims_done.0"),
    ({"stage": 1, "claims_done": "all"}, "data.claims_done"),
]  # fmt: skip


def test_the_apps_richer_kind_replaces_the_generic_one():
    assert kinds.get(KIND) is events.ComplaintResponse


@pytest.mark.parametrize("data", ACCEPTED)
def test_what_the_schema_accepts_is_accepted_and_kept_as_given(data):
    assert validate_event_data(KIND, data) == []
    assert events.ComplaintResponse.validate(data) == data


@pytest.mark.parametrize(("data", "field"), REFUSED)
def test_what_the_schema_refuses_is_refused_naming_the_field(data, field):
    assert validate_event_data(KIND, data) != []
    with pytest.raises(PayloadInvalid) as refused:
        events.ComplaintResponse.validate(data)
    assert any(e["field"].startswith(field) for e in refused.value.errors), refused.value.errors


@pytest.mark.parametrize("name", [BROMFORD, CLARION])
def test_every_response_of_the_seeds_is_kept_as_given(name):
    found = [e for e in seed(name)["events"] if e["kind"] == KIND]
    assert found
    for event in found:
        assert events.ComplaintResponse.validate(event["data"]) == event["data"]


@pytest.mark.django_db
def test_both_seeds_still_import_and_their_chains_verify():
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    for name in (BROMFORD, CLARION):
        chronology_import(doc=seed(name), source_name=name, at=at)
    expected = sum(1 for n in (BROMFORD, CLARION) for e in seed(n)["events"] if e["kind"] == KIND)
    assert Event.objects.filter(kind=KIND).count() == expected
    assert verify_all().ok


def test_sentence():
    data = {
        "stage": 1,
        "outcome": "partly_upheld",
        "commitments": [{"commitment": "k1", "action": "Replace the pipe", "due": "2024-06-14"}],
    }
    assert events.ComplaintResponse.sentence(data, "") == (
        "Stage 1 response sent: partly upheld; promises: Replace the pipe (due 14 June 2024)"
    )
    assert events.ComplaintResponse.sentence({"stage": 2, "outcome": None}, "") == (
        "Stage 2 response sent"
    )
    assert events.ComplaintResponse.sentence(data, "As summarised") == "As summarised"

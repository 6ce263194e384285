"""The moves app's kinds accept everything the published chronology schema accepts for them
(so every landlord's record still imports), keep it as given, and refuse what the schema
refuses, naming the field; the Bromford move request imports and is projected."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, seed
from doorstep.interchange.validate import validate_event_data
from doorstep.moves import events
from doorstep.moves.models import MoveRequest
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid
from doorstep.timeline.when import LONDON

OWN = (
    "transfer.requested",
    "transfer.evidence_requested",
    "transfer.evidence_received",
    "transfer.decided",
    "transfer.support_offered",
)

ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("transfer.requested", {}),
    ("transfer.requested", {"reason": None, "sources": {"para": "4.1"}}),
    ("transfer.requested", {"reason": "ASB", "grounds": ["asb", "police"],
                            "evidence": ["DOC-2025-000001"], "anything": ["kept"]}),
    ("transfer.evidence_requested", {"what": None}),
    ("transfer.evidence_requested", {"what": "GP letter", "to": "R2", "types": ["letter"]}),
    ("transfer.evidence_received", {"what": "Letter", "from": None}),
    ("transfer.evidence_received", {"what": "Letter", "from": "R2", "document": "D1",
                                    "from_authorised": True,
                                    "source_standing": "authorised_third_party"}),
    ("transfer.decided", {"outcome": "declined", "reason": None}),
    ("transfer.decided", {"outcome": "panel_referred", "disputed": True}),
    ("transfer.decided", {"outcome": "approved", "panel": True}),
    ("transfer.support_offered", {}),
    ("transfer.support_offered", {"routes": "HomeSwapper"}),
    ("transfer.support_offered", {"routes": ["mutual_exchange"], "support": "Registered her"}),
]  # fmt: skip

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("transfer.requested", {"reason": 7}, "data.reason"),
    ("transfer.evidence_requested", {"what": ["letter"]}, "data.what"),
    ("transfer.evidence_received", {"from": 3}, "data.from"),
    ("transfer.evidence_received", {"from": ""}, "data.from"),
    ("transfer.decided", {}, "data.outcome"),
    ("transfer.decided", {"outcome": "maybe"}, "data.outcome"),
    ("transfer.decided", {"outcome": "declined", "reason": 4}, "data.reason"),
    ("transfer.support_offered", {"routes": 3}, "data.routes"),
]


def test_the_apps_kinds_replace_the_generic_ones():
    assert kinds.get("transfer.requested") is events.TransferRequested
    assert kinds.get("transfer.evidence_requested") is events.TransferEvidenceRequested
    assert kinds.get("transfer.evidence_received") is events.TransferEvidenceReceived
    assert kinds.get("transfer.decided") is events.TransferDecided
    assert kinds.get("transfer.support_offered") is events.TransferSupportOffered


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


def test_every_transfer_event_of_bromford_is_kept_as_given():
    found = [e for e in seed(BROMFORD)["events"] if e["kind"] in OWN]
    assert found
    for event in found:
        assert kinds.get(event["kind"]).validate(event["data"]) == event["data"]


@pytest.mark.django_db
def test_bromfords_move_request_imports_and_is_projected():
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    chronology_import(doc=seed(BROMFORD), source_name=BROMFORD, at=at)
    (move,) = MoveRequest.objects.all()
    assert move.status == "declined" and move.outcome == "declined"
    assert "did not warrant a panel referral" in move.decision_reason
    assert move.requested_at.astimezone(LONDON).date() == dt.date(2021, 6, 30)
    assert move.decision_due is None  # decided: no clock running


def test_sentences():
    assert events.TransferRequested.sentence({"reason": "Scared", "grounds": ["asb"]}, "") == (
        "Move requested (asb): Scared"
    )
    assert events.TransferEvidenceReceived.sentence({"what": "GP letter", "from": "R2"}, "") == (
        "Evidence received from R2: GP letter"
    )
    assert events.TransferDecided.sentence({"outcome": "panel_referred"}, "") == (
        "Move request panel referred"
    )
    assert (
        events.TransferSupportOffered.sentence(
            {"routes": ["mutual_exchange"], "support": "HomeSwapper"}, ""
        )
        == "Other routes offered: mutual exchange; HomeSwapper"
    )
    assert events.TransferDecided.sentence({"outcome": "approved"}, "Said") == "Said"

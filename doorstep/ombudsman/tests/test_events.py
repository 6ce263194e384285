"""The Ombudsman's kinds accept everything the published chronology schema accepts for them
(both seeds still import), keep it as given, and refuse what the schema refuses, naming the
field; learning's kinds are Doorstep's own and insist on what they need."""

from __future__ import annotations

from typing import Any

import pytest

from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.interchange.validate import KNOWN_KINDS, validate_event_data
from doorstep.learning import events as learning_events
from doorstep.ombudsman import events
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid

FORMAT_KINDS = (
    "ombudsman.referred",
    "ombudsman.intervened",
    "ombudsman.evidence_requested",
    "ombudsman.evidence_sent",
    "ombudsman.determination",
    "ombudsman.order_complied",
)

ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("ombudsman.referred", {}),
    ("ombudsman.referred", {"text": None, "sources": {"para": "7"}}),
    ("ombudsman.intervened", {"text": None}),
    ("ombudsman.evidence_requested", {}),
    ("ombudsman.evidence_requested", {"items": ["log", {"what": "photos"}], "due": None}),
    ("ombudsman.evidence_requested", {"items": [], "due": "2024-06"}),
    ("ombudsman.evidence_sent", {"items": [1, "letter"]}),
    ("ombudsman.determination", {}),
    ("ombudsman.determination", {"findings": [{"topic": None, "outcome": "significant failing",
                                               "para": "8"}],
                                 "orders": [{"commitment": "o1"}]}),
    ("ombudsman.determination", {"orders": [{"commitment": "o2", "action": None, "due": None,
                                             "job": None, "amount": 4100}]}),
    ("ombudsman.order_complied", {"commitment": "o1"}),
    ("ombudsman.order_complied", {"commitment": "o1", "evidence": None, "documents": []}),
]  # fmt: skip

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("ombudsman.referred", {"text": 7}, "data.text"),
    ("ombudsman.intervened", {"text": ["respond"]}, "data.text"),
    ("ombudsman.evidence_requested", {"items": "the log"}, "data.items"),
    ("ombudsman.evidence_requested", {"due": "soon"}, "data.due"),
    ("ombudsman.evidence_sent", {"items": {"log": True}}, "data.items"),
    ("ombudsman.determination", {"orders": [{"action": "Apologise"}]}, "data.orders.0.commitment"),
    ("ombudsman.determination", {"findings": [{"topic": 3}]}, "data.findings.0.topic"),
    ("ombudsman.determination", {"orders": [{"commitment": "o1", "due": "soon"}]},
     "data.orders.0.due"),
    ("ombudsman.order_complied", {}, "data.commitment"),
    ("ombudsman.order_complied", {"commitment": ""}, "data.commitment"),
]  # fmt: skip


def test_the_apps_richer_kinds_replace_the_generic_ones():
    assert kinds.get("ombudsman.referred") is events.OmbudsmanReferred
    assert kinds.get("ombudsman.intervened") is events.OmbudsmanIntervened
    assert kinds.get("ombudsman.evidence_requested") is events.OmbudsmanEvidenceRequested
    assert kinds.get("ombudsman.evidence_sent") is events.OmbudsmanEvidenceSent
    assert kinds.get("ombudsman.determination") is events.OmbudsmanDetermination
    assert kinds.get("ombudsman.order_complied") is events.OmbudsmanOrderComplied
    assert kinds.get("learning.recorded") is learning_events.LearningRecorded
    assert kinds.get("learning.done") is learning_events.LearningDone
    assert "learning.recorded" not in KNOWN_KINDS  # Doorstep's own kinds


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
def test_every_ombudsman_event_of_the_seeds_is_kept_as_given(name):
    found = [e for e in seed(name)["events"] if e["kind"] in FORMAT_KINDS]
    assert found
    for event in found:
        assert kinds.get(event["kind"]).validate(event["data"]) == event["data"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"learning": "L1", "owner": "M", "due": "2024-09", "source": "u"}, "data.change"),
        ({"learning": "L1", "change": "", "owner": "M", "due": "2024-09", "source": "u"},
         "data.change"),
        ({"learning": "L1", "change": "x", "owner": "M", "due": "autumn", "source": "u"},
         "data.due"),
        ({"learning": "L1", "change": "x", "owner": "M", "due": "2024-09"}, "data.source"),
    ],
)  # fmt: skip
def test_learning_recorded_needs_its_change_owner_due_and_source(data, field):
    with pytest.raises(PayloadInvalid) as refused:
        learning_events.LearningRecorded.validate(data)
    assert field in [e["field"] for e in refused.value.errors]


def test_sentences():
    determination = {
        "findings": [{"topic": "complaint handling", "outcome": "maladministration"}],
        "orders": [{"commitment": "o1"}],
    }
    assert events.OmbudsmanDetermination.sentence(determination, "") == (
        "The Ombudsman's determination: complaint handling: maladministration; 1 order(s)"
    )
    assert events.OmbudsmanEvidenceRequested.sentence(
        {"items": ["Log"], "due": "2024-06-10"}, ""
    ) == ("The Ombudsman asked for evidence by 2024-06-10: Log")
    assert events.OmbudsmanOrderComplied.sentence({"commitment": "o1", "evidence": "Paid"}, "") == (
        "Complied with order o1: Paid"
    )
    assert events.OmbudsmanReferred.sentence({"ombudsman_ref": "202208650"}, "") == (
        "Referred to the Housing Ombudsman (reference 202208650)"
    )
    assert events.OmbudsmanIntervened.sentence({}, "Given summary") == "Given summary"

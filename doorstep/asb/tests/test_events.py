"""The ASB app's kinds accept everything the published chronology schema accepts for them (so
every landlord's record still imports), keep it as given with Doorstep's own members, and refuse
what the schema refuses, naming the field; the Bromford seed's ASB history imports and is
projected."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from doorstep.asb import events
from doorstep.asb.choices import AsbStatus
from doorstep.asb.models import AsbCase
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, seed
from doorstep.interchange.validate import validate_event_data
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON

OWN = (
    "asb.reported",
    "asb.case_opened",
    "asb.case_declined",
    "asb.risk_assessed",
    "asb.action",
    "asb.reviewed",
    "asb.closed",
)

ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("asb.reported", {"category": "noise"}),
    ("asb.reported", {"category": "drugs", "text": None, "police_involved": None,
                      "informant_delay_requested_days": None}),
    ("asb.reported", {"category": "hate", "police_involved": True,
                      "informant_delay_requested_days": 3, "reporter": "R1",
                      "alleged_perpetrator": "Flat 2", "alleged_perpetrator_household": "H2",
                      "location": "Stairs", "communal": True, "crime_reference": "CR1",
                      "incident_date": "2021-04", "anything": ["kept"]}),
    ("asb.reported", {"category": "pets", "informant_delay_requested_days": 0}),
    ("asb.case_opened", {}),
    ("asb.case_opened", {"disputed": True}),
    ("asb.case_declined", {}),
    ("asb.case_declined", {"reason": None, "reason_code": "not_reported_to_police"}),
    ("asb.risk_assessed", {"level": "low"}),
    ("asb.risk_assessed", {"level": "high", "score": 6, "raised_from": "medium", "reason": "Knife",
                           "answers": {"vulnerability": "some", "hate_motivated": "no"}}),
    ("asb.action", {"type": "interview", "against": None, "details": "Meeting"}),
    ("asb.action", {"type": "warning", "against": "Flat 2", "reveals_reporter": True,
                    "delay_override": {"reason": "Urgent", "by": "Mina"},
                    "next_step": "Visit", "next_step_due": "2024-03-11"}),
    ("asb.action", {"type": "referral", "agency": {"kind": "police", "name": "The police"}}),
    ("asb.reviewed", {}),
    ("asb.reviewed", {"summary": "Quieter", "reporter_updated": "phone"}),
    ("asb.closed", {}),
    ("asb.closed", {"reason": None, "reporter_told": False, "reporter_not_told_reason": "Moved"}),
]  # fmt: skip

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("asb.reported", {}, "data.category"),
    ("asb.reported", {"category": "loud"}, "data.category"),
    ("asb.reported", {"category": "noise", "text": 5}, "data.text"),
    ("asb.reported", {"category": "noise", "police_involved": "yes"}, "data.police_involved"),
    ("asb.reported", {"category": "noise", "informant_delay_requested_days": -1},
     "data.informant_delay_requested_days"),
    ("asb.reported", {"category": "noise", "informant_delay_requested_days": "3"},
     "data.informant_delay_requested_days"),
    ("asb.case_declined", {"reason_code": "too_busy"}, "data.reason_code"),
    ("asb.case_declined", {"reason": 3}, "data.reason"),
    ("asb.risk_assessed", {}, "data.level"),
    ("asb.risk_assessed", {"level": "very high"}, "data.level"),
    ("asb.action", {}, "data.type"),
    ("asb.action", {"type": "shout"}, "data.type"),
    ("asb.action", {"type": "visit", "against": ""}, "data.against"),
    ("asb.closed", {"reason": ["quiet"]}, "data.reason"),
]  # fmt: skip


def test_the_apps_kinds_replace_the_generic_ones():
    for name in OWN:
        assert kinds.get(name).__module__ == "doorstep.asb.events", name


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


def test_every_asb_event_of_the_bromford_seed_is_kept_as_given():
    for event in seed(BROMFORD)["events"]:
        if event["kind"] in OWN:
            assert kinds.get(event["kind"]).validate(event["data"]) == event["data"]


@pytest.mark.django_db
def test_the_bromford_asb_history_imports_and_is_projected():
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    chronology_import(doc=seed(BROMFORD), source_name=BROMFORD, at=at)
    cases = set(Event.objects.filter(kind="asb.reported").values_list("case_id", flat=True))
    assert cases and set(AsbCase.objects.values_list("case_id", flat=True)) == cases
    declined = AsbCase.objects.get(
        case__events__kind="asb.case_declined",
        case__events__data__reason_code="not_reported_to_police",
    )
    # The last decision on the record was a decline (for a reason the policy never allows).
    assert declined.status == AsbStatus.DECLINED
    assert declined.decline_code == "not_reported_to_police"


def test_sentences():
    assert (
        events.AsbReported.sentence(
            {"category": "drugs", "informant_delay_requested_days": 3, "text": "Dealing"}, ""
        )
        == "ASB reported (drugs) (the reporter asked for 3 days' delay): Dealing"
    )
    assert events.AsbAction.sentence({"type": "warning", "against": "Flat 2"}, "") == (
        "ASB action: warning (Flat 2)"
    )
    assert events.AsbRiskAssessed.sentence({"level": "high", "raised_from": "medium"}, "") == (
        "ASB risk assessed: high, raised from medium"
    )
    assert events.AsbClosed.sentence({"reason": "Quiet"}, "Said") == "Said"

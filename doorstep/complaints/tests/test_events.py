"""The complaints app's kinds accept everything the published chronology schema accepts for
them (so every landlord's record still imports), keep it as given, and refuse what the schema
refuses, naming the field; the seeds' complaint histories import and project."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from doorstep.complaints import events
from doorstep.complaints.models import Complaint
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.interchange.validate import validate_event_data
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON

OWN = (
    "complaint.received",
    "complaint.acknowledged",
    "complaint.extended",
    "complaint.escalated",
    "complaint.refused",
)

ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("complaint.received", {"stage": 1}),
    ("complaint.received", {"stage": 1, "text": None, "sources": "letter of 3 March",
                            "date_bounds": {"after": None, "not_after": "2021-03"}}),
    ("complaint.received", {"stage": 1, "text": "Rude", "classification": "complaint",
                            "officer": "Sam", "anything": ["kept"]}),
    ("complaint.acknowledged", {"stage": 1}),
    ("complaint.acknowledged", {"stage": 2, "disputed": True}),
    ("complaint.extended", {"stage": 1, "new_due": "2022-03-31"}),
    ("complaint.extended", {"stage": 2, "new_due": "2022-04", "reason": None,
                            "agreed_with_resident": False}),
    ("complaint.extended", {"stage": 1, "new_due": "2022-03-31", "reason": "Survey",
                            "agreed_with_resident": True, "good_reason": "Expert report",
                            "in_writing": True, "notified_how": "letter"}),
    ("complaint.escalated", {"stage": 2}),
    ("complaint.escalated", {"stage": 2, "text": None}),
    ("complaint.refused", {"stage": 1}),
    ("complaint.refused", {"stage": 2, "reason": None, "reason_code": "legal_proceedings",
                           "ombudsman_informed": True}),
]  # fmt: skip

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("complaint.received", {}, "data.stage"),
    ("complaint.received", {"stage": 2}, "data.stage"),
    ("complaint.received", {"stage": "1"}, "data.stage"),
    ("complaint.received", {"stage": True}, "data.stage"),
    ("complaint.received", {"stage": 1, "text": 5}, "data.text"),
    ("complaint.acknowledged", {"stage": 3}, "data.stage"),
    ("complaint.extended", {"stage": 1}, "data.new_due"),
    ("complaint.extended", {"stage": 1, "new_due": "next week"}, "data.new_due"),
    ("complaint.extended", {"stage": 1, "new_due": "2022-03-31",
                            "agreed_with_resident": "yes"}, "data.agreed_with_resident"),
    ("complaint.escalated", {"stage": 1}, "data.stage"),
    ("complaint.refused", {"stage": "first"}, "data.stage"),
    ("complaint.refused", {"stage": 1, "reason": 12}, "data.reason"),
]  # fmt: skip


def test_the_apps_richer_kinds_replace_the_generic_ones():
    assert kinds.get("complaint.received") is events.ComplaintReceived
    assert kinds.get("complaint.acknowledged") is events.ComplaintAcknowledged
    assert kinds.get("complaint.extended") is events.ComplaintExtended
    assert kinds.get("complaint.escalated") is events.ComplaintEscalated
    assert kinds.get("complaint.refused") is events.ComplaintRefused
    # The response is the responses app's own.
    assert kinds.get("complaint.response").__module__ == "doorstep.responses.events"


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
def test_every_complaint_event_of_the_seeds_is_kept_as_given(name):
    for event in seed(name)["events"]:
        if event["kind"] in OWN:
            assert kinds.get(event["kind"]).validate(event["data"]) == event["data"]


@pytest.mark.django_db
def test_the_seeds_complaints_import_and_are_projected():
    at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    for name in (BROMFORD, CLARION):
        chronology_import(doc=seed(name), source_name=name, at=at)
    cases = set(
        Event.objects.filter(kind__in=("complaint.received", "complaint.escalated")).values_list(
            "case_id", flat=True
        )
    )
    assert cases and set(Complaint.objects.values_list("case_id", flat=True)) == cases
    # Each row says what its case's events say: escalated or not, answered at that stage or not.
    for row in Complaint.objects.all():
        said = Event.objects.filter(case=row.case)
        escalated = said.filter(kind="complaint.escalated").exists()
        answered = said.filter(kind="complaint.response", data__stage=2 if escalated else 1)
        stage = 2 if escalated else 1
        assert row.stage == stage
        if not said.filter(kind="complaint.refused").exists():
            expected = f"stage{stage}_{'answered' if answered.exists() else 'open'}"
            assert row.status == expected, row.case.reference


def test_sentences():
    assert events.ComplaintReceived.sentence({"stage": 1, "text": "Rude letter"}, "") == (
        "Complaint received (stage 1): Rude letter"
    )
    assert events.ComplaintExtended.sentence(
        {"stage": 1, "new_due": "2022-03-31", "reason": "Survey"}, ""
    ) == ("Stage 1 response extended to 2022-03-31: Survey")
    assert events.ComplaintRefused.sentence({"stage": 2}, "") == (
        "Complaint not accepted at stage 2"
    )
    assert events.ComplaintAcknowledged.sentence({"stage": 1}, "Logged") == "Logged"

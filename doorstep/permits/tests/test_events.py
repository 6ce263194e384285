"""The permissions app's kinds accept everything the published chronology schema accepts for
them (so every landlord's record still imports), keep it as given, and refuse what the schema
refuses, naming the field; Doorstep's own members are kept and exported."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings

from doorstep.interchange.selectors import chronology_export
from doorstep.interchange.validate import first_problem, validate_event_data
from doorstep.permits import events
from doorstep.permits.services import permission_decide
from doorstep.permits.tests.conftest import NOW
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid

ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("permission.requested", {"subject": "pet"}),
    ("permission.requested", {"subject": "alteration", "detail": None, "sources": "letter",
                              "date_bounds": {"after": None, "not_after": "2021-03"}}),
    ("permission.requested", {"subject": "other", "detail": "A satellite dish",
                              "anything": ["kept"]}),
    ("permission.requested", {"subject": "pet", "detail": "Dogs",
                              "pet": {"species": "dog", "number": 2, "description": None,
                                      "name": "Rex"}}),
    ("permission.requested", {"subject": "alteration",
                              "alteration": {"what": "Shower", "where": "Bathroom"}}),
    ("permission.decided", {}),
    ("permission.decided", {"outcome": None, "disputed": True}),
    ("permission.decided", {"outcome": "Approved subject to conditions",
                            "conditions": "Kept on a lead"}),
    ("permission.decided", {"outcome": "granted_with_conditions",
                            "conditions": ["On a lead", "No fouling"], "review_on": "2026-11"}),
    ("permission.decided", {"outcome": "withdrawn", "reason": "Condition broken"}),
]  # fmt: skip

REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("permission.requested", {}, "data.subject"),
    ("permission.requested", {"subject": "car"}, "data.subject"),
    ("permission.requested", {"subject": "pet", "detail": 5}, "data.detail"),
    ("permission.decided", {"outcome": 3}, "data.outcome"),
]  # fmt: skip

OWN_REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("permission.requested", {"subject": "pet", "pet": {"number": "two"}}, "data.pet"),
    ("permission.decided", {"outcome": "granted", "review_on": "next year"}, "data.review_on"),
    ("permission.decided", {"outcome": "granted", "conditions": [1]}, "data.conditions"),
]  # fmt: skip


def test_the_apps_kinds_replace_the_generic_ones():
    assert kinds.get("permission.requested") is events.PermissionRequested
    assert kinds.get("permission.decided") is events.PermissionDecided


@pytest.mark.parametrize(("kind", "data"), ACCEPTED)
def test_what_the_schema_accepts_is_accepted_and_kept_as_given(kind, data):
    assert validate_event_data(kind, data) == []
    assert kinds.get(kind).validate(data) == data


@pytest.mark.parametrize(("kind", "data", "field"), REFUSED)
def test_what_the_schema_refuses_is_refused_naming_the_field(kind, data, field):
    assert validate_event_data(kind, data) != []
    with pytest.raises(PayloadInvalid) as refused:
        kinds.get(kind).validate(data)
    assert any(e["field"].startswith(field) for e in refused.value.errors)


@pytest.mark.parametrize(("kind", "data", "field"), OWN_REFUSED)
def test_doorsteps_own_members_are_checked(kind, data, field):
    with pytest.raises(PayloadInvalid) as refused:
        kinds.get(kind).validate(data)
    assert any(e["field"].startswith(field) for e in refused.value.errors)


def test_the_own_members_are_exported_and_the_file_is_valid(homes, dog):
    permission_decide(
        actor=homes.officer,
        permit=dog,
        outcome="granted_with_conditions",
        conditions=["Kept on a lead in the communal areas"],
        review_on=dt.date(2026, 11, 4),
        at=NOW + dt.timedelta(days=2),
    )
    doc, _ = chronology_export(landlord=settings.DOORSTEP_LANDLORD_NAME, household=homes.household)
    assert first_problem(doc) is None
    by_kind = {e["kind"]: e for e in doc["events"]}
    assert by_kind["permission.requested"]["data"]["pet"] == {
        "species": "dog",
        "number": 1,
        "description": "Small terrier",
    }
    assert by_kind["permission.decided"]["data"] == {
        "outcome": "granted_with_conditions",
        "conditions": ["Kept on a lead in the communal areas"],
        "review_on": "2026-11-04",
    }
    (case,) = [c for c in doc["cases"] if c["type"] == "permission"]
    assert by_kind["permission.requested"]["case"] == case["ref"]


def test_sentences():
    assert events.PermissionRequested.sentence({"subject": "pet", "detail": "A dog"}, "") == (
        "Permission asked for (keep a pet): A dog"
    )
    assert events.PermissionDecided.sentence(
        {"outcome": "granted_with_conditions", "conditions": ["On a lead"]}, ""
    ) == ("Permission granted with conditions: On a lead")
    assert events.PermissionDecided.sentence(
        {"outcome": "withdrawn", "reason": "Loose again"}, ""
    ) == ("Permission withdrawn (Loose again)")
    assert events.PermissionDecided.sentence({}, "Approved") == "Approved"

"""The published schema of doorstep-chronology/1 and the validator that reports the first error."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from doorstep.interchange.tests.chronologies import small
from doorstep.interchange.validate import (
    KNOWN_KINDS,
    SCHEMA_PATH,
    SchemaProblem,
    explained,
    first_problem,
    load_schema,
    passes_gate,
    validate_chronology,
)
from doorstep.testing.shared import DOMAIN, needed, scenario

SEEDS = ["bromford-202109189", "clarion-202208650"]

MINIMAL: dict[str, Any] = {
    "format": "doorstep-chronology/1",
    "landlord": {
        "name": "Example Homes",
        "nation": "england",
        "policy": {
            "complaints.stage1.response_working_days": 10,
            "repairs.urgent.working_days": {"value": 3, "effective_from": "2023-04-01"},
            "asb.decline_reasons_allowed": ["not_asb", "civil_matter"],
            "compensation.band.minor_service_failure": {
                "min": 50,
                "max": 250,
                "examples": "Failing to reply to letters",
            },
        },
    },
    "properties": [
        {"ref": "P1", "uprn": None, "address": "1 Example Road", "kind": "flat"},
    ],
    "people": [{"ref": "R1", "name": "Resident", "role": "tenant"}],
    "tenancies": [
        {
            "ref": "T1",
            "property": "P1",
            "tenants": ["R1"],
            "start": "2018-04",
            "end": None,
            "tenure": None,
            "rent_weekly": None,
        }
    ],
    "cases": [
        {"ref": "C1", "type": "repair", "property": "P1", "people": ["R1"], "links": ["C2"]},
        {"ref": "C2", "type": "complaint", "property": "P1", "people": ["R1"], "links": []},
    ],
    "events": [
        {
            "id": "e1",
            "at": "2021-03-30",
            "case": "C1",
            "kind": "repair.reported",
            "by": "R1",
            "channel": "phone",
            "summary": "Bathroom floor reported",
            "data": {
                "priority": "urgent",
                "location": "bathroom",
                "description": "Floor is lifting",
                "communal": False,
                "priority_assumed": True,
                "priority_basis": "Not stated; urgent is the author's reading",
            },
        },
        {
            "id": "e2",
            "at": "2021-04",
            "case": "C1",
            "kind": "works.raised",
            "by": "landlord",
            "summary": "Job raised",
            "data": {
                "job": "J1",
                "items": [{"id": "floor", "description": "Replace floor", "element": "floor"}],
                "priority": "urgent",
                "target": None,
                "date_bounds": {"after": "2021-03-30", "not_after": "2021-04"},
            },
        },
        {
            "id": "e3",
            "at": "2021-05-02T09:30:00+01:00",
            "case": "C1",
            "kind": "appointment.attended",
            "by": "landlord",
            "channel": "visit",
            "summary": "Operative attended but did not finish",
            "data": {"appointment": "A1", "outcome": "partial", "reason": "Wrong materials"},
        },
        {
            "id": "e4",
            "at": "2021-06-01",
            "case": "C2",
            "kind": "complaint.response",
            "by": "landlord",
            "channel": "letter",
            "summary": "Stage 1 response",
            "data": {
                "stage": 1,
                "outcome": "upheld",
                "text": "We are sorry",
                "commitments": [
                    {
                        "commitment": "k1",
                        "action": "Finish the floor",
                        "due": "2021-06-15",
                        "job": "J1",
                        "items": ["floor"],
                    }
                ],
                "claims_done": [{"action": "Spoke to the operative"}],
            },
        },
        {
            "id": "e5",
            "at": "2021",
            "case": None,
            "kind": "compensation.offered",
            "by": "landlord",
            "summary": "Offer",
            "data": {
                "amount": 75,
                "kind": "compensation",
                "components": [{"amount": 75, "for": "Delay", "band": "minor_service_failure"}],
                "method": "direct",
                "sources": {"para": "Letter of June 2021"},
            },
        },
        {
            "id": "e6",
            "at": "2021-07-01",
            "case": None,
            "kind": "asb.case_opened",
            "by": "landlord",
            "summary": "ASB case opened (no data at all)",
        },
    ],
}


def minimal() -> dict[str, Any]:
    return copy.deepcopy(MINIMAL)


def seed(name: str) -> dict[str, Any]:
    return scenario(f"{name}.json")


# --- the schema itself ------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("doorstep-chronology-1.schema.json")
    assert SCHEMA_PATH.name == "doorstep-chronology-1.schema.json"
    assert load_schema() is schema  # cached


def test_every_known_kind_has_a_data_rule() -> None:
    rules = load_schema()["$defs"]["event"]["allOf"]
    ruled = [rule["if"]["properties"]["kind"]["const"] for rule in rules]
    assert ruled == list(KNOWN_KINDS)
    assert len(set(KNOWN_KINDS)) == len(KNOWN_KINDS) == 57


def test_known_kinds_are_exactly_those_chronology_md_lists() -> None:
    text = needed(DOMAIN / "chronology.md").read_text(encoding="utf-8")
    section = text.split("### Kinds", 1)[1].split("## Clocks", 1)[0]
    listed = {
        token
        for token in re.findall(r"`([^`]+)`", section)
        if re.fullmatch(r"note|[a-z]+\.[a-z_]+", token)
    }
    assert listed == set(KNOWN_KINDS)


# --- valid documents ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_chronologies_are_valid(name: str) -> None:
    assert validate_chronology(seed(name)) == []


def test_minimal_document_is_valid() -> None:
    assert validate_chronology(minimal()) == []
    assert first_problem(minimal()) is None


def test_unknown_members_of_data_are_kept_not_refused() -> None:
    doc = minimal()
    doc["events"][0]["data"]["legacy_system_ref"] = {"system": "Orchard", "id": 991}
    doc["events"][2]["data"]["operative"] = "Contractor X"
    assert validate_chronology(doc) == []


def test_policy_value_with_effective_from_is_accepted() -> None:
    doc = minimal()
    policy = doc["landlord"]["policy"]
    policy["repairs.emergency.hours"] = {"value": 4, "effective_from": "2024-04-01"}
    policy["compensation.band.considerable_service_failure"] = {
        "value": {"min": 250, "max": 700, "examples": ["not addressing repairs"]},
        "effective_from": "2022",
    }
    assert validate_chronology(doc) == []


def test_every_policy_key_a_landlord_may_set_can_be_carried() -> None:
    """An export carries the landlord's own values (`selectors._policy`) and is checked against
    the schema: a key the schema did not list made the export of a landlord who set it fail
    (a shorter timescale for vulnerable households among them)."""
    from doorstep.policy.defaults import KEYS, Unit

    numeric = [k for k in KEYS if k.overridable and k.unit not in (Unit.CHOICES, Unit.YES_NO)]
    assert len(numeric) > 20
    for definition in numeric:
        doc = minimal()
        doc["landlord"]["policy"][definition.key] = {"value": 3, "effective_from": "2025-01-01"}
        assert validate_chronology(doc) == [], definition.key


# --- broken documents: the first path and reason -----------------------------------------------


def _first(doc: object) -> SchemaProblem:
    problem = first_problem(doc)
    assert problem is not None
    return problem


def test_wrong_format() -> None:
    doc = minimal()
    doc["format"] = "doorstep-chronology/2"
    assert _first(doc) == SchemaProblem(
        "$.format", "must be 'doorstep-chronology/1', not 'doorstep-chronology/2'"
    )


@pytest.mark.parametrize("at", ["2021-13-45", "March 2021", "21-03-30", "2021-3-30", ""])
def test_bad_at(at: str) -> None:
    doc = minimal()
    doc["events"][1]["at"] = at
    problem = _first(doc)
    assert problem.path == "$.events[1].at"
    assert problem.reason.startswith(f"'{at}' is not a date: YYYY, YYYY-MM, YYYY-MM-DD or an ISO")


def test_at_that_is_no_real_day() -> None:
    doc = minimal()
    doc["events"][0]["at"] = "2021-02-30"
    problem = _first(doc)
    assert problem == SchemaProblem("$.events[0].at", "'2021-02-30' is not a real calendar date")


def test_unknown_kind_is_refused_with_the_known_kinds() -> None:
    doc = minimal()
    doc["events"][3]["kind"] = "complaint.replied"
    problem = _first(doc)
    assert problem.path == "$.events[3].kind"
    assert problem.reason.startswith("'complaint.replied' is not a kind Doorstep knows")
    assert all(kind in problem.reason for kind in KNOWN_KINDS)


def test_bad_enum_in_data() -> None:
    doc = minimal()
    doc["events"][0]["data"]["priority"] = "urgentish"
    assert _first(doc) == SchemaProblem(
        "$.events[0].data.priority",
        "'urgentish' is not one of emergency, urgent, routine, planned, null",
    )


def test_missing_required_top_level_member() -> None:
    doc = minimal()
    del doc["landlord"]
    assert validate_chronology(doc) == [
        SchemaProblem("$", "the required member 'landlord' is missing")
    ]


def test_missing_required_member_of_data() -> None:
    doc = minimal()
    del doc["events"][2]["data"]["outcome"]
    assert _first(doc) == SchemaProblem(
        "$.events[2].data", "the required member 'outcome' is missing"
    )


@pytest.mark.parametrize(
    ("bounds", "path", "reason"),
    [
        (
            {"after": "2021-03-30"},
            "$.events[1].data.date_bounds",
            "the required member 'not_after' is missing",
        ),
        (
            {"after": "some time before the visit", "not_after": "2021-04"},
            "$.events[1].data.date_bounds.after",
            "'some time before the visit' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or an ISO "
            "8601 date-time) or null",
        ),
        ("2021-03", "$.events[1].data.date_bounds", "expected an object, found '2021-03'"),
    ],
)
def test_bad_date_bounds(bounds: object, path: str, reason: str) -> None:
    doc = minimal()
    doc["events"][1]["data"]["date_bounds"] = bounds
    assert _first(doc) == SchemaProblem(path, reason)


def test_dated_policy_value_needs_effective_from() -> None:
    doc = minimal()
    doc["landlord"]["policy"]["repairs.urgent.working_days"] = {"value": "three"}
    assert validate_chronology(doc) == [
        SchemaProblem(
            "$.landlord.policy['repairs.urgent.working_days']",
            "the required member 'effective_from' is missing",
        ),
        SchemaProblem(
            "$.landlord.policy['repairs.urgent.working_days'].value",
            "expected a whole number, found 'three'",
        ),
    ]


def test_unknown_policy_key_is_refused() -> None:
    doc = minimal()
    doc["landlord"]["policy"]["repairs.urgent.workingdays"] = 3
    problem = _first(doc)
    assert problem.path == "$.landlord.policy['repairs.urgent.workingdays']"
    assert problem.reason.startswith("'repairs.urgent.workingdays' is not a policy key")


def test_unknown_event_member_is_refused_and_pointed_at() -> None:
    doc = minimal()
    doc["events"][4]["notes"] = "would be lost on import"
    problem = _first(doc)
    assert problem.path == "$.events[4].notes"
    assert "put extra facts in data" in problem.reason


def test_problems_come_in_document_order() -> None:
    doc = minimal()
    doc["events"][4]["data"]["method"] = "cheque"
    doc["events"][1]["at"] = "sometime"
    doc["events"][1]["data"]["priority"] = "soon"
    doc["landlord"]["nation"] = "cornwall"
    problems = validate_chronology(doc)
    assert [p.path for p in problems] == [
        "$.landlord.nation",
        "$.events[1].at",
        "$.events[1].data.priority",
        "$.events[4].data.method",
    ]
    assert first_problem(doc) == problems[0]


@pytest.mark.parametrize("doc", [None, [], "chronology", 3, {1: "not text"}])
def test_not_a_chronology_at_all(doc: object) -> None:
    problem = _first(doc)
    assert problem.path == "$"
    assert problem.reason


# --- robustness -----------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2021", "2021-03", "2021-02-30", "landlord", "urgent", *KNOWN_KINDS]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


def _paths(node: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _paths(child, (*path, index))
    return found


MINIMAL_PATHS = _paths(MINIMAL)


def _mutated(doc: Any, where: tuple[str | int, ...], action: str, value: object) -> Any:
    if not where:
        return value
    parent = doc
    for part in where[:-1]:
        parent = parent[part]
    last = where[-1]
    if action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[f"{last}_extra"] = value
    else:
        parent[last] = value
    return doc


SMALL = small()
SMALL_PATHS = _paths(SMALL)
# Values close to valid ones, where two regex engines or format checkers could disagree.
NEAR_VALUES = st.sampled_from(
    [
        "2021-01-01\n",
        "2021-01-01T10:00\n",
        "\n2021",
        "2021-13",
        "2021-02-29",
        "2024-02-29T25:00",
        "2021-01-01T10:00:00+01:00",
        "2021-01-01T10:00:00Z",
        "\uff12\uff10\uff12\uff11",  # 2021 in full-width digits
        "",
        " ",
        "urgent ",
        0,
        -1,
        1.5,
        10**20,
        True,
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    where=st.sampled_from(SMALL_PATHS),
    action=st.sampled_from(["replace", "delete", "add"]),
    value=JSON_VALUES | NEAR_VALUES,
)
def test_the_fast_gate_never_passes_what_the_explaining_validator_refuses(
    where: tuple[str | int, ...], action: str, value: object
) -> None:
    """ADR 16: a document the gate passes is never checked again, so the gate must be at
    least as strict as the published schema as the explaining validator reads it."""
    doc = _mutated(copy.deepcopy(SMALL), where, action, value)
    if passes_gate(doc):
        assert explained(doc) == []


@pytest.mark.parametrize("name", SEEDS)
def test_the_fast_gate_passes_the_valid_seed_chronologies(name: str) -> None:
    doc = seed(name)
    assert passes_gate(doc)
    assert explained(doc) == []
    doc["events"][3]["at"] = "2021-02-30"
    assert not passes_gate(doc)
    assert explained(doc) != []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    where=st.sampled_from(MINIMAL_PATHS),
    action=st.sampled_from(["replace", "delete", "add"]),
    value=JSON_VALUES,
)
def test_mutations_never_crash_the_validator(
    where: tuple[str | int, ...], action: str, value: object
) -> None:
    doc = _mutated(minimal(), where, action, value)
    problems = validate_chronology(doc)
    for problem in problems:
        assert problem.path.startswith("$")
        assert isinstance(problem.reason, str) and problem.reason
    assert first_problem(doc) == (problems[0] if problems else None)
    json.dumps([str(p) for p in problems])

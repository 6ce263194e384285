"""Chronologies for the interchange tests: a small one written here, and the two seeds."""

from __future__ import annotations

import copy
from typing import Any

from doorstep.testing.shared import scenario

BROMFORD = "bromford-202109189.json"
CLARION = "clarion-202208650.json"
SEEDS = {BROMFORD: "2024-03-21", CLARION: "2023-08-11"}


def seed(name: str) -> dict[str, Any]:
    """A seed scenario (`doorstep.testing.shared`: skipped where absent, failed in CI)."""
    return scenario(name)


# A block with a flat and a communal entrance (the flat listed before its block); a tenancy
# known only to the month; a complaint about the flat and a communal repair about the door,
# linked one way only; a vulnerability disclosed and later recorded; dates of every precision,
# a window (`date_bounds`), channels given, null and left out, and data the format does not name.
_SMALL: dict[str, Any] = {
    "format": "doorstep-chronology/1",
    "landlord": {
        "name": "Example Homes",
        "nation": "england",
        "policy": {
            "complaints.stage1.response_working_days": 10,
            "repairs.routine.working_days": {"value": 15, "effective_from": "2021-04"},
        },
    },
    "properties": [
        {
            "ref": "P1",
            "uprn": "100023336956",
            "address": "Flat 3, Elm Court",
            "kind": "flat",
            "part_of": "P0",
            "bedrooms": 2,
        },
        {"ref": "P0", "uprn": None, "address": "Elm Court", "kind": "block", "part_of": None},
        {"ref": "P2", "address": None, "kind": "communal_area", "part_of": "P0"},
    ],
    "people": [
        {"ref": "R1", "name": "Resident", "role": "tenant", "organisation": None},
        {"ref": "R2", "name": "Child", "role": "household_member"},
        {
            "ref": "R3",
            "name": "Support worker",
            "role": "third_party",
            "organisation": "Mind",
            "acting_for": "R1",
        },
    ],
    "tenancies": [
        {
            "ref": "T1",
            "property": "P1",
            "tenants": ["R1"],
            "start": "2019-06",
            "end": None,
            "tenure": None,
            "rent_weekly": 98.5,
        }
    ],
    "cases": [
        {
            "ref": "C1",
            "type": "complaint",
            "property": "P1",
            "people": ["R1", "R2"],
            "title": "Complaint about the entrance door",
            "links": ["C2"],
        },
        {"ref": "C2", "type": "repair", "property": "P2", "people": ["R1"], "links": []},
    ],
    "events": [
        {
            "id": "e1",
            "at": "2021-03-01",
            "case": "C2",
            "kind": "repair.reported",
            "by": "R1",
            "summary": "Entrance door does not lock",
            "data": {
                "priority": "routine",
                "location": "Entrance",
                "description": "Door does not lock",
                "communal": True,
                "priority_assumed": True,
                "colour_of_door": "green",
            },
        },
        {
            "id": "e2",
            "at": "2021-06-30T14:05:00+01:00",
            "case": "C1",
            "kind": "complaint.received",
            "by": "R1",
            "channel": "email",
            "summary": "Stage 1 complaint",
            "data": {"stage": 1, "text": "The door is still broken."},
        },
        {
            "id": "e3",
            "at": "2021-07",
            "kind": "vulnerability.disclosed",
            "by": "R3",
            "channel": None,
            "summary": "Support worker says the resident has anxiety",
            "data": {
                "person": "R1",
                "category": "mental_health",
                "detail": "Anxiety",
                "source": "third_party",
            },
        },
        {
            "id": "e4",
            "at": "2021-08-02",
            "case": None,
            "kind": "vulnerability.recorded",
            "by": "landlord",
            "channel": "internal",
            "summary": "Entered in the register",
            "data": {"person": "R1", "category": "mental_health"},
        },
        {
            "id": "e5",
            "at": "2021-10-07",
            "case": "C1",
            "kind": "complaint.response",
            "by": "landlord",
            "channel": "letter",
            "summary": "Stage 1 response",
            "data": {
                "stage": 1,
                "outcome": "upheld",
                "text": "We will fix the door.",
                "commitments": [
                    {
                        "commitment": "k1",
                        "action": "Fix the door",
                        "due": "2021-10-31",
                        "job": None,
                        "items": [],
                    }
                ],
                "claims_done": [],
            },
        },
        {
            "id": "e6",
            "at": "2022-01-20",
            "case": "C2",
            "kind": "works.completed",
            "by": "landlord",
            "summary": "Door repaired",
            "data": {
                "job": "J1",
                "items": [],
                "date_bounds": {"after": "2021-11", "not_after": "2022-01-20"},
            },
        },
        {
            "id": "e7",
            "at": "2022",
            "case": "C1",
            "kind": "ombudsman.referred",
            "by": "R1",
            "summary": "Referred to the Ombudsman",
        },
    ],
}


def small() -> dict[str, Any]:
    """A fresh copy of the small chronology (tests change their copy freely)."""
    return copy.deepcopy(_SMALL)


def normalised(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with its lists in one order: entries by ref, events by id."""
    out = copy.deepcopy(doc)
    for section in ("properties", "people", "tenancies", "cases"):
        out[section] = sorted(out[section], key=lambda entry: entry["ref"])
    out["events"] = sorted(out["events"], key=lambda event: event["id"])
    return out

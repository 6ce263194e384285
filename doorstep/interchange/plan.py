"""Where each part of a chronology goes in Doorstep, decided before anything is written.

A chronology is one household's record; Doorstep keeps a household per tenancy, a case for a
household or (a communal case) for a building, and every event in one history. The rules:

- Each tenancy becomes a household at its property, with the tenants as members ("tenant";
  "joint_tenant" where there are several) and the people of role `household_member` named in
  that household's cases ("other": the format does not say how they are related). Where the
  file has one tenancy, a household member named in no case joins it too.
- A case is the household's when it is about the home of a tenancy; where several tenancies
  are at that home, the one whose people the case names (else the first). A case about a
  block or communal area has no household: it is communal. A case that names no property is
  about the home of the file's only tenancy.
- An event goes into its case's history. An event with no case goes into the history of the
  tenancy it names (`data.tenancy`), else of the household the person it names belongs to
  (`data.person`), else of the file's first tenancy; with no tenancy at all, into the history
  of the file's first home (or first property).

Pure: no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from doorstep.interchange.validate import SchemaProblem, json_path

DWELLINGS = frozenset({"flat", "house", "bungalow"})
NO_PROPERTY = (
    "say which property the case is about: the file has {count} tenancies, so Doorstep cannot tell"
)
NOWHERE = "the file defines no property, so an event without a case has no history to go in"


class PlanRefused(Exception):
    """The file cannot be placed in Doorstep; `problem` names where and why."""

    def __init__(self, problem: SchemaProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Place:
    """Where an event (or a case) belongs: a tenancy's household, or a property alone."""

    tenancy: str | None
    property: str


@dataclass
class Plan:
    members: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    cases: dict[str, Place] = field(default_factory=dict)
    events: dict[int, Place] = field(default_factory=dict)


def plan_import(doc: Mapping[str, Any]) -> Plan:
    """Decide each tenancy's members, each case's household and each event's history."""
    kinds = {p["ref"]: p["kind"] for p in doc["properties"]}
    tenancies = list(doc["tenancies"])
    plan = Plan()
    for i, case in enumerate(doc["cases"]):
        plan.cases[case["ref"]] = _case_place(i, case, tenancies, kinds)
    for tenancy in tenancies:
        plan.members[tenancy["ref"]] = _members(tenancy, doc, plan)
    for i, event in enumerate(doc["events"]):
        if event.get("case"):
            plan.events[i] = plan.cases[event["case"]]
        else:
            plan.events[i] = _event_place(i, event, doc, plan)
    return plan


def _case_place(
    i: int, case: Mapping[str, Any], tenancies: list[Mapping[str, Any]], kinds: Mapping[str, str]
) -> Place:
    prop = case.get("property")
    if prop is None:
        if len(tenancies) != 1:
            path = json_path(("cases", i, "property"))
            raise PlanRefused(SchemaProblem(path, NO_PROPERTY.format(count=len(tenancies))))
        return Place(tenancies[0]["ref"], tenancies[0]["property"])
    if kinds[prop] not in DWELLINGS:
        return Place(None, prop)
    at_home = [t for t in tenancies if t["property"] == prop]
    if not at_home:
        return Place(None, prop)
    named = set(case.get("people", ()))
    chosen = next((t for t in at_home if named & set(t.get("tenants", ()))), at_home[0])
    return Place(chosen["ref"], prop)


def _members(
    tenancy: Mapping[str, Any], doc: Mapping[str, Any], plan: Plan
) -> list[tuple[str, str]]:
    tenants = list(dict.fromkeys(tenancy.get("tenants", ())))
    relationship = "joint_tenant" if len(tenants) > 1 else "tenant"
    members = [(ref, relationship) for ref in tenants]
    roles = {p["ref"]: p["role"] for p in doc["people"]}
    named: list[str] = []
    for case in doc["cases"]:
        if plan.cases[case["ref"]].tenancy == tenancy["ref"]:
            named += [p for p in case.get("people", ()) if roles.get(p) == "household_member"]
    if len(doc["tenancies"]) == 1:
        named += [ref for ref, role in roles.items() if role == "household_member"]
    members += [(ref, "other") for ref in dict.fromkeys(named) if ref not in tenants]
    return members


def _event_place(i: int, event: Mapping[str, Any], doc: Mapping[str, Any], plan: Plan) -> Place:
    data = event.get("data") or {}
    by_ref = {t["ref"]: t for t in doc["tenancies"]}
    tenancy = by_ref.get(data.get("tenancy")) if isinstance(data.get("tenancy"), str) else None
    if tenancy is None and isinstance(data.get("person"), str):
        tenancy = next(
            (
                by_ref[ref]
                for ref, members in plan.members.items()
                if any(person == data["person"] for person, _ in members)
            ),
            None,
        )
    if tenancy is None and doc["tenancies"]:
        tenancy = doc["tenancies"][0]
    if tenancy is not None:
        return Place(tenancy["ref"], tenancy["property"])
    homes = [p["ref"] for p in doc["properties"] if p["kind"] in DWELLINGS]
    properties = homes or [p["ref"] for p in doc["properties"]]
    if not properties:
        raise PlanRefused(SchemaProblem(json_path(("events", i, "case")), NOWHERE))
    return Place(None, properties[0])

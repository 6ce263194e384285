"""The promise a kept replay rests on (ADR 19, `interchange.stamps`): whatever a service does,
every home whose export it changed has a changed stamp.

Every public function of every `services` module is wrapped wherever it is imported. After each
outermost call (a call from outside any service, as a view, the demo or the importer makes
it), every home is exported again and its stamp worked out as a kept replay would work it out
(from what the home's previous export read); a home whose export differs must have a stamp
that differs. The demo's load exercises most services on a live record; the seed scenarios
and the small chronology exercise the import; the policy's services move the salt.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib
import json
import pkgutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import FunctionType, ModuleType
from typing import Any

import pytest
from django.conf import settings

import doorstep
from doorstep.cases.models import Case
from doorstep.cases.services import case_open, note_add, record_on_case
from doorstep.deadlines.selectors import live_policy
from doorstep.demo.loader import load_demo
from doorstep.generate.synth import portfolio
from doorstep.interchange.scope import Home
from doorstep.interchange.selectors import HomeExport, chronologies_of_homes
from doorstep.interchange.services import chronologies_import, chronology_import
from doorstep.interchange.stamps import Read, home_stamps
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed, small
from doorstep.policy.services import calendar_day_record, policy_override_record
from doorstep.properties.models import Property
from doorstep.residents.models import Household

AT = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
DEMO_DAY = AT.date()


def _service_modules() -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(doorstep.__path__):
        try:
            found.append(importlib.import_module(f"doorstep.{info.name}.services"))
        except ModuleNotFoundError:
            continue
    return found


def _digest(export: HomeExport) -> str:
    said = json.dumps([export.doc, export.cases, export.problem], sort_keys=True, default=str)
    return hashlib.sha256(said.encode()).hexdigest()


def _homes() -> list[Home]:
    households = Household.objects.order_by("pk").values_list("pk", flat=True)
    communal = (
        Case.objects.filter(household=None).order_by("property").values_list("property", flat=True)
    )
    return [("household", pk) for pk in households] + [
        ("property", pk) for pk in dict.fromkeys(communal)
    ]


@dataclass
class Watch:
    """Each home's export (its digest), what it read, and its stamp, as a kept replay of it
    would hold them; every outermost service call checked against them."""

    kept: dict[Home, tuple[str, Read, str]] = field(default_factory=dict)
    depth: int = 0
    calls: dict[str, int] = field(default_factory=dict)
    changed: int = 0
    faults: list[str] = field(default_factory=list)

    def look(self, after: str) -> None:
        homes = _homes()
        salt = live_policy().digest()
        exports = chronologies_of_homes(homes, landlord=settings.DOORSTEP_LANDLORD_NAME)
        kept_read = {home: self.kept[home][1] for home in homes if home in self.kept}
        now = home_stamps(homes, salt=salt, read=kept_read)
        for home in homes:
            export = exports.get(home)
            if export is not None and export.problem is not None:
                # A home that cannot be exported cannot be watched: the test would go blind.
                self.faults.append(f"{after} left {home} unexportable: {export.problem}")
            if export is None or home not in self.kept:
                continue
            digest, _, stamp = self.kept[home]
            if _digest(export) != digest:
                self.changed += 1
                if now[home] == stamp:
                    self.faults.append(f"{after} changed the export of {home}, not its stamp")
        fresh = {home: e.read for home, e in exports.items()}
        stamps = home_stamps(homes, salt=salt, read=fresh)
        self.kept = {home: (_digest(e), e.read, stamps[home]) for home, e in exports.items()}

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def watched(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            try:
                return function(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.calls[name] = self.calls.get(name, 0) + 1
                    self.look(name)

        return watched


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> Iterator[Watch]:
    """Every service wrapped, in its own module and wherever it was imported by name."""
    watch = Watch()
    services: dict[int, tuple[str, Callable[..., Any]]] = {}
    for module in _service_modules():
        for name, value in vars(module).items():
            if (
                isinstance(value, FunctionType)
                and not name.startswith("_")
                and value.__module__ == module.__name__
            ):
                services[id(value)] = (f"{module.__name__}.{name}", value)
    wrapped = {key: watch.wrap(*pair) for key, pair in services.items()}
    for module in [m for name, m in sys.modules.items() if name.startswith("doorstep.")]:
        for name, value in list(vars(module).items()):
            if id(value) in wrapped and services[id(value)][1] is value:
                monkeypatch.setattr(module, name, wrapped[id(value)])
    watch.look("the start")
    yield watch


@pytest.mark.django_db
def test_every_service_of_the_demo_moves_the_stamp_of_every_export_it_changes(
    watch: Watch,
) -> None:
    load_demo(today=DEMO_DAY)
    assert watch.faults == []
    # It watched the demo's work, not nothing: many services, many exports changed.
    assert len(watch.calls) >= 30, sorted(watch.calls)
    assert watch.changed >= 50


@pytest.mark.django_db
def test_an_import_and_a_policy_change_move_the_stamp_of_every_export_they_change(
    watch: Watch,
) -> None:
    load_demo(today=DEMO_DAY)
    for name in (BROMFORD, CLARION):
        chronology_import(doc=seed(name), source_name=name, at=AT)
    chronology_import(doc=small(), source_name="small.json", at=AT)
    policy_override_record(
        actor=None,
        key="repairs.routine.working_days",
        value=21,
        effective_from=dt.date(2026, 1, 1),
        source="Board decision",
        at=AT,
    )
    calendar_day_record(
        actor=None,
        day=dt.date(2026, 11, 16),
        name="Office closed",
        kind="closure",
        announced_on=dt.date(2026, 11, 2),
        source="Chief executive",
        at=AT,
    )
    assert watch.faults == []
    assert {"policy_override_record", "calendar_day_record"} <= {
        name.rsplit(".", 1)[1] for name in watch.calls
    }


def _two_blocks() -> dict[str, Any]:
    """The small chronology with a second home in another block, and a communal repair to that
    block: one import, two households, and a case about neither's building."""
    doc = small()
    doc["properties"] += [
        {"ref": "P4", "address": "Ash Court", "kind": "block", "part_of": None},
        {"ref": "P3", "address": "Flat 1, Ash Court", "kind": "flat", "part_of": "P4"},
    ]
    doc["people"].append({"ref": "R4", "name": "Second tenant", "role": "tenant"})
    doc["tenancies"].append(
        {"ref": "T2", "property": "P3", "tenants": ["R4"], "start": "2020-01-06", "end": None}
    )
    # No entry yet: the case is in the first home's export all the same (its import brought
    # it), and its building's stream is not yet there.
    doc["cases"].append(
        {"ref": "C9", "type": "repair", "property": "P4", "people": ["R4"], "title": "Lift"}
    )
    return doc


@pytest.mark.django_db
def test_communal_cases_and_a_shared_import_move_the_stamp_of_every_home_they_reach(
    watch: Watch,
) -> None:
    load_demo(today=DEMO_DAY)
    # A communal case about a demo block that names one of a household's members: it comes into
    # that household's export by the block's stream alone.
    household = Household.objects.filter(property__part_of__isnull=False).order_by("pk")[0]
    member = household.members.order_by("pk")[0].person
    communal = case_open(
        actor=None,
        case_type="repair",
        title="Door entry phone broken",
        at=AT,
        property=household.property.part_of,
        people=[member],
    )
    record_on_case(
        case=communal,
        kind="contact.in",
        data={"from": member.reference, "text": "Still broken"},
        actor=None,
        at=AT,
    )
    # One import, two homes in two blocks: a communal case about the second's block is in the
    # first's export (everything its import brought), by that block's stream alone.
    chronology_import(doc=_two_blocks(), source_name="two-blocks.json", at=AT)
    lift = Case.objects.get(title="Lift")
    note_add(actor=None, case=lift, text="Engineer booked for the lift", at=AT)
    assert watch.faults == []
    assert watch.changed >= 75


@pytest.mark.django_db
def test_an_import_that_finds_a_place_on_record_moves_the_stamp_of_every_home_it_names(
    watch: Watch,
) -> None:
    """An import that finds its block already on record (by its UPRN) names the block anew and
    writes no entry on it: the homes in the block export the block by the file's reference."""
    load_demo(today=DEMO_DAY)
    block = Property.objects.filter(kind="block", uprn__isnull=False).order_by("pk")[0]
    assert Household.objects.filter(property__part_of=block).exists()
    changed = watch.changed
    chronology_import(doc=_in_block(block), source_name="same-block.json", at=AT)
    assert watch.faults == []
    assert watch.changed > changed


def _in_block(block: Property) -> dict[str, Any]:
    """The small chronology's flat, in a block on record (its UPRN), and nothing else there: no
    communal area, no communal case, no policy of its own (which would move every stamp)."""
    doc = small()
    del doc["landlord"]["policy"]
    doc["properties"] = [p for p in doc["properties"] if p["ref"] != "P2"]
    doc["properties"][1]["uprn"] = str(block.uprn)
    doc["cases"] = [{**c, "links": []} for c in doc["cases"] if c["ref"] != "C2"]
    doc["events"] = [e for e in doc["events"] if e.get("case") != "C2"]
    return doc


@pytest.mark.django_db
def test_a_bulk_import_moves_the_stamp_of_every_home_it_changes(watch: Watch) -> None:
    """The bulk import: new homes written by the bulk loader, and a file whose block is on
    record, which the loader leaves to the importer."""
    load_demo(today=DEMO_DAY)
    block = Property.objects.filter(kind="block", uprn__isnull=False).order_by("pk")[0]
    generated = list(portfolio(seed=5, homes=3, years=1))
    report = chronologies_import(
        records=[*((f"gen-{i}", doc) for i, doc in enumerate(generated)), ("b", _in_block(block))],
        at=AT,
    )
    assert report.refused == [] and report.imported == 4
    assert watch.faults == []
    assert "doorstep.interchange.services.chronologies_import" in watch.calls

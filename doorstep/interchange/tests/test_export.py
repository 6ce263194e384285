"""`doorstep export`: a household (or a case's) as a chronology, and the round trip: import a
file, export it, and the same chronology comes back."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from doorstep.cases.services import note_add
from doorstep.contacts.services import contact_record
from doorstep.interchange.replay import replay
from doorstep.interchange.selectors import chronology_export
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import (
    BROMFORD,
    CLARION,
    SEEDS,
    normalised,
    seed,
    small,
)
from doorstep.interchange.validate import first_problem
from doorstep.residents.models import Household
from doorstep.residents.services import tenancy_end, tenancy_start
from doorstep.testing.factories import CaseFactory
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON, When
from doorstep.vulnerabilities.services import vulnerability_record

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def load(name: str) -> dict:
    return small() if name == "small" else seed(name)


def round_trip(doc: dict) -> dict:
    report = chronology_import(doc=doc, source_name="in.json", at=AT)
    household = Household.objects.get(reference=report.households[0])
    exported, notes = chronology_export(landlord=doc["landlord"]["name"], household=household)
    assert notes == []
    return exported


@pytest.mark.parametrize("name", ["small", BROMFORD, CLARION])
def test_an_imported_file_exports_as_it_came_in(name):
    doc = load(name)
    assert normalised(round_trip(doc)) == normalised(doc)


def test_events_come_out_in_timeline_order():
    exported = round_trip(small())
    # e6 is known only to fall after November 2021: it sorts from its earliest possible day.
    assert [e["id"] for e in exported["events"]] == ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]


@pytest.mark.parametrize(("name", "day"), [("small", "2022-06-01"), *SEEDS.items()])
def test_the_export_imported_afresh_replays_the_same(name, day):
    doc = load(name)
    with transaction.atomic():
        first = round_trip(doc)
        transaction.set_rollback(True)  # a fresh database for the second import
    assert not Event.objects.exists()
    again = round_trip(first)
    as_of = dt.date.fromisoformat(day)
    assert replay(again, as_of=as_of) == replay(doc, as_of=as_of)


def test_the_command_writes_the_file_or_prints_it(tmp_path, settings):
    settings.DOORSTEP_LANDLORD_NAME = "Example Homes"
    report = chronology_import(doc=small(), source_name="in.json", at=AT)
    out_file = tmp_path / "out.json"
    out = StringIO()
    call_command("export", "--household", report.households[0], "--out", str(out_file), stdout=out)
    assert out.getvalue() == (f"Wrote 7 events of {report.households[0]} to {out_file}.\n")
    written = json.loads(out_file.read_text(encoding="utf-8"))
    assert normalised(written) == normalised(small())
    printed = StringIO()
    call_command("export", "--case", "C1", stdout=printed)
    assert json.loads(printed.getvalue()) == written


def test_a_communal_case_exports_its_property():
    chronology_import(doc=small(), source_name="in.json", at=AT)
    out = StringIO()
    call_command("export", "--case", "C2", stdout=out)
    exported = json.loads(out.getvalue())
    assert first_problem(exported) is None
    assert [c["ref"] for c in exported["cases"]] == ["C2"]
    assert exported["cases"][0]["links"] == []  # C1 is not in this export
    assert [p["ref"] for p in exported["properties"]] == ["P0", "P2"]
    assert [e["id"] for e in exported["events"]] == ["e1", "e6"]
    assert exported["tenancies"] == []


def test_an_unknown_household_or_case_is_refused():
    with pytest.raises(CommandError, match=r"There is no household HH-2026-999999\."):
        call_command("export", "--household", "HH-2026-999999", stdout=StringIO())
    with pytest.raises(CommandError, match=r"There is no case C9\."):
        call_command("export", "--case", "C9", stdout=StringIO())
    with pytest.raises(CommandError, match="one of the arguments --household --case"):
        call_command("export", stdout=StringIO())


def test_a_household_recorded_in_doorstep_exports_with_doorstep_references(at):
    case = CaseFactory.create(case_type="complaint", title="Mould")
    note = note_add(actor=None, case=case, text="Called the resident.", at=at)
    exported, _ = chronology_export(landlord="Demo Homes", household=case.household)
    assert first_problem(exported) is None
    assert exported["landlord"] == {"name": "Demo Homes", "nation": "england"}
    tenant = case.household.members.get().person
    assert exported["people"] == [
        {
            "ref": tenant.reference,
            "name": tenant.full_name,
            "role": "household_member",
            "organisation": None,
            "acting_for": None,
        }
    ]
    assert [c["ref"] for c in exported["cases"]] == [case.reference]
    # Doorstep's own bookkeeping (household opened, case opened) is not in the format.
    assert exported["events"] == [
        {
            "id": str(note.uid),
            "at": note.occurred_text,
            "case": case.reference,
            "kind": "note",
            "by": "landlord",
            "channel": "internal",
            "summary": "",
            "data": {"text": "Called the resident."},
        }
    ]


def test_a_later_entry_on_an_imported_case_is_exported_too():
    report = chronology_import(doc=small(), source_name="in.json", at=AT)
    case = Household.objects.get(reference=report.households[0]).cases.get()
    note_add(actor=None, case=case, text="Chased the contractor.", at=AT)
    exported = chronology_export(landlord="Example Homes", household=case.household)[0]
    assert len(exported["events"]) == 8
    assert exported["events"][-1]["data"] == {"text": "Chased the contractor."}
    assert first_problem(exported) is None


def test_what_the_services_record_exports_as_a_valid_chronology(at):
    case = CaseFactory.create(case_type="repair", title="Leak")
    household = case.household
    tenant = household.members.get().person
    tenancy = tenancy_start(
        actor=None, household=household, tenants=[tenant], at=at, start=dt.date(2020, 1, 6)
    )
    tenancy_end(actor=None, tenancy=tenancy, end=dt.date(2024, 5, 31), reason="Moved", at=at)
    contact_record(
        actor=None,
        household=household,
        direction="in",
        channel="phone",
        party=tenant.reference,
        text="The leak is back.",
        occurred=When.parse("2024-05"),
        at=at,
        case=case,
    )
    vulnerability_record(
        actor=None,
        household=household,
        person=tenant,
        category="mobility",
        source="self",
        learned=When.parse("2024-04"),
        at=at,
        consent_to_record=False,
    )
    exported, notes = chronology_export(landlord="Demo Homes", household=household)
    assert first_problem(exported) is None and notes == []
    kinds = [e["kind"] for e in exported["events"]]
    assert kinds == [
        "vulnerability.disclosed",
        "contact.in",
        "tenancy.ended",
        "vulnerability.recorded",
    ]
    said = {e["kind"]: e for e in exported["events"]}
    assert said["contact.in"]["data"]["from"] == tenant.reference
    assert said["contact.in"]["channel"] == "phone"
    assert said["tenancy.ended"]["data"]["tenancy"] == tenancy.reference
    assert exported["tenancies"][0]["end"] == "2024-05-31"
    assert exported["people"][0]["role"] == "tenant"

"""`doorstep import FILE` and the service behind it: through the services, whole or not at
all, and only once."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from doorstep.cases.models import Case
from doorstep.core.models import ReferenceCounter
from doorstep.interchange.models import ExternalRef
from doorstep.interchange.services import CHANGED, ChronologyRefused, chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed, small
from doorstep.policy.models import PolicyOverride
from doorstep.properties.models import Property, PropertyAlias
from doorstep.residents.models import Household, HouseholdMember, Person, Tenancy
from doorstep.timeline.models import Event, Stream
from doorstep.timeline.services import FUTURE_EVENT
from doorstep.timeline.when import LONDON
from doorstep.vulnerabilities.models import Vulnerability

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
SCHEME = "chronology:Example Homes"
TABLES = (
    Property,
    PropertyAlias,
    Person,
    Household,
    HouseholdMember,
    Tenancy,
    Case,
    Event,
    Stream,
    ExternalRef,
    PolicyOverride,
    Vulnerability,
)


def counts() -> dict[str, object]:
    """How many rows each table the import writes holds, and the references issued."""
    found: dict[str, object] = {model.__name__: model.objects.count() for model in TABLES}
    found["references"] = sorted(ReferenceCounter.objects.values_list("prefix", "last"))
    return found


def write(tmp_path: Path, doc: object, name: str = "example.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def imported(file: str) -> str:
    out = StringIO()
    call_command("import", file, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_properties_people_and_the_household_come_through_the_services():
    report = chronology_import(doc=small(), source_name="example.json", at=AT)
    flat = PropertyAlias.objects.get(scheme=SCHEME, value="P1").property
    assert (flat.kind, flat.uprn, flat.bedrooms, flat.part_of.address_line_1) == (
        "flat",
        100023336956,
        2,
        "Elm Court",
    )
    entrance = PropertyAlias.objects.get(scheme=SCHEME, value="P2").property
    assert entrance.address_line_1 == "Address not given (chronology P2)"
    household = Household.objects.get(reference=report.households[0])
    assert household.property == flat
    members = {m.person.full_name: m.relationship for m in household.members.all()}
    assert members == {"Resident": "tenant", "Child": "other"}
    tenancy = household.tenancies.get()
    assert (tenancy.start, tenancy.end, tenancy.tenure, tenancy.rent_weekly) == (
        dt.date(2019, 6, 1),
        None,
        "",
        Decimal("98.50"),
    )
    assert ExternalRef.objects.get(kind="tenancy", ref="T1").record["start"] == "2019-06"
    assert Person.objects.get(full_name="Support worker").organisation == "Mind"


def test_cases_get_references_households_and_links():
    chronology_import(doc=small(), source_name="example.json", at=AT)
    complaint = ExternalRef.objects.get(kind="case", ref="C1").case
    repair = ExternalRef.objects.get(kind="case", ref="C2").case
    assert complaint.reference.startswith("CMP-2026-") and repair.reference.startswith("REP-")
    assert complaint.household is not None and repair.household is None  # communal
    assert repair.property.kind == "communal_area"
    assert set(complaint.people.values_list("full_name", flat=True)) == {"Resident", "Child"}
    assert list(complaint.links.all()) == [repair]


def test_each_event_keeps_its_date_who_channel_summary_and_data():
    report = chronology_import(doc=small(), source_name="example.json", at=AT)
    events = {e.source_id: e for e in Event.objects.exclude(source_id="")}
    assert sorted(events) == ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]
    e1, e2, e3 = events["e1"], events["e2"], events["e3"]
    assert (e1.occurred_text, e1.occurred_precision, e1.by, e1.channel) == (
        "2021-03-01",
        "day",
        "R1",
        "import",  # the file does not say
    )
    assert e1.data["colour_of_door"] == "green" and e1.data["priority_assumed"] is True
    assert (e2.occurred_precision, e2.channel) == ("time", "email")
    assert (e3.occurred_precision, e3.channel, e3.case) == ("month", "import", None)
    assert e3.household.reference == report.households[0]
    assert events["e6"].data["date_bounds"] == {"after": "2021-11", "not_after": "2022-01-20"}
    for event in events.values():
        assert (event.actor, event.actor_name) == (None, "Import: example.json")
        assert (event.recorded_at, event.batch) == (AT, report.batch)
    assert events["e1"].stream.property == events["e1"].case.property  # communal history


def test_a_recorded_vulnerability_enters_the_register_as_dated_in_the_file():
    chronology_import(doc=small(), source_name="example.json", at=AT)
    entry = Vulnerability.objects.get()
    assert (entry.person.full_name, entry.category, entry.source) == (
        "Resident",
        "mental_health",
        "third_party",
    )
    assert (entry.learned_text, entry.learned_on, entry.recorded_on) == (
        "2021-07",
        dt.date(2021, 7, 31),
        dt.date(2021, 8, 2),
    )
    assert (entry.detail, entry.consent_to_record) == ("", False)


def test_a_disclosure_never_recorded_stays_out_of_the_register():
    chronology_import(doc=seed(CLARION), source_name=CLARION, at=AT)
    assert not Vulnerability.objects.exists()


def test_the_landlords_policy_becomes_overrides():
    chronology_import(doc=small(), source_name="example.json", at=AT)
    rows = {o.key: (o.value, o.effective_from) for o in PolicyOverride.objects.all()}
    assert rows == {
        "complaints.stage1.response_working_days": (10, None),
        "repairs.routine.working_days": (15, dt.date(2021, 4, 1)),
    }
    assert PolicyOverride.objects.first().source.endswith("the imported chronology example.json")


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    file = write(tmp_path, small())
    first = imported(file)
    assert first.startswith("Imported example.json: 7 new events (0 already on record).")
    before = counts()
    again = imported(file)
    assert again.startswith("Imported example.json: 0 new events (7 already on record).")
    assert counts() == before


@pytest.mark.parametrize("name", [BROMFORD, CLARION])
def test_the_seeds_import_and_every_chain_verifies(tmp_path, name):
    doc = seed(name)
    text = imported(write(tmp_path, doc, name))
    assert text.startswith(f"Imported {name}: {len(doc['events'])} new events (0 already")
    assert Event.objects.exclude(source_id="").count() == len(doc["events"])
    out = StringIO()
    call_command("verify", stdout=out)
    assert "Every chain verifies." in out.getvalue()


def test_a_tenancy_known_to_end_is_ended():
    chronology_import(doc=seed(BROMFORD), source_name=BROMFORD, at=AT)
    tenancy = Tenancy.objects.get()
    assert (tenancy.start, tenancy.end) == (dt.date(2018, 4, 30), dt.date(2022, 4, 1))


def test_a_file_that_breaks_the_schema_is_refused_and_nothing_is_written(tmp_path):
    doc = small()
    doc["events"][0]["data"]["priority"] = "whenever"
    before = counts()
    with pytest.raises(CommandError) as refused:
        imported(write(tmp_path, doc))
    assert str(refused.value).startswith(
        "Refused example.json; nothing was imported. $.events[0].data.priority: 'whenever'"
    )
    assert counts() == before


@pytest.mark.parametrize(
    ("change", "path", "reason"),
    [
        (
            lambda d: d["events"][1].update(case="C9"),
            "$.events[1].case",
            "'C9' is not a case this file defines (C1, C2)",
        ),
        (
            lambda d: d["cases"][1]["people"].append("R7"),
            "$.cases[1].people[1]",
            "'R7' is not a person this file defines (R1, R2, R3)",
        ),
        (
            lambda d: d["tenancies"][0].update(property="P5"),
            "$.tenancies[0].property",
            "'P5' is not a property this file defines (P1, P0, P2)",
        ),
        (
            lambda d: d["events"][3]["data"].update(person="R9"),
            "$.events[3].data.person",
            "'R9' is not a person this file defines (R1, R2, R3)",
        ),
        (
            lambda d: d["events"][5].update(by="R8"),
            "$.events[5].by",
            "'R8' is neither 'landlord' nor a person this file defines (R1, R2, R3)",
        ),
        (
            lambda d: d["events"][6].update(id="e1"),
            "$.events[6].id",
            "'e1' is defined twice (also at $.events[0].id)",
        ),
        (
            lambda d: d["properties"][1].update(part_of="P1"),
            "$.properties[0].part_of",
            "'P1' is part of itself, through P1 > P0 > P1",
        ),
        (
            lambda d: d["cases"][0]["links"].append("C1"),
            "$.cases[0].links[1]",
            "a case cannot be linked to itself",
        ),
        (
            lambda d: d["properties"][0].update(uprn="12-34"),
            "$.properties[0].uprn",
            "'12-34' is not a UPRN: a whole number from 1 to 999999999999",
        ),
        (
            lambda d: d["cases"][0].update(title="x" * 301),
            "$.cases[0].title",
            "is 301 characters long; Doorstep keeps at most 300 here",
        ),
    ],
)
def test_a_reference_the_file_does_not_define_refuses_it_whole(change, path, reason):
    doc = small()
    change(doc)
    before = counts()
    with pytest.raises(ChronologyRefused) as refused:
        chronology_import(doc=doc, source_name="example.json", at=AT)
    assert (refused.value.path, refused.value.reason) == (path, reason)
    assert counts() == before


def test_an_unknown_case_is_refused_by_the_command_with_its_path(tmp_path):
    doc = small()
    doc["events"][4]["case"] = "C3"
    with pytest.raises(CommandError, match=r"\$\.events\[4\]\.case: 'C3' is not a case"):
        imported(write(tmp_path, doc))
    assert not Event.objects.exists()


def test_a_late_event_that_fails_leaves_nothing_half_imported():
    doc = small()
    doc["events"][-1]["at"] = "2026-11-24"  # after the import: the timeline refuses it
    before = counts()
    with pytest.raises(ChronologyRefused) as refused:
        chronology_import(doc=doc, source_name="example.json", at=AT)
    assert refused.value.path == "$.events[6].at"
    assert refused.value.reason == FUTURE_EVENT.format(
        when="24 November 2026", recorded=AT.isoformat()
    )
    assert counts() == before


def test_a_service_refusal_names_the_member_that_gave_the_value():
    doc = small()
    doc["properties"][2]["part_of"] = None  # a communal area must be inside a building
    with pytest.raises(ChronologyRefused) as refused:
        chronology_import(doc=doc, source_name="example.json", at=AT)
    assert refused.value.path == "$.properties[2].part_of"
    assert refused.value.reason == "A communal area cannot be part of nothing."


def test_a_file_that_changes_an_imported_entry_is_refused():
    chronology_import(doc=small(), source_name="example.json", at=AT)
    doc = small()
    doc["events"][1]["summary"] = "Stage 1 complaint, by email"
    before = counts()
    with pytest.raises(ChronologyRefused) as refused:
        chronology_import(doc=doc, source_name="later.json", at=AT)
    assert refused.value.path == "$.events[1]"
    assert refused.value.reason == CHANGED.format(
        what="Event", ref="e2", name="example.json", day="2026-11-23"
    )
    assert counts() == before


def test_a_later_file_adds_only_what_is_new():
    chronology_import(doc=small(), source_name="example.json", at=AT)
    doc = small()
    doc["events"].append(
        {
            "id": "e8",
            "at": "2022-02-01",
            "case": "C1",
            "kind": "complaint.escalated",
            "by": "R1",
            "summary": "Escalated",
            "data": {"stage": 2, "text": "Still not right."},
        }
    )
    report = chronology_import(doc=doc, source_name="later.json", at=AT)
    assert (report.new_events, report.existing["event"], sum(report.new.values())) == (1, 7, 1)


def test_another_landlords_file_is_imported_with_a_note(tmp_path, settings):
    settings.DOORSTEP_LANDLORD_NAME = "Demo Homes"
    err = StringIO()
    call_command("import", write(tmp_path, small()), stdout=StringIO(), stderr=err)
    assert "example.json is Example Homes's record, but this Doorstep is Demo Homes's" in (
        err.getvalue()
    )


def test_the_command_says_what_it_added(tmp_path):
    text = imported(write(tmp_path, small()))
    assert "New: 2 policy values, 3 properties, 3 people, 1 tenancy, 2 cases." in text


def test_a_scheme_keeps_apart_two_files_that_reuse_references():
    chronology_import(doc=small(), source_name="first.json", at=AT)
    other = small()
    other["properties"][0].update(uprn=None, address="Flat 9, Elm Court")
    with pytest.raises(ChronologyRefused) as refused:
        chronology_import(doc=other, source_name="second.json", at=AT)
    assert refused.value.path == "$.properties[0]"
    report = chronology_import(
        doc=other, source_name="second.json", at=AT, scheme="chronology:Example Homes/2"
    )
    assert (report.new_events, report.new["property"], report.existing["policy"]) == (7, 3, 2)
    assert Household.objects.count() == 2


def test_a_long_landlord_name_still_fits_the_alias_scheme():
    doc = small()
    doc["landlord"]["name"] = "The Very Long Name Housing Association of the Midlands Limited"
    report = chronology_import(doc=doc, source_name="example.json", at=AT)
    assert len(report.scheme) == 50 and report.scheme.startswith("chronology:The Very Long")
    assert PropertyAlias.objects.filter(scheme=report.scheme, value="P1").exists()


def test_a_scheme_too_long_is_refused(tmp_path):
    with pytest.raises(CommandError, match="A scheme is 1 to 50 characters"):
        call_command("import", write(tmp_path, small()), "--scheme", "x" * 51, stdout=StringIO())


def test_every_event_an_import_causes_names_the_file_it_came_from():
    """Including those the services write on its behalf (household opened, case opened)."""
    chronology_import(doc=small(), source_name="example.json", at=AT)
    names = set(Event.objects.values_list("actor_name", flat=True))
    assert names == {"Import: example.json"}
    assert {"household.created", "case.opened"} <= set(Event.objects.values_list("kind", flat=True))


def test_the_imported_promises_are_on_the_ledger_at_once():
    """An import writes events, and in the same transaction the promise ledger's rows: the
    commitments page lists Clarion's promises without a rebuild."""
    from doorstep.commitments.models import Commitment
    from doorstep.commitments.services import commitments_rebuild

    chronology_import(doc=seed(CLARION), source_name=CLARION, at=AT)
    states = {c.ref: c.state for c in Commitment.objects.all()}
    assert (states["k1"], states["k2"], states["k9"], states["o1"]) == (
        "contradicted",
        "open",
        "claimed",
        "open",
    )
    assert len(states) == 25  # k0-k15 and the nine orders
    assert commitments_rebuild() == 0  # nothing left for a rebuild to do

"""`chronologies_of_homes`: the chronologies of many homes from a bounded number of queries,
each exactly what the one-home export gives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from doorstep.cases.models import Case
from doorstep.cases.services import case_link, case_open, note_add
from doorstep.generate.synth import portfolio
from doorstep.interchange.scope import Home
from doorstep.interchange.selectors import (
    EXPORT_BROKEN,
    chronologies_of_homes,
    chronology_export_with_cases,
)
from doorstep.interchange.services import chronologies_import, chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed, small
from doorstep.residents.models import Household, Person
from doorstep.residents.services import person_create
from doorstep.tests_browser.world import build_world
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def one_home(home: Home) -> tuple[dict, list[str], dict[str, int]]:
    kind, pk = home
    if kind == "household":
        return chronology_export_with_cases(
            landlord=settings.DOORSTEP_LANDLORD_NAME, household=Household.objects.get(pk=pk)
        )
    case = Case.objects.filter(household=None, property_id=pk).first()
    return chronology_export_with_cases(landlord=settings.DOORSTEP_LANDLORD_NAME, case=case)


def every_home() -> list[Home]:
    homes: list[Home] = [("household", pk) for pk in Household.objects.values_list("pk", flat=True)]
    communal = Case.objects.filter(household=None).values_list("property_id", flat=True)
    return homes + [("property", pk) for pk in sorted(set(communal))]


def generated(homes: int, *, start: int = 0) -> None:
    docs = list(portfolio(seed=7, homes=start + homes, years=2))[start:]
    report = chronologies_import(
        records=[(f"synthetic line {i}", doc) for i, doc in enumerate(docs)], at=AT
    )
    assert report.refused == []


@pytest.fixture
def record(at):
    """Households of every sort: imported files (one with a communal case linked to a
    household's), the seed scenarios, a household recorded through Doorstep's services with a
    third party, a communal case linked to its case and another naming a member, and some
    generated households."""
    chronology_import(doc=small(), source_name="small.json", at=AT)
    chronology_import(doc=seed(BROMFORD), source_name="bromford.json", at=AT)
    chronology_import(doc=seed(CLARION), source_name="clarion.json", at=AT)
    world = build_world(at=at)
    officer = world.case.officer
    case_link(actor=officer, case=world.case, other=world.communal, reason="Same block", at=at)
    support = person_create(full_name="Pat Advocate", organisation="Advice Centre", at=at)
    named = case_open(
        actor=officer,
        case_type="complaint",
        title="Lift out of order",
        property=world.block,
        people=[world.tenant, support, Person.objects.get(full_name="Sam Reid")],
        at=at,
    )
    note_add(actor=officer, case=named, text="Lift engineer called.", at=at)
    generated(6)
    return world


def test_each_home_exports_as_it_does_alone(record):
    homes = every_home()
    assert len(homes) >= 12
    batch = chronologies_of_homes(homes, landlord=settings.DOORSTEP_LANDLORD_NAME)
    assert list(batch) == homes
    for home in homes:
        doc, notes, refs = one_home(home)
        got = batch[home]
        assert got.problem is None
        assert got.doc == doc, home
        assert got.notes == notes, home
        assert got.cases == refs, home
    # The household recorded in Doorstep: the communal case linked to its case and the one
    # naming its tenant are in, with a third party acting for the tenant and one not.
    mine = batch[("household", record.household.pk)].doc
    assert {c["ref"] for c in mine["cases"]} >= {record.case.reference, record.communal.reference}
    roles = {p["name"]: (p["role"], p["acting_for"]) for p in mine["people"]}
    assert roles["Sam Reid"] == ("third_party", record.tenant.reference)
    assert roles["Pat Advocate"] == ("third_party", None)


def test_a_home_alone_and_in_any_chunk_exports_the_same(record):
    homes = every_home()
    whole = chronologies_of_homes(homes, landlord="L")
    for home in homes[::3]:
        assert chronologies_of_homes([home], landlord="L")[home] == whole[home]


def test_an_unknown_household_is_left_out(record):
    assert chronologies_of_homes([("household", 10**9)], landlord="L") == {}


def test_the_queries_do_not_grow_with_the_homes(django_assert_max_num_queries):
    generated(10)
    homes = every_home()
    assert len(homes) == 10
    with django_assert_max_num_queries(25):
        assert len(chronologies_of_homes(homes[:2], landlord="L")) == 2
    with django_assert_max_num_queries(25):
        assert len(chronologies_of_homes(homes, landlord="L")) == 10


def test_a_home_that_cannot_be_said_is_a_problem_not_a_failed_chunk(record, monkeypatch):
    """A document the format refuses (a fault in Doorstep) is that home's problem; the other
    homes of the chunk are exported all the same."""
    homes = every_home()
    broken = homes[1]
    real = chronologies_of_homes([broken], landlord="L")[broken].doc
    monkeypatch.setattr("doorstep.interchange.selectors.passes_gate", lambda doc: doc != real)
    monkeypatch.setattr(
        "doorstep.interchange.selectors.first_problem",
        lambda doc: "$.events[0].at: not a date" if doc == real else None,
    )
    out = chronologies_of_homes(homes, landlord="L")
    assert out[broken].problem == EXPORT_BROKEN.format(problem="$.events[0].at: not a date")
    assert out[broken].doc == {} and out[broken].cases == {}
    assert all(out[home].problem is None and out[home].doc for home in homes if home != broken)

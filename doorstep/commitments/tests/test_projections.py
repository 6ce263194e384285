"""The projection is the ledger's answer, kept: a rebuild from the events changes nothing, and
an imported record's promises stand exactly as the pure ledger replays its file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from doorstep.cases.services import record_on_case
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.ledger import commitment_states
from doorstep.commitments.models import Commitment
from doorstep.commitments.projections import standings
from doorstep.commitments.services import (
    commitment_claim_done,
    commitment_make,
    commitment_verify,
    commitments_rebuild,
)
from doorstep.interchange.selectors import chronology_export
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, SEEDS, seed
from doorstep.timeline.when import LONDON, When
from doorstep.workdays import calendar_for

pytestmark = pytest.mark.django_db

IMPORTED_AT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def rows() -> list[dict[str, object]]:
    return [model_to_dict(c, exclude=["id"]) for c in Commitment.objects.order_by("ref")]


def test_a_rebuild_finds_nothing_to_change_and_recreates_what_was_lost(scene, at, capsys):
    made = commitment_make(
        actor=scene.officer,
        case=scene.case,
        action="Replace the bathroom floor",
        due=When.parse("2024-06-28"),
        job="J1",
        items=["floor"],
        at=at,
    )
    commitment_claim_done(actor=scene.fitter, commitment=made, claimed_by="contractor", at=at)
    made.refresh_from_db()
    commitment_verify(
        actor=scene.officer,
        commitment=made,
        method="resident_confirmed",
        result="not_done",
        evidence="Still soft underfoot",
        at=at,
    )
    commitment_make(
        actor=scene.officer,
        case=scene.case,
        action="Write to confirm the new date",
        due=When.parse("2024-06"),
        at=at,
    )
    before = rows()
    call_command("commitments_rebuild")
    assert "0 row(s) were new or differed" in capsys.readouterr().out
    Commitment.objects.all().delete()
    assert commitments_rebuild() == 2
    assert rows() == before


@pytest.mark.parametrize("name", [CLARION, BROMFORD])
def test_an_imported_records_promises_stand_as_the_ledger_replays_its_file(name):
    doc = seed(name)
    chronology_import(doc=doc, source_name=name, at=IMPORTED_AT)  # projects the ledger too
    as_of = dt.date.fromisoformat(SEEDS[name])
    facts = facts_from_chronology(doc)
    expected = {
        s.commitment: s.state
        for s in commitment_states(
            facts, as_of=as_of, overrides=facts.overrides, calendar=calendar_for("england")
        )
    }
    stored = list(Commitment.objects.all())
    found = standings({c.stream_id for c in stored}, as_of=as_of)
    assert {ref: state.state for (_, ref), state in found.items()} == expected
    assert {c.ref for c in stored} == set(expected)
    assert commitments_rebuild() == 0


def test_clarions_contradicted_claims_are_recorded_as_such():
    chronology_import(doc=seed(CLARION), source_name=CLARION, at=IMPORTED_AT)
    commitments_rebuild()
    by_ref = {c.ref: c for c in Commitment.objects.select_related("verified_event", "case")}
    # k4 boxing: claimed done at stage 2 (e46), the resident said not done (e56).
    assert by_ref["k4"].state == "contradicted"
    assert by_ref["k4"].verified_event.source_id == "e56"
    # k9 the floor: only the landlord's unverified claim of July 2023 (e67).
    assert by_ref["k9"].state == "claimed"
    assert by_ref["k9"].claim_event.source_id == "e67"
    assert by_ref["k9"].due_text == "2022-05"
    assert by_ref["k9"].made_by_name == f"Import: {CLARION}"


def test_the_live_record_exports_and_replays_to_the_same_standings(scene, at):
    """What the services write is the chronology format's own: the household exports, and a
    replay of the export puts each promise where the live ledger does."""
    made = commitment_make(
        actor=scene.officer,
        case=scene.case,
        action="Replace the bathroom floor",
        due=When.parse("2024-06-28"),
        job="J1",
        items=["floor"],
        owner=scene.officer,
        at=at,
    )
    commitment_claim_done(
        actor=scene.fitter, commitment=made, claimed_by="contractor", at=at + dt.timedelta(days=1)
    )
    doc, _ = chronology_export(landlord="Demo Homes", household=scene.case.household)
    facts = facts_from_chronology(doc)
    for day in (dt.date(2024, 6, 10), dt.date(2024, 6, 20), dt.date(2024, 7, 30)):
        replayed = commitment_states(
            facts, as_of=day, overrides=facts.overrides, calendar=calendar_for("england")
        )
        live = standings([made.stream_id], as_of=day)
        assert [s.state for s in replayed] == [s.state for s in live.values()]
    assert [s.state for s in live.values()] == ["claimed_not_verified"]


def test_items_given_as_objects_are_kept_as_given(scene, at):
    record_on_case(
        case=scene.case,
        kind="commitment.made",
        data={
            "commitment": "k1",
            "action": "Repoint the rear wall",
            "due": "2024-07",
            "job": "J5",
            "items": [{"id": "repoint", "description": "Rake out and repoint"}],
        },
        actor=None,
        at=at,
    )
    assert commitments_rebuild() == 1
    made = Commitment.objects.get(ref="k1")
    assert made.items == [{"id": "repoint", "description": "Rake out and repoint"}]
    assert (made.due_text, made.made_by_name, made.state) == (
        "2024-07",
        "Doorstep (system)",
        "open",
    )

"""`evidence_produce`: the pack, and an `evidence.produced` entry on the case's (or
household's) timeline saying for whom, why and which pack; the export leaves the entry out (the
format has no such kind), so an exported case still imports as it was."""

from __future__ import annotations

import hashlib

import pytest

from doorstep.core.errors import DomainError
from doorstep.evidence.pack import pack_verify
from doorstep.evidence.selectors import evidence_pack
from doorstep.evidence.services import AS_OF_FUTURE, NO_RECIPIENT, NOTHING_NAMED, evidence_produce
from doorstep.evidence.tests.conftest import AS_OF, AT
from doorstep.evidence.tests.pdftext import files, text
from doorstep.interchange.selectors import chronology_export
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import CLARION, normalised, seed
from doorstep.residents.models import Household
from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db


def test_producing_records_to_whom_and_which_pack(clarion):
    officer = StaffFactory.create(role=Role.COMPLAINTS_OFFICER)
    with appended() as events:
        data, event = evidence_produce(
            actor=officer,
            case=clarion.complaint,
            to="Housing Ombudsman",
            purpose="Evidence requested for 202208650",
            as_of=AS_OF,
            at=AT,
        )
    assert events.kinds == ["evidence.produced"]
    assert (event.case, event.household, event.actor) == (
        clarion.complaint,
        clarion.household,
        officer,
    )
    assert event.data == {
        "to": "Housing Ombudsman",
        "purpose": "Evidence requested for 202208650",
        "as_of": "2023-08-11",
        "of": clarion.complaint.reference,
        "sha256": hashlib.sha256(data).hexdigest(),
        "files": ["chronology.json", "manifest.json", "pack.pdf"],
        "special_category_detail": "included",
    }
    assert event.summary == "Evidence pack as of 11 Aug 2023 produced for Housing Ombudsman"
    # The pack handed over still verifies, and is of the record before the entry.
    assert pack_verify(data) == []
    assert "Evidence pack produced" not in text(files(data)["pack.pdf"])


def test_a_pack_produced_later_lists_the_earlier_one(clarion):
    evidence_produce(
        actor=None, household=clarion.household, to="The resident", purpose="", as_of=AS_OF, at=AT
    )
    later = evidence_pack(
        user=None, household=clarion.household, as_of=AT.date(), produced_for="Solicitor", at=AT
    )
    whole = text(files(later)["pack.pdf"])
    assert "Evidence pack produced" in whole
    assert "produced for The resident" in whole


def test_the_entry_is_left_out_of_the_export_and_the_case_round_trips(clarion):
    doc = seed(CLARION)
    evidence_produce(
        actor=None,
        household=clarion.household,
        to="Housing Ombudsman",
        purpose="",
        as_of=AS_OF,
        at=AT,
    )
    exported, notes = chronology_export(
        landlord=doc["landlord"]["name"], household=clarion.household
    )
    assert notes == []
    assert "evidence.produced" not in {e["kind"] for e in exported["events"]}
    assert normalised(exported) == normalised(doc)
    # Imported again (as another landlord's file would be), it is refused nothing.
    report = chronology_import(doc=exported, source_name="again.json", at=AT, scheme="again")
    assert Household.objects.filter(reference__in=report.households).exists()


def test_refusals(clarion):
    with pytest.raises(DomainError) as info:
        evidence_produce(actor=None, to="X", purpose="", as_of=AS_OF, at=AT)
    assert info.value.message == NOTHING_NAMED
    with pytest.raises(DomainError) as info:
        evidence_produce(
            actor=None, case=clarion.complaint, to="  ", purpose="", as_of=AS_OF, at=AT
        )
    assert info.value.message == NO_RECIPIENT
    tomorrow = AT.date().replace(day=AT.day + 1)
    with pytest.raises(DomainError) as info:
        evidence_produce(
            actor=None, case=clarion.complaint, to="X", purpose="", as_of=tomorrow, at=AT
        )
    assert info.value.message == AS_OF_FUTURE.format(as_of="7 Dec 2026")

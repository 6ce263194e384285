"""`permit_project`: the `TenancyPermission` row is only what the case's events say, rebuilt the
same way by every writer (the services, an import, `permits_rebuild`); and the live record's
replay reads the same permissions onto its cases."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.forms.models import model_to_dict

from doorstep.deadlines.selectors import clocks_of
from doorstep.interchange.services import chronology_import
from doorstep.permits.choices import PermitStatus
from doorstep.permits.models import TenancyPermission
from doorstep.permits.projections import permit_project, permits_rebuild
from doorstep.permits.services import permission_decide, permission_withdraw
from doorstep.permits.tests.conftest import NOW
from doorstep.timeline.when import When

LATER = NOW + dt.timedelta(days=2)


def _granted(homes, dog):
    return permission_decide(
        actor=homes.officer,
        permit=dog,
        outcome="granted_with_conditions",
        conditions=["Kept on a lead in the communal areas"],
        review_on=dt.date(2026, 11, 4),
        at=LATER,
    )


def test_the_row_is_rebuilt_from_the_events_alone(homes, dog):
    permit = _granted(homes, dog)
    permission_withdraw(
        actor=homes.manager,
        permit=permit,
        reason="Left loose again",
        occurred=When.parse("2026-02-10"),
        at=LATER + dt.timedelta(days=100),
    )
    before = model_to_dict(TenancyPermission.objects.get(case=dog.case))
    TenancyPermission.objects.filter(case=dog.case).delete()
    rebuilt = permit_project(dog.case)
    assert rebuilt is not None
    assert model_to_dict(rebuilt) | {"id": before["id"]} == before
    assert permit_project(dog.case).pk == rebuilt.pk


def test_rebuild_puts_back_what_differs_and_says_how_many(homes, dog):
    _granted(homes, dog)
    assert permits_rebuild() == 0
    TenancyPermission.objects.filter(case=dog.case).update(
        status=PermitStatus.REFUSED, conditions=[]
    )
    out = StringIO()
    call_command("permits_rebuild", stdout=out)
    assert "1 row(s)" in out.getvalue()
    row = TenancyPermission.objects.get(case=dog.case)
    assert row.status == PermitStatus.GRANTED_WITH_CONDITIONS
    assert row.conditions == ["Kept on a lead in the communal areas"]
    TenancyPermission.objects.all().delete()
    assert permits_rebuild() == 1
    assert TenancyPermission.objects.get(case=dog.case).tenancy == homes.tenancy


def test_a_case_without_a_request_has_no_row(homes):
    from doorstep.cases.services import case_open

    case = case_open(
        actor=None, case_type="permission", title="x", household=homes.household, at=NOW
    )
    assert permit_project(case) is None
    assert not TenancyPermission.objects.filter(case=case).exists()


def test_an_imported_permission_is_on_the_record(db):
    doc = {
        "format": "doorstep-chronology/1",
        "landlord": {"name": "Old Homes", "nation": "england"},
        "properties": [{"ref": "P1", "uprn": None, "address": "1 Old Street", "kind": "flat"}],
        "people": [{"ref": "R1", "name": "Resident", "role": "tenant"}],
        "tenancies": [{"ref": "T1", "property": "P1", "tenants": ["R1"], "start": "2018-04-30"}],
        "cases": [{"ref": "C1", "type": "permission", "property": "P1", "people": ["R1"]}],
        "events": [
            {"id": "e1", "at": "2021-03", "case": "C1", "kind": "permission.requested",
             "by": "R1", "channel": "letter", "summary": "Asked to keep a dog",
             "data": {"subject": "pet", "detail": "One dog"}},
            {"id": "e2", "at": "2021-04-12", "case": "C1", "kind": "permission.decided",
             "by": "landlord", "channel": "letter", "summary": "Approved",
             "data": {"outcome": "Approved", "conditions": "Kept on a lead"}},
        ],
    }  # fmt: skip
    chronology_import(doc=doc, source_name="old.json", at=NOW)
    row = TenancyPermission.objects.get()
    assert (row.subject, row.detail, row.status, row.outcome) == (
        "pet",
        "One dog",
        PermitStatus.GRANTED_WITH_CONDITIONS,
        "Approved",
    )
    assert row.conditions == ["Kept on a lead"]
    assert row.requested_on == dt.date(2021, 3, 31)
    assert row.decided_on == dt.date(2021, 4, 12)
    assert row.tenancy is not None and row.tenancy.start == dt.date(2018, 4, 30)


def test_the_live_replay_reads_the_permission_onto_its_case(homes, dog):
    _granted(homes, dog)
    found = clocks_of([dog.case], as_of=dt.date(2025, 12, 1))
    (read,) = found.permissions
    assert read.case == dog.case
    assert read.state == "granted_with_conditions"
    assert read.conditions == ["Kept on a lead in the communal areas"]
    assert read.data["pet"] == {"species": "dog", "number": 1, "description": "Small terrier"}
    earlier = clocks_of([dog.case], as_of=dt.date(2025, 11, 4))
    assert [p.state for p in earlier.permissions] == ["pending"]

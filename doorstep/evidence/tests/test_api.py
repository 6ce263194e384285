"""`POST /api/v1/cases/{reference}/evidence-pack`: the zip itself, recorded on the timeline; a
retry with the same Idempotency-Key gets the same bytes, built again from the record as it
stood before the first request's entry, or a 409 where the record has changed since."""

from __future__ import annotations

import hashlib

import pytest

from doorstep.api.tests.conftest import caller_make
from doorstep.cases.services import note_add
from doorstep.evidence.pack import pack_verify
from doorstep.evidence.tests.conftest import AT
from doorstep.evidence.tests.pdftext import manifest_of
from doorstep.staff.roles import Role
from doorstep.timeline.models import Event

pytestmark = pytest.mark.django_db

BODY = {"to": "Housing Ombudsman", "purpose": "Evidence requested", "as_of": "2023-08-11"}


def path(case) -> str:
    return f"/api/v1/cases/{case.reference}/evidence-pack"


def test_the_pack_comes_back_as_a_zip_and_is_recorded(clarion):
    officer = caller_make(AT, "cora", Role.COMPLAINTS_OFFICER)
    response = officer.post(path(clarion.complaint), BODY)
    assert response.status_code == 201, response.content
    assert response["Content-Type"] == "application/zip"
    assert pack_verify(response.content) == []
    assert manifest_of(response.content)["of"]["reference"] == clarion.complaint.reference
    event = Event.objects.get(kind="evidence.produced")
    assert event.data["sha256"] == hashlib.sha256(response.content).hexdigest()
    assert event.actor == officer.user


def test_a_retry_after_the_record_changed_is_refused_not_guessed(clarion):
    officer = caller_make(AT, "cora", Role.COMPLAINTS_OFFICER)
    first = officer.post(path(clarion.complaint), BODY, HTTP_IDEMPOTENCY_KEY="pack-1")
    assert first.status_code == 201
    note_add(actor=officer.user, case=clarion.complaint, text="Chased the contractor.", at=AT)
    again = officer.post(path(clarion.complaint), BODY, HTTP_IDEMPOTENCY_KEY="pack-1")
    assert again.status_code == 409, again.content
    error = again.json()["error"]
    assert error["code"] == "idempotency_unresolved"
    assert "cannot be given again: the record has changed since" in error["message"]
    assert Event.objects.filter(kind="evidence.produced").count() == 1

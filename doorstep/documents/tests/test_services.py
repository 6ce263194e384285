from __future__ import annotations

import hashlib
from io import StringIO

import pytest

from doorstep.core.errors import DomainError
from doorstep.documents.models import Document
from doorstep.documents.services import (
    EMPTY_FILE,
    TOO_LARGE,
    UNKNOWN_TYPE,
    document_add,
    document_open,
    sniff_content_type,
)
from doorstep.testing.factories import CaseFactory, HouseholdFactory
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_report_is_stored_with_its_checksum_and_recorded_on_the_case(at):
    case = CaseFactory()
    with appended() as events:
        doc = document_add(
            actor=None,
            content=PDF,
            original_name="survey.pdf",
            doc_type="survey_report",
            title="Damp survey",
            at=at,
            case=case,
        )
    assert events.kinds == ["document.added"]
    assert events[0].case == case
    assert doc.sha256 == hashlib.sha256(PDF).hexdigest() == events[0].data["sha256"]
    assert (doc.content_type, doc.size, doc.household) == (
        "application/pdf",
        len(PDF),
        case.household,
    )
    assert document_open(document=doc) == PDF


def test_a_document_is_never_deleted(at):
    doc = document_add(
        actor=None,
        content=PNG,
        original_name="mould.png",
        doc_type="photo",
        title="Bathroom ceiling",
        at=at,
        household=HouseholdFactory(),
    )
    with pytest.raises(PermissionError):
        doc.delete()
    with pytest.raises(PermissionError):
        Document.objects.all().delete()


def test_type_is_judged_by_content_not_name(at):
    with pytest.raises(DomainError) as info:
        document_add(
            actor=None,
            content=b"MZ\x90\x00\x03" + b"\x00" * 40,
            original_name="report.pdf",
            doc_type="other",
            title="x",
            at=at,
            household=HouseholdFactory(),
        )
    assert (info.value.message, info.value.field) == (UNKNOWN_TYPE, "file")
    assert sniff_content_type(PDF) == "application/pdf"
    assert sniff_content_type(b"Call at 10:02, resident reported leak") == "text/plain"


def test_size_limits_give_a_clear_error(at, settings):
    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    household = HouseholdFactory()
    with pytest.raises(DomainError) as info:
        document_add(
            actor=None,
            content=PDF + b"0" * (2 * 1024 * 1024),
            original_name="big.pdf",
            doc_type="other",
            title="Big",
            at=at,
            household=household,
        )
    assert info.value.message == TOO_LARGE.format(size="2.0 MB", limit="1.0 MB")
    with pytest.raises(DomainError, match=EMPTY_FILE):
        document_add(
            actor=None,
            content=b"",
            original_name="e.pdf",
            doc_type="other",
            title="Empty",
            at=at,
            household=household,
        )


def test_a_tampered_file_is_refused_on_opening(at, settings):
    doc = document_add(
        actor=None,
        content=PDF,
        original_name="a.pdf",
        doc_type="letter",
        title="Letter",
        at=at,
        household=HouseholdFactory(),
    )
    (settings.DOCUMENTS_ROOT / doc.storage_path).write_bytes(PDF + b"changed")
    with pytest.raises(DomainError, match="no longer matches its checksum"):
        document_open(document=doc)


def test_verify_checks_every_documents_file_and_names_a_missing_or_changed_one(at, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    household = HouseholdFactory()
    kept, changed, lost = (
        document_add(
            actor=None,
            content=PDF + name.encode(),
            original_name=f"{name}.pdf",
            doc_type="letter",
            title=name,
            at=at,
            household=household,
        )
        for name in ("kept", "changed", "lost")
    )
    out = StringIO()
    call_command("verify", stdout=out)
    assert "and 3 documents." in out.getvalue()

    (settings.DOCUMENTS_ROOT / changed.storage_path).write_bytes(b"%PDF-1.4 other")
    (settings.DOCUMENTS_ROOT / lost.storage_path).unlink()
    err = StringIO()
    with pytest.raises(CommandError, match="2 of the documents do not match"):
        call_command("verify", stdout=StringIO(), stderr=err)
    assert f"document {changed.reference}: its file no longer matches its checksum" in (
        err.getvalue()
    )
    assert f"document {lost.reference}: its file is missing" in err.getvalue()
    assert kept.reference not in err.getvalue()

"""Adding documents and downloading them, checked against their checksum."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from doorstep.documents.models import Document
from doorstep.documents.services import UNKNOWN_TYPE, document_add
from doorstep.staff.roles import Role
from doorstep.tests_browser.world import PDF, build_world

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def world(db, at):
    return build_world(at=at)


def upload(name, content, **fields):
    return {
        "doc_type": "photo",
        "title": "Mould on ceiling",
        "file": SimpleUploadedFile(name, content),
        "dated_day": "",
        "dated_month": "",
        "dated_year": "",
        **fields,
    }


def test_add_a_document_to_a_household(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("documents:add-to-household", args=[world.household.reference])
    assert client.get(url).status_code == 200
    response = client.post(
        url, upload("mould.png", PNG, dated_day="1", dated_month="6", dated_year="2024")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:household", args=[world.household.reference])
    document = Document.objects.get(title="Mould on ceiling")
    assert (document.household, document.case, document.content_type) == (
        world.household,
        None,
        "image/png",
    )
    assert str(document.dated) == "2024-06-01"


def test_a_contractor_adds_a_document_to_its_own_case(client, world):
    client.force_login(world.users[Role.CONTRACTOR])
    url = reverse("documents:add-to-case", args=[world.case.reference])
    response = client.post(url, upload("job-sheet.pdf", PDF, doc_type="other", title="Job sheet"))
    assert response["Location"] == reverse("cases:case", args=[world.case.reference])
    html = client.get(response["Location"]).content.decode()
    assert "Job sheet" in html
    other = reverse("documents:add-to-case", args=[world.other_firms_case.reference])
    assert client.get(other).status_code == 404


def test_a_file_of_an_unknown_kind_shows_the_service_s_message(client, world):
    client.force_login(world.users[Role.HOUSING_OFFICER])
    url = reverse("documents:add-to-household", args=[world.household.reference])
    html = client.post(url, upload("virus.exe", b"MZ\x90\x00\x03\x00\xff\xfe")).content.decode()
    assert f'<a href="#id_file">{escape(UNKNOWN_TYPE)}</a>' in html
    assert not Document.objects.filter(title="Mould on ceiling").exists()


def test_download_is_an_attachment(client, world):
    client.force_login(world.users[Role.AUDITOR])
    response = client.get(reverse("documents:download", args=[world.document.reference]))
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="tap-photo-report.pdf"'


def test_a_contractor_downloads_only_its_own_cases_documents(client, world, at):
    theirs = document_add(
        actor=None,
        content=PDF,
        original_name="x.pdf",
        doc_type="other",
        title="Window quote",
        at=at,
        case=world.other_firms_case,
    )
    held = document_add(
        actor=None,
        content=PDF,
        original_name="y.pdf",
        doc_type="other",
        title="Tenancy agreement",
        at=at,
        household=world.household,
    )
    client.force_login(world.users[Role.CONTRACTOR])
    mine = reverse("documents:download", args=[world.document.reference])
    assert client.get(mine).status_code == 200
    assert client.get(reverse("documents:download", args=[theirs.reference])).status_code == 404
    assert client.get(reverse("documents:download", args=[held.reference])).status_code == 404


def test_a_document_that_no_longer_matches_its_checksum_is_not_served(client, world):
    path = Path(settings.DOCUMENTS_ROOT) / world.document.storage_path
    path.write_bytes(PDF + b"tampered")
    client.force_login(world.users[Role.HOUSING_OFFICER])
    response = client.get(reverse("documents:download", args=[world.document.reference]))
    assert response.status_code == 500
    assert b"no longer matches its checksum" in response.content

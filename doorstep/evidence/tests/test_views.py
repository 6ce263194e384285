"""The evidence pack from the case and household pages: the link (for those who may), the form
(for whom, why), and the zip downloaded with its production recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.evidence.forms import NAME_THEM
from doorstep.evidence.pack import pack_verify
from doorstep.evidence.tests.pdftext import manifest_of
from doorstep.staff.roles import Role
from doorstep.testing.factories import CaseFactory, StaffFactory
from doorstep.timeline.models import Event

pytestmark = pytest.mark.django_db

LINK = "Produce an evidence pack"


@pytest.fixture
def case():
    return CaseFactory.create(title="Leak from the flat above")


def test_the_case_and_household_pages_link_to_the_pack_for_those_who_may(client, case):
    client.force_login(StaffFactory.create(role=Role.COMPLAINTS_OFFICER))
    page = client.get(reverse("cases:case", args=[case.reference]) + "?as_of=2024-06-05")
    assert LINK in page.content.decode()
    assert reverse("evidence:case", args=[case.reference]) + "?as_of=2024-06-05" in (
        page.content.decode()
    )
    home = client.get(reverse("contacts:household", args=[case.household.reference]))
    assert reverse("evidence:household", args=[case.household.reference]) in home.content.decode()

    client.force_login(StaffFactory.create(role=Role.REPAIRS_COORDINATOR))
    page = client.get(reverse("cases:case", args=[case.reference]))
    assert LINK not in page.content.decode()


def test_producing_downloads_the_zip_and_records_it(client, case):
    officer = StaffFactory.create(role=Role.MANAGER)
    client.force_login(officer)
    url = reverse("evidence:case", args=[case.reference]) + "?as_of=2024-06-05"
    form = client.get(url)
    assert "The pack is of the record as of 5 June 2024" in form.content.decode()
    response = client.post(
        url, {"to": "other", "to_other": "Cllr Ahmed, for the resident", "purpose": "MP enquiry"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{case.reference}-evidence-2024-06-05.zip"'
    )
    assert pack_verify(response.content) == []
    assert manifest_of(response.content)["produced_for"] == "Cllr Ahmed, for the resident"
    event = Event.objects.get(kind="evidence.produced")
    assert (event.case, event.actor) == (case, officer)
    assert (event.data["to"], event.data["purpose"], event.data["as_of"]) == (
        "Cllr Ahmed, for the resident",
        "MP enquiry",
        "2024-06-05",
    )


def test_someone_else_must_be_named(client, case):
    client.force_login(StaffFactory.create(role=Role.COMPLAINTS_OFFICER))
    url = reverse("evidence:household", args=[case.household.reference])
    response = client.post(url, {"to": "other", "to_other": " ", "purpose": ""})
    assert response.status_code == 200
    assert str(NAME_THEM) in response.content.decode()
    assert not Event.objects.filter(kind="evidence.produced").exists()

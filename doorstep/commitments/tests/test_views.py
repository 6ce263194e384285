"""The promise ledger's pages: the list across cases, one commitment and its forms, a new
commitment on a case, and the case page's section."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from doorstep.commitments.models import Commitment
from doorstep.commitments.services import (
    METHOD_NEEDED,
    commitment_make,
    commitment_verify,
)
from doorstep.commitments.views import case_section
from doorstep.testing.factories import CaseFactory
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db


def promise(scene, case, action, due, at, **extra) -> Commitment:
    return commitment_make(
        actor=extra.pop("actor", scene.officer),
        case=case,
        action=action,
        due=When.parse(due),
        at=at,
        **extra,
    )


@pytest.fixture
def ledger(scene, at):
    """Four promises on two households' cases: three owed, one kept."""
    other = CaseFactory(title="Damp in the bedroom", at=at)
    late = promise(scene, other, "Treat the mould", "2024-06-07", at, actor=scene.manager)
    soon = promise(scene, scene.case, "Replace the floor", "2024-06-28", at, job="J1")
    month = promise(scene, other, "Survey the walls", "2024-06", at, owner=scene.officer)
    done = promise(scene, scene.case, "Call the resident", "2024-06-04", at)
    commitment_verify(
        actor=scene.officer,
        commitment=done,
        method="resident_confirmed",
        result="confirmed",
        evidence="She confirms the call",
        at=at,
    )
    return {"late": late, "soon": soon, "month": month, "other": other}


def rows(html: str) -> list[str]:
    body = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    found = body.split("<tr")[1:]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", "<tr" + r)).strip() for r in found]


def test_the_page_lists_every_open_commitment_across_cases_by_due_date(client, scene, ledger):
    client.force_login(scene.officer)
    response = client.get(reverse("commitments:list") + "?as_of=2024-06-10")
    assert response.status_code == 200
    found = rows(response.content.decode())
    assert len(found) == 3  # the kept promise is not owed
    late, soon, month = found  # "June 2024" is due by its last day
    other, own = ledger["other"], scene.case
    assert late.startswith("7 June 2024 Treat the mould")
    assert "Overdue" in late and other.household.reference in late and other.reference in late
    assert "Mina Manager" in late  # who made it
    assert month.startswith("June 2024 Survey the walls") and "Owner: Olivia Officer" in month
    assert soon.startswith("28 June 2024 Replace the floor") and own.household.reference in soon
    assert "Open" in soon and "Olivia Officer" in soon


def test_the_page_filters_by_where_each_stands(client, scene, ledger):
    client.force_login(scene.officer)
    response = client.get(reverse("commitments:list") + "?as_of=2024-06-10&standing=overdue")
    assert [r.split(" Treat")[0] for r in rows(response.content.decode())] == ["7 June 2024"]


def test_a_contractor_sees_only_its_own_cases_commitments(client, scene, ledger):
    client.force_login(scene.fitter)
    response = client.get(reverse("commitments:list") + "?as_of=2024-06-10")
    assert [r.split(" ")[3] for r in rows(response.content.decode())] == ["Replace"]
    other = client.get(reverse("commitments:commitment", args=[ledger["late"].pk]))
    assert other.status_code == 404


def test_a_contractor_claims_its_works_done_and_the_commitment_stays_owed(client, scene, ledger):
    client.force_login(scene.fitter)
    url = reverse("commitments:claim", args=[ledger["soon"].pk])
    response = client.post(url, {"claimed_by": "contractor"})
    assert response.status_code == 302
    assert Commitment.objects.get(pk=ledger["soon"].pk).state == "claimed"
    page = client.get(reverse("commitments:commitment", args=[ledger["soon"].pk]))
    assert 'id="verify"' not in page.content.decode()  # a contractor never verifies


def test_a_check_without_a_method_is_refused_on_the_field(client, scene, ledger):
    client.force_login(scene.officer)
    url = reverse("commitments:verify", args=[ledger["soon"].pk])
    response = client.post(url, {"result": "confirmed", "evidence": "Looks fine"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and METHOD_NEEDED in html
    assert Commitment.objects.get(pk=ledger["soon"].pk).state == "open"


def test_only_a_manager_drops_a_commitment(client, scene, ledger):
    url = reverse("commitments:drop", args=[ledger["soon"].pk])
    client.force_login(scene.officer)
    assert client.post(url, {"reason": "No longer wanted"}).status_code == 403
    client.force_login(scene.manager)
    assert client.post(url, {"reason": "No longer wanted"}).status_code == 302
    assert Commitment.objects.get(pk=ledger["soon"].pk).state == "dropped"


def test_a_commitment_is_recorded_on_a_case(client, scene):
    client.force_login(scene.officer)
    url = reverse("commitments:new", args=[scene.case.reference])
    form = {
        "action": "Replace the floor",
        "due_month": "7",
        "due_year": "2099",
        "owner": str(scene.officer.pk),
        "job": "J1",
        "items": "floor, vinyl",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cases/{scene.case.reference}/#commitment-ledger")
    made = Commitment.objects.get()
    assert (made.due_text, made.items, made.owner) == ("2099-07", ["floor", "vinyl"], scene.officer)
    late = client.post(url, form | {"due_year": "2020"})
    assert "A commitment cannot fall due before it was made" in late.content.decode()


def test_the_case_page_section_lists_the_cases_promises(rf: RequestFactory, scene, ledger):
    request = rf.get("/")
    request.user = scene.officer
    section = case_section(request=request, case=scene.case)
    assert [c.commitment.action for c in section["commitments"]] == [
        "Call the resident",
        "Replace the floor",
    ]
    html = render_to_string(
        "commitments/includes/case_commitments.html",
        {"section": section, "perms": PermWrapper(scene.officer)},
    )
    assert "Replace the floor" in html and "Kept" in html and "Record a commitment" in html

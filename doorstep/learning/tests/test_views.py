"""`/learning/`: the changes recorded and the upheld complaints without learning; recording
learning from one, and recording it done. The permission matrix is in
core/tests/test_views_permissions.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.learning import services
from doorstep.learning.models import Learning
from doorstep.learning.tests.conftest import respond

pytestmark = pytest.mark.django_db


def test_an_upheld_complaint_without_learning_is_listed_and_learning_recorded(
    client, homes, upheld
):
    respond(homes.second_complaint, outcome="not_upheld")
    client.force_login(homes.officer)
    page = client.get(reverse("learning:list")).content.decode()
    record = reverse("learning:record", args=[homes.complaint.reference, upheld.uid])
    assert record in page
    assert homes.second_complaint.reference not in page
    response = client.post(
        record,
        {
            "change": "Call the resident back within a day",
            "owner": str(homes.manager.pk),
            "due_month": "9",
            "due_year": "2099",
        },
    )
    assert response.status_code == 302
    assert Learning.objects.get().source_event == upheld
    page = client.get(reverse("learning:list")).content.decode()
    assert record not in page
    assert "Call the resident back within a day" in page and "Maya Manager" in page
    assert "September 2099" in page


def test_learning_from_a_response_that_did_not_uphold_is_refused(client, homes):
    not_upheld = respond(homes.complaint, outcome="not_upheld")
    client.force_login(homes.officer)
    response = client.post(
        reverse("learning:record", args=[homes.complaint.reference, not_upheld.uid]),
        {"change": "x", "owner": str(homes.manager.pk), "due_month": "9", "due_year": "2099"},
    )
    assert response.status_code == 200
    assert services.NOT_UPHELD.format(outcome="not upheld") in response.content.decode()
    assert not Learning.objects.exists()


def test_a_change_is_recorded_done(client, homes, now, upheld):
    from doorstep.learning.services import learning_record
    from doorstep.timeline.when import When

    learning = learning_record(
        actor=None,
        case=homes.complaint,
        source=upheld,
        change="Train the repairs team",
        owner=homes.manager,
        due=When.parse("2099-01"),
        at=now,
    )
    client.force_login(homes.manager)
    url = reverse("learning:done", args=[learning.ref])
    assert services.NO_EVIDENCE not in client.get(url).content.decode()
    assert client.post(url, {"evidence": "Training held 1 July"}).status_code == 302
    page = client.get(reverse("learning:list")).content.decode()
    assert "Training held 1 July" in page


def test_the_complaint_case_page_asks_for_learning_and_lists_it(client, homes, now, upheld):
    from doorstep.learning.services import learning_record
    from doorstep.timeline.when import When

    client.force_login(homes.officer)
    case_url = reverse("cases:case", args=[homes.complaint.reference])
    record = reverse("learning:record", args=[homes.complaint.reference, upheld.uid])
    assert record in client.get(case_url).content.decode()
    learning_record(
        actor=None,
        case=homes.complaint,
        source=upheld,
        change="Train the repairs team",
        owner=homes.manager,
        due=When.parse("2024-06-30"),
        at=now,
    )
    html = client.get(case_url + "?as_of=2024-07-01").content.decode()
    assert record not in html
    assert "Train the repairs team" in html and "Overdue" in html

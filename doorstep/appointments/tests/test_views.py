"""The appointment pages: book, move, cancel, record attended or missed; the case page's
"Appointments" section with each one's history; errors in a GOV.UK summary on their field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.appointments import services
from doorstep.appointments.models import Appointment, OutboxMessage
from doorstep.commitments.models import Commitment

pytestmark = pytest.mark.django_db
FUTURE = {"date_day": "1", "date_month": "6", "date_year": "2099"}


def test_booking_from_the_case_page(client, estate, job):
    client.force_login(estate.coordinator)
    case_page = client.get(reverse("cases:case", args=[job.case.reference])).content.decode()
    assert "Book an appointment" in case_page
    url = reverse("appointments:book", args=[job.case.reference])
    assert job.reference in client.get(url).content.decode()
    response = client.post(
        url, {"purpose": "works", "job": job.reference, "slot": "am", "items": "1", **FUTURE}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#appointments")
    booked = Appointment.objects.get()
    assert (booked.job, booked.items, booked.slot) == (job, ["1"], "am")
    page = client.get(response["Location"]).content.decode()
    assert f"{booked.reference}: 1 June 2099" in page
    assert f"Appointment {booked.reference} booked for {job.reference}" in page


def test_a_date_in_the_past_is_shown_on_the_date_field(client, estate, job):
    client.force_login(estate.coordinator)
    url = reverse("appointments:book", args=[job.case.reference])
    response = client.post(
        url,
        {"purpose": "works", "job": job.reference, "slot": "am", **FUTURE, "date_year": "2020"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["date"] == [services.IN_THE_PAST.format(date="1 June 2020")]
    assert 'href="#id_date_day"' in response.content.decode()


def test_an_unknown_item_is_shown_on_the_items_field(client, estate, job):
    client.force_login(estate.coordinator)
    url = reverse("appointments:book", args=[job.case.reference])
    response = client.post(
        url, {"purpose": "works", "job": job.reference, "slot": "am", "items": "9", **FUTURE}
    )
    assert response.context["form"].errors["items"] == [
        services.UNKNOWN_ITEM.format(job=job.reference, item="9", known="1, 2")
    ]


def test_moving_needs_to_say_whether_the_resident_was_told(client, estate, booked):
    client.force_login(estate.officer)
    url = reverse("appointments:move", args=[booked.reference])
    response = client.post(url, {**FUTURE, "slot": "pm", "by": "landlord"})
    assert response.context["form"].errors["resident_informed"] == [services.INFORMED_NEEDED]
    response = client.post(
        url,
        {
            **FUTURE,
            "slot": "pm",
            "by": "landlord",
            "resident_informed": "yes",
            "informed_how": "doorstep",
            "notify_to": "ada@example.org",
        },
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == "moved"
    assert OutboxMessage.objects.get().to == "ada@example.org"
    page = client.get(response["Location"]).content.decode()
    assert "outbox: stored" in page


def test_cancelling_records_the_reason(client, estate, booked):
    client.force_login(estate.officer)
    url = reverse("appointments:cancel", args=[booked.reference])
    response = client.post(
        url,
        {"by": "landlord", "resident_informed": "yes", "informed_how": "phone", "reason": "Ill"},
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == "cancelled"


def test_attending_completed_is_a_claim_not_a_verification(client, estate, booked, promise):
    client.force_login(estate.contractor)
    url = reverse("appointments:attend", args=[booked.reference])
    response = client.post(url, {"outcome": "partial"})
    assert response.context["form"].errors["reason"] == [services.OUTCOME_REASON_NEEDED]
    response = client.post(url, {"outcome": "completed"})
    assert response.status_code == 302
    assert Commitment.objects.get(pk=promise.pk).state == "claimed"


def test_another_firm_cannot_record_it(client, estate, booked):
    client.force_login(estate.other_contractor)
    assert client.get(reverse("appointments:attend", args=[booked.reference])).status_code == 404


def test_missed_by_the_resident(client, estate, booked):
    client.force_login(estate.coordinator)
    url = reverse("appointments:miss", args=[booked.reference])
    assert client.post(url, {"reason": "x"}).context["form"].errors["by"] == [
        "Select who missed it"
    ]
    response = client.post(url, {"by": "resident", "reason": "Nobody in"})
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == "missed"
    page = client.get(response["Location"]).content.decode()
    assert f"Appointment {booked.reference} missed by the resident: Nobody in" in page


TITLES = ("Missed by the landlord", "Changed without telling the resident", "Not fixed first time")


def test_an_imported_case_shows_its_appointments_and_each_failure(client, db):
    """Clarion's C1: the appointments known only from the imported record, each with the ways
    they failed her (rows 16-22 of the answer key), on the case page."""
    import datetime as dt

    from doorstep.interchange.models import ExternalRef, RefKind
    from doorstep.interchange.services import chronology_import
    from doorstep.interchange.tests.chronologies import CLARION, seed
    from doorstep.staff.roles import Role
    from doorstep.testing.factories import StaffFactory
    from doorstep.timeline.when import LONDON

    chronology_import(
        doc=seed(CLARION), source_name=CLARION, at=dt.datetime(2023, 8, 11, 17, tzinfo=LONDON)
    )
    case = ExternalRef.objects.get(kind=RefKind.CASE, ref="C1").case
    client.force_login(StaffFactory(role=Role.HOUSING_OFFICER))
    page = client.get(reverse("cases:case", args=[case.reference])).content.decode()
    section = page[page.index('id="appointments"') :]
    assert "Appointments on the record from before Doorstep" in section
    for ref in ("A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"):
        assert f'id="appointment-{ref}"' in section
    warnings = [w[:400] for w in section.split("app-appointment-failure")[1:]]
    titles = [t for w in warnings for t in TITLES if t in w]
    assert titles.count("Missed by the landlord") == 4  # A4, A5 (7 Apr), A6, A7 (20 May 2022)
    assert titles.count("Changed without telling the resident") == 2  # A3, A9
    assert titles.count("Not fixed first time") == 3  # A2, A10, A8
    assert "moved by the landlord to 9 Dec 2021 without the resident being told" in section

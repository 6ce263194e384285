"""Contacts through the API: recorded on a household's record on no case, and a case opened
from one in a single step, keeping the link."""

from __future__ import annotations

import json

import pytest

from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import CONTACT_NOT_WITH_PROPERTY
from doorstep.api.selectors import UNKNOWN_EVENT
from doorstep.cases.models import Case
from doorstep.cases.services import (
    CONTACT_ALREADY_OPENED,
    CONTACT_WRONG_HOUSEHOLD,
    NOT_A_CONTACT,
)
from doorstep.contacts.selectors import contact_log
from doorstep.contacts.services import INTERNAL_CHANNEL
from doorstep.residents.models import Household
from doorstep.testing.factories import HouseholdFactory
from doorstep.timeline.models import Event

pytestmark = pytest.mark.django_db
V = "/api/v1"
MOULD = {
    "direction": "in",
    "channel": "email",
    "party": "Tess Tenant",
    "text": "Black mould in the bathroom again",
}


def refusal(response) -> tuple[str, str]:
    assert response.status_code == 422, response.content
    (field,) = response.json()["error"]["fields"]
    return field["field"], field["reason"]


def test_a_contact_lands_on_the_households_timeline_with_no_case(callers, world, at):
    officer = callers["officer"]
    response = officer.post(f"{V}/households/{world['household']}/contacts", MOULD)
    assert response.status_code == 201, response.content
    event = response.json()
    assert (event["kind"], event["case"], event["household"]) == (
        "contact.in",
        None,
        world["household"],
    )
    assert event["channel"] == "email"
    assert event["data"] == {"from": "Tess Tenant", "text": "Black mould in the bathroom again"}
    assert event["actor_name"] == "Olivia"
    # No date given: it happened when the request arrived.
    assert event["occurred"]["precision"] == "time"
    assert event["occurred"]["earliest"] == event["recorded_at"]
    timeline = officer.get(f"{V}/households/{world['household']}/events?limit=500").json()
    assert event["uid"] in {e["uid"] for e in timeline["items"]}
    household = Household.objects.get(reference=world["household"])
    assert str(contact_log(household=household)[0].event.uid) == event["uid"]


def test_an_imprecise_date_is_kept(callers, world):
    response = callers["officer"].post(
        f"{V}/households/{world['household']}/contacts",
        {**MOULD, "direction": "out", "party": "Tess", "channel": "letter", "occurred": "2021-03"},
    )
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["kind"] == "contact.out"
    assert event["data"]["to"] == "Tess"
    occurred = event["occurred"]
    assert (occurred["text"], occurred["precision"]) == ("2021-03", "month")
    # The whole of March 2021, London time (clocks went forward on the 28th), in UTC.
    assert occurred["earliest"] == "2021-03-01T00:00:00Z"
    assert occurred["latest"].startswith("2021-03-31T22:59:59")


def test_a_contact_comes_on_a_real_channel(callers, world):
    response = callers["officer"].post(
        f"{V}/households/{world['household']}/contacts", {**MOULD, "channel": "internal"}
    )
    assert refusal(response) == ("body.channel", INTERNAL_CHANNEL)
    assert not Event.objects.filter(data__text=MOULD["text"]).exists()


def test_a_date_that_cannot_be_read_is_refused(callers, world):
    response = callers["officer"].post(
        f"{V}/households/{world['household']}/contacts", {**MOULD, "occurred": "March 2021"}
    )
    assert refusal(response)[0] == "body.occurred"


@pytest.mark.parametrize("who", ["contractor", "other_contractor"])
def test_a_contractor_cannot_add_to_a_households_record(callers, world, who):
    # Even the contractor with a case on the household: the household's own record is not its.
    response = callers[who].post(f"{V}/households/{world['household']}/contacts", MOULD)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_an_unknown_household_is_not_found(callers):
    response = callers["officer"].post(f"{V}/households/HH-2024-999999/contacts", MOULD)
    assert response.status_code == 404


def test_a_case_opened_from_a_contact_keeps_the_link_and_refuses_a_second_time(callers, world):
    officer = callers["officer"]
    contact = officer.post(f"{V}/households/{world['household']}/contacts", MOULD).json()
    body = {"case_type": "hazard", "title": "Damp and mould", "from_contact": contact["uid"]}
    response = officer.post(f"{V}/cases", body)
    assert response.status_code == 201, response.content
    case = response.json()
    assert (case["household"], case["property"]) == (world["household"], world["flat"])
    events = officer.get(f"{V}/cases/{case['reference']}/events").json()["items"]
    opened, linked = events[0], events[1]
    assert opened["kind"] == "case.opened"
    assert opened["data"]["from_event"] == contact["uid"]
    assert opened["channel"] == "email"
    assert linked["kind"] == "case.linked"
    assert linked["data"]["other"] == contact["uid"]
    household = Household.objects.get(reference=world["household"])
    log = {str(e.event.uid): e.opened_case for e in contact_log(household=household)}
    assert log[contact["uid"]] == case["reference"]

    again = officer.post(f"{V}/cases", {**body, "household": world["household"]})
    message = CONTACT_ALREADY_OPENED.format(reference=case["reference"])
    assert refusal(again) == ("body.from_contact", message)
    assert Case.objects.filter(title="Damp and mould").count() == 1


def test_a_contact_of_another_household_is_refused(callers, world):
    elsewhere = HouseholdFactory()
    response = callers["officer"].post(
        f"{V}/cases",
        {
            "case_type": "repair",
            "title": "Tap",
            "household": elsewhere.reference,
            "from_contact": world["contact"],
        },
    )
    assert refusal(response) == ("body.from_contact", CONTACT_WRONG_HOUSEHOLD)
    assert not Case.objects.filter(title="Tap").exists()


def test_only_a_contact_opens_a_case(callers, world):
    response = callers["officer"].post(
        f"{V}/cases", {"case_type": "repair", "title": "Tap", "from_contact": world["note"]}
    )
    assert refusal(response) == ("body.from_contact", NOT_A_CONTACT)


def test_an_unknown_contact_is_refused(callers, world):
    uid = "00000000-0000-4000-8000-000000000000"
    response = callers["officer"].post(
        f"{V}/cases", {"case_type": "repair", "title": "Tap", "from_contact": uid}
    )
    assert refusal(response) == ("body.from_contact", UNKNOWN_EVENT.format(uid=uid))


def test_a_case_from_a_contact_takes_its_property_from_the_contact(callers, world):
    response = callers["officer"].post(
        f"{V}/cases",
        {
            "case_type": "repair",
            "title": "Tap",
            "property": world["block"],
            "from_contact": world["contact"],
        },
    )
    field, reason = refusal(response)
    assert field == "body.from_contact"
    assert CONTACT_NOT_WITH_PROPERTY in reason


def test_a_refused_case_from_a_contact_is_kept_in_the_intake_log(callers, world):
    officer = callers["officer"]
    body = {"case_type": "repair", "title": "Tap", "from_contact": world["contact"]}
    assert officer.post(f"{V}/cases", body).status_code == 201
    refused = officer.post(f"{V}/cases", body)
    assert refused.status_code == 422
    first, second = IntakeRecord.objects.order_by("pk")
    assert (first.outcome, second.outcome) == ("accepted", "refused")
    assert json.loads(second.body) == body
    assert second.user == officer.user
    (error,) = second.errors
    assert error["field"] == "body.from_contact"
    assert error["reason"].startswith("That contact already opened case ")
    assert Case.objects.filter(title="Tap").count() == 1

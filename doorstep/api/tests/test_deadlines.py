"""`GET /cases/{reference}/clocks` and `GET /queue`: the clocks of the live record as of a
date, in the chronology format's replay shape."""

from __future__ import annotations

import pytest

from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db

V = "/api/v1"


@pytest.fixture
def complaint(world, at) -> Case:
    """The world's complaint, received on Friday 3 May 2024 (its clocks cross two bank
    holidays), and the repair reported on Monday 20 May."""
    case = Case.objects.get(reference=world["complaint"])
    record_on_case(
        case=case,
        kind="complaint.received",
        occurred=When.parse("2024-05-03"),
        data={"stage": 1, "text": "Nobody has been in touch."},
        actor=None,
        at=at,
    )
    record_on_case(
        case=Case.objects.get(reference=world["repair"]),
        kind="repair.reported",
        occurred=When.parse("2024-05-20"),
        data={
            "priority": "routine",
            "location": "kitchen",
            "description": "Tap",
            "communal": False,
        },
        actor=None,
        at=at,
    )
    return case


def test_a_case_s_clocks_as_of_a_date(callers, world, complaint):
    response = callers["auditor"].get(f"{V}/cases/{world['complaint']}/clocks?as_of=2024-06-03")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["as_of"], body["case"], body["commitments"], body["notes"]) == (
        "2024-06-03",
        world["complaint"],
        [],
        [],
    )
    ack, reply = body["clocks"]
    assert (ack["clock"], ack["due"], ack["stopped"], ack["breached"]) == (
        "complaint.stage1.acknowledgement",
        "2024-05-13",
        None,
        True,
    )
    assert ack["overdue_working_days"] == 14
    assert ack["status"] == "overdue by 14 working days"
    assert ack["name"] == "Acknowledge the stage 1 complaint"
    assert ack["explanation"]["holidays_skipped"] == [{"date": "2024-05-06", "name": "May Day"}]
    assert (reply["clock"], reply["due"], reply["overdue_working_days"]) == (
        "complaint.stage1.response",
        "2024-05-28",
        4,
    )


def test_a_case_s_findings_come_with_its_clocks(callers, world, complaint):
    """What the Ombudsman would find as of 3 June 2024: the acknowledgement missed (from
    14 May) and the response not sent (from 29 May), each with its rule and events."""
    body = callers["auditor"].get(f"{V}/cases/{world['complaint']}/clocks?as_of=2024-06-03")
    findings = body.json()["findings"]
    assert [(f["code"], f["date"], f["resolved"], f["ongoing"]) for f in findings] == [
        ("complaint.not_acknowledged", "2024-05-14", None, True),
        ("complaint.no_response", "2024-05-29", None, True),
    ]
    assert all(f["case"] == world["complaint"] and f["events"] and f["rule"] for f in findings)
    (topic,) = body.json()["topics"]
    assert (topic["topic"], topic["count"], topic["ongoing"]) == ("complaint_handling", 2, 2)


def test_replayed_earlier_the_clock_is_running(callers, world, complaint):
    body = callers["officer"].get(f"{V}/cases/{world['complaint']}/clocks?as_of=2024-05-08").json()
    ack = body["clocks"][0]
    assert (ack["breached"], ack["remaining"], ack["status"]) == (
        False,
        3,
        "due in 3 working days",
    )


def test_the_queue_puts_what_breaches_first_first(callers, world, complaint):
    body = callers["officer"].get(f"{V}/queue?as_of=2024-06-03").json()
    mine = ("complaint.stage1.acknowledgement", "complaint.stage1.response", "repair.target")
    assert [(i["case"], i["clock"], i["status"]) for i in body["items"] if i["clock"] in mine] == [
        (world["complaint"], "complaint.stage1.acknowledgement", "overdue by 14 working days"),
        (world["complaint"], "complaint.stage1.response", "overdue by 4 working days"),
        (world["repair"], "repair.target", "due in 11 working days"),
    ]
    first = body["items"][0]
    assert (first["clock"], first["household"], first["case_type"], first["officer"]) == (
        "complaint.stage1.acknowledgement",
        world["household"],
        "complaint",
        None,
    )
    assert body["total"] == len(body["items"]) >= 3
    limited = callers["officer"].get(f"{V}/queue?as_of=2024-06-03&limit=1").json()
    assert (len(limited["items"]), limited["total"]) == (1, body["total"])


def test_a_contractor_sees_the_clocks_of_its_own_cases_only(callers, world, complaint):
    contractor = callers["contractor"]
    body = contractor.get(f"{V}/queue?as_of=2024-06-03").json()
    assert {i["case"] for i in body["items"]} == {world["repair"]}
    response = contractor.get(f"{V}/cases/{world['complaint']}/clocks")
    assert response.status_code == 404
    assert callers["other_contractor"].get(f"{V}/queue").json()["items"] == []


def test_a_households_findings_across_its_cases(callers, world, complaint):
    response = callers["manager"].get(
        f"{V}/households/{world['household']}/findings?as_of=2024-06-03"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["household"] == world["household"]
    mine = [f for f in body["findings"] if f["case"] == world["complaint"]]
    assert [f["code"] for f in mine] == ["complaint.not_acknowledged", "complaint.no_response"]
    assert [f["date"] for f in body["findings"]] == sorted(f["date"] for f in body["findings"])
    assert sum(t["count"] for t in body["topics"]) == len(body["findings"])
    refused = callers["contractor"].get(f"{V}/households/{world['household']}/findings")
    assert refused.status_code == 403

"""The repairs API: reporting returns the target and its rule; domain refusals name the field;
a contractor sees only its own jobs; an unknown job is not found. (The callers and their
`world` are the API tests' own, from this folder's conftest.)"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest

from doorstep.cases.models import Case
from doorstep.policy.services import policy_override_record
from doorstep.repairs import services
from doorstep.repairs.services import ItemIn, job_raise, sor_load_csv

pytestmark = pytest.mark.django_db
V = "/api/v1"


def report(caller, **changes):
    body = {
        "household": "{household}",
        "location": "Bathroom",
        "description": "Extractor fan dead",
        "priority": "routine",
        "occurred": "2024-06-03T09:00:00+01:00",
    }
    return caller.post(f"{V}/repairs", {**body, **changes})


def test_a_report_returns_its_case_and_target(callers, world):
    response = report(callers["repairs"], household=world["household"])
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["household"] == world["household"] and out["communal"] is False
    assert out["target"]["due"] == "2024-07-01"
    assert out["target"]["rule"] == "Complete a routine repair within 20 working days"
    assert out["target"]["vulnerable"] == ""
    assert Case.objects.get(reference=out["case"]).case_type == "repair"


def test_a_vulnerable_households_report_says_why_its_target_is_sooner(callers, world, at):
    policy_override_record(
        actor=None, key="repairs.routine.vulnerable_working_days", value=10,
        source="Repairs policy v5, 6.1", at=at - dt.timedelta(days=60), effective_from=None,
    )  # fmt: skip
    out = report(callers["repairs"], household=world["household"]).json()
    assert out["target"]["due"] == "2024-06-17"
    assert "shorter timescale applies" in out["target"]["vulnerable"]


def test_a_communal_report_from_a_household_page_goes_on_the_block(callers, world):
    response = report(callers["officer"], household=world["household"], communal=True)
    assert response.status_code == 201, response.content
    assert (response.json()["household"], response.json()["property"]) == (None, world["block"])


def test_a_service_refusal_names_the_field(callers, world):
    response = report(callers["officer"], household=None, property=world["flat"], communal=True)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["fields"] == [
        {
            "field": "body.property",
            "reason": services.NOT_A_BUILDING.format(address="1 Elm Court, E1 1AA", kind="flat"),
        }
    ]


@pytest.fixture
def sor(at):
    csv = "code,description,trade,unit,rate\nPL001,Replace tap washer,plumbing,each,12.50\n"
    return sor_load_csv(actor=None, file=StringIO(csv), at=at - dt.timedelta(days=40))


def test_raising_a_job_with_an_unknown_code_names_the_item(callers, world, sor):
    body = {"items": [{"description": "Washer", "sor_code": "PL001"},
                      {"description": "Mystery", "sor_code": "ZZ9"}],
            "priority": "routine", "trade": "plumbing"}  # fmt: skip
    response = callers["repairs"].post(f"{V}/cases/{world['repair']}/jobs", body)
    assert response.status_code == 422
    (field,) = response.json()["error"]["fields"]
    assert field["field"] == "body.items.1.sor_code"
    assert field["reason"].startswith("'ZZ9' is not a code in the Schedule of Rates in force")


def test_raising_a_job_due_before_the_report_is_refused(callers, world):
    reported = report(callers["repairs"], household=world["household"]).json()
    body = {"items": [{"description": "Fan"}], "priority": "urgent", "trade": "electrical",
            "target": "2024-06-02"}  # fmt: skip
    response = callers["repairs"].post(f"{V}/cases/{reported['case']}/jobs", body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {
            "field": "body.target",
            "reason": services.TARGET_BEFORE_REPORT.format(
                target="2 June 2024", reported="3 June 2024, 09:00"
            ),
        }
    ]


def test_an_unknown_contractor_is_refused(callers, world):
    body = {"items": [{"description": "Fan"}], "priority": "urgent", "trade": "electrical",
            "contractor": "Nobody Ltd"}  # fmt: skip
    response = callers["repairs"].post(f"{V}/cases/{world['repair']}/jobs", body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "body.contractor"


def test_an_unknown_job_is_not_found(callers, world):
    response = callers["officer"].get(f"{V}/jobs/JOB-2024-999999")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "There is no job with that reference, or your role cannot see it.",
        "fields": [],
    }


def test_a_contractor_reads_only_its_own_jobs(callers, world, contractor_firm, at):
    case = Case.objects.get(reference=world["repair"])

    def raised(firm):
        return job_raise(actor=None, case=case, items=[ItemIn(description="Washer")],
                         priority="routine", trade="plumbing", contractor=firm,
                         estimated_minutes=30, target=None, at=at)  # fmt: skip

    mine = raised(contractor_firm)
    own_operatives = raised(None)
    assert callers["contractor"].get(f"{V}/jobs/{mine.reference}").status_code == 200
    assert callers["other_contractor"].get(f"{V}/jobs/{mine.reference}").status_code == 404
    assert callers["contractor"].get(f"{V}/jobs/{own_operatives.reference}").status_code == 404
    out = callers["officer"].get(f"{V}/jobs/{mine.reference}").json()
    assert out["contractor"] == "Fixit Ltd" and out["items"][0]["description"] == "Washer"
    assert out["target"] == "2024-07-01"


def test_a_retried_report_is_not_reported_twice(callers, world):
    headers = {"HTTP_IDEMPOTENCY_KEY": "report-1"}
    first = callers["repairs"].post(
        f"{V}/repairs",
        {"household": world["household"], "location": "Hall", "description": "Light out",
         "priority": "urgent"},
        **headers,
    )  # fmt: skip
    again = callers["repairs"].post(
        f"{V}/repairs",
        {"household": world["household"], "location": "Hall", "description": "Light out",
         "priority": "urgent"},
        **headers,
    )  # fmt: skip
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


def test_the_schedule_of_rates_in_force_is_listed(callers, world, sor):
    out = callers["auditor"].get(f"{V}/sor-codes?trade=plumbing").json()
    assert out["count"] == 1
    assert out["items"][0] | {"loaded_at": None} == {
        "code": "PL001",
        "description": "Replace tap washer",
        "trade": "plumbing",
        "unit": "each",
        "rate": "12.50",
        "schedule": "schedule.csv",
        "loaded_at": None,
    }

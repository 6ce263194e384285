"""The repair pages: report a repair (a household's, or communal), the repair page with each
target and its rule, raise a job, the job page; errors in a GOV.UK summary on their field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from doorstep.cases.services import case_open
from doorstep.repairs import services
from doorstep.repairs.models import Job
from doorstep.repairs.services import ItemIn, job_raise, repair_report
from doorstep.repairs.views import case_section, household_section
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db
# The repairs section of the household or case page: its jobs (one query, with the cases they
# are on) and the household's buildings (one query per level of the property tree).
SECTION_QUERIES = 3

REPORT = {
    "location": "Kitchen",
    "description": "The cold tap drips",
    "element": "",
    "priority": "routine",
    "occurred_day": "3",
    "occurred_month": "6",
    "occurred_year": "2024",
}


def post_report(client, estate, **changes):
    url = reverse("repairs:report", args=[estate.household.reference])
    return client.post(url, {**REPORT, **changes})


def test_the_report_page_warns_of_the_households_vulnerability(client, estate):
    client.force_login(estate.coordinator)
    response = client.get(reverse("repairs:report", args=[estate.household.reference]))
    assert response.status_code == 200
    assert "Vulnerability recorded in this household:" in response.content.decode()
    assert "Ada Adeyemi (Pregnancy)" in response.content.decode()


def test_reporting_shows_the_target_and_its_rule(client, estate):
    client.force_login(estate.coordinator)
    response = post_report(client, estate)
    case = estate.household.cases.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("repairs:case", args=[case.reference])
    page = client.get(response["Location"]).content.decode()
    assert "Monday 1 July 2024" in page
    assert "Complete a routine repair within 20 working days" in page
    assert "Why sooner" not in page


def test_a_vulnerable_households_shorter_target_says_why(client, estate, shorter_for_vulnerable):
    client.force_login(estate.coordinator)
    page = client.get(post_report(client, estate)["Location"]).content.decode()
    assert "Monday 17 June 2024" in page
    assert "Why sooner" in page
    assert "so the landlord&#x27;s shorter timescale applies" in page


def test_a_missing_field_is_summarised_and_linked(client, estate):
    client.force_login(estate.coordinator)
    response = post_report(client, estate, location="")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<a href="#id_location">Enter where the repair is needed</a>' in page
    assert not estate.household.cases.exists()


def test_a_refusal_of_the_service_is_shown_on_its_field(client, estate):
    client.force_login(estate.coordinator)
    url = reverse("repairs:report", args=[estate.lone.reference])
    response = client.post(url, {**REPORT, "communal": "on"})
    assert response.status_code == 200
    message = services.NOT_IN_A_BUILDING.format(address="9 Ash Lane")
    assert response.context["form"].errors["communal"] == [message]
    assert 'href="#id_communal"' in response.content.decode()


def test_a_communal_repair_shows_on_every_household_in_the_block(client, estate):
    client.force_login(estate.officer)
    url = reverse("repairs:report-communal", args=[estate.block.reference])
    response = client.post(url, {**REPORT, "location": "Front door", "security": "on"})
    assert response.status_code == 302
    case = estate.block.cases.get()
    assert case.household is None
    for household in (estate.household, estate.neighbours):
        page = client.get(reverse("contacts:household", args=[household.reference]))
        assert case.reference in page.content.decode()
    lone = client.get(reverse("contacts:household", args=[estate.lone.reference]))
    assert case.reference not in lone.content.decode()
    target = client.get(response["Location"]).content.decode()
    assert "Make safe a fault that leaves a home or block insecure within 24 hours" in target


@pytest.fixture
def case(estate, at):
    return repair_report(
        actor=estate.officer,
        household=estate.household,
        location="Rear wall",
        description="Mortar crumbling",
        priority="routine",
        occurred=When.parse("2024-05-20"),
        at=at,
    ).case


JOB = {
    "item_1_description": "Rake out and repoint",
    "item_1_element": "rear wall pointing",
    "item_1_sor_code": "",
    "item_1_quantity": "",
    "priority": "routine",
    "trade": "brickwork",
    "purpose": "repair",
}


def test_raising_a_job_shows_the_job(client, estate, case, schedule):
    client.force_login(estate.coordinator)
    url = reverse("repairs:raise-job", args=[case.reference])
    assert client.get(url).status_code == 200
    data = {**JOB, "contractor": estate.firm.pk, "item_2_description": "Clear the waste",
            "item_2_sor_code": "PL002", "item_2_quantity": "2"}  # fmt: skip
    response = client.post(url, data)
    job = Job.objects.get()
    assert response["Location"] == reverse("repairs:job", args=[job.reference])
    assert [i.description for i in job.items.all()] == ["Rake out and repoint", "Clear the waste"]
    page = client.get(response["Location"]).content.decode()
    assert "Fixit Ltd" in page and "PL002: Clear blocked waste" in page and "£45.00" in page


def test_an_unknown_code_is_shown_on_its_items_field(client, estate, case, schedule):
    client.force_login(estate.coordinator)
    url = reverse("repairs:raise-job", args=[case.reference])
    data = {**JOB, "item_3_description": "Mystery", "item_3_sor_code": "ZZ9"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["item_3_sor_code"] == [
        services.UNKNOWN_SOR_CODE.format(code="ZZ9", when="27 May 2024", name="sor.csv")
    ]
    assert 'href="#id_item_3_sor_code"' in response.content.decode()
    assert not Job.objects.exists()


def test_a_target_before_the_report_is_shown_on_the_target(client, estate, case):
    client.force_login(estate.coordinator)
    url = reverse("repairs:raise-job", args=[case.reference])
    data = {**JOB, "target_day": "1", "target_month": "5", "target_year": "2024"}
    response = client.post(url, data)
    message = services.TARGET_BEFORE_REPORT.format(target="1 May 2024", reported="20 May 2024")
    assert response.context["form"].errors["target"] == [message]
    assert 'href="#id_target_day"' in response.content.decode()


def test_a_contractor_sees_its_own_jobs_only(client, estate, case, at):
    def raised(firm):
        return job_raise(actor=estate.coordinator, case=case, items=[ItemIn(description="Work")],
                         priority="urgent", trade="general", contractor=firm,
                         estimated_minutes=None, target=None, at=at)  # fmt: skip

    mine, theirs = raised(estate.firm), raised(estate.other_firm)
    client.force_login(estate.contractor)
    assert client.get(reverse("repairs:job", args=[mine.reference])).status_code == 200
    assert client.get(reverse("repairs:job", args=[theirs.reference])).status_code == 404
    assert client.get(reverse("repairs:job", args=["JOB-2024-999999"])).status_code == 404


def test_the_household_and_case_pages_list_the_jobs(client, estate, case, at):
    communal = repair_report(
        actor=estate.officer, property=estate.block, communal=True, location="Stairs",
        description="Handrail loose", priority="urgent", occurred=When.at(at), at=at,
    ).case  # fmt: skip
    job = job_raise(actor=estate.coordinator, case=communal, items=[ItemIn(description="Fix rail")],
                    priority="urgent", trade="carpentry", contractor=None, estimated_minutes=30,
                    target=None, at=at)  # fmt: skip
    client.force_login(estate.officer)
    page = client.get(reverse("contacts:household", args=[estate.neighbours.reference]))
    assert job.reference in page.content.decode()
    assert reverse("repairs:report", args=[estate.neighbours.reference]) in page.content.decode()
    case_page = client.get(reverse("cases:case", args=[communal.reference])).content.decode()
    assert job.reference in case_page
    assert reverse("repairs:raise-job", args=[communal.reference]) in case_page


def test_the_repair_page_is_only_for_repair_and_hazard_cases(client, estate, at):
    complaint = case_open(
        actor=None, case_type="complaint", title="Slow", household=estate.household, at=at
    )
    client.force_login(estate.officer)
    assert client.get(reverse("repairs:case", args=[complaint.reference])).status_code == 404
    assert client.get(reverse("repairs:raise-job", args=[complaint.reference])).status_code == 404


def test_the_report_date_may_be_imprecise(client, estate):
    client.force_login(estate.coordinator)
    post_report(client, estate, occurred_day="", occurred_month="5", occurred_year="2024")
    event = estate.household.cases.get().events.get(kind="repair.reported")
    assert event.occurred_text == "2024-05"
    assert event.recorded_at.date() >= dt.date(2024, 6, 1)


def test_the_repairs_sections_cost_the_same_however_many_jobs(
    rf, estate, case, at, django_assert_max_num_queries
):
    """Household and case pages gain a fixed number of queries from the repairs sections, not
    one per job (the pages' own budgets: contacts and cases tests)."""
    for n in range(6):
        job_raise(actor=estate.coordinator, case=case, items=[ItemIn(description=f"Work {n}")],
                  priority="routine", trade="general", contractor=estate.firm if n % 2 else None,
                  estimated_minutes=None, target=None, at=at)  # fmt: skip
    request = rf.get("/")
    request.user = estate.officer
    estate.officer.get_all_permissions()  # the permission cache, as the page has already
    with django_assert_max_num_queries(SECTION_QUERIES):
        section = household_section(request=request, household=estate.household)
        html = render_to_string(
            "repairs/includes/household_repairs.html", {"section": section}, request=request
        )
    assert html.count("/repairs/jobs/JOB-2024-") == 6
    with django_assert_max_num_queries(SECTION_QUERIES):
        section = case_section(request=request, case=case)
        html = render_to_string(
            "repairs/includes/case_repairs.html", {"section": section}, request=request
        )
    assert html.count("/repairs/jobs/JOB-2024-") == 6

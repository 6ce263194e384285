"""`job_raise`: a work order on a repair case, its `works.raised`, its items (priced by the
Schedule of Rates in force) and its target."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest

from doorstep.cases.services import case_close, case_open, record_on_case
from doorstep.core.errors import DomainError
from doorstep.repairs import services
from doorstep.repairs.models import Job
from doorstep.repairs.selectors import jobs_visible_to, repeats_of
from doorstep.repairs.services import ItemIn, job_project, job_raise, repair_report, sor_load_csv
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(estate, at):
    """A routine repair reported on Monday 20 May 2024."""
    return repair_report(
        actor=estate.officer,
        household=estate.household,
        location="Rear wall",
        description="Mortar crumbling; damp inside",
        priority="routine",
        occurred=When.parse("2024-05-20"),
        at=at,
    )


def raise_job(estate, at, case, **kwargs):
    given = {
        "actor": estate.coordinator,
        "case": case,
        "items": [ItemIn(description="Rake out and repoint", element="rear wall pointing")],
        "priority": "routine",
        "trade": "brickwork",
        "contractor": estate.firm,
        "estimated_minutes": 240,
        "target": None,
        "at": at,
    }
    return job_raise(**{**given, **kwargs})


def test_a_job_is_raised_with_its_items_and_the_policy_target(estate, at, reported, schedule):
    items = [
        ItemIn(description="Rake out and repoint", element="rear wall pointing", sor_code="br010",
               quantity=Decimal("4.5")),
        ItemIn(description="Check the cavity"),
    ]  # fmt: skip
    with appended() as written:
        job = raise_job(estate, at, reported.case, items=items)
    assert written.kinds == ["works.raised"]
    assert job.reference == "JOB-2024-000001"
    assert (job.case, job.property, job.contractor) == (reported.case, estate.flat, estate.firm)
    assert (job.priority, job.trade, job.purpose, job.status) == (
        "routine", "brickwork", "repair", "raised"
    )  # fmt: skip
    assert job.ordered_target is None
    assert job.target == dt.date(2024, 7, 1)  # 20 working days from the day it was raised
    assert job.target_rule.startswith("Complete a routine repair within 20 working days")
    first, second = job.items.all()
    assert (first.item_id, first.element, first.quantity) == (
        "1",
        "rear wall pointing",
        Decimal("4.5"),
    )
    assert first.sor_code.code == "BR010" and first.sor_code.schedule == schedule
    assert second.sor_code is None and second.quantity == 1
    assert written[0].data == {
        "job": "JOB-2024-000001",
        "items": [
            {"id": "1", "description": "Rake out and repoint", "element": "rear wall pointing",
             "sor_code": "BR010", "quantity": "4.5"},
            {"id": "2", "description": "Check the cavity", "quantity": "1"},
        ],
        "priority": "routine",
        "target": None,
        "purpose": "repair",
        "trade": "brickwork",
        "contractor": "Fixit Ltd",
        "estimated_minutes": 240,
    }  # fmt: skip


def test_the_orders_own_target_replaces_the_policys(estate, at, reported):
    job = raise_job(estate, at, reported.case, target=dt.date(2024, 6, 14))
    assert (job.ordered_target, job.target) == (dt.date(2024, 6, 14), dt.date(2024, 6, 14))
    assert job.target_rule.startswith("Complete the job by its own target, 14 Jun 2024")


def test_an_emergency_job_is_due_within_hours(estate, at, reported):
    job = raise_job(estate, at, reported.case, priority="emergency")
    assert job.target_at is not None and job.target_at.isoformat() == "2024-06-04T10:30:00+01:00"


def test_a_vulnerable_households_job_gets_the_shorter_target(
    estate, at, reported, shorter_for_vulnerable
):
    assert raise_job(estate, at, reported.case).target == dt.date(2024, 6, 17)


def test_a_target_before_the_report_is_refused(estate, at, reported):
    with appended() as written, pytest.raises(DomainError) as refused:
        raise_job(estate, at, reported.case, target=dt.date(2024, 5, 19))
    assert refused.value.message == services.TARGET_BEFORE_REPORT.format(
        target="19 May 2024", reported="20 May 2024"
    )
    assert refused.value.field == "target"
    assert written == [] and not Job.objects.exists()
    # On the day it was reported is allowed.
    assert raise_job(estate, at, reported.case, target=dt.date(2024, 5, 20)).target == dt.date(
        2024, 5, 20
    )


def test_an_unknown_sor_code_is_refused_naming_it(estate, at, reported, schedule):
    items = [
        ItemIn(description="Washer", sor_code="PL001"),
        ItemIn(description="X", sor_code="ZZ9"),
    ]
    with appended() as written, pytest.raises(DomainError) as refused:
        raise_job(estate, at, reported.case, items=items)
    assert refused.value.message == services.UNKNOWN_SOR_CODE.format(
        code="ZZ9", when="27 May 2024", name="sor.csv"
    )
    assert refused.value.field == "items.1.sor_code"
    assert written == [] and not Job.objects.exists()


def test_a_sor_code_with_no_schedule_loaded_is_refused(estate, at, reported):
    with pytest.raises(DomainError) as refused:
        raise_job(estate, at, reported.case, items=[ItemIn(description="W", sor_code="PL001")])
    assert refused.value.message == services.NO_SOR_SCHEDULE.format(code="PL001")


def test_a_code_retired_by_a_later_schedule_is_refused_but_old_jobs_keep_theirs(
    estate, at, reported, schedule
):
    old = raise_job(estate, at, reported.case, items=[ItemIn(description="W", sor_code="PL001")])
    sor_load_csv(
        actor=None,
        file=StringIO("code,description,trade,unit,rate\nPL002,Clear waste,plumbing,each,50\n"),
        at=at + dt.timedelta(hours=1),
    )
    with pytest.raises(DomainError) as refused:
        raise_job(
            estate,
            at + dt.timedelta(hours=2),
            reported.case,
            items=[ItemIn(description="W", sor_code="PL001")],
        )
    assert refused.value.field == "items.0.sor_code"
    item = old.items.get()
    assert (item.sor_code.code, item.sor_code.rate) == ("PL001", Decimal("12.50"))


@pytest.mark.parametrize(
    ("given", "message", "field"),
    [
        ({"items": []}, services.NO_ITEMS, "items"),
        ({"items": [ItemIn(description=" ")]}, services.ITEM_NO_DESCRIPTION.format(n=1),
         "items.0.description"),
        ({"items": [ItemIn(description="a"), ItemIn(description="b", quantity=Decimal(0))]},
         services.ITEM_BAD_QUANTITY.format(n=2), "items.1.quantity"),
        ({"priority": "soon"}, services.BAD_PRIORITY, "priority"),
        ({"trade": "wizardry"}, services.BAD_TRADE, "trade"),
        ({"purpose": "cosmetic"}, services.BAD_PURPOSE, "purpose"),
        ({"estimated_minutes": 0}, services.BAD_ESTIMATE, "estimated_minutes"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_on_its_field(estate, at, reported, given, message, field):
    with pytest.raises(DomainError) as refused:
        raise_job(estate, at, reported.case, **given)
    assert (refused.value.message, refused.value.field) == (message, field)


def test_works_are_raised_only_on_an_open_repair_or_hazard_case(estate, at, reported):
    complaint = case_open(
        actor=None, case_type="complaint", title="Slow", household=estate.household, at=at
    )
    with pytest.raises(DomainError) as refused:
        raise_job(estate, at, complaint)
    assert refused.value.message == services.NOT_A_REPAIR_CASE.format(
        reference=complaint.reference, kind="complaint"
    )
    case_close(actor=None, case=reported.case, reason="Done", at=at)
    with pytest.raises(DomainError) as refused:
        raise_job(estate, at, reported.case)
    assert refused.value.message == services.CASE_CLOSED.format(reference=reported.case.reference)


def test_a_contractor_sees_only_its_own_firms_jobs(estate, at, reported):
    mine = raise_job(estate, at, reported.case)
    theirs = raise_job(estate, at, reported.case, contractor=estate.other_firm)
    own = raise_job(estate, at, reported.case, contractor=None)
    assert list(jobs_visible_to(user=estate.contractor)) == [mine]
    assert list(jobs_visible_to(user=estate.other_contractor)) == [theirs]
    assert set(jobs_visible_to(user=estate.auditor)) == {mine, theirs, own}


def test_repeat_jobs_on_the_same_element_are_found(estate, at, reported):
    first = raise_job(estate, at - dt.timedelta(days=300), reported.case)
    raise_job(estate, at - dt.timedelta(days=400), reported.case)  # more than a year before
    third = raise_job(
        estate, at, reported.case, items=[ItemIn(description="Again", element="Rear wall pointing")]
    )
    (repeat,) = repeats_of(job=third)
    assert (repeat.element, repeat.jobs) == ("Rear wall pointing", [first])


def test_the_status_is_projected_from_the_jobs_events(estate, at, reported):
    job = raise_job(estate, at, reported.case)
    record_on_case(case=reported.case, kind="works.completed", actor=None, at=at,
                   data={"job": job.reference, "items": ["1"]})  # fmt: skip
    assert job_project(job).status == "completed"
    record_on_case(case=reported.case, kind="works.verified", actor=None, at=at,
                   data={"job": job.reference, "items": ["1"], "method": "post_inspection",
                         "result": "not_done"})  # fmt: skip
    assert job_project(job).status == "not_done"

"""Repair clocks: targets by priority, the job's own target, security make-safe hours, and what
stops them."""

from __future__ import annotations

from doorstep.clocks.tests.builders import chronology, clocks, d, ev, one

TARGET = "repair.target"


def report(eid: str, at: str, priority: str | None, **data):
    return ev(
        eid,
        at,
        "repair.reported",
        by="R1",
        priority=priority,
        location="hall",
        description="Fault",
        **data,
    )


def raised(
    eid: str, at: str, job: str, items=("a",), priority: str | None = "routine", target=None, **data
):
    listed = [{"id": i, "description": i} for i in items]
    return ev(
        eid, at, "works.raised", job=job, items=listed, priority=priority, target=target, **data
    )


def done(eid: str, at: str, job: str | None, items=(), **data):
    return ev(eid, at, "works.completed", job=job, items=list(items), **data)


def test_priorities_take_the_landlords_targets():
    # Urgent: 5 working days from Thu 31 Mar 2022, skipping Good Friday and Easter Monday
    # (15 and 18 Apr are later): 7 Apr. Planned: 90 calendar days.
    doc = chronology(
        report("e1", "2022-03-31", "urgent"),
        report("e2", "2022-03-31", "planned"),
        case_type="repair",
    )
    found = {c.start_event: c for c in clocks(doc, d("2022-04-01"))}
    assert found["e1"].due == d("2022-04-07")
    assert found["e2"].due == d("2022-06-29")


def test_no_priority_and_no_target_means_no_clock():
    doc = chronology(report("e1", "2022-03-31", None), case_type="repair")
    assert clocks(doc, d("2022-05-01")) == []


def test_security_faults_are_made_safe_in_hours_from_the_end_of_the_report_day():
    doc = chronology(
        report("e1", "2020-09-28", "emergency", communal=True, security=True), case_type="repair"
    )
    clock = one(doc, d("2020-09-30"), TARGET)
    assert (clock.due, clock.breached, clock.arises) == (d("2020-09-29"), True, d("2020-09-30"))
    assert not one(doc, d("2020-09-29"), TARGET).breached


def test_a_report_naming_a_job_takes_the_jobs_own_target():
    doc = chronology(
        report("e1", "2022-03-03", "routine", job="J6"),
        raised("e2", "2022-03-24", "J6", target="2022-04-07"),
        case_type="repair",
    )
    (clock,) = clocks(doc, d("2022-04-08"))
    assert (clock.start_event, clock.due, clock.breached) == ("e1", d("2022-04-07"), True)


def test_a_job_with_no_report_runs_from_being_raised_and_a_month_target_ends_on_its_last_day():
    doc = chronology(raised("e1", "2021-12-20", "J4", target="2021-12"), case_type="repair")
    clock = one(doc, d("2022-01-01"), TARGET)
    assert (clock.started, clock.due, clock.breached, clock.imprecise) == (
        d("2021-12-20"),
        d("2021-12-31"),
        True,
        True,
    )


def test_completion_counts_from_completed_on():
    doc = chronology(
        report("e1", "2022-01-10", "routine", job="J1"),
        done("e2", "2022-05-01", "J1", completed_on="2022-02-01"),
        case_type="repair",
    )
    clock = one(doc, d("2022-06-01"), TARGET)
    assert (clock.due, clock.stopped, clock.breached) == (d("2022-02-07"), d("2022-02-01"), False)


def test_a_report_with_no_job_is_stopped_by_a_completion_in_its_case():
    doc = chronology(
        report("e1", "2022-01-10", "routine"), done("e2", "2022-01-20", "X1"), case_type="repair"
    )
    assert one(doc, d("2022-06-01"), TARGET).stop_event == "e2"


def test_a_completion_found_not_done_does_not_stop_the_clock():
    doc = chronology(
        raised("e1", "2022-03-17", "J5", items=("cavity", "repoint")),
        done("e2", "2023-03", "J5", items=("cavity", "repoint")),
        ev(
            "e3",
            "2023-08-11",
            "works.verified",
            job="J5",
            items=["cavity", "repoint"],
            method="post_inspection",
            result="not_done",
            date_bounds={"after": "2023-03", "not_after": "2023-08-11"},
        ),
        case_type="repair",
    )
    assert one(doc, d("2023-03-20"), TARGET).stopped == d("2023-03-01")
    assert one(doc, d("2023-08-11"), TARGET).stopped is None


def test_the_job_stops_when_all_its_items_are_done():
    doc = chronology(
        raised("e1", "2022-01-10", "J1", items=("a", "b")),
        done("e2", "2022-01-20", "J1", items=("a",)),
        done("e3", "2022-02-15", "J1", items=("b",)),
        case_type="repair",
    )
    clock = one(doc, d("2022-03-01"), TARGET)
    assert (clock.stopped, clock.stop_event, clock.breached) == (d("2022-02-15"), "e3", True)


def test_an_assumed_priority_is_flagged():
    doc = chronology(report("e1", "2021-04", "routine", priority_assumed=True), case_type="repair")
    clock = one(doc, d("2021-07-01"), TARGET)
    assert clock.flags == ("priority_assumed",) and clock.imprecise

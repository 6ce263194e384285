"""Hazard clocks: the landlord's appointment rule before Awaab's Law, Awaab's Law after it."""

from __future__ import annotations

import datetime as dt

from doorstep.clocks.facts import LONDON
from doorstep.clocks.tests.builders import chronology, clocks, d, ev, one

INVESTIGATION = "hazard.investigation"


def reported(at: str, hazard: str = "damp_mould", case: str = "C1", **data):
    return ev(
        "h1", at, "hazard.reported", case=case, by="R1", hazard=hazard, location="kitchen", **data
    )


def booked(eid: str, at: str, appointment: str, job: str, day: str, case: str = "C1"):
    return ev(
        eid, at, "appointment.booked", case=case, appointment=appointment, date=day, **{"for": job}
    )


def test_before_awaab_the_appointment_rule_runs_to_the_first_attendance_in_a_linked_case():
    # 28 calendar days from 10 Jan 2022: due 7 Feb. Booking and missed visit in C1 do not stop
    # it, an attendance in the unlinked C3 does not either; the visit in linked C2 does.
    doc = chronology(
        reported("2022-01-10"),
        booked("e2", "2022-01-11", "A1", "J1", "2022-01-20"),
        ev("e3", "2022-01-20", "appointment.missed", appointment="A1", by="landlord"),
        ev(
            "e4",
            "2022-02-01",
            "appointment.attended",
            case="C3",
            appointment="A7",
            outcome="completed",
        ),
        ev(
            "e5",
            "2022-02-20",
            "appointment.attended",
            case="C2",
            appointment="A2",
            outcome="no_access",
        ),
        links={"C1": ["C2"]},
        case_type="hazard",
    )
    clock = one(doc, d("2022-03-01"), INVESTIGATION)
    assert (clock.due, clock.stopped, clock.stop_event) == (d("2022-02-07"), d("2022-02-20"), "e5")
    assert clock.breached and clock.overdue_days == 13 and clock.arises == d("2022-02-08")


def test_links_work_in_either_direction():
    doc = chronology(
        reported("2022-01-10"),
        ev("e2", "2022-01-12", "inspection.done", case="C2", by="S1", findings="Damp", cause=None),
        links={"C2": ["C1"]},
        case_type="hazard",
    )
    assert one(doc, d("2022-03-01"), INVESTIGATION).stop_event == "e2"


def test_the_landlords_own_appointment_days_apply():
    doc = chronology(
        reported("2022-01-10"),
        policy={"repairs.non_emergency.appointment_days": 14},
        case_type="hazard",
    )
    clock = one(doc, d("2022-01-20"), INVESTIGATION)
    assert (clock.due, clock.remaining, clock.breached) == (d("2022-01-24"), 4, False)
    assert "Test Homes's own policy" in clock.rule


def test_a_damp_report_the_day_before_awaabs_law_keeps_the_old_rule():
    doc = chronology(reported("2025-10-26"), case_type="hazard")
    (clock,) = clocks(doc, d("2025-11-01"))
    assert (clock.clock, clock.due) == (INVESTIGATION, d("2025-11-23"))


def test_awaabs_law_for_significant_damp_and_mould():
    # Reported Mon 3 Nov 2025: investigate in 10 working days (17 Nov). Concluded Mon 10 Nov:
    # summary in 3 (13 Nov), safety work in 5 (17 Nov), further work begun in 5 (17 Nov),
    # physically started within 12 weeks (2 Feb 2026).
    doc = chronology(
        reported("2025-11-03"),
        ev("e2", "2025-11-10", "hazard.assessed", severity="significant", cause="Leak"),
        ev("e3", "2025-11-12", "hazard.summary_sent", to="R1"),
        ev(
            "e4",
            "2025-11-11",
            "works.raised",
            job="J9",
            items=[{"id": "vent", "description": "Vent"}],
            priority="routine",
            target=None,
            purpose="further",
        ),
        booked("e5", "2025-11-14", "A9", "J9", "2026-01-15"),
        ev("e6", "2025-11-20", "hazard.made_safe"),
        ev("e7", "2026-01-15", "appointment.attended", appointment="A9", outcome="completed"),
        case_type="hazard",
    )
    found = {c.clock: c for c in clocks(doc, d("2026-02-10")) if c.clock.startswith("hazard.")}
    expected = {
        "hazard.investigation": ("2025-11-17", "2025-11-10", False),
        "hazard.summary": ("2025-11-13", "2025-11-12", False),
        "hazard.safety_work": ("2025-11-17", "2025-11-20", True),
        "hazard.further_work": ("2025-11-17", "2025-11-14", False),
        "hazard.further_work_start": ("2026-02-02", "2026-01-15", False),
    }
    assert set(found) == set(expected)
    for name, (due, stopped, breached) in expected.items():
        assert (found[name].due, found[name].stopped, found[name].breached) == (
            d(due),
            d(stopped),
            breached,
        ), name
    assert found["hazard.safety_work"].overdue_working_days == 3
    assert "Awaab" in found["hazard.investigation"].rule


def test_awaab_summary_waits_for_the_investigation():
    doc = chronology(reported("2025-11-03"), case_type="hazard")
    assert [c.clock for c in clocks(doc, d("2025-11-20"))] == [INVESTIGATION]


def test_a_not_significant_hazard_has_no_safety_work_clock():
    doc = chronology(
        reported("2025-11-03"),
        ev("e2", "2025-11-05", "hazard.assessed", severity="not_significant", cause=None),
        case_type="hazard",
    )
    names = {c.clock for c in clocks(doc, d("2025-11-20"))}
    assert names == {"hazard.investigation", "hazard.summary"}


def test_an_emergency_counts_24_hours_from_the_end_of_a_date_only_report():
    doc = chronology(
        reported("2025-11-03", hazard="fire"),
        ev("e2", "2025-11-03", "hazard.assessed", severity="emergency", cause="Wiring"),
        ev("e3", "2025-11-05", "hazard.made_safe"),
        case_type="hazard",
    )
    clock = one(doc, d("2025-11-10"), "hazard.emergency")
    assert (clock.due, clock.stopped, clock.breached, clock.arises) == (
        d("2025-11-04"),
        d("2025-11-05"),
        True,
        d("2025-11-05"),
    )
    # Fire is outside Awaab's first phase as a significant hazard: the appointment rule applies.
    assert one(doc, d("2025-11-10"), INVESTIGATION).due == d("2025-12-01")


def test_an_emergency_with_a_time_counts_elapsed_hours_across_the_clock_change():
    # British Summer Time starts at 01:00 GMT on Sun 29 Mar 2026: 24 elapsed hours from noon
    # on 28 Mar is 13:00 BST on 29 Mar.
    doc = chronology(
        reported("2026-03-28T12:00:00", hazard="electrical", severity="emergency"),
        ev("e2", "2026-03-29T13:30:00", "hazard.made_safe"),
        case_type="hazard",
    )
    clock = one(doc, d("2026-04-01"), "hazard.emergency")
    assert clock.due_at == dt.datetime(2026, 3, 29, 13, 0, tzinfo=LONDON)
    assert clock.breached and clock.overdue_hours == 0 and clock.used == 24

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from doorstep.appointments.models import Appointment
from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_for_household
from doorstep.contacts.selectors import contact_log
from doorstep.demo.loader import load_demo
from doorstep.timeline.verify import verify_all

pytestmark = pytest.mark.django_db


def test_the_demo_is_a_real_verifiable_record():
    demo = load_demo(today=dt.date(2026, 11, 23))
    khan = demo.households[0]
    titles = {c.title for c in cases_for_household(household=khan)}
    assert {
        "Damp and mould: bathroom and nursery",
        "Delay to damp and mould works",
        "Main entrance door does not lock",
    } <= titles
    assert [e.opened_case for e in contact_log(household=khan)][-1].startswith("HAZ-")
    assert Case.objects.filter(household__isnull=True).count() == 1
    visits = Appointment.objects.order_by("pk")
    assert [a.status for a in visits] == ["attended", "booked"]
    report = verify_all()
    assert report.ok and report.events > 30


def test_the_command_prints_the_logins_and_loads_once(settings, capsys):
    settings.DEBUG = True
    call_command("demo")
    out = capsys.readouterr().out
    assert "officer" in out and "doorstep-demo" in out
    call_command("demo", "--if-empty")
    assert "already loaded" in capsys.readouterr().out


def test_the_command_refuses_production(settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="only with DEBUG"):
        call_command("demo")


def test_the_demo_hazard_case_has_its_damp_and_mould_and_an_inspection_gap():
    from doorstep.hazards.selectors import case_prioritised
    from doorstep.inspections.selectors import inspections_for_case

    load_demo(today=dt.date(2026, 11, 23))
    case = Case.objects.get(title="Damp and mould: bathroom and nursery")
    hazard = case.hazards.get()
    assert (hazard.hazard, hazard.severity) == ("damp_mould", "significant")
    assert case_prioritised(case=case)
    assert sorted(i.report_is_missing for i in inspections_for_case(case=case)) == [False, True]


def test_the_demo_rear_wall_raised_again_is_proposed_as_a_repeat():
    from doorstep.repeats.selectors import repeats_for_case

    load_demo(today=dt.date(2026, 11, 23))
    again = Case.objects.get(title__startswith="Rear wall letting water in")
    [repeat] = repeats_for_case(case=again, as_of=dt.date(2026, 11, 23))
    assert repeat.proposed
    assert repeat.earlier.title == "Damp and mould: bathroom and nursery"
    assert (repeat.data["matched"], repeat.data["earlier_left"]) == ("rear wall pointing", "open")


def test_the_demo_complaint_is_acknowledged_with_its_officer_named_and_answered():
    from doorstep.commitments.models import Commitment
    from doorstep.complaints.models import Complaint
    from doorstep.remedies.selectors import compensation_for_case

    today = dt.date(2026, 11, 23)
    load_demo(today=today)
    complaint = Complaint.objects.get(case__title="Delay to damp and mould works")
    assert (complaint.stage, complaint.status) == (1, "stage1_answered")
    promised = Commitment.objects.get(case=complaint.case)
    assert promised.due_date == today + dt.timedelta(days=21)
    offers = compensation_for_case(case=complaint.case, as_of=today).offers
    assert [(o.amount, o.kind) for o in offers] == [(100, "compensation")]
    assert complaint.from_contact is not None and complaint.acknowledged1_at is not None
    assert complaint.officer is not None and complaint.officer.username == "complaints"


def test_the_demo_move_request_waits_on_evidence_already_on_record():
    from doorstep.moves.models import MoveRequest
    from doorstep.moves.selectors import evidence_flag

    load_demo(today=dt.date(2026, 11, 23))
    move = MoveRequest.objects.get()
    assert move.status == "awaiting_evidence" and move.grounds == [
        "asb",
        "medical",
        "support_worker",
    ]
    flag = evidence_flag(move)
    assert flag is not None and flag.why == "medical evidence"
    assert flag.words.startswith("Evidence may already be on record: DOC-")
    assert flag.words.endswith("added 24 October 2026")


def test_the_demo_has_a_dog_kept_on_conditions_and_an_alteration_waiting():
    from doorstep.permits.models import TenancyPermission
    from doorstep.permits.selectors import pet_permission_check

    demo = load_demo(today=dt.date(2026, 11, 23))
    dog, shower = TenancyPermission.objects.order_by("requested_on")
    assert (dog.subject, dog.status, len(dog.conditions)) == ("pet", "granted_with_conditions", 3)
    assert dog.household == demo.households[3]
    assert (shower.subject, shower.status) == ("alteration", "pending")
    check = pet_permission_check(household=dog.household, on=dt.date(2026, 11, 23))
    assert check.words.startswith(f"Pet permission for {dog.household.reference}: granted on ")


def test_the_demo_has_an_asb_case_inside_the_reporters_delay_and_one_at_the_case_review():
    from doorstep.asb.models import AsbCase

    today = dt.date(2026, 11, 23)
    load_demo(today=today)
    held = AsbCase.objects.get(category="drugs")
    assert held.status == "open" and held.risk_level == "high"
    assert held.delay_until is not None and held.delay_until > today
    noise = AsbCase.objects.get(category="noise")
    assert len(noise.reports) == 3
    assert noise.case_review_met_on == today - dt.timedelta(days=6)
    assert noise.case_review_told_at is None


@pytest.mark.parametrize(
    "today", [dt.date(2026, 12, 4), dt.date(2026, 12, 7), dt.date(2026, 12, 24)]
)
def test_the_demo_has_a_complaint_whose_acknowledgement_falls_due_next_working_day(today):
    """What `doorstep worker` reminds the complaints officer of, whatever the day the demo is
    loaded (a Friday, a Monday, Christmas Eve)."""
    from doorstep.reminders.selectors import reminders_owed
    from doorstep.workdays.calendar import calendar_for

    load_demo(today=today)
    owed = {o.clock.case.title: o for o in reminders_owed(as_of=today)}
    due = owed["Caretaker's manner"]
    assert (due.clock.clock, due.working_days_left) == ("complaint.stage1.acknowledgement", 1)
    assert due.due == calendar_for("england").next_working_day(today).isoformat()
    assert [u.username for u in due.to] == ["complaints"]

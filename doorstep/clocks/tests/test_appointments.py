"""Appointments read from the record: history, state, and the three appointment failures
(`findings.md`: `appointment.missed_by_landlord`, `.changed_without_notice`,
`.not_first_time_fix`), each with a failing and a quiet case."""

from __future__ import annotations

import pytest

from doorstep.clocks.appointments import (
    CHANGED_WITHOUT_NOTICE,
    MISSED_BY_LANDLORD,
    NOT_FIRST_TIME_FIX,
    OUTCOME_NOT_RECORDED,
    appointments,
    failures,
)
from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.tests.builders import chronology, d
from doorstep.clocks.tests.builders import ev as event


def ev(eid, at, kind, **data):
    """An appointment event: its `by` is the data's (who missed or changed it)."""
    made = event(eid, at, kind)
    made["data"] = data
    return made


BOOKED = ev(
    "b", "2024-05-01", "appointment.booked", appointment="A1", **{"for": "J1"}, date="2024-05-10"
)


def found(*events, as_of="2024-06-30"):
    return failures(facts_from_chronology(chronology(BOOKED, *events)), as_of=d(as_of))


def test_a_landlord_miss_is_a_failure_dated_at_the_miss():
    [failure] = found(ev("m", "2024-05-10", "appointment.missed", appointment="A1", by="landlord"))
    assert (failure.code, failure.date, failure.events) == (
        MISSED_BY_LANDLORD,
        d("2024-05-10"),
        ("b", "m"),
    )
    assert "set for 10 May 2024, was missed by the landlord" in failure.explanation
    assert not failure.assumed


def test_a_resident_miss_is_not_a_landlord_failure():
    assert found(ev("m", "2024-05-10", "appointment.missed", appointment="A1", by="resident")) == []


def test_an_inferred_landlord_miss_says_it_rests_on_an_inference():
    [failure] = found(
        ev(
            "m",
            "2024-05-10",
            "appointment.missed",
            appointment="A1",
            by="landlord",
            by_basis="The records do not say why",
        )
    )
    assert failure.assumed
    assert "rests on an inference: the records do not say why" in failure.explanation


@pytest.mark.parametrize("kind", ["appointment.moved", "appointment.cancelled"])
def test_a_change_by_the_landlord_without_telling_the_resident_is_a_failure(kind):
    [failure] = found(
        ev(
            "c",
            "2024-05-03",
            kind,
            appointment="A1",
            by="landlord",
            resident_informed=False,
            date="2024-05-20",
            reason="Operative sick",
        )
    )
    assert (failure.code, failure.date) == (CHANGED_WITHOUT_NOTICE, d("2024-05-03"))
    assert "without the resident being told" in failure.explanation
    assert not failure.absence


def test_a_change_with_no_record_of_telling_the_resident_rests_on_an_absence_of_records():
    [failure] = found(
        ev(
            "c",
            "2024-05-03",
            "appointment.moved",
            appointment="A1",
            by="landlord",
            date="2024-05-20",
        )
    )
    assert failure.absence
    assert "no record that the resident was told" in failure.explanation


@pytest.mark.parametrize(
    "data",
    [
        {"by": "landlord", "resident_informed": True, "informed_how": "phone"},
        {"by": "resident", "resident_informed": True},
        {"by": "resident"},
    ],
)
def test_a_change_the_resident_knew_of_or_asked_for_is_quiet(data):
    assert (
        found(
            ev("c", "2024-05-03", "appointment.moved", appointment="A1", date="2024-05-20", **data)
        )
        == []
    )


def test_the_original_slot_of_a_moved_appointment_is_not_also_missed():
    """The resident was out on the new date because nobody told her (Clarion, A3): the only
    failure is the change without notice."""
    out = found(
        ev(
            "c",
            "2024-05-03",
            "appointment.moved",
            appointment="A1",
            by="landlord",
            resident_informed=False,
            date="2024-05-20",
        ),
        ev("m", "2024-05-20", "appointment.missed", appointment="A1", by="resident"),
    )
    assert [f.code for f in out] == [CHANGED_WITHOUT_NOTICE]


@pytest.mark.parametrize("outcome", ["partial", "not_started"])
def test_an_incomplete_visit_is_not_a_first_time_fix(outcome):
    [failure] = found(
        ev(
            "a",
            "2024-05-10",
            "appointment.attended",
            appointment="A1",
            outcome=outcome,
            reason="Not enough time allowed",
        )
    )
    assert failure.code == NOT_FIRST_TIME_FIX
    assert failure.explanation.endswith("not enough time allowed.")


@pytest.mark.parametrize("outcome", ["completed", "no_access"])
def test_a_completed_or_no_access_visit_is_quiet(outcome):
    assert (
        found(ev("a", "2024-05-10", "appointment.attended", appointment="A1", outcome=outcome))
        == []
    )


def test_an_imprecise_entry_dates_its_failure_at_its_earliest_moment_and_says_so():
    [failure] = found(
        ev(
            "m",
            "2024-05-10",
            "appointment.missed",
            appointment="A1",
            by="landlord",
            date_bounds={"after": "2024-05-05", "not_after": "2024-05-10"},
        )
    )
    assert failure.date == d("2024-05-06")
    assert failure.imprecise
    assert "between 6 May 2024 and 10 May 2024" in failure.explanation


def test_a_disputed_change_says_so():
    [failure] = found(
        ev(
            "c",
            "2024-05-03",
            "appointment.cancelled",
            appointment="A1",
            by="landlord",
            resident_informed=False,
            disputed=True,
        )
    )
    assert failure.disputed and "disputed" in failure.explanation


def test_a_failure_is_not_in_a_replay_before_it_arose():
    miss = ev("m", "2024-05-10", "appointment.missed", appointment="A1", by="landlord")
    assert found(miss, as_of="2024-05-09") == []
    assert len(found(miss, as_of="2024-05-10")) == 1


def test_states_and_history():
    doc = chronology(
        BOOKED,
        ev(
            "c",
            "2024-05-03",
            "appointment.moved",
            appointment="A1",
            by="resident",
            date="2024-05-20",
        ),
    )
    [before] = appointments(facts_from_chronology(doc), as_of=d("2024-05-15"))
    assert (before.state, before.date, before.first_date) == (
        "moved",
        d("2024-05-20"),
        d("2024-05-10"),
    )
    assert [s.kind for s in before.history] == ["appointment.booked", "appointment.moved"]
    [after] = appointments(facts_from_chronology(doc), as_of=d("2024-05-21"))
    assert after.state == OUTCOME_NOT_RECORDED


def test_an_appointment_first_met_at_its_outcome_says_its_booking_is_missing():
    doc = chronology(
        ev("a", "2024-05-10", "appointment.attended", appointment="A9", outcome="partial")
    )
    [visit] = appointments(facts_from_chronology(doc), as_of=d("2024-06-01"))
    assert visit.booked_event is None
    assert "Its booking is not on record." in visit.failures[0].explanation

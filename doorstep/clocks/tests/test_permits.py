"""Permissions read from a replay's facts, and the check of a report about a pet against them
(Bromford 202109189, Pets 8: with no pet permission on record, the landlord could not say
whether the neighbour's dogs were allowed)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from doorstep.clocks.facts import facts_from_chronology
from doorstep.clocks.permits import (
    GRANTED,
    GRANTED_WITH_CONDITIONS,
    PENDING,
    REFUSED,
    WITHDRAWN,
    AnimalsNamed,
    animals_named,
    outcome_state,
    permission_cases,
    permission_json,
    pet_verdict,
)
from doorstep.clocks.replay import render_text, replay_facts
from doorstep.clocks.tests.builders import chronology, d, ev

PET = {"species": "dog", "number": 1, "description": "Small terrier"}
CONDITIONS = ["Kept on a lead in the communal areas", "Fouling cleared up at once"]


def _doc(*events):
    return chronology(*events, case_type="permission")


def _dog(granted: str = "2025-11-06", withdrawn: str | None = None, review: str | None = None):
    asked = min(d(granted), d("2025-11-06")) - dt.timedelta(days=3)
    events = [
        ev("e1", asked.isoformat(), "permission.requested", subject="pet", detail="A dog", pet=PET),
        ev(
            "e2",
            granted,
            "permission.decided",
            outcome="granted_with_conditions",
            conditions=CONDITIONS,
            **({"review_on": review} if review else {}),
        ),
    ]
    if withdrawn:
        events.append(
            ev("e3", withdrawn, "permission.decided", outcome="withdrawn", reason="Loose again")
        )
    return _doc(*events)


def _cases(doc, as_of: str = "2030-01-01"):
    return permission_cases(facts_from_chronology(doc), as_of=d(as_of))


def test_a_request_and_its_decision_with_conditions():
    (case,) = _cases(_dog(review="2026-11-06"))
    assert case.state == GRANTED_WITH_CONDITIONS
    assert case.subject == "pet"
    assert case.what == "1 dog (Small terrier)"
    assert case.granted_on == d("2025-11-06")
    assert case.conditions == tuple(CONDITIONS)
    assert permission_json(case) == {
        "case": "C1",
        "event": "e1",
        "requested": "2025-11-03",
        "subject": "pet",
        "detail": "A dog",
        "pet": {"species": "dog", "number": 1, "description": "Small terrier"},
        "alteration": None,
        "state": "granted_with_conditions",
        "outcome": "granted_with_conditions",
        "decided": "2025-11-06",
        "decided_event": "e2",
        "conditions": CONDITIONS,
        "reason": None,
        "review_on": "2026-11-06",
        "withdrawn": None,
        "withdrawn_event": None,
        "withdrawal_reason": None,
        "imprecise": False,
    }


def test_as_of_a_day_before_the_decision_the_request_is_pending():
    (case,) = _cases(_dog(), as_of="2025-11-05")
    assert case.state == PENDING
    assert case.decision is None
    assert _cases(_dog(), as_of="2025-11-02") == []


def test_a_withdrawal_ends_it_and_keeps_the_grant():
    (case,) = _cases(_dog(withdrawn="2026-02-10"))
    assert case.state == WITHDRAWN
    assert case.granted_on == d("2025-11-06")
    assert case.conditions == tuple(CONDITIONS)
    assert permission_json(case)["withdrawal_reason"] == "Loose again"


def test_decisions_are_read_in_their_own_case_only():
    doc = chronology(
        ev("e1", "2025-01-01", "permission.requested", case="P1", subject="alteration"),
        ev("e2", "2025-01-02", "permission.requested", case="P2", subject="other", detail="x"),
        ev("e3", "2025-01-05", "permission.decided", case="P2", outcome="refused", reason="No"),
        case_type="permission",
    )
    first, second = _cases(doc)
    assert (first.case, first.state) == ("P1", PENDING)
    assert (second.case, second.state) == ("P2", REFUSED)


def test_a_files_own_words_for_an_outcome():
    assert outcome_state("Approved") == GRANTED
    assert outcome_state("approved", ["on a lead"]) == GRANTED_WITH_CONDITIONS
    assert outcome_state("granted subject to conditions") == GRANTED_WITH_CONDITIONS
    assert outcome_state("Declined") == REFUSED
    assert outcome_state("permission revoked") == WITHDRAWN
    assert outcome_state("passed to the panel") == "decided"
    assert outcome_state(None) == "decided"


def test_the_replay_has_a_permissions_member_and_section():
    replay = replay_facts(facts_from_chronology(_dog()), as_of=d("2026-01-01"))
    assert [p["state"] for p in replay["permissions"]] == ["granted_with_conditions"]
    text = render_text(replay)
    section = text.split("Permissions as of 1 Jan 2026", 1)[1]
    assert "C1 pet: A dog, asked 2025-11-03: granted with conditions" in section
    assert "Kept on a lead in the communal areas" in section
    empty = render_text(replay_facts(facts_from_chronology(_doc()), as_of=d("2026-01-01")))
    permissions = empty.split("Permissions as of 1 Jan 2026", 1)[1]
    assert permissions.split("What the Ombudsman would find", 1)[0].strip() == "(none)"


# --- the pet check ---------------------------------------------------------------------------


def test_no_pet_permission_on_record():
    verdict = pet_verdict([], household="HH-7", on=d("2021-04-26"), words="five dogs")
    assert verdict.words == "No pet permission on record for HH-7"
    assert not verdict.any_on_record


def test_a_permission_in_force_with_its_conditions():
    cases = _cases(_dog())
    verdict = pet_verdict(cases, household="HH-7", on=d("2026-01-10"), words="a dog barking")
    assert [p.event for p in verdict.in_force] == ["e1"]
    assert verdict.conditions == tuple(CONDITIONS)
    assert verdict.not_covered == ()
    assert verdict.words == (
        "Pet permission for HH-7: granted on 6 November 2025 for 1 dog (Small terrier), "
        "conditions: Kept on a lead in the communal areas; Fouling cleared up at once"
    )


def test_a_report_naming_more_animals_than_the_permission_covers():
    cases = _cases(_dog())
    words = "On some occasions as many as five dogs, and she sells kittens in the hallway."
    verdict = pet_verdict(cases, household="HH-7", on=d("2026-01-10"), words=words)
    assert verdict.not_covered == (AnimalsNamed("dog", 5), AnimalsNamed("cat", None))
    assert verdict.words.endswith(
        "; the report names 5 dogs, cats, more than the permission covers"
    )


def test_refused_and_pending_requests_grant_nothing():
    refused = _doc(
        ev("e1", "2025-11-03", "permission.requested", subject="pet", pet=PET),
        ev("e2", "2025-11-06", "permission.decided", outcome="refused", reason="Too small"),
    )
    verdict = pet_verdict(_cases(refused), household="HH-7", on=d("2026-01-10"))
    assert verdict.in_force == ()
    assert verdict.words == "Pet permission for HH-7: refused on 6 November 2025"
    pending = _doc(ev("e1", "2025-11-03", "permission.requested", subject="pet", pet=PET))
    assert pet_verdict(_cases(pending), household="HH-7").words == (
        "Pet permission for HH-7: asked for on 3 November 2025, not yet decided"
    )


def test_other_subjects_are_not_pet_permissions():
    doc = _doc(
        ev("e1", "2025-11-03", "permission.requested", subject="alteration", detail="Shower"),
        ev("e2", "2025-11-06", "permission.decided", outcome="granted"),
    )
    assert pet_verdict(_cases(doc), household="HH-7").words == (
        "No pet permission on record for HH-7"
    )


def test_animals_named():
    assert animals_named("a dog and 2 cats") == (AnimalsNamed("dog", 1), AnimalsNamed("cat", 2))
    assert animals_named("Puppies everywhere, three of the dogs") == (AnimalsNamed("dog", None),)
    assert animals_named("noise from the flat above") == ()


DAYS = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))


@given(granted=DAYS, report=DAYS, gap=st.integers(min_value=0, max_value=2000))
def test_in_force_exactly_from_the_grant_until_the_withdrawal(granted, report, gap):
    withdrawn = granted + dt.timedelta(days=gap)
    doc = _dog(granted=granted.isoformat(), withdrawn=withdrawn.isoformat())
    (case,) = _cases(doc, as_of="2040-01-01")
    verdict = pet_verdict([case], household="HH-7", on=report)
    expected = granted <= report < withdrawn
    assert bool(verdict.in_force) is expected
    assert verdict.conditions == (tuple(CONDITIONS) if expected else ())
    assert ("not in force on" in verdict.words) is not expected


@given(granted=DAYS, report=DAYS)
def test_never_withdrawn_it_is_in_force_from_the_day_granted(granted, report):
    (case,) = _cases(_dog(granted=granted.isoformat()), as_of="2040-01-01")
    verdict = pet_verdict([case], household="HH-7", on=report)
    assert bool(verdict.in_force) is (report >= granted)
    assert verdict.words.startswith("Pet permission for HH-7: granted on ")


@given(granted=DAYS, review_gap=st.integers(min_value=1, max_value=800), report=DAYS)
def test_a_review_date_passed_is_said_but_does_not_end_it(granted, review_gap, report):
    review = granted + dt.timedelta(days=review_gap)
    doc = _dog(granted=granted.isoformat(), review=review.isoformat())
    (case,) = _cases(doc, as_of="2040-01-01")
    verdict = pet_verdict([case], household="HH-7", on=report)
    assert bool(verdict.in_force) is (report >= granted)
    said = f"its review was due on {review.day} {review:%B %Y}"
    assert (said in verdict.words) is (report >= granted and review < report)

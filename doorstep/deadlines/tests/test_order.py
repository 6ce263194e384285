"""The order clocks stand in where they tie on what breaches first: their subjects read as a
person reads them, numbers as numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from doorstep.cases.models import Case
from doorstep.deadlines.selectors import CaseClock, natural


def clock(subject: str) -> CaseClock:
    return CaseClock(
        case=Case(reference="REP-0001"),
        data={
            "clock": "commitment.due",
            "subject": subject,
            "started": "2026-11-02",
            "due": "2026-11-30",
            "due_at": None,
            "breached": True,
            "stopped": None,
        },
    )


def test_two_promises_due_together_stand_in_the_order_of_their_numbers():
    subjects = ["job J-10", "job J-9", "job J-100", "job J-09", "job", "job J-1a"]
    order = [c.subject for c in sorted(map(clock, subjects), key=CaseClock.sort_key)]
    assert order == ["job", "job J-1a", "job J-09", "job J-9", "job J-10", "job J-100"]


@given(st.lists(st.text(alphabet="J-9 01a", max_size=8), min_size=2, max_size=6, unique=True))
def test_the_order_is_total_whatever_the_subjects(subjects):
    forwards = sorted(map(clock, subjects), key=CaseClock.sort_key)
    backwards = sorted(map(clock, reversed(subjects)), key=CaseClock.sort_key)
    assert [c.subject for c in forwards] == [c.subject for c in backwards]


def test_natural_splits_text_from_numbers():
    assert natural("job J-10") == (("job J-", 10), ("", -1))
    assert natural("") == (("", -1),)
    assert natural("12") == (("", 12), ("", -1))

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


@given(st.integers(min_value=0), st.integers(min_value=0), st.integers(0, 3), st.integers(0, 3))
def test_numbers_compare_as_numbers_whatever_their_leading_zeros(a, b, pad_a, pad_b):
    left, right = natural(f"job J-{'0' * pad_a}{a}"), natural(f"job J-{'0' * pad_b}{b}")
    assert (left < right) == (a < b)
    assert (left == right) == (a == b)


def test_a_number_of_any_length_is_read():
    huge = "9" * 5000
    assert natural(f"J-{huge}") > natural(f"J-1{'0' * 4998}")
    assert natural("job J-9") < natural("job J-10") < natural("job J-10a")

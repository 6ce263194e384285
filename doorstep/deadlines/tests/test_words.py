"""How a clock is said: every clock has a plain English name, and where it stands reads as an
officer would say it."""

from __future__ import annotations

import pytest

from doorstep.clocks.definitions import DEFINITIONS
from doorstep.clocks.ledger import (
    CLAIMED_NOT_VERIFIED,
    CONTRADICTED,
    DROPPED,
    KEPT,
    OPEN,
    OVERDUE,
)
from doorstep.deadlines.words import CLOCK_NAMES, COMMITMENT_STATES, status_words


def test_every_clock_has_a_plain_english_name():
    assert set(CLOCK_NAMES) == set(DEFINITIONS)


def test_every_commitment_state_has_words():
    states = {OPEN, KEPT, OVERDUE, CLAIMED_NOT_VERIFIED, CONTRADICTED, DROPPED}
    assert set(COMMITMENT_STATES) == states


def clock(unit="working_days", **given):
    base = {
        "unit": unit,
        "stopped": None,
        "breached": False,
        "remaining": 3,
        "overdue_working_days": 0,
        "overdue_days": 0,
        "overdue_hours": None,
    }
    return {**base, **given}


@pytest.mark.parametrize(
    ("given", "words"),
    [
        (clock(), "due in 3 working days"),
        (clock(remaining=1), "due in 1 working day"),
        (clock(remaining=0), "due today"),
        (clock("calendar_days", remaining=12), "due in 12 days"),
        (clock("hours", remaining=20, overdue_hours=0), "due in 20 hours"),
        (
            clock(breached=True, remaining=0, overdue_working_days=60, overdue_days=84),
            "overdue by 60 working days",
        ),
        # Due on a Friday, asked about on the Saturday: late, though no working day has passed.
        (clock(breached=True, remaining=0, overdue_days=1), "overdue by 1 day"),
        (clock("hours", breached=True, overdue_hours=30, overdue_days=1), "overdue by 30 hours"),
        (clock(stopped="2024-05-09"), "met"),
        (
            clock(stopped="2024-05-20", breached=True, overdue_working_days=5, overdue_days=7),
            "met late, by 5 working days",
        ),
    ],
)
def test_where_a_clock_stands(given, words):
    assert status_words(given) == words

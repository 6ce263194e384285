"""The replay's JSON and its text for people."""

from __future__ import annotations

import pytest

from doorstep.clocks.replay import REFUSED, render_text, replay_clocks
from doorstep.clocks.tests.builders import chronology, d, ev

COMPLAINT = chronology(
    ev("e1", "2021-06-30", "complaint.received", by="R1", stage=1, text="Complaint"),
    ev("e2", "2021-10-07", "complaint.response", stage=1, outcome=None, text="Answer"),
    ev(
        "e3",
        "2021-10-07",
        "commitment.made",
        commitment="k1",
        action="Fix door",
        due="2021-10-31",
        job=None,
        items=[],
    ),
)


def test_the_json_has_the_formats_members():
    replayed = replay_clocks(COMPLAINT, as_of=d("2023-08-11"))
    assert replayed["as_of"] == "2023-08-11"
    clock = next(c for c in replayed["clocks"] if c["clock"] == "complaint.stage1.response")
    for member in (
        "case",
        "clock",
        "started",
        "due",
        "original_due",
        "stopped",
        "breached",
        "overdue_working_days",
        "rule",
    ):
        assert member in clock
    assert clock["overdue_working_days"] == 60 and clock["explanation"]["day_one"] == "2021-07-01"
    assert replayed["commitments"] == [
        {
            "case": "C1",
            "commitment": "k1",
            "kind": "commitment",
            "action": "Fix door",
            "made": "2021-10-07",
            "due": "2021-10-31",
            "state": "overdue",
            "job": None,
            "items": [],
            "imprecise": False,
            "events": ["e3"],
        }
    ]


def test_text_says_how_late_or_how_long_is_left():
    late = render_text(replay_clocks(COMPLAINT, as_of=d("2021-10-01")))
    assert "overdue by 56 working days (due 14 Jul 2021)" in late
    early = render_text(replay_clocks(COMPLAINT, as_of=d("2021-07-09")))
    assert (
        "complaint.stage1.response (stage 1), started 30 Jun 2021: "
        "due in 3 working days (14 Jul 2021)" in early
    )
    done = render_text(replay_clocks(COMPLAINT, as_of=d("2021-12-01")))
    assert "stopped 7 Oct 2021, 60 working days late (due 14 Jul 2021)" in done
    assert "k1: overdue, due 31 Oct 2021. Fix door" in done


def test_a_file_that_breaks_the_format_is_refused():
    broken = {**COMPLAINT, "format": "doorstep-chronology/9"}
    with pytest.raises(ValueError, match=REFUSED.split("{")[0]):
        replay_clocks(broken, as_of=d("2021-12-01"))


def test_events_after_the_replay_date_are_not_seen():
    replayed = replay_clocks(COMPLAINT, as_of=d("2021-06-29"))
    assert replayed["clocks"] == [] and replayed["commitments"] == []

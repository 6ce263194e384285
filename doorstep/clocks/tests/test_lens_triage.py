"""The lens's findings from the words of contacts: `complaint.not_logged` and the inferred
`vulnerability.not_recorded` (the triage rules' reading, `docs/triage.md`)."""

from __future__ import annotations

import datetime as dt

from doorstep.clocks.tests.builders import chronology, ev
from doorstep.interchange.replay import replay

LATER = dt.date(2025, 12, 1)
ANGRY = "This is the third time I've reported the leak and nobody came. I'm fed up."


def findings(doc, as_of=LATER):
    return replay(doc, as_of=as_of)["findings"]


def test_dissatisfaction_with_no_complaint_is_not_logged():
    # Monday 5 May 2025 is a bank holiday: 5 working days from Friday 2 May end Monday 12 May.
    doc = chronology(
        ev("e1", "2025-05-02", "contact.in", "C1", by="R1", **{"from": "R1", "text": ANGRY}),
        case_type="repair",
    )
    (found,) = [f for f in findings(doc) if f["code"] == "complaint.not_logged"]
    assert (found["date"], found["resolved"], found["inferred"]) == ("2025-05-13", None, True)
    assert "fed up" in found["explanation"] and "12 May 2025" in found["explanation"]
    assert found["absence_of_records"] is True
    assert findings(doc, dt.date(2025, 5, 12)) == []


def test_a_complaint_logged_in_the_window_covers_it_and_a_late_one_resolves_it():
    in_time = chronology(
        ev("e1", "2025-05-02", "contact.in", "C1", **{"from": "R1", "text": ANGRY}),
        ev("e2", "2025-05-09", "complaint.received", "C2", stage=1, text=ANGRY),
        ev("e3", "2025-05-09", "complaint.acknowledged", "C2", stage=1),
        ev("e4", "2025-05-16", "complaint.response", "C2", stage=1, outcome="upheld", text="Sorry"),
    )
    assert [f for f in findings(in_time) if f["code"] == "complaint.not_logged"] == []
    late = chronology(
        ev("e1", "2025-05-02", "contact.in", "C1", **{"from": "R1", "text": ANGRY}),
        ev("e2", "2025-05-20", "complaint.received", "C2", stage=1, text=ANGRY),
    )
    (found,) = [f for f in findings(late) if f["code"] == "complaint.not_logged"]
    assert (found["date"], found["resolved"]) == ("2025-05-13", "2025-05-20")


def test_dissatisfaction_while_a_complaint_is_open_is_part_of_it():
    doc = chronology(
        ev("e1", "2025-05-02", "complaint.received", "C2", stage=1, text="The leak"),
        ev("e2", "2025-05-06", "complaint.acknowledged", "C2", stage=1),
        ev("e3", "2025-05-08", "contact.in", "C1", **{"from": "R1", "text": ANGRY}),
        ev("e4", "2025-05-16", "complaint.response", "C2", stage=1, outcome="upheld", text="x"),
    )
    assert [f for f in findings(doc) if f["code"] == "complaint.not_logged"] == []


def test_a_service_request_is_not_a_complaint():
    doc = chronology(
        ev(
            "e1",
            "2025-05-02",
            "contact.in",
            "C1",
            **{"from": "R1", "text": "Please can someone fix my kitchen tap, it drips."},
        ),
    )
    assert findings(doc) == []


def test_a_vulnerability_in_the_words_never_recorded():
    doc = chronology(
        ev(
            "e1",
            "2025-05-02",
            "contact.in",
            "C1",
            **{
                "from": "R1",
                "text": "Please hurry, I'm 7 months pregnant and the bedroom is cold.",
            },
        ),
        ev("e2", "2025-06-10", "vulnerability.recorded", "C1", person="R1", category="pregnancy"),
    )
    (found,) = [f for f in findings(doc) if f["code"] == "vulnerability.not_recorded"]
    assert (found["date"], found["resolved"], found["subject"]) == (
        "2025-05-02",
        "2025-06-10",
        "pregnancy",
    )
    assert found["inferred"] is True and "pregnant" in found["explanation"]


def test_a_vulnerability_disclosed_and_recorded_that_day_is_no_finding():
    doc = chronology(
        ev(
            "e1",
            "2025-05-02",
            "contact.in",
            "C1",
            **{"from": "R1", "text": "I'm 7 months pregnant."},
        ),
        ev(
            "e2",
            "2025-05-02",
            "vulnerability.disclosed",
            "C1",
            person="R1",
            category="pregnancy",
            detail="",
            source="self",
        ),
        ev("e3", "2025-05-02", "vulnerability.recorded", "C1", person="R1", category="pregnancy"),
    )
    assert findings(doc) == []

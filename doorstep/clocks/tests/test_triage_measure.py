"""Measuring triage: the arithmetic on sets small enough to count by hand, and floors on the
labelled sets so that a rule change that loses precision or recall fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from doorstep.clocks.triage import RULES_VERSION, Cue, Triage
from doorstep.clocks.triage_measure import Labelled, Score, labelled_rows, measure, table

DATA = Path(__file__).parent / "data"


def reader(answers):
    """A stand-in for triage: each text read as the cues given for it."""

    def read(text):
        return Triage(tuple(Cue(kind, value, "", 0, 0, "test") for kind, value in answers[text]))

    return read


def test_counts_and_figures_by_hand():
    rows = [
        Labelled("a", True, ("damp_mould",), ("pregnancy",)),  # all right
        Labelled("b", False, ("damp_mould", "excess_cold"), ()),  # cold missed, fp complaint
        Labelled("c", True, (), ()),  # dissatisfaction missed; fire extra
        Labelled("d", False, (), ("child",)),  # child read as infant
    ]
    read = reader(
        {
            "a": [
                ("dissatisfaction", "dissatisfaction"),
                ("hazard", "damp_mould"),
                ("vulnerability", "pregnancy"),
            ],
            "b": [("dissatisfaction", "asks_to_complain"), ("hazard", "damp_mould")],
            "c": [("hazard", "fire")],
            "d": [("vulnerability", "infant")],
        }
    )
    scores = measure(rows, read=read)
    assert scores.rows == 4
    assert scores.rules_version == RULES_VERSION
    # Dissatisfaction: a tp, b fp, c fn, d tn.
    d = scores.families["dissatisfaction"]
    assert (d.tp, d.fp, d.fn, d.support) == (1, 1, 1, 2)
    assert d.precision == 0.5 and d.recall == 0.5 and d.f1 == 0.5
    # Hazards: damp 2 tp; cold 1 fn; fire 1 fp.
    h = scores.families["hazard"]
    assert (h.tp, h.fp, h.fn) == (2, 1, 1)
    assert h.precision == pytest.approx(2 / 3) and h.recall == pytest.approx(2 / 3)
    assert scores.values["hazard"]["damp_mould"] == Score(2, 0, 0)
    assert scores.values["hazard"]["excess_cold"] == Score(0, 0, 1)
    assert scores.values["hazard"]["fire"] == Score(0, 1, 0)
    # Vulnerabilities: pregnancy tp; infant fp; child fn.
    v = scores.families["vulnerability"]
    assert (v.tp, v.fp, v.fn) == (1, 1, 1)
    assert scores.values["vulnerability"]["child"].recall == 0.0
    assert scores.values["vulnerability"]["child"].precision is None
    assert scores.values["vulnerability"]["infant"].recall is None
    assert {(m.text, m.family, m.value, m.how) for m in scores.misses} == {
        ("b", "dissatisfaction", "dissatisfied", "extra"),
        ("b", "hazard", "excess_cold", "missed"),
        ("c", "dissatisfaction", "dissatisfied", "missed"),
        ("c", "hazard", "fire", "extra"),
        ("d", "vulnerability", "infant", "extra"),
        ("d", "vulnerability", "child", "missed"),
    }


def test_f1_is_zero_when_nothing_right_and_undefined_when_nothing_asked():
    assert Score(0, 2, 3).f1 == 0.0
    assert Score(0, 0, 0).precision is None
    assert Score(0, 0, 0).f1 is None
    assert Score(3, 1, 0).f1 == pytest.approx(2 * 0.75 / 1.75)


def test_the_real_rules_on_a_tiny_set():
    rows = [
        Labelled("I'm fed up of waiting, the boiler's packed in.", True, ("excess_cold",)),
        Labelled("Please can someone fix my tap?", False),
        Labelled("She is 7 months pregnant.", False, (), ("pregnancy",)),
    ]
    scores = measure(rows)
    assert scores.families["dissatisfaction"] == Score(1, 0, 0)
    assert scores.families["hazard"] == Score(1, 0, 0)
    assert scores.families["vulnerability"] == Score(1, 0, 0)
    assert scores.misses == ()


def test_labelled_rows_read_json_lines():
    lines = [
        '{"text": "x", "dissatisfied": true, "hazards": ["fire"], "vulnerabilities": []}',
        "",
        '{"text": "y", "dissatisfied": false, "note": "n"}',
    ]
    assert labelled_rows(lines) == [
        Labelled("x", True, ("fire",), ()),
        Labelled("y", False, (), (), "n"),
    ]


def test_the_table_shows_each_family_and_value():
    scores = measure([Labelled("Smell of gas, I'm not happy.", True, ("uncombusted_fuel_gas",))])
    text = table(scores)
    assert "DISSATISFACTION" in text and "  uncombusted_fuel_gas" in text
    assert "VULNERABILITY" in text


# Floors a little under what the rules of RULES_VERSION achieve (docs/triage.md), so a change
# that loses ground fails. The development set is the one the rules were written against; the
# held-out set was written after them and never tuned on, so its floors are lower.
FLOORS = {
    "triage_labelled.jsonl": {
        "dissatisfaction": (0.95, 0.85),
        "hazard": (0.95, 0.92),
        "vulnerability": (0.95, 0.95),
    },
    "triage_holdout.jsonl": {
        "dissatisfaction": (0.95, 0.25),
        "hazard": (0.80, 0.55),
        "vulnerability": (0.95, 0.60),
    },
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_rules_stay_above_their_floors(name):
    rows = labelled_rows((DATA / name).read_text(encoding="utf-8").splitlines())
    scores = measure(rows)
    for family, (precision, recall) in FLOORS[name].items():
        score = scores.families[family]
        assert score.precision is not None and score.precision >= precision, (family, score)
        assert score.recall is not None and score.recall >= recall, (family, score)


def test_the_development_set_is_big_enough_and_covers_each_family():
    rows = labelled_rows((DATA / "triage_labelled.jsonl").read_text(encoding="utf-8").splitlines())
    assert len(rows) >= 200
    assert sum(r.dissatisfied for r in rows) >= 40
    assert sum(not r.dissatisfied and not r.hazards and not r.vulnerabilities for r in rows) >= 30

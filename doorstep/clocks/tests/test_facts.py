"""Facts: precision, date bounds, replay membership, links and the landlord's policy."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.clocks.engine import compute_clocks
from doorstep.clocks.facts import LANDLORD_SOURCE, LONDON, facts_from_chronology
from doorstep.clocks.tests.builders import chronology, d, ev


def bounds(after: str | None, not_after: str) -> dict[str, str | None]:
    return {"after": after, "not_after": not_after}


def fact(at: str, **data):
    (only,) = facts_from_chronology(chronology(ev("e1", at, "note", text="x", **data))).events
    return only


@pytest.mark.parametrize(
    ("at", "bounds", "earliest", "latest", "imprecise"),
    [
        ("2021-03-30", None, "2021-03-30", "2021-03-30", False),
        ("2021-03", None, "2021-03-01", "2021-03-31", True),
        ("2021", None, "2021-01-01", "2021-12-31", True),
        ("2024-03-21", bounds("2021-08-28", "2024-03-21"), "2021-08-29", "2024-03-21", True),
        ("2023-08-11", bounds("2023-03", "2023-08-11"), "2023-04-01", "2023-08-11", True),
        ("2023-08-11", bounds("2022", "2023-08-11"), "2023-01-01", "2023-08-11", True),
        ("2021-03-28", bounds(None, "2021-03-28"), "2021-03-01", "2021-03-28", True),
    ],
)  # fmt: skip
def test_earliest_and_latest_moments(at, bounds, earliest, latest, imprecise):
    found = fact(at, **({"date_bounds": bounds} if bounds else {}))
    assert (found.earliest_date, found.latest_date, found.imprecise) == (
        d(earliest),
        d(latest),
        imprecise,
    )
    assert found.earliest == dt.datetime.combine(d(earliest), dt.time.min, tzinfo=LONDON)


def test_starts_count_from_the_latest_moment_and_stops_from_the_earliest():
    found = fact("2021-03")
    assert (found.starts_at.date(), found.stops_at.date()) == (d("2021-03-31"), d("2021-03-01"))


def test_an_event_is_in_a_replay_from_its_earliest_moment():
    found = fact("2024-03-21", date_bounds={"after": "2021-08-28", "not_after": "2024-03-21"})
    assert not found.in_replay(d("2021-08-28"))
    assert found.in_replay(d("2021-08-29"))


def test_a_time_of_day_is_precise():
    found = fact("2021-03-30T14:05:00Z")
    assert not found.imprecise and not found.date_only
    assert found.earliest == found.latest == dt.datetime(2021, 3, 30, 14, 5, tzinfo=dt.UTC)


def test_data_is_read_only():
    found = fact("2021-03-30", nested={"a": [1, 2]})
    with pytest.raises(TypeError):
        found.data["x"] = 1
    assert found.data["nested"]["a"] == (1, 2)


def test_links_count_in_either_direction():
    facts = facts_from_chronology(
        chronology(
            ev("e1", "2021-01-01", "note", case="C1", text="x"),
            ev("e2", "2021-01-01", "note", case="C2", text="x"),
            ev("e3", "2021-01-01", "note", case="C3", text="x"),
            links={"C2": ["C1"]},
        )
    )
    assert facts.linked("C1") == {"C1", "C2"}
    assert facts.linked("C3") == {"C3"}


def test_the_landlords_policy_becomes_dated_overrides():
    policy = {
        "asb.review_interval_days": 30,
        "complaints.stage1.response_working_days": {"value": 15, "effective_from": "2023-01"},
        "compensation.band.minor": {"min": 50, "max": 250, "examples": "Not replying"},
    }
    facts = facts_from_chronology(
        chronology(ev("e1", "2021-01-01", "note", text="x"), policy=policy)
    )
    found = {o.key: o for o in facts.overrides}
    assert (
        found["asb.review_interval_days"].value,
        found["asb.review_interval_days"].effective_from,
    ) == (30, None)
    dated = found["complaints.stage1.response_working_days"]
    assert (dated.value, dated.effective_from) == (15, d("2023-01-01"))
    assert found["compensation.band.minor"].value["max"] == 250
    assert dated.source == LANDLORD_SOURCE.format(landlord="Test Homes", key=dated.key)


def test_policy_keys_are_the_policys_own_names_with_no_aliases():
    """The clocks read `doorstep.policy.defaults`' keys directly: a landlord's value is kept
    under the key it was given, and only the policy's own name reaches a clock."""
    from doorstep.clocks.facts import overrides_from

    (own,) = overrides_from({"complaints.stage1.acknowledgement_working_days": 3}, "X")
    (other,) = overrides_from({"complaints.stage1.acknowledgement_days": 3}, "X")
    assert own.key == "complaints.stage1.acknowledgement_working_days"
    assert other.key == "complaints.stage1.acknowledgement_days"
    doc = chronology(ev("e1", "2024-06-03", "complaint.received", by="R1", stage=1, text="x"))
    facts = facts_from_chronology(doc)
    ack = [
        c
        for c in compute_clocks(facts, as_of=d("2024-06-20"), overrides=(own,))
        if c.clock == "complaint.stage1.acknowledgement"
    ]
    assert ack[0].due == d("2024-06-06")
    ignored = compute_clocks(facts, as_of=d("2024-06-20"), overrides=(other,))
    assert [c.due for c in ignored if c.clock == "complaint.stage1.acknowledgement"] == [
        d("2024-06-10")
    ]

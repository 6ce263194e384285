"""The remedies' event kinds against the format: every compensation event of both seeds is
accepted and kept whole (`for` under its own name), what the schema refuses is refused, and
each kind's sentence reads as a person would say it."""

from __future__ import annotations

import pytest

from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.interchange.validate import validate_event_data
from doorstep.remedies.events import CompensationOffered, CompensationPaid, CompensationRequested
from doorstep.timeline import kinds
from doorstep.timeline.kinds import PayloadInvalid

KINDS = ("compensation.requested", "compensation.offered", "compensation.paid")


def seed_events():
    return [e for name in (BROMFORD, CLARION) for e in seed(name)["events"] if e["kind"] in KINDS]


def test_the_app_owns_its_kinds():
    assert [kinds.get(k) for k in KINDS] == [
        CompensationRequested,
        CompensationOffered,
        CompensationPaid,
    ]


@pytest.mark.parametrize("event", seed_events(), ids=lambda e: e["id"])
def test_every_seed_compensation_event_is_accepted_and_kept_whole(event):
    assert kinds.get(event["kind"]).validate(event["data"]) == event["data"]


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("compensation.requested", {"text": "x", "amount": "300"}),
        ("compensation.requested", {"text": "x", "amount": True}),
        ("compensation.offered", {"amount": -1}),
        ("compensation.offered", {"amount": 10, "kind": "bonus"}),
        ("compensation.offered", {"amount": 10, "method": "cheque"}),
        ("compensation.offered", {"amount": 10, "components": [{"for": "x"}]}),
        ("compensation.offered", {"amount": 10, "components": [{"amount": 5, "band": ""}]}),
        ("compensation.offered", {"amount": 10, "counted_as_compensation": "yes"}),
        ("compensation.offered", {"components": []}),
        ("compensation.paid", {"method": "direct"}),
        ("compensation.paid", {"amount": 10, "method": "cash"}),
    ],
)
def test_what_the_format_refuses_is_refused(kind, data):
    assert validate_event_data(kind, data)  # the published schema refuses it too
    with pytest.raises(PayloadInvalid):
        kinds.get(kind).validate(data)


def test_optional_fields_of_our_own_are_kept():
    data = {
        "amount": 40,
        "offer": "OFR-2024-000001",
        "components": [{"amount": 40, "for": "Rent credit", "kind": "refund", "failure": None}],
        "kind": "refund",
        "offset_asked_on": "2024-05",
    }
    assert CompensationOffered.validate(data) == data
    assert validate_event_data("compensation.offered", data) == []


def test_sentences():
    assert (
        CompensationRequested.sentence({"amount": 300}, "")
        == "The resident asked for compensation of £300"
    )
    assert CompensationOffered.sentence({"amount": 331.68, "kind": "refund"}, "") == (
        "A refund of £331.68 offered"
    )
    assert CompensationPaid.sentence({"amount": 50, "method": "rent_account"}, "") == (
        "£50 paid to the rent account"
    )
    assert CompensationPaid.sentence({"amount": 50}, "Paid by BACS") == "Paid by BACS"

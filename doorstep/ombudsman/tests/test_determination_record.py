"""`determination_record`: the findings, and each order a commitment on the promise ledger with
its deadline counted from the determination (or the date given) and its owner."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.commitments.choices import PromiseKind
from doorstep.commitments.models import Commitment
from doorstep.commitments.selectors import open_commitments
from doorstep.core.errors import DomainError
from doorstep.ombudsman import services
from doorstep.ombudsman.selectors import ombudsman_record
from doorstep.ombudsman.services import FindingIn, OrderIn, determination_record
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When

DAY = When.parse("2024-06-03")
FINDINGS = [
    FindingIn("damp and mould", "severe maladministration"),
    FindingIn("complaint handling", "maladministration"),
]


def orders(homes) -> list[OrderIn]:
    return [
        OrderIn("Apologise in writing", homes.manager, period="28_days"),
        OrderIn("Review record keeping", homes.officer, period="6_weeks"),
        OrderIn("Pay £600 compensation", homes.manager, due=When.parse("2024-07-01")),
    ]


def test_orders_go_on_the_ledger_with_deadlines_and_owners(homes, now, referral):
    with appended() as events:
        determination_record(
            actor=homes.officer,
            case=referral,
            occurred=DAY,
            findings=FINDINGS,
            orders=orders(homes),
            at=now,
        )
    assert events.kinds == ["ombudsman.determination"]
    data = events[0].data
    assert data["findings"] == [
        {"topic": "damp and mould", "outcome": "severe maladministration"},
        {"topic": "complaint handling", "outcome": "maladministration"},
    ]
    assert [(o["due"], o["owner"], o["owner_username"]) for o in data["orders"]] == [
        ("2024-07-01", "Maya Manager", "maya"),
        ("2024-07-15", "Cara Complaints", "cara"),
        ("2024-07-01", "Maya Manager", "maya"),
    ]
    rows = Commitment.objects.filter(case=referral).order_by("pk")
    assert [(r.kind, r.due_date, r.owner, r.owner_name) for r in rows] == [
        (PromiseKind.ORDER, dt.date(2024, 7, 1), homes.manager, "Maya Manager"),
        (PromiseKind.ORDER, dt.date(2024, 7, 15), homes.officer, "Cara Complaints"),
        (PromiseKind.ORDER, dt.date(2024, 7, 1), homes.manager, "Maya Manager"),
    ]
    owed = open_commitments(user=homes.officer, as_of=now.date())
    assert [(c.commitment.action, c.standing) for c in owed] == [
        ("Apologise in writing", "open"),
        ("Pay £600 compensation", "open"),
        ("Review record keeping", "open"),
    ]
    record = ombudsman_record(case=referral, as_of=now.date())
    assert record.determination is not None
    assert [f.outcome for f in record.determination.findings] == [
        "severe maladministration",
        "maladministration",
    ]
    assert len(record.orders) == 3


def test_an_order_past_its_deadline_is_overdue(homes, now, referral):
    determination_record(
        actor=None, case=referral, occurred=DAY, findings=FINDINGS, orders=orders(homes)[:1], at=now
    )
    on_the_day = ombudsman_record(case=referral, as_of=dt.date(2024, 7, 1)).orders[0]
    day_after = ombudsman_record(case=referral, as_of=dt.date(2024, 7, 2)).orders[0]
    assert (on_the_day.standing, day_after.standing) == ("open", "overdue")


def _refused(homes, now, referral, **given):
    with appended() as events, pytest.raises(DomainError) as refused:
        determination_record(
            actor=None,
            case=referral,
            occurred=given.pop("occurred", DAY),
            findings=given.pop("findings", FINDINGS),
            orders=given.pop("orders", orders(homes)),
            at=now,
        )
    assert events == []
    assert Commitment.objects.filter(case=referral).count() == 0
    return refused.value


def test_an_order_without_a_deadline_or_an_owner_is_refused(homes, now, referral):
    no_deadline = _refused(homes, now, referral, orders=[OrderIn("Apologise", homes.manager)])
    assert (no_deadline.message, no_deadline.field) == (
        services.ORDER_NO_DEADLINE.format(n=1),
        "orders",
    )
    no_owner = _refused(
        homes, now, referral, orders=[*orders(homes)[:1], OrderIn("Pay", None, period="4_weeks")]
    )
    assert no_owner.message == services.ORDER_NO_OWNER.format(n=2)
    contractor = _refused(
        homes, now, referral, orders=[OrderIn("Pay", homes.contractor, period="4_weeks")]
    )
    assert contractor.message == services.ORDER_OWNER_CONTRACTOR.format(n=1)


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (OrderIn("", None, period="4_weeks"), services.ORDER_NO_ACTION.format(n=1)),
        (OrderIn("Pay", None, period="3_weeks"), services.ORDER_BAD_PERIOD.format(n=1)),
        (
            OrderIn("Pay", None, period="4_weeks", due=When.parse("2024-07-01")),
            services.ORDER_TWO_DEADLINES.format(n=1),
        ),
        (
            OrderIn("Pay", None, due=When.parse("2024-05")),
            services.ORDER_DUE_BEFORE.format(n=1, due="May 2024", day="3 June 2024"),
        ),
    ],
)
def test_an_order_must_say_what_and_by_when(homes, now, referral, order, message):
    assert _refused(homes, now, referral, orders=[order]).message == message


@pytest.mark.parametrize(
    ("findings", "message"),
    [
        ([], services.NO_FINDINGS),
        ([FindingIn(" ", "maladministration")], services.NO_TOPIC.format(n=1)),
        (
            [FINDINGS[0], FindingIn("repairs", "quite bad")],
            services.BAD_OUTCOME.format(
                n=2,
                allowed=(
                    "severe maladministration, maladministration, service failure, "
                    "reasonable redress, no maladministration, outside jurisdiction"
                ),
            ),
        ),
    ],
)
def test_findings_use_the_schemes_outcomes(homes, now, referral, findings, message):
    assert _refused(homes, now, referral, findings=findings).message == message


def test_the_determination_is_dated_to_the_day_after_the_referral_and_made_once(
    homes, now, referral
):
    vague = _refused(homes, now, referral, occurred=When.parse("2024-06"))
    assert (vague.message, vague.field) == (services.DETERMINATION_DAY, "occurred")
    early = _refused(homes, now, referral, occurred=When.parse("2024-01-02"))
    assert early.message == services.DETERMINATION_BEFORE_REFERRAL.format(
        day="2 January 2024", referred="14 May 2024, 10:30"
    )
    determination_record(
        actor=None, case=referral, occurred=DAY, findings=FINDINGS, orders=[], at=now
    )
    again = _refused(homes, now, referral)
    assert again.message == services.ALREADY_DETERMINED.format(
        reference=referral.reference, day="3 June 2024"
    )


def test_only_an_ombudsman_case_has_a_determination(homes, now):
    with pytest.raises(DomainError) as refused:
        determination_record(
            actor=None, case=homes.complaint, occurred=DAY, findings=FINDINGS, orders=[], at=now
        )
    assert refused.value.message == services.NOT_OMBUDSMAN.format(
        reference=homes.complaint.reference, kind="complaint"
    )

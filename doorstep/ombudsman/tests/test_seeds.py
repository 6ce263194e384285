"""The seed chronologies' Ombudsman records, imported: each determination's orders are on the
promise ledger with their deadlines, and the Ombudsman case reads back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doorstep.cases.models import Case
from doorstep.commitments.models import Commitment
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.ombudsman.selectors import ombudsman_record
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.django_db
IMPORTED_AT = dt.datetime(2024, 6, 3, 10, 30, tzinfo=LONDON)


def test_clarions_orders_list_with_their_deadlines(client, homes):
    chronology_import(doc=seed(CLARION), source_name=CLARION, at=IMPORTED_AT)
    orders = Commitment.objects.filter(kind="order").order_by("ref")
    assert [(o.ref, o.due_date) for o in orders] == [
        ("o1", dt.date(2023, 9, 8)),
        ("o2", dt.date(2023, 10, 6)),
        ("o3", dt.date(2023, 9, 8)),
        ("o4", dt.date(2023, 9, 8)),
        ("o5", dt.date(2023, 9, 8)),
        ("o6", dt.date(2023, 9, 8)),
        ("o7", dt.date(2023, 10, 6)),
        ("o8", dt.date(2023, 9, 8)),
        ("o9", dt.date(2023, 10, 6)),
    ]
    case = orders[0].case
    record = ombudsman_record(case=case, as_of=dt.date(2023, 9, 9))
    assert [f.outcome for f in record.determination.findings] == [
        "severe maladministration",
        "maladministration",
        "severe maladministration",
    ]
    assert {o.standing for o in record.orders} == {"open", "overdue"}
    assert len(record.sent_unmatched) == 1  # the landlord's evidence of March 2023
    client.force_login(homes.officer)
    listed = client.get(reverse("commitments:list") + "?as_of=2023-09-09").content.decode()
    assert "Chief Executive to apologise" in listed and "8 September 2023" in listed
    referrals = client.get(reverse("ombudsman:list") + "?as_of=2023-09-09").content.decode()
    assert case.reference in referrals and "Chief Executive to apologise" in referrals


def test_bromfords_determination_reads_back_with_its_orders(homes):
    chronology_import(doc=seed(BROMFORD), source_name=BROMFORD, at=IMPORTED_AT)
    case = Case.objects.get(case_type="ombudsman")
    record = ombudsman_record(case=case, as_of=dt.date(2024, 3, 21))
    assert record.referred is not None
    assert "record keeping" in [f.topic for f in record.determination.findings]
    assert all(o.commitment.due_date for o in record.orders)
    assert len(record.orders) == len(record.determination.orders)

"""Both seeds imported into the live record: each offer keeps its kind, method and bands, the
replay's findings land on it (Clarion rows 7-8; Bromford rows 3-4), and no request is left
unanswered (neither key expects `compensation.request_unanswered`)."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.models import Case
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed
from doorstep.remedies.selectors import compensation_for_case
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.django_db


def imported(name: str, day: str) -> None:
    moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(17), tzinfo=LONDON)
    chronology_import(doc=seed(name), source_name=name, at=moment)


def case_of(ref: str) -> Case:
    return ExternalRef.objects.get(kind=RefKind.CASE, ref=ref).case  # type: ignore[return-value]


def codes(offer) -> list[str]:
    return [f["code"] for f in offer.failures]


def test_clarion_offers_keep_kind_method_and_bands_with_their_findings():
    imported(CLARION, "2023-08-11")
    found = compensation_for_case(case=case_of("C2"), as_of=dt.date(2023, 8, 11))
    by_day = {(o.offered_on.isoformat(), o.kind): o for o in found.offers}
    first = by_day[("2022-03-24", "compensation")]
    assert (first.method, first.resident_asked_for_offset) == ("rent_account_if_arrears", False)
    assert [(p["band"], p["standing"]) for p in first.parts] == [
        ("considerable_service_failure", "below"),
        (None, None),
    ]
    assert codes(first) == ["compensation.below_policy", "compensation.offset_without_request"]
    stage2 = [o for o in found.offers if o.offered_on > dt.date(2022, 4, 1)]
    assert {o.kind for o in stage2} == {"compensation", "goodwill"}
    assert all(codes(o) == [] for o in stage2)
    assert [f for _, read in found.requests for f in (read or {}).get("failures", ())] == []


def test_bromford_refund_is_kept_apart_and_flagged_outside_the_process():
    imported(BROMFORD, "2024-03-21")
    refs = ExternalRef.objects.filter(kind=RefKind.CASE).values_list("ref", flat=True)
    day = dt.date(2024, 3, 21)
    offers = [o for ref in refs for o in compensation_for_case(case=case_of(ref), as_of=day).offers]
    [refund] = [o for o in offers if o.kind == "refund"]
    assert refund.counted_as_compensation is True  # as the landlord recorded it
    assert codes(refund) == [
        "compensation.refund_as_compensation",
        "compensation.outside_process",
    ]
    others = [o for o in offers if o.kind != "refund"]
    assert others and all(codes(o) == [] for o in others)

"""The lens on the live record: an imported chronology's findings, read back onto Doorstep's
cases, are the file's own (the live record and its file cannot disagree), by case and across
the household, with the topics regrouped from them."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from doorstep.cases.models import Case
from doorstep.deadlines.selectors import case_lens, household_lens
from doorstep.interchange.replay import replay
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import CLARION, seed

pytestmark = pytest.mark.django_db
IMPORTED_AT = dt.datetime(2024, 1, 2, 9, 0, tzinfo=dt.UTC)
DAY = dt.date(2023, 8, 11)


@pytest.fixture
def clarion():
    chronology_import(doc=seed(CLARION), source_name=CLARION, at=IMPORTED_AT)
    return Case.objects.select_related("household", "property")


def test_the_households_findings_are_the_files(clarion) -> None:
    household = clarion.first().household
    lens = household_lens(household=household, as_of=DAY)
    from_file = replay(seed(CLARION), as_of=DAY)["findings"]
    assert len(lens.findings) == len(from_file)
    assert Counter(f.code for f in lens.findings) == Counter(f["code"] for f in from_file)
    assert Counter(f.data["date"] for f in lens.findings) == Counter(f["date"] for f in from_file)
    # each names a Doorstep case, by its own reference
    references = {c.reference for c in clarion}
    assert {f.case.reference for f in lens.findings if f.case} <= references
    assert all(f.data["case"] == f.case.reference for f in lens.findings if f.case)
    assert [f.date for f in lens.findings] == sorted(f.date for f in lens.findings)
    topics = {t.topic: t for t in lens.topics}
    assert sum(t.count for t in lens.topics) == len(lens.findings)
    assert topics["complaint_handling"].count == 6


def test_a_cases_findings_are_its_own(clarion) -> None:
    household = clarion.first().household
    everything = household_lens(household=household, as_of=DAY)
    by_case = Counter(f.case.pk for f in everything.findings if f.case)
    case = Case.objects.get(pk=by_case.most_common(1)[0][0])
    lens = case_lens(case=case, as_of=DAY)
    assert len(lens.findings) == by_case[case.pk]
    assert {f.case for f in lens.findings} == {case}


def test_before_anything_went_wrong_there_is_nothing_to_find(clarion) -> None:
    household = clarion.first().household
    assert household_lens(household=household, as_of=dt.date(2021, 2, 1)).findings == []

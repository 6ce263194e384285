"""The Tenant Satisfaction Measures from records, for the landlord in conftest.py: each figure
as the definitions give it, the year's boundaries, one rule with the clocks, and an independent
count in raw SQL (written from the Regulator's definitions, not from the selector) that must
agree with every count the SQL can make: the counts per 1,000 homes, their denominator (homes at
the year end) and the proportions' denominators. Whether a response or a repair was in time
needs working days and the landlord's policy, which SQL cannot count: those numerators are
asserted from the fixture's dates and checked against the case's own clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from doorstep.deadlines.selectors import clocks_of
from doorstep.reports.selectors import Measure, reporting_year, tsm_year, year_of
from doorstep.reports.tests.conftest import AS_OF, Landlord


def test_a_reporting_year_runs_from_1_april_to_31_march():
    year = reporting_year(2024)
    assert (year.start, year.end) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    assert year.holds(dt.date(2024, 4, 1)) and year.holds(dt.date(2025, 3, 31))
    assert not year.holds(dt.date(2024, 3, 31)) and not year.holds(dt.date(2025, 4, 1))
    assert (year_of(dt.date(2025, 3, 31)), year_of(dt.date(2025, 4, 1))) == (2024, 2025)


def figures(report: Any) -> dict[str, tuple[int, int, str]]:
    return {m.code: (m.numerator, m.denominator, m.value_words) for m in report.measures}


def test_each_measure_for_the_year(landlord: Landlord):
    report = tsm_year(year=2024, as_of=AS_OF)
    assert report.homes == 2
    assert figures(report) == {
        # 1 April to 1 July 2024: four stage 1 complaints (the refused one is received too).
        "CH01 (1)": (4, 2, "2000.00 per 1,000 homes"),
        "CH01 (2)": (1, 2, "500.00 per 1,000 homes"),
        # In time: answered 5 April; answered 28 June within the valid extension. Late: 30 Aug.
        "CH02 (1)": (2, 3, "66.7%"),
        "CH02 (2)": (1, 1, "100.0%"),
        "RP02 (1)": (1, 2, "50.0%"),
        "RP02 (2)": (1, 1, "100.0%"),
        "NM01 (1)": (2, 2, "1000.00 per 1,000 homes"),
        "NM01 (2)": (1, 2, "500.00 per 1,000 homes"),
    }
    assert report.measure("ch02-1").value == Decimal("66.7")


def test_the_year_boundaries(landlord: Landlord):
    report = tsm_year(year=2024, as_of=AS_OF)
    received = {row.reference for row in report.measure("ch01-1").rows}
    assert landlord.complaints["march"].reference not in received  # 31 March 2024
    assert landlord.complaints["april"].reference in received  # 1 April 2024
    repairs = {row.reference for row in report.measure("rp02-1").rows}
    assert landlord.repairs["next_year"].reference not in repairs  # completed 2 April 2025
    emergency = {row.reference for row in report.measure("rp02-2").rows}
    assert emergency == {landlord.repairs["emergency"].reference}  # completed 31 March 2025
    opened = {row.reference for row in report.measure("nm01-1").rows}
    assert landlord.asb["late"].reference not in opened  # opened 1 April 2025
    assert landlord.asb["declined"].reference not in opened
    before = tsm_year(year=2023, as_of=AS_OF)
    assert [r.reference for r in before.measure("ch01-1").rows] == [
        landlord.complaints["march"].reference
    ]


def test_in_time_is_the_clock_on_the_case_page(landlord: Landlord):
    """One rule: the extended complaint's stage 1 response missed its original date but met
    the valid extension, and the report says in time exactly as the clock does."""
    case = landlord.complaints["extended"]
    (clock,) = [
        c for c in clocks_of([case], as_of=AS_OF).clocks if c.clock == "complaint.stage1.response"
    ]
    assert clock.data["extension_valid"] is True
    assert clock.original_due is not None and clock.stopped is not None
    assert clock.stopped > clock.original_due and not clock.breached
    rows = {row.reference: row for row in tsm_year(year=2024, as_of=AS_OF).measure("ch02-1").rows}
    assert rows[case.reference].in_time is True
    assert rows[landlord.complaints["late"].reference].in_time is False


def test_the_self_assessment_figures(landlord: Landlord):
    stage1, stage2 = tsm_year(year=2024, as_of=AS_OF).self_assessment
    assert (stage1.received, stage1.answered, stage1.answered_in_time) == (4, 3, 2)
    assert (stage1.extended, stage1.refused) == (1, 1)
    assert (stage2.received, stage2.answered, stage2.answered_in_time) == (1, 1, 1)


def test_an_unknown_measure_is_refused(landlord: Landlord):
    with pytest.raises(KeyError):
        tsm_year(year=2024, as_of=AS_OF).measure("xx99")


def test_a_year_not_over_says_so(landlord: Landlord):
    assert tsm_year(year=2024, as_of=dt.date(2024, 12, 1)).notes


# --- the independent count -------------------------------------------------------------------


def _scalar(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def sql_counts(year: int) -> dict[str, int]:
    """Counted from the tables, from the definitions: the year is [1 April 00:00 London,
    1 April next 00:00 London); homes are dwellings (flat, maisonette, house, bungalow)
    held at the year end: on record by then, or let by then (a tenancy started)."""
    span = reporting_year(year)
    adapt = connection.ops.adapt_datetimefield_value
    start, end = adapt(span.start_moment), adapt(span.end_moment)
    homes = _scalar(
        "SELECT COUNT(*) FROM properties_property p "
        "WHERE p.kind IN ('flat', 'maisonette', 'house', 'bungalow') AND (p.created_at < %s "
        "OR EXISTS (SELECT 1 FROM residents_tenancy t WHERE t.property_id = p.id "
        "AND t.start <= %s))",
        [end, span.end],
    )
    stage1 = _scalar(
        "SELECT COUNT(*) FROM complaints_complaint c "
        "JOIN timeline_event e ON e.id = c.received_event_id AND e.kind = 'complaint.received' "
        "WHERE c.received_at >= %s AND c.received_at < %s",
        [start, end],
    )
    stage2 = _scalar(
        "SELECT COUNT(*) FROM timeline_event WHERE kind = 'complaint.escalated' "
        "AND occurred_earliest >= %s AND occurred_earliest < %s",
        [start, end],
    )
    answered = {
        n: _scalar(
            "SELECT COUNT(DISTINCT case_id) FROM timeline_event "
            "WHERE kind = 'complaint.response' AND CAST(data ->> 'stage' AS INTEGER) = %s "
            "AND occurred_earliest >= %s AND occurred_earliest < %s",
            [n, start, end],
        )
        for n in (1, 2)
    }
    # Responsive repairs completed in the year, by the priority of the report of their job.
    repairs = {
        emergency: _scalar(
            "SELECT COUNT(*) FROM timeline_event done JOIN timeline_event rep "
            "ON rep.case_id = done.case_id AND rep.kind = 'repair.reported' "
            "AND (rep.data ->> 'job') = (done.data ->> 'job') "
            "WHERE done.kind = 'works.completed' "
            "AND done.occurred_earliest >= %s AND done.occurred_earliest < %s "
            "AND (rep.data ->> 'priority') IN (%s, %s)",
            [start, end, *priorities],
        )
        for emergency, priorities in ((False, ("urgent", "routine")), (True, ("emergency",) * 2))
    }
    asb = {
        hate: _scalar(
            "SELECT COUNT(*) FROM asb_asbcase a JOIN timeline_event e "
            "ON e.case_id = a.case_id AND e.kind = 'asb.case_opened' "
            "WHERE e.occurred_earliest >= %s AND e.occurred_earliest < %s "
            "AND (%s = 0 OR a.category = 'hate')",
            [start, end, int(hate)],
        )
        for hate in (False, True)
    }
    return {
        "homes": homes,
        "CH01 (1)": stage1,
        "CH01 (2)": stage2,
        "CH02 (1)": answered[1],
        "CH02 (2)": answered[2],
        "RP02 (1)": repairs[False],
        "RP02 (2)": repairs[True],
        "NM01 (1)": asb[False],
        "NM01 (2)": asb[True],
    }


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_the_figures_agree_with_an_independent_sql_count(landlord: Landlord, year: int):
    counted = sql_counts(year)
    report = tsm_year(year=year, as_of=AS_OF)
    assert report.homes == counted["homes"]
    for m in report.measures:
        if m.per_thousand:  # a count per 1,000 homes: the count, and the homes
            assert (m.code, m.numerator, m.denominator) == (
                m.code,
                counted[m.code],
                counted["homes"],
            )
        else:  # a proportion: of every response sent, or repair completed, in the year
            assert (m.code, m.denominator) == (m.code, counted[m.code])
    if year == 2024:  # the SQL is not vacuous: the fixture's year has a case of each
        assert all(counted[code] for code in counted)


def test_a_value_is_rounded_half_up_and_absent_with_nothing_to_divide_by():
    def measure(numerator: int, denominator: int, per_thousand: bool) -> Measure:
        return Measure("X", "x", "X", per_thousand, numerator, denominator, "", "", "")

    assert measure(1, 3, True).value == Decimal("333.33")
    assert measure(1, 8, False).value == Decimal("12.5")
    assert measure(1, 16, False).value == Decimal("6.3")  # 6.25 half up
    assert measure(0, 0, False).value is None
    assert measure(0, 0, True).value_words == "No figure (nothing to divide by)"

"""The Tenant Satisfaction Measures for a generated landlord agree with an independent count.

The landlord: the first 50 households of the synthetic landlord of seed 8 (three years to 31
March 2026, `doorstep.generate.synth`) that have a complaint or an anti-social behaviour case,
imported once for the module through the bulk importer. Choosing those households makes every
measure count something in every reporting year at a size CI imports in under a minute; the homes
are still the generator's, with all their repairs, damp reports and everything else.

The independent count reads the record itself (`timeline_event`, and the property and tenancy
tables for the homes) in raw SQL, from the Regulator's definitions as docs/reports.md gives
them, and decides "in time" with its own working-day arithmetic over the `holidays` package:
the count calls none of the report's selectors, the clocks or Doorstep's working-day calendar. It
covers the generator's data and no more: every date it reads is a whole day (asserted), no
extension the generator records is valid (asserted: none is agreed with the resident), and
the landlord's policy sets no timescale of its own (the generator's policy holds only
compensation bands), so the timescales are the Code's and Doorstep's default repair targets.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import holidays
import pytest
from django.db import connection, transaction
from django.test import override_settings

from doorstep.generate.synth import portfolio
from doorstep.interchange.services import chronologies_import
from doorstep.reports.selectors import TsmReport, tsm_year
from doorstep.timeline.when import LONDON

SEED = 8
HOUSEHOLDS = 50
YEARS = 3
UNTIL = dt.date(2026, 3, 31)
AT = dt.datetime(2026, 10, 31, 9, 0, tzinfo=LONDON)  # imported after the last event
AS_OF = AT.date()
WHOLE_YEARS = (2023, 2024, 2025)  # the generated history covers these years whole
CHECKED = (2022, *WHOLE_YEARS, 2026)  # and the years either side must agree too (nothing, or
# the last cases' tail)

# --- the Regulator's definitions, as Doorstep reads them (docs/reports.md) ------------------

HOME_KINDS = ("flat", "maisonette", "house", "bungalow")
CODE_2024 = dt.date(2024, 4, 1)  # the Complaint Handling Code 2024 applies to complaints
# received from this day; an escalation keeps the Code its complaint was received under
ACK_WORKING_DAYS = 5  # both stages, both Codes (Doorstep's default for the earlier Code)
RESPONSE_WORKING_DAYS = {1: 10, 2: 20}
REPAIR_WORKING_DAYS = {"urgent": 5, "routine": 20}  # Doorstep's default targets
# An emergency repair: 24 hours; from a report with no time of day, the end of its day, so due
# by the end of the next day.
EMERGENCY_DAYS = 1
RESPONSIVE = ("emergency", "urgent", "routine")
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2021, 2029))


def working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def plus_working_days(day: dt.date, n: int) -> dt.date:
    """The nth working day after `day`."""
    while n:
        day += dt.timedelta(days=1)
        n -= working(day)
    return day


def busy(doc: dict[str, Any]) -> bool:
    return any(e["kind"] in ("complaint.received", "asb.reported") for e in doc["events"])


def households() -> list[dict[str, Any]]:
    found = (doc for doc in portfolio(seed=SEED, homes=5000, years=YEARS, until=UNTIL) if busy(doc))
    return list(itertools.islice(found, HOUSEHOLDS))


@pytest.fixture(scope="module")
def _imported(django_db_setup: Any, django_db_blocker: Any) -> Iterator[list[dict[str, Any]]]:
    """The landlord imported once for the module, rolled back after it."""
    docs = households()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            report = chronologies_import(
                records=((doc["tenancies"][0]["ref"], doc) for doc in docs), at=AT
            )
            assert (report.imported, report.refused) == (HOUSEHOLDS, [])
            yield docs
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def generated(_imported: list[dict[str, Any]], db: None) -> list[dict[str, Any]]:
    return _imported


_REPORTS: dict[int, TsmReport] = {}


@pytest.fixture
def reports(generated: list[dict[str, Any]]) -> dict[int, TsmReport]:
    """Each checked year's report, made once for the module (the replay is the slow part)."""
    if not _REPORTS:
        _REPORTS.update({year: tsm_year(year=year, as_of=AS_OF) for year in CHECKED})
    return _REPORTS


# --- the independent count -------------------------------------------------------------------


def rows(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return list(cursor.fetchall())


def day_of(text: str, precision: str) -> dt.date:
    """A whole day as the record gives it (the generator gives nothing finer)."""
    assert precision == "day", (text, precision)
    return dt.date.fromisoformat(text[:10])


def year_of(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


# The events that count: a correction replaces what it supersedes.
CURRENT = "NOT EXISTS (SELECT 1 FROM timeline_event c WHERE c.supersedes_id = e.id)"


@dataclass
class Counted:
    numerator: int
    denominator: int


def counted_homes(year: int) -> int:
    """Dwellings held at the year end: on record by then, or let by then."""
    end = dt.datetime.combine(dt.date(year + 1, 4, 1), dt.time.min, tzinfo=LONDON)
    ((n,),) = rows(
        "SELECT COUNT(*) FROM properties_property p WHERE p.kind IN (%s, %s, %s, %s) "
        "AND (p.created_at < %s OR EXISTS (SELECT 1 FROM residents_tenancy t "
        "WHERE t.property_id = p.id AND t.start <= %s))",
        [*HOME_KINDS, connection.ops.adapt_datetimefield_value(end), dt.date(year + 1, 3, 31)],
    )
    return int(n)


def complaint_events() -> dict[int, dict[str, list[tuple[int, dt.date, dict[str, Any]]]]]:
    """Every current complaint event by case and kind: (stage, day, data)."""
    found: dict[int, dict[str, list[tuple[int, dt.date, dict[str, Any]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for case, kind, stage, text, precision, data in rows(
        "SELECT e.case_id, e.kind, CAST(e.data ->> 'stage' AS INTEGER), e.occurred_text, "  # noqa: S608 (constant SQL, no input in it)
        f"e.occurred_precision, e.data FROM timeline_event e WHERE e.kind LIKE %s "
        f"AND {CURRENT} ORDER BY e.occurred_earliest, e.id",
        ["complaint.%"],
    ):
        payload = data if isinstance(data, dict) else _json(data)
        found[case][kind].append((stage or 1, day_of(text, precision), payload))
    return found


def _json(raw: Any) -> dict[str, Any]:
    return dict(json.loads(raw))


def response_due(
    events: dict[str, list[tuple[int, dt.date, dict[str, Any]]]], stage: int
) -> dt.date:
    """When the Code wanted the stage's response. Stage 1 opens with the receipt, stage 2 with
    the resident's request to escalate. Under the 2024 Code the response is counted from the
    acknowledgement (or, with none in time, from when it was due); under the earlier Code from
    the opening itself."""
    (received,) = [day for s, day, _ in events["complaint.received"] if s == 1]
    opened = received if stage == 1 else events["complaint.escalated"][0][1]
    if received < CODE_2024:
        return plus_working_days(opened, RESPONSE_WORKING_DAYS[stage])
    ack_due = plus_working_days(opened, ACK_WORKING_DAYS)
    acks = [day for s, day, _ in events["complaint.acknowledged"] if s == stage and day >= opened]
    start = acks[0] if acks and acks[0] <= ack_due else ack_due
    return plus_working_days(start, RESPONSE_WORKING_DAYS[stage])


def counted_complaints(year: int) -> dict[str, Counted]:
    found = complaint_events()
    received = {1: 0, 2: 0}
    answered = {1: 0, 2: 0}
    in_time = {1: 0, 2: 0}
    for events in found.values():
        for _, _, data in events["complaint.extended"]:
            assert data.get("agreed_with_resident") is not True, data  # none valid (see top)
        received[1] += sum(
            1 for s, day, _ in events["complaint.received"] if s == 1 and year_of(day) == year
        )
        received[2] += sum(1 for _, day, _ in events["complaint.escalated"] if year_of(day) == year)
        for stage in (1, 2):
            responses = [day for s, day, _ in events["complaint.response"] if s == stage]
            if responses and year_of(responses[0]) == year:
                answered[stage] += 1
                in_time[stage] += responses[0] <= response_due(events, stage)
    return {
        "CH01 (1)": Counted(received[1], counted_homes(year)),
        "CH01 (2)": Counted(received[2], counted_homes(year)),
        "CH02 (1)": Counted(in_time[1], answered[1]),
        "CH02 (2)": Counted(in_time[2], answered[2]),
    }


def counted_repairs(year: int) -> dict[str, Counted]:
    """Responsive repairs (emergency, urgent, routine: a reported defect the landlord puts
    right, planned work is not one) completed in the year, each job once: the completion's
    `completed_on`, unless a later verification found the work not done. Priority and start:
    the report naming the job, else the job as raised."""
    jobs = rows(
        "SELECT e.data ->> 'job', COALESCE(e.data ->> 'completed_on', e.occurred_text), "  # noqa: S608 (constant SQL)
        "e.occurred_precision, "
        "COALESCE((SELECT r.data ->> 'priority' FROM timeline_event r "
        "  WHERE r.kind = 'repair.reported' AND r.data ->> 'job' = e.data ->> 'job'), "
        "  (SELECT w.data ->> 'priority' FROM timeline_event w "
        "  WHERE w.kind = 'works.raised' AND w.data ->> 'job' = e.data ->> 'job')), "
        "COALESCE((SELECT r.occurred_text FROM timeline_event r "
        "  WHERE r.kind = 'repair.reported' AND r.data ->> 'job' = e.data ->> 'job'), "
        "  (SELECT w.occurred_text FROM timeline_event w "
        "  WHERE w.kind = 'works.raised' AND w.data ->> 'job' = e.data ->> 'job')) "
        "FROM timeline_event e WHERE e.kind = 'works.completed' AND " + CURRENT + " "
        "AND NOT EXISTS (SELECT 1 FROM timeline_event v WHERE v.kind = 'works.verified' "
        "  AND v.data ->> 'job' = e.data ->> 'job' AND v.data ->> 'result' = 'not_done' "
        "  AND v.occurred_earliest >= e.occurred_earliest)"
    )
    seen: set[str] = set()
    out = {"RP02 (1)": Counted(0, 0), "RP02 (2)": Counted(0, 0)}
    for job, done_text, precision, priority, start_text in jobs:
        assert job not in seen, job  # one completion a job in the generated record
        seen.add(job)
        done = day_of(done_text, precision)
        if priority not in RESPONSIVE or year_of(done) != year:
            continue
        start = dt.date.fromisoformat(start_text[:10])
        if priority == "emergency":
            due = start + dt.timedelta(days=EMERGENCY_DAYS)
        else:
            due = plus_working_days(start, REPAIR_WORKING_DAYS[priority])
        measure = out["RP02 (2)" if priority == "emergency" else "RP02 (1)"]
        measure.denominator += 1
        measure.numerator += done <= due
    return out


def counted_asb(year: int) -> dict[str, Counted]:
    """ASB cases opened in the year (a report declined or undecided is no case), and those whose
    report is of a hate incident."""
    opened = rows(
        "SELECT e.occurred_text, e.occurred_precision, (SELECT r.data ->> 'category' "
        "FROM timeline_event r WHERE r.case_id = e.case_id AND r.kind = 'asb.reported') "
        "FROM timeline_event e WHERE e.kind = 'asb.case_opened' AND " + CURRENT
    )
    days = [(day_of(text, precision), category) for text, precision, category in opened]
    homes = counted_homes(year)
    return {
        "NM01 (1)": Counted(sum(year_of(d) == year for d, _ in days), homes),
        "NM01 (2)": Counted(sum(year_of(d) == year and c == "hate" for d, c in days), homes),
    }


def independent(year: int) -> dict[str, Counted]:
    return {
        **counted_complaints(year),
        **counted_repairs(year),
        **counted_asb(year),
    }


# --- the tests -------------------------------------------------------------------------------


def test_the_landlord_is_the_generated_one(generated: list[dict[str, Any]]):
    ((homes,),) = rows(
        "SELECT COUNT(*) FROM properties_property WHERE kind IN (%s, %s, %s, %s)", HOME_KINDS
    )
    assert homes == HOUSEHOLDS
    # Imported after the history it holds: its homes count in past years only because they
    # were let then (docs/reports.md, "The year and the homes").
    ((late,),) = rows(
        "SELECT COUNT(*) FROM properties_property WHERE created_at < %s",
        [connection.ops.adapt_datetimefield_value(AT)],
    )
    assert late == 0
    assert [counted_homes(year) for year in WHOLE_YEARS] == [HOUSEHOLDS] * 3


@pytest.mark.parametrize("year", CHECKED)
def test_every_figure_agrees_with_the_independent_count(
    generated: list[dict[str, Any]], reports: dict[int, TsmReport], year: int
):
    report = reports[year]
    counted = independent(year)
    assert report.homes == counted_homes(year)
    figures = {m.code: (m.numerator, m.denominator) for m in report.measures}
    assert figures == {code: (c.numerator, c.denominator) for code, c in counted.items()}


@pytest.mark.parametrize("year", WHOLE_YEARS)
def test_each_whole_year_has_something_to_count_in_every_measure(
    generated: list[dict[str, Any]], reports: dict[int, TsmReport], year: int
):
    """Not vacuous: every figure of every whole year divides something by something."""
    for measure in reports[year].measures:
        assert measure.denominator > 0, measure.code
        if measure.per_thousand:
            assert measure.numerator > 0, measure.code


def test_every_proportion_has_cases_in_time_and_cases_late(
    generated: list[dict[str, Any]], reports: dict[int, TsmReport]
):
    """Nor vacuous in time: over the years, every proportion counts some cases in time and
    leaves some out as late."""
    for code in ("CH02 (1)", "CH02 (2)", "RP02 (1)", "RP02 (2)"):
        chosen = [m for year in WHOLE_YEARS for m in reports[year].measures if m.code == code]
        assert sum(m.numerator for m in chosen) > 0, code
        assert sum(m.denominator - m.numerator for m in chosen) > 0, code


@pytest.mark.parametrize("year", CHECKED)
def test_a_later_day_gives_the_same_figures_from_the_clocks_kept(
    generated: list[dict[str, Any]], reports: dict[int, TsmReport], year: int
):
    """Nothing recorded since: asked a month later, the year reads the clocks the first reading
    kept (ADR 19, slice 3; where the test's transaction lets them be kept: SQLite's, not
    PostgreSQL's at READ COMMITTED) and says, case by case, what the same day says with every
    home replayed afresh, and what the report checked against the independent count says."""
    first = tsm_year(year=year, as_of=AS_OF)  # kept in this test's own transaction
    later = tsm_year(year=year, as_of=AS_OF + dt.timedelta(days=31))
    with override_settings(DOORSTEP_KEEP_REPLAYS=False):
        fresh = tsm_year(year=year, as_of=AS_OF + dt.timedelta(days=31))
    if connection.vendor == "sqlite":
        assert (later.homes_kept, later.homes_made) == (first.homes_kept + first.homes_made, 0)
        assert later.homes_kept > 0 or year not in WHOLE_YEARS
    assert fresh.homes_kept == 0
    for one, other in ((later, fresh), (later, reports[year])):
        for now, then in zip(one.measures, other.measures, strict=True):
            assert (now.code, now.numerator, now.denominator, now.rows) == (
                then.code,
                then.numerator,
                then.denominator,
                then.rows,
            )

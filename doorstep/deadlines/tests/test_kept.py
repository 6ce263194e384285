"""Replays kept for a day (ADR 19, `deadlines.kept`): a page read from kept replays says exactly
what it says made afresh; a change to a home's record is never answered from a kept replay;
nothing is kept where the snapshot could not vouch for it, or where keeping is turned off.
(That every service moves the stamp of every export it changes is `test_stamps_hold`'s.)"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import override_settings

from doorstep.cases.models import Case
from doorstep.cases.services import note_add, record_on_case
from doorstep.deadlines.kept import forget_before
from doorstep.deadlines.models import KeptReplay
from doorstep.deadlines.selectors import MEMBERS, Clocks, clocks_of
from doorstep.demo.loader import load_demo
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, SEEDS, seed
from doorstep.testing.kept import keeps_replays

AT = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 23)


def _said(found: Clocks) -> str:
    """Everything the clocks say, case by case, as text to compare."""
    out: dict[str, Any] = {
        member: [(item.case.reference if item.case else None, item.data) for item in items]
        for member in MEMBERS
        if (items := getattr(found, member))
    }
    out["vulnerable_from"] = sorted(found.vulnerable_from.items())
    out["notes"] = found.notes
    return json.dumps(out, sort_keys=True, default=str)


def _record() -> None:
    load_demo(today=TODAY)
    for name in (BROMFORD, CLARION):
        chronology_import(doc=seed(name), source_name=name, at=AT)


def _cases() -> list[Case]:
    return list(Case.objects.select_related("household", "property").order_by("pk"))


def _timed(as_of: dt.date) -> tuple[Clocks, dict[str, float]]:
    timings: dict[str, float] = {}
    return clocks_of(_cases(), as_of=as_of, chunk=3, timings=timings), timings


pytestmark = keeps_replays  # outside the test's own transaction on PostgreSQL


@pytest.mark.parametrize("as_of", [TODAY, dt.date.fromisoformat(SEEDS[CLARION])])
def test_a_kept_replay_says_exactly_what_a_fresh_one_says(as_of: dt.date) -> None:
    _record()
    cold, made = _timed(as_of)
    homes = made["homes made"]
    assert homes >= 8 and made["homes kept"] == 0
    assert KeptReplay.objects.filter(as_of=as_of).count() == homes
    warm, kept = _timed(as_of)
    assert kept["homes kept"] == homes and kept["homes made"] == 0
    assert _said(warm) == _said(cold)
    assert warm.findings and warm.clocks  # not vacuous
    with override_settings(DOORSTEP_KEEP_REPLAYS=False):
        assert _said(clocks_of(_cases(), as_of=as_of)) == _said(cold)


def test_a_change_to_a_home_is_never_answered_from_its_kept_replay() -> None:
    _record()
    _timed(TODAY)
    complaint = Case.objects.filter(case_type="complaint", household__isnull=False).first()
    assert complaint is not None
    record_on_case(
        case=complaint,
        kind="complaint.acknowledged",
        data={"stage": 1},
        actor=None,
        at=AT,
    )
    found, timings = _timed(TODAY)
    assert timings["homes made"] == 1  # that home alone
    with override_settings(DOORSTEP_KEEP_REPLAYS=False):
        assert _said(clocks_of(_cases(), as_of=TODAY)) == _said(found)
    # A note too: the home's stream's head moves, and the replay is made again.
    note_add(actor=None, case=complaint, text="Rang the resident", at=AT)
    _, timings = _timed(TODAY)
    assert timings["homes made"] == 1


def test_nothing_is_kept_where_keeping_is_off_or_the_snapshot_cannot_vouch_for_it() -> None:
    _record()
    with override_settings(DOORSTEP_KEEP_REPLAYS=False):
        _timed(TODAY)
    assert not KeptReplay.objects.exists()
    with transaction.atomic():  # a transaction at READ COMMITTED: PostgreSQL's cannot vouch
        _timed(TODAY)
        kept = KeptReplay.objects.exists()
    assert kept == (connection.vendor != "postgresql")


def test_the_days_before_a_day_are_forgotten() -> None:
    _record()
    _timed(TODAY - dt.timedelta(days=2))
    _timed(TODAY)
    made = KeptReplay.objects.filter(as_of=TODAY).count()
    assert forget_before(TODAY - dt.timedelta(days=1)) == made
    assert set(KeptReplay.objects.values_list("as_of", flat=True)) == {TODAY}

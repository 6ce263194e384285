"""Awaab's Law's scope as data: phase 1 from 27 October 2025; later phases not yet in force."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.policy.awaab import HHSRS, PHASES, emergency_in_scope, significant_in_scope

BEFORE, FROM = dt.date(2025, 10, 26), dt.date(2025, 10, 27)
LATER = dt.date(2030, 1, 1)


def test_the_29_hhsrs_hazards_are_named_once_each_and_the_phases_cover_them():
    assert len(HHSRS) == 29
    covered = set().union(*(p.significant for p in PHASES))
    assert set(HHSRS) - covered == {"crowding_space"}


def test_phase_1_covers_significant_damp_and_mould_from_27_october_2025():
    assert significant_in_scope("damp_mould", BEFORE) is None
    phase = significant_in_scope("damp_mould", FROM)
    assert phase is not None and phase.number == 1 and "Awaab" in phase.source


@pytest.mark.parametrize("hazard", ["fire", "excess_cold", "electrical", "falls", "noise", "lead"])
def test_later_phases_are_not_applied_until_their_dates_are_confirmed(hazard):
    assert significant_in_scope(hazard, LATER) is None
    assert [p.in_force_from for p in PHASES[1:]] == [None, None]
    assert all("not yet confirmed" in p.expected for p in PHASES[1:])


@pytest.mark.parametrize("hazard", ["fire", "electrical", "damp_mould", "carbon_monoxide", "x"])
def test_emergencies_of_every_hazard_but_crowding_are_in_scope_from_phase_1(hazard):
    assert emergency_in_scope(hazard, BEFORE) is None
    assert emergency_in_scope(hazard, FROM) is PHASES[0]


@pytest.mark.parametrize("hazard", ["crowding_space", "crowding", "crowding_and_space"])
def test_crowding_and_space_is_never_an_awaab_emergency(hazard):
    assert emergency_in_scope(hazard, LATER) is None

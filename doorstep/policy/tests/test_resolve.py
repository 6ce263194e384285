from __future__ import annotations

import datetime as dt

import pytest

from doorstep.policy.defaults import BY_KEY, KEYS, SHORTER_FOR_VULNERABLE
from doorstep.policy.resolve import (
    BAD_BAND,
    DERIVED_NOTE,
    DERIVED_SOURCE,
    NOT_OVERRIDABLE,
    SHORTER,
    Override,
    check_override,
    resolve,
    resolve_for_vulnerable,
)

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("definition", KEYS, ids=lambda k: k.key)
def test_every_default_has_a_source_and_a_meaning(definition):
    assert definition.meaning
    for version in definition.versions:
        assert version.source and len(version.source) > 10
    if definition.overridable:
        assert resolve(definition.key, TODAY).source


def test_the_code_in_force_depends_on_the_date():
    before = resolve("complaints.stage1.response_working_days", dt.date(2021, 6, 30))
    after = resolve("complaints.stage1.response_working_days", dt.date(2024, 4, 1))
    assert before.value == after.value == 10
    assert "2020" in before.source and "2024" in after.source


def test_a_policy_change_dated_today_does_not_change_how_a_2021_case_is_judged():
    stricter = Override("complaints.stage1.response_working_days", 8, TODAY, "Board, Nov 2026")
    in_2021 = resolve("complaints.stage1.response_working_days", dt.date(2021, 6, 30), [stricter])
    assert (in_2021.value, in_2021.overridden) == (10, False)
    now = resolve("complaints.stage1.response_working_days", TODAY, [stricter])
    assert (now.value, now.overridden, now.source) == (8, True, "Board, Nov 2026")


def test_a_landlord_cannot_be_less_strict_than_the_statutory_code():
    laxer = Override("complaints.stage1.response_working_days", 15, None, "Old policy")
    assert (
        resolve("complaints.stage1.response_working_days", dt.date(2023, 1, 5), [laxer]).value == 15
    )
    resolved = resolve("complaints.stage1.response_working_days", TODAY, [laxer])
    assert resolved.value == 10 and "less strict" in resolved.note


def test_awaabs_law_applies_from_27_october_2025_and_cannot_be_overridden():
    with pytest.raises(LookupError):
        resolve("hazards.investigation_working_days", dt.date(2025, 10, 26))
    assert resolve("hazards.investigation_working_days", dt.date(2025, 10, 27)).value == 10
    with pytest.raises(ValueError) as info:
        check_override(Override("hazards.investigation_working_days", 20, None, "x"))
    source = resolve("hazards.investigation_working_days", TODAY).source
    assert str(info.value) == NOT_OVERRIDABLE.format(
        key="hazards.investigation_working_days", source=source
    )


def test_compensation_bands_are_the_landlords_own():
    band = Override(
        "compensation.band.minor_service_failure",
        {"min": 50, "max": 250, "examples": "Not replying"},
        None,
        "Clarion policy",
    )
    check_override(band)
    assert resolve("compensation.band.minor_service_failure", TODAY, [band]).value["min"] == 50
    with pytest.raises(ValueError, match=BAD_BAND):
        check_override(Override("compensation.band.x", {"min": 300, "max": 100}, None, "x"))


def test_an_unknown_key_names_the_known_ones():
    with pytest.raises(KeyError, match="is not a policy key"):
        resolve("complaints.stage3.response_working_days", TODAY)


# --- derived keys -------------------------------------------------------------------------------
RISK, FIRST = "asb.risk_assessment_days", "asb.first_response_days"


def test_a_derived_key_takes_its_parents_default():
    found = resolve(RISK, TODAY)
    assert (found.value, found.overridden) == (resolve(FIRST, TODAY).value, False)
    assert found.source == DERIVED_SOURCE.format(parent=FIRST, source=resolve(FIRST, TODAY).source)


def test_the_landlords_value_of_the_parent_flows_through():
    first = Override(FIRST, 2, dt.date(2024, 1, 1), "ASB policy 2024")
    found = resolve(RISK, TODAY, [first])
    assert (found.value, found.source, found.overridden) == (2, "ASB policy 2024", True)
    assert found.note == DERIVED_NOTE.format(key=RISK, parent=FIRST)
    assert resolve(RISK, dt.date(2023, 12, 31), [first]).value == 5


def test_the_landlords_value_of_the_derived_key_wins_from_its_date():
    first = Override(FIRST, 2, None, "ASB policy")
    own = Override(RISK, 7, dt.date(2025, 1, 1), "ASB policy 2025, 5.3")
    assert resolve(RISK, dt.date(2024, 12, 31), [first, own]).value == 2
    found = resolve(RISK, dt.date(2025, 1, 1), [first, own])
    assert (found.value, found.source, found.note) == (7, "ASB policy 2025, 5.3", "")


def test_declarations_name_keys_that_exist_in_the_same_unit():
    for definition in KEYS:
        for other in (definition.derived_from, definition.shortens):
            if other is not None:
                assert BY_KEY[other].unit is definition.unit


# --- shorter timescales for a vulnerable household ------------------------------------------
ROUTINE, SHORT = "repairs.routine.working_days", "repairs.routine.vulnerable_working_days"


def test_by_default_no_shorter_timescale_is_set():
    found = resolve(SHORT, TODAY)
    assert found.value is None and "landlord's policy may set it" in found.source
    assert SHORTER_FOR_VULNERABLE[ROUTINE] == SHORT
    assert resolve_for_vulnerable(ROUTINE, TODAY, [], disclosure="e1") == resolve(ROUTINE, TODAY)


def test_the_landlords_shorter_timescale_applies_to_a_vulnerable_household():
    short = Override(SHORT, 10, dt.date(2025, 1, 1), "Repairs policy v5, 6.1")
    found = resolve_for_vulnerable(ROUTINE, TODAY, [short], disclosure="e1")
    assert (found.key, found.value, found.source) == (SHORT, 10, "Repairs policy v5, 6.1")
    assert found.note == SHORTER.format(disclosure="e1", key=SHORT, value=10, usual=20)
    assert (
        resolve_for_vulnerable(ROUTINE, dt.date(2024, 12, 31), [short], disclosure="e1").value == 20
    )


def test_a_key_with_no_shorter_timescale_is_unchanged():
    assert resolve_for_vulnerable(FIRST, TODAY, [], disclosure="e1") == resolve(FIRST, TODAY)


def test_a_shorter_timescale_must_be_a_whole_number():
    with pytest.raises(ValueError, match="whole number above 0"):
        check_override(Override(SHORT, None, None, "x"))


def test_among_values_from_the_same_date_the_one_recorded_last_wins():
    first = Override("repairs.routine.working_days", 15, None, "Policy v1 (mistyped)")
    second = Override("repairs.routine.working_days", 12, None, "Policy v1 (corrected)")
    resolved = resolve("repairs.routine.working_days", TODAY, [first, second])
    assert (resolved.value, resolved.source) == (12, "Policy v1 (corrected)")

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.policy.defaults import KEYS
from doorstep.policy.resolve import (
    BAD_BAND,
    NOT_OVERRIDABLE,
    Override,
    check_override,
    resolve,
)

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("definition", KEYS, ids=lambda k: k.key)
def test_every_default_has_a_source_and_a_meaning(definition):
    assert definition.meaning
    for version in definition.versions:
        assert version.source and len(version.source) > 10


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

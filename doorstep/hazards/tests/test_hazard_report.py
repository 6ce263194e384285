"""`hazard_report`: opens a hazard case (or adds to one) and writes `hazard.reported`."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.services import case_close, case_open
from doorstep.core.errors import DomainError
from doorstep.hazards import services
from doorstep.hazards.choices import HAZARD_NAMES
from doorstep.hazards.models import Hazard
from doorstep.hazards.services import hazard_report
from doorstep.hazards.tests.helpers import kinds_on
from doorstep.timeline.when import When


def _report(homes, now, **over):
    args = {
        "actor": homes.officer,
        "household": homes.other,
        "hazard": "excess_cold",
        "location": "Back bedroom",
        "description": "The radiator has not worked since October.",
        "occurred": When.at(now),
        "at": now,
    }
    return hazard_report(**{**args, **over})


def test_the_29_hhsrs_hazards():
    assert len(HAZARD_NAMES) == 29
    assert {"damp_mould", "excess_cold", "fire", "electrical", "falls_stairs"} <= HAZARD_NAMES


def test_a_report_opens_a_hazard_case_and_writes_the_report(homes, now):
    hazard = _report(homes, now)
    case = hazard.case
    assert case.case_type == "hazard" and case.reference.startswith("HAZ-2025-")
    assert case.title == "Excess cold: Back bedroom"
    assert kinds_on(case) == ["case.opened", "hazard.reported"]
    event = case.events.get(kind="hazard.reported")
    assert event.data == {
        "hazard": "excess_cold",
        "location": "Back bedroom",
        "description": "The radiator has not worked since October.",
    }
    assert hazard.reported_event == event
    assert hazard.reported_at == now
    assert hazard.severity == "" and hazard.decant == ""


def test_a_second_hazard_is_added_to_the_existing_case(homes, now, mould):
    later = now + dt.timedelta(hours=1)
    second = _report(
        homes, later, household=homes.vulnerable, case=mould.case, hazard="falls_stairs"
    )
    assert second.case == mould.case
    assert kinds_on(mould.case) == ["case.opened", "hazard.reported", "hazard.reported"]
    assert Hazard.objects.filter(case=mould.case).count() == 2


def test_an_unknown_hazard_is_refused_listing_the_allowed_ones(homes, now):
    with pytest.raises(DomainError) as refused:
        _report(homes, now, hazard="mould")
    allowed = ", ".join(sorted(HAZARD_NAMES))
    assert refused.value.message == services.UNKNOWN_HAZARD.format(name="mould", allowed=allowed)
    assert "damp_mould" in refused.value.message
    assert refused.value.field == "hazard"


@pytest.mark.parametrize(
    ("over", "message", "field"),
    [
        ({"location": " "}, services.NO_LOCATION, "location"),
        ({"location": "x" * 201}, services.LOCATION_TOO_LONG, "location"),
        ({"description": ""}, services.NO_DESCRIPTION, "description"),
        ({"description": "x" * 5001}, services.TEXT_TOO_LONG, "description"),
        ({"household": None}, services.NO_HOUSEHOLD, "household"),
    ],
)
def test_bad_input_is_refused_naming_the_field(homes, now, over, message, field):
    with pytest.raises(DomainError) as refused:
        _report(homes, now, **over)
    assert (refused.value.message, refused.value.field) == (message, field)


def test_a_hazard_goes_only_on_an_open_hazard_case_of_the_household(homes, now, mould):
    repair = case_open(
        actor=None, case_type="repair", title="Tap", household=homes.vulnerable, at=now
    )
    with pytest.raises(DomainError) as refused:
        _report(homes, now, household=homes.vulnerable, case=repair)
    assert refused.value.message == services.NOT_A_HAZARD_CASE.format(
        reference=repair.reference, kind="repair"
    )
    with pytest.raises(DomainError) as refused:
        _report(homes, now, household=homes.other, case=mould.case)
    assert refused.value.message == services.CASE_OTHER_HOUSEHOLD.format(
        reference=mould.case.reference
    )
    case_close(actor=None, case=mould.case, reason="Done", at=now)
    with pytest.raises(DomainError) as refused:
        _report(homes, now, household=homes.vulnerable, case=mould.case)
    assert refused.value.message == services.CASE_CLOSED.format(reference=mould.case.reference)
    assert kinds_on(mould.case) == ["case.opened", "hazard.reported", "case.closed"]


def test_an_imported_hazard_case_shows_its_hazards(db):
    """Clarion's four damp and mould reports on C1 (e1, e11, e16, e38) become its hazards,
    each at the earliest moment the record allows."""
    import datetime as dt

    from doorstep.hazards.models import Hazard
    from doorstep.interchange.models import ExternalRef, RefKind
    from doorstep.interchange.services import chronology_import
    from doorstep.interchange.tests.chronologies import CLARION, seed
    from doorstep.timeline.when import LONDON

    chronology_import(
        doc=seed(CLARION), source_name=CLARION, at=dt.datetime(2023, 8, 11, 17, tzinfo=LONDON)
    )
    case = ExternalRef.objects.get(kind=RefKind.CASE, ref="C1").case
    found = [
        (h.reported_event.source_id, h.hazard, h.reported_at.astimezone(LONDON).date())
        for h in Hazard.objects.filter(case=case).order_by("reported_at")
    ]
    assert found == [
        ("e1", "damp_mould", dt.date(2021, 3, 1)),
        ("e11", "damp_mould", dt.date(2021, 9, 1)),
        ("e16", "damp_mould", dt.date(2021, 11, 1)),
        ("e38", "damp_mould", dt.date(2022, 5, 9)),
    ]

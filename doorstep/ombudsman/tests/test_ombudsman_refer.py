"""`ombudsman_refer`: opens an Ombudsman case with the Ombudsman's reference, writes
`ombudsman.referred` and links it to the complaints; `ombudsman_intervene`."""

from __future__ import annotations

import pytest

from doorstep.cases.choices import CaseType
from doorstep.core.errors import DomainError
from doorstep.ombudsman import services
from doorstep.ombudsman.models import Referral
from doorstep.ombudsman.selectors import ombudsman_record
from doorstep.ombudsman.services import ombudsman_intervene, ombudsman_refer
from doorstep.testing.helpers import appended
from doorstep.timeline.when import When


def test_a_referral_opens_an_ombudsman_case_linked_to_the_complaints(homes, now):
    with appended() as events:
        case = ombudsman_refer(
            actor=homes.officer,
            household=homes.household,
            complaints=[homes.complaint, homes.second_complaint],
            ombudsman_ref=" 202412345 ",
            text="Wants compensation.",
            occurred=When.parse("2024-05-20"),
            at=now,
        )
    assert case.case_type == CaseType.OMBUDSMAN
    assert case.reference.startswith("OMB-2024-")
    assert events.kinds == [
        "case.opened",
        "ombudsman.referred",
        "case.linked",
        "case.linked",
        "case.linked",
        "case.linked",
    ]
    referred = events[1]
    assert referred.data == {
        "text": "Wants compensation.",
        "ombudsman_ref": "202412345",
        "complaints": [homes.complaint.reference, homes.second_complaint.reference],
    }
    assert referred.occurred_text == "2024-05-20"
    assert set(case.links.all()) == {homes.complaint, homes.second_complaint}
    row = Referral.objects.get(case=case)
    assert (row.ombudsman_ref, str(row.referred_on)) == ("202412345", "2024-05-20")
    record = ombudsman_record(case=case, as_of=now.date())
    assert record.ombudsman_ref == "202412345"
    assert record.complaints == [homes.complaint.reference, homes.second_complaint.reference]


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"household": None}, services.NO_HOUSEHOLD, "household"),
        ({"ombudsman_ref": "  "}, services.NO_OMBUDSMAN_REF, "ombudsman_ref"),
        ({"ombudsman_ref": "9" * 61}, services.OMBUDSMAN_REF_TOO_LONG, "ombudsman_ref"),
        ({"complaints": []}, services.NO_COMPLAINT, "complaints"),
        ({"text": "x" * 5001}, services.TEXT_TOO_LONG, "text"),
    ],
)
def test_a_referral_without_what_it_needs_is_refused(homes, now, change, message, field):
    given = {
        "household": homes.household,
        "complaints": [homes.complaint],
        "ombudsman_ref": "202412345",
        "text": "",
        **change,
    }
    with appended() as events, pytest.raises(DomainError) as refused:
        ombudsman_refer(actor=homes.officer, at=now, **given)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert events == []


def test_only_complaint_cases_of_the_household_are_referred(homes, now):
    with pytest.raises(DomainError) as refused:
        ombudsman_refer(
            actor=None,
            household=homes.household,
            complaints=[homes.repair],
            ombudsman_ref="1",
            text="",
            at=now,
        )
    assert refused.value.message == services.NOT_A_COMPLAINT.format(
        reference=homes.repair.reference, kind="repair"
    )
    with pytest.raises(DomainError) as refused:
        ombudsman_refer(
            actor=None,
            household=homes.household,
            complaints=[homes.others_complaint],
            ombudsman_ref="1",
            text="",
            at=now,
        )
    assert refused.value.message == services.COMPLAINT_OTHER_HOUSEHOLD.format(
        reference=homes.others_complaint.reference
    )


def test_one_ombudsman_reference_names_one_case(homes, now, referral):
    with pytest.raises(DomainError) as refused:
        ombudsman_refer(
            actor=None,
            household=homes.household,
            complaints=[homes.second_complaint],
            ombudsman_ref="202412345",
            text="",
            at=now,
        )
    assert refused.value.message == services.OMBUDSMAN_REF_TAKEN.format(
        ref="202412345", case=referral.reference
    )


def test_an_intervention_is_recorded_on_the_ombudsman_case(homes, now, referral):
    with appended() as events:
        ombudsman_intervene(actor=homes.officer, case=referral, text=" Send the stage 2 ", at=now)
    assert events.kinds == ["ombudsman.intervened"]
    assert events[0].data == {"text": "Send the stage 2"}
    record = ombudsman_record(case=referral, as_of=now.date())
    assert [e.data["text"] for e in record.interventions] == ["Send the stage 2"]


def test_an_intervention_needs_its_words_and_an_ombudsman_case(homes, now, referral):
    with pytest.raises(DomainError) as refused:
        ombudsman_intervene(actor=None, case=referral, text=" ", at=now)
    assert refused.value.message == services.NO_INTERVENTION_TEXT
    with pytest.raises(DomainError) as refused:
        ombudsman_intervene(actor=None, case=homes.complaint, text="Respond", at=now)
    assert refused.value.message == services.NOT_OMBUDSMAN.format(
        reference=homes.complaint.reference, kind="complaint"
    )

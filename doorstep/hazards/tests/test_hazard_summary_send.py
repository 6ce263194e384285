"""`hazard_summary_send`: the written summary to the resident, with its letter."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.hazards import services
from doorstep.hazards.services import Letter, hazard_assess, hazard_summary_send
from doorstep.hazards.tests.conftest import PDF
from doorstep.hazards.tests.helpers import kinds_on


def test_the_summary_is_refused_before_the_assessment(homes, now, mould):
    with pytest.raises(DomainError) as refused:
        hazard_summary_send(actor=None, hazard=mould, to="Ada Adeyemi", at=now)
    assert (refused.value.message, refused.value.field) == (services.NOT_ASSESSED, "hazard")


def test_the_summary_is_recorded_with_its_letter_as_a_document(homes, now, mould):
    hazard_assess(actor=None, hazard=mould, severity="significant", cause="Leak", at=now)
    later = now + dt.timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        hazard_summary_send(actor=None, hazard=mould, to=" ", at=later)
    assert refused.value.message == services.NO_RECIPIENT
    hazard = hazard_summary_send(
        actor=homes.officer,
        hazard=mould,
        to="Ada Adeyemi",
        at=later,
        letter=Letter(PDF, "summary.pdf"),
    )
    assert kinds_on(mould.case) == [
        "case.opened",
        "hazard.reported",
        "hazard.assessed",
        "document.added",
        "hazard.summary_sent",
    ]
    document = hazard.summary_document
    assert document is not None and document.doc_type == "letter"
    assert mould.case.events.get(kind="hazard.summary_sent").data == {
        "to": "Ada Adeyemi",
        "document": document.reference,
        "hazard": "damp_mould",
    }
    assert (hazard.summary_sent_at, hazard.summary_sent_to) == (later, "Ada Adeyemi")


def test_the_summary_without_a_letter(homes, now, mould):
    hazard_assess(actor=None, hazard=mould, severity="significant", cause="Leak", at=now)
    hazard_summary_send(actor=None, hazard=mould, to="Ada Adeyemi", at=now)
    assert mould.case.events.get(kind="hazard.summary_sent").data == {
        "to": "Ada Adeyemi",
        "hazard": "damp_mould",
    }

"""`inspection_report_attach`: the report that arrives later closes the gap."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.errors import DomainError
from doorstep.hazards.tests.conftest import PDF
from doorstep.hazards.tests.helpers import kinds_on
from doorstep.inspections import services
from doorstep.inspections.selectors import inspections_for_case, reports_missing
from doorstep.inspections.services import ReportFile, inspection_record, inspection_report_attach


def test_attaching_the_report_writes_document_added_naming_the_inspection(homes, now, mould):
    inspection = inspection_record(
        actor=homes.officer,
        case=mould.case,
        kind="inspection",
        by="Fixit Ltd",
        done_on=now.date(),
        findings="Mould above the bath",
        at=now,
    )
    assert reports_missing(case=mould.case) == 1
    later = now + dt.timedelta(days=3)
    inspection_report_attach(
        actor=homes.officer,
        inspection=inspection,
        file=ReportFile(PDF, "report.pdf", "Fixit's inspection report"),
        at=later,
    )
    assert kinds_on(mould.case) == [
        "case.opened",
        "hazard.reported",
        "inspection.done",
        "document.added",
    ]
    added = mould.case.events.get(kind="document.added").data
    assert added["type"] == "inspection_report"
    assert added["inspection"] == inspection.reference
    assert added["title"] == "Fixit's inspection report"
    assert added["document"] == inspection.report.reference
    assert reports_missing(case=mould.case) == 0
    assert inspections_for_case(case=mould.case).get().report_is_missing is False

    with pytest.raises(DomainError) as refused:
        inspection_report_attach(
            actor=None, inspection=inspection, file=ReportFile(PDF, "again.pdf"), at=later
        )
    assert refused.value.message == services.REPORT_ALREADY.format(
        reference=inspection.reference, document=inspection.report.reference
    )

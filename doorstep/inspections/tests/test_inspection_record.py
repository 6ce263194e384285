"""`inspection_record`: writes `inspection.done` with the format's fields, and the report."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.services import case_open
from doorstep.core.errors import DomainError
from doorstep.documents.models import Document
from doorstep.hazards.tests.conftest import PDF
from doorstep.hazards.tests.helpers import kinds_on
from doorstep.inspections import services
from doorstep.inspections.selectors import inspections_for_case
from doorstep.inspections.services import ReportFile, inspection_record

BASE = ["case.opened", "hazard.reported"]


def _record(homes, now, case, **over):
    args = {
        "actor": homes.officer,
        "case": case,
        "kind": "survey",
        "by": "Sam Surveyor (Damp Ltd)",
        "done_on": now.date(),
        "findings": "Mould on the ceiling; wet readings at low level.",
        "cause": "Failed extractor fan",
        "recommends": ["Replace the extractor fan", " ", "Mould wash"],
        "at": now,
    }
    return inspection_record(**{**args, **over})


def test_an_inspection_without_its_report_is_recorded_as_a_gap(homes, now, mould):
    inspection = _record(homes, now, mould.case, appointment="APP-1")
    assert kinds_on(mould.case) == [*BASE, "inspection.done"]
    assert mould.case.events.get(kind="inspection.done").data == {
        "by": "Sam Surveyor (Damp Ltd)",
        "findings": "Mould on the ceiling; wet readings at low level.",
        "cause": "Failed extractor fan",
        "report": None,
        "recommends": ["Replace the extractor fan", "Mould wash"],
        "appointment": "APP-1",
        "inspection": inspection.reference,
        "type": "survey",
    }
    assert inspection.reference.startswith("INS-2025-")
    assert inspection.report_missing
    listed = inspections_for_case(case=mould.case).get()
    assert listed.report_is_missing is True


def test_an_inspection_with_its_report_uploaded(homes, now, mould):
    inspection = _record(homes, now, mould.case, report_file=ReportFile(PDF, "survey.pdf"))
    assert kinds_on(mould.case) == [*BASE, "document.added", "inspection.done"]
    report = inspection.report
    assert report is not None and report.doc_type == "survey_report"
    assert report.title == "Survey report, 03 November 2025"
    added = mould.case.events.get(kind="document.added").data
    assert added["inspection"] == inspection.reference
    assert mould.case.events.get(kind="inspection.done").data["report"] == report.reference
    assert not inspection.report_missing


def test_an_inspection_naming_a_document_already_on_the_case(homes, now, mould):
    first = _record(homes, now, mould.case, report_file=ReportFile(PDF, "survey.pdf"))
    again = _record(homes, now, mould.case, kind="inspection", report=first.report)
    assert again.report == first.report
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("over", "message", "field"),
    [
        ({"kind": "visit"}, services.BAD_KIND, "kind"),
        ({"by": " "}, services.NO_BY, "by"),
        ({"findings": ""}, services.NO_FINDINGS, "findings"),
        ({"findings": "x" * 5001}, services.FINDINGS_TOO_LONG, "findings"),
        (
            {"recommends": ["ok", "x" * 1001]},
            services.RECOMMENDATION_TOO_LONG.format(n=2),
            "recommends.1",
        ),
        (
            {"done_on": dt.date(2025, 11, 4)},
            services.DONE_IN_FUTURE.format(day="04 November 2025"),
            "done_on",
        ),
    ],
)
def test_bad_input_is_refused(homes, now, mould, over, message, field):
    with pytest.raises(DomainError) as refused:
        _record(homes, now, mould.case, **over)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert kinds_on(mould.case) == BASE


def test_only_on_a_hazard_or_repair_case_and_not_before_it_opened(homes, now, mould):
    complaint = case_open(
        actor=None, case_type="complaint", title="Slow", household=homes.vulnerable, at=now
    )
    with pytest.raises(DomainError) as refused:
        _record(homes, now, complaint)
    assert refused.value.message == services.NOT_A_WORKS_CASE.format(
        reference=complaint.reference, kind="complaint"
    )
    with pytest.raises(DomainError) as refused:
        _record(homes, now, mould.case, done_on=dt.date(2025, 11, 1))
    assert refused.value.message == services.DONE_BEFORE_CASE.format(
        day="01 November 2025", reference=mould.case.reference, opened="03 November 2025"
    )
    repair = case_open(
        actor=None, case_type="repair", title="Tap", household=homes.vulnerable, at=now
    )
    other = _record(homes, now, repair, report_file=ReportFile(PDF, "r.pdf"))
    with pytest.raises(DomainError) as refused:
        _record(homes, now, mould.case, report=other.report)
    assert refused.value.message == services.REPORT_OTHER_CASE.format(
        document=other.report.reference
    )


def test_an_imported_inspection_is_on_its_case_with_its_gap(db):
    """Clarion: the inspection of 20 Dec 2021 (e24) has no report; the surveys of February and
    March 2023 (e61, e63) name theirs (D1, D2), held in the landlord's old system."""
    import datetime as dt

    from doorstep.interchange.models import ExternalRef, RefKind
    from doorstep.interchange.services import chronology_import
    from doorstep.interchange.tests.chronologies import CLARION, seed
    from doorstep.timeline.when import LONDON

    at = dt.datetime(2023, 8, 11, 17, tzinfo=LONDON)
    chronology_import(doc=seed(CLARION), source_name=CLARION, at=at)
    by_event = {
        i.event.source_id: i
        for ref in ("C1", "C6")
        for i in inspections_for_case(case=ExternalRef.objects.get(kind=RefKind.CASE, ref=ref).case)
    }
    assert {k: v.report_is_missing for k, v in by_event.items()} == {
        "e24": True,
        "e61": False,
        "e63": False,
    }
    assert by_event["e24"].done_on == dt.date(2021, 12, 20)
    assert by_event["e61"].report_ref == "D1"

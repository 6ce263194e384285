"""The evidence tests' record: the Clarion seed (Housing Ombudsman 202208650) imported as of
the day of its determination, and a small household with a stored document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from doorstep.cases.models import Case
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import CLARION, seed
from doorstep.residents.models import Household
from doorstep.testing.factories import CaseFactory
from doorstep.timeline.when import LONDON

AS_OF = dt.date(2023, 8, 11)
IMPORTED = dt.datetime(2023, 8, 11, 17, 0, tzinfo=LONDON)
AT = dt.datetime(2026, 12, 6, 10, 0, tzinfo=LONDON)
REPORT = b"%PDF-1.4\n% The surveyor's report of 14 March 2023\n%%EOF\n"


@dataclass
class Clarion:
    household: Household
    complaint: Case  # C2: the complaint of 3 March 2022, stages 1 and 2


@pytest.fixture
def clarion(db) -> Clarion:
    doc = seed(CLARION)
    report = chronology_import(doc=doc, source_name=CLARION, at=IMPORTED)
    household = Household.objects.get(reference=report.households[0])
    row = ExternalRef.objects.get(kind=RefKind.CASE, ref="C2")
    return Clarion(household=household, complaint=row.case)


@pytest.fixture
def filed(db) -> tuple[Case, Document]:
    """A repair case with a surveyor's report stored on it."""
    case = CaseFactory.create(title="Leak from the flat above")
    document = document_add(
        actor=None,
        content=REPORT,
        original_name="survey report (final).pdf",
        doc_type="survey_report",
        title="Surveyor's report",
        at=dt.datetime(2024, 6, 4, 9, 0, tzinfo=LONDON),
        case=case,
        household=case.household,
        dated=dt.date(2024, 6, 3),
    )
    return case, document

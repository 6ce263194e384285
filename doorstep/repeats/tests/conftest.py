"""The Clarion seed imported into the record: its 2023 repointing case (C6) and the case of the
March 2022 job it repeats (C1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from doorstep.cases.models import Case
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.services import chronology_import
from doorstep.interchange.tests.chronologies import CLARION, seed
from doorstep.staff.roles import Role
from doorstep.testing.factories import StaffFactory
from doorstep.timeline.when import LONDON

IMPORTED = dt.datetime(2023, 8, 11, 17, 0, tzinfo=LONDON)
DETERMINATION = dt.date(2023, 8, 11)


@dataclass
class Clarion:
    new: Case  # C6: the end wall raised again in February 2023 (job J7)
    earlier: Case  # C1: the damp case with the March 2022 repointing job (J5)
    complaint: Case  # C2


def case_of(ref: str) -> Case:
    return ExternalRef.objects.get(kind=RefKind.CASE, ref=ref).case  # type: ignore[return-value]


@pytest.fixture
def clarion(db) -> Clarion:
    chronology_import(doc=seed(CLARION), source_name=CLARION, at=IMPORTED)
    return Clarion(new=case_of("C6"), earlier=case_of("C1"), complaint=case_of("C2"))


@pytest.fixture
def officer(db):
    return StaffFactory(role=Role.HOUSING_OFFICER)

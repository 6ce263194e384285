"""Reading recurring defects: the repeats the live replay finds for a case."""

from __future__ import annotations

import datetime as dt

from doorstep.cases.models import Case
from doorstep.deadlines.selectors import CaseRepeat, case_clocks


def repeats_for_case(*, case: Case, as_of: dt.date) -> list[CaseRepeat]:
    """Each job or hazard of the case for a defect already on record in another case of the
    same home, as of `as_of`: proposed (awaiting an officer), accepted or rejected."""
    return case_clocks(case=case, as_of=as_of).repeats

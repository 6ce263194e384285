"""The Ombudsman tests' record (a household with complaint cases, staff), with complaint
responses written as the complaints app writes them: `complaint.response` on the case."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.api.tests.conftest import callers, contractor_firm, make_caller, world  # noqa: F401
from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.ombudsman.tests.conftest import NOW, homes, now, referral  # noqa: F401
from doorstep.timeline.models import Event


def respond(case: Case, *, outcome: str | None, stage: int = 1, at: dt.datetime = NOW) -> Event:
    """A response at `stage` with `outcome`, as the complaints app records it."""
    return record_on_case(
        case=case,
        kind="complaint.response",
        data={"stage": stage, "outcome": outcome, "text": "Our response."},
        actor=None,
        at=at,
    )


@pytest.fixture
def upheld(homes) -> Event:  # noqa: F811
    return respond(homes.complaint, outcome="partly_upheld", stage=2)

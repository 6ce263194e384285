"""A response sent in Doorstep reads back through the chronology format: the case's record is
exported and replayed (`deadlines.selectors.case_replay`), the response stops its stage's
clock, and its promises are the replay's commitments with their due dates."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.deadlines.selectors import case_replay
from doorstep.responses.services import response_draft_save, response_send
from doorstep.responses.tests.conftest import complete

pytestmark = pytest.mark.django_db


def test_the_sent_response_stops_the_stage_1_clock_and_its_promises_replay(scene, at):
    response_draft_save(actor=scene.officer, case=scene.case, stage=1, at=at, **complete())
    event = response_send(actor=scene.officer, case=scene.case, stage=1, at=at)
    replay = case_replay(case=scene.case, as_of=dt.date(2024, 6, 17))
    clocks = {c["clock"]: c for c in replay["clocks"]}
    assert clocks["complaint.stage1.response"]["stopped"] == "2024-06-03"
    assert clocks["complaint.stage1.response"]["breached"] is False
    promised = {c["commitment"]: (c["due"], c["state"]) for c in replay["commitments"]}
    first, second = (c["commitment"] for c in event.data["commitments"])
    assert promised == {first: ("2024-06-14", "overdue"), second: ("2024-06-21", "open")}

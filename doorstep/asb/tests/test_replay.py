"""What the services write is what the replay reads (`clocks.asb`, through the case's export):
a manager's override is seen as one, never as the reporter's delay ignored; a review and the
closing say the reporter was updated and told; the risk level the services recorded."""

from __future__ import annotations

import datetime as dt

from doorstep.asb.services import asb_act, asb_assess, asb_close, asb_review
from doorstep.asb.tests.conftest import HIGH, NOW
from doorstep.deadlines.selectors import case_clocks


def test_the_replay_reads_the_live_record_as_the_services_wrote_it(homes, opened):
    asb_assess(actor=homes.officer, asb=opened, answers=HIGH, at=NOW)
    asb = asb_act(
        actor=homes.manager,
        asb=opened,
        type="warning",
        against="The tenant of 2 Oak Court",
        override_reason="He threatened her son: the police asked us to act now.",
        at=NOW,
    )
    later = NOW + dt.timedelta(days=10)
    asb = asb_review(
        actor=homes.officer,
        asb=asb,
        summary="Quieter.",
        answers=HIGH,
        reporter_updated="message",
        to="ada@example.org",
        at=later,
    )
    asb_close(
        actor=homes.officer,
        asb=asb,
        reason="Quiet.",
        told="message",
        to="ada@example.org",
        at=later,
    )
    replay = case_clocks(case=opened.case, as_of=later.date())
    (view,) = [a.data for a in replay.asb if a.case.pk == opened.case.pk]
    assert view["state"] == "closed"
    assert view["risk_level"] == "high"
    assert view["reports"][0]["delay_until"] == "2024-03-07"
    (action,) = view["actions"]
    assert action["inside_delay_until"] == "2024-03-07"
    assert action["override_reason"] == "He threatened her son: the police asked us to act now."
    assert action["ignored_delay"] is False
    assert view["reviews"][0]["reporter_updated"] == "2024-03-14"
    assert view["closed"]["reporter_told"] == "2024-03-14"

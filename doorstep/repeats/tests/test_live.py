"""The live record: the imported Clarion repointing is proposed as a repeat on its case page;
an officer links it; its clock then keeps the original start, in the live replay and in the
exported chronology."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from doorstep.clocks.replay import replay_clocks
from doorstep.deadlines.selectors import case_clocks
from doorstep.interchange.selectors import chronology_export
from doorstep.repeats.selectors import repeats_for_case
from doorstep.repeats.services import repeat_accept
from doorstep.repeats.tests.conftest import DETERMINATION, IMPORTED

LATER = dt.date(2023, 9, 1)


def test_the_repointing_of_february_2023_is_proposed_on_its_case(clarion):
    [repeat] = repeats_for_case(case=clarion.new, as_of=DETERMINATION)
    assert repeat.proposed
    assert repeat.earlier == clarion.earlier
    assert (repeat.data["job"], repeat.data["earlier_job"]) == ("J7", "J5")
    assert repeat.data["earlier_case"] == clarion.earlier.reference
    assert repeats_for_case(case=clarion.earlier, as_of=DETERMINATION) == []


def j7_clock(case, as_of):
    return [c for c in case_clocks(case=case, as_of=as_of).clocks if c.clock == "repair.target"]


def test_once_accepted_the_live_clock_keeps_the_original_start(clarion, officer):
    assert j7_clock(clarion.new, LATER) == []
    repeat_accept(
        actor=officer, case=clarion.new, earlier=clarion.earlier, job="J7", earlier_job="J5",
        reason="Same wall", at=IMPORTED + dt.timedelta(days=1),
    )  # fmt: skip
    [clock] = j7_clock(clarion.new, LATER)
    assert (clock.started, clock.due, clock.breached) == (
        dt.date(2022, 3, 17),
        dt.date(2022, 4, 14),
        True,
    )
    [repeat] = repeats_for_case(case=clarion.new, as_of=LATER)
    assert repeat.data["status"] == "accepted"


def test_the_decision_is_exported_in_the_files_own_case_refs(clarion, officer):
    repeat_accept(
        actor=officer, case=clarion.new, earlier=clarion.earlier, job="J7", earlier_job="J5",
        reason="Same wall", at=IMPORTED + dt.timedelta(days=1),
    )  # fmt: skip
    doc, _ = chronology_export(
        landlord=settings.DOORSTEP_LANDLORD_NAME, household=clarion.new.household
    )
    [note] = [e for e in doc["events"] if "repeat_of" in e["data"]]
    assert note["case"] == "C6"
    assert note["data"]["repeat_of"] == {"job": "J7", "of_case": "C1", "of_job": "J5"}
    replay = replay_clocks(doc, as_of=LATER)
    [clock] = [c for c in replay["clocks"] if c["case"] == "C6" and c["clock"] == "repair.target"]
    assert clock["started"] == "2022-03-17"


def test_the_case_page_proposes_and_the_officer_decides(client, clarion, officer):
    client.force_login(officer)
    page = client.get(reverse("cases:case", args=[clarion.new.reference])).content.decode()
    assert "Possible repeat" in page
    assert "external wall pointing" in page
    decide = reverse("repeats:decide", args=[clarion.new.reference]) + "?event=e59"
    assert client.get(decide).status_code == 200
    response = client.post(decide, {"decision": "accept", "reason": "The same end wall"})
    assert response.status_code == 302
    page = client.get(reverse("cases:case", args=[clarion.new.reference])).content.decode()
    assert "Linked as a repeat" in page


def test_the_decision_form_says_what_is_missing(client, clarion, officer):
    client.force_login(officer)
    decide = reverse("repeats:decide", args=[clarion.new.reference]) + "?event=e59"
    page = client.post(decide, {"decision": "accept", "reason": ""}).content.decode()
    assert "Say why" in page and "govuk-error-summary" in page


def test_an_unknown_proposal_is_not_found(client, clarion, officer):
    client.force_login(officer)
    decide = reverse("repeats:decide", args=[clarion.new.reference]) + "?event=e1"
    assert client.get(decide).status_code == 404

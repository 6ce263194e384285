"""Contact triage: the rule table, negation, the decisions docs/triage.md records, and what it
reads in every contact of the Ombudsman seed chronologies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from doorstep.clocks.triage import (
    ASKS_TO_COMPLAIN,
    DISSATISFACTION,
    FAMILIES,
    HAZARD,
    RULES,
    RULES_VERSION,
    VULNERABILITY,
    VULNERABILITY_CATEGORIES,
    Cue,
    triage,
)
from doorstep.policy.awaab import HHSRS
from doorstep.testing.shared import scenario

LABELLED = Path(__file__).parent / "data" / "triage_labelled.jsonl"


# --- The table -------------------------------------------------------------------------------


def test_each_rule_has_a_unique_id_a_known_value_and_a_reason():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.family in FAMILIES, rule.id
        assert rule.id.startswith(f"{rule.family}.{rule.value}."), rule.id
        assert rule.reason.strip(), rule.id
        re.compile(rule.pattern)
        if rule.family == HAZARD:
            assert rule.value in HHSRS, rule.id
        elif rule.family == VULNERABILITY:
            assert rule.value in VULNERABILITY_CATEGORIES, rule.id
        else:
            assert rule.value in (DISSATISFACTION, ASKS_TO_COMPLAIN), rule.id


def test_every_rule_fires_somewhere_in_the_labelled_set_or_here():
    texts = [json.loads(line)["text"] for line in LABELLED.read_text().splitlines() if line]
    texts.append("If this isn't sorted I'll be taking it to the Ombudsman.")
    fired = {c.rule for text in texts for c in triage(text).cues}
    assert {r.id for r in RULES} - fired == set()


def test_rules_version_is_named():
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\d+", RULES_VERSION)


# --- What a cue holds ------------------------------------------------------------------------


def test_a_cue_names_its_words_where_they_are_and_the_rule():
    text = "Black mould is back on the bathroom ceiling. I am 7 months pregnant."
    result = triage(text)
    assert result.cues == (
        Cue(HAZARD, "damp_mould", "mould", 6, 11, "hazard.damp_mould.mould"),
        Cue(VULNERABILITY, "pregnancy", "pregnant", 59, 67, "vulnerability.pregnancy.pregnant"),
    )
    assert text[6:11] == "mould"
    assert not result.dissatisfied
    assert result.hazards == ("damp_mould",)
    assert result.vulnerabilities == ("pregnancy",)


def test_values_are_distinct_in_order_of_appearance():
    result = triage("No heating at all, mould everywhere, and the heating's broken again.")
    assert result.hazards == ("excess_cold", "damp_mould")


def test_matching_ignores_case_and_keeps_the_words_as_written():
    [cue] = triage("SHE IS PREGNANT").cues
    assert cue.phrase == "PREGNANT"


def test_words_inside_other_words_do_not_match():
    assert triage("The childminder's ratings are great; a pregnantly long pause.").cues == ()
    assert triage("Brats on the estate").hazards == ()


def test_empty_text_has_no_cues():
    assert triage("").cues == ()


# --- Dissatisfaction -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm fed up of waiting for someone to sort the damp.",
        "This is completely unacceptable.",
        "Still waiting for the roofer.",
        "Nobody came on Tuesday.",
        "No one has called me back.",
        "Really let down by you lot.",
        "This is the third time I've reported it.",
        "I'm not happy with the standard of the work.",
        "Disgusted with the way I was spoken to.",
        "I was told someone would ring me back within 48 hours, it's been a week.",
    ],
)
def test_the_words_of_dissatisfaction(text):
    assert triage(text).dissatisfied, text


@pytest.mark.parametrize(
    "text",
    [
        "I want to make a formal complaint about my repair.",
        "How do I complain?",
        "Complaint: the installer was rude.",
        "I want it escalated.",
        "I'll be taking it to the Ombudsman.",
    ],
)
def test_asking_to_complain(text):
    values = {c.value for c in triage(text).of(DISSATISFACTION)}
    assert ASKS_TO_COMPLAIN in values, text


@pytest.mark.parametrize(
    "text",
    [
        "Please can someone fix my tap?",
        "Hi, the bathroom light pull cord has snapped. Could you book a repair please? Thanks",
        "The contractor didn't attend this morning. Could you rebook please?",
        "Thanks for sending the plumber so quickly.",
        "I'm not complaining, just letting you know the gutter is overflowing.",
        "The stage 2 response set out the landlord's position.",
        "The mould has come back in the bathroom.",
    ],
)
def test_a_service_request_is_not_dissatisfaction(text):
    assert not triage(text).dissatisfied, text


# --- Hazards ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hazards"),
    [
        ("Black spots on the ceiling above the bed.", ("damp_mould",)),
        ("Water is coming through the light fitting.", ("damp_mould", "electrical")),
        ("Boiler's packed in, radiators stone cold.", ("excess_cold",)),
        ("There's a smell of gas in the kitchen.", ("uncombusted_fuel_gas",)),
        ("There's a gas leak by the meter.", ("uncombusted_fuel_gas",)),
        ("Leak under the sink.", ("damp_mould",)),
        ("We have no water at all, taps are dry.", ("water_supply",)),
        ("The carbon monoxide alarm went off.", ("carbon_monoxide",)),
        ("Sockets are sparking.", ("electrical",)),
        ("Mice in the kitchen cupboards.", ("domestic_hygiene",)),
        ("The toilet is blocked.", ("personal_hygiene",)),
    ],
)
def test_hazards_named_or_described(text, hazards):
    assert triage(text).hazards == hazards


@pytest.mark.parametrize(
    "text",
    [
        "There's no mould now since the fan was fitted.",
        "We don't have any damp, the survey was for the neighbours.",
        "The damp has gone now.",
        "Can you confirm the gas safety certificate is up to date?",
        "Boiler is making a banging noise but the heating still works.",
    ],
)
def test_a_hazard_denied_or_gone_is_not_suggested(text):
    assert triage(text).hazards == (), text


def test_a_denial_does_not_reach_across_a_clause():
    assert triage("No leaks, but there is mould in the bathroom.").hazards == ("damp_mould",)


def test_curly_apostrophes_read_as_straight_ones():
    assert triage("We don\u2019t have any damp.").hazards == ()
    assert triage("I\u2019m fed up.").dissatisfied


# --- Vulnerability cues ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("She is pregnant.", ("pregnancy",)),
        ("My daughter is expecting.", ("pregnancy",)),
        ("I'm having a baby in June.", ("pregnancy",)),
        ("The baby bath is mouldy.", ("infant",)),
        ("I use baby wipes on the mould.", ()),
        ("The health visitor called.", ("infant",)),
        ("My little boy is 3.", ("child",)),
        ("My son is 40.", ()),
        ("He is 89 and lives alone.", ("age",)),
        ("My son is disabled and uses a wheelchair.", ("disability", "mobility")),
        ("Her CPN called.", ("mental_health",)),
        ("He has just come out of hospital.", ("physical_health",)),
        ("I have a hospital appointment on Monday.", ()),
        ("Her daughter translated on the call.", ("language",)),
        ("She is fleeing domestic abuse.", ("other",)),
    ],
)
def test_vulnerability_cues(text, categories):
    assert triage(text).vulnerabilities == categories, text


@pytest.mark.parametrize(
    "text",
    [
        "Resident says she is not pregnant.",
        "I'm no longer in a wheelchair.",
        "There are no children in the household.",
        "Please note I have no mobility issues.",
    ],
)
def test_a_vulnerability_denied_is_not_suggested(text):
    assert triage(text).vulnerabilities == (), text


def test_no_longer_denies_the_next_words_not_the_whole_sentence():
    text = "She no longer allowed her two children into the kitchen."
    assert triage(text).vulnerabilities == ("child",)


# --- The Ombudsman seed chronologies ---------------------------------------------------------


def _seed(name):
    return {e["id"]: e for e in scenario(name)["events"]}


# Every contact.in and complaint.received of both seeds: (dissatisfied, hazards, categories).
SEEDS: dict[str, dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]]] = {
    "bromford-202109189.json": {
        # The meeting of 26 April 2021, told by the Ombudsman: no words of the resident's own
        # dissatisfaction (the key: no `complaint.not_logged` in Bromford), though it mentions
        # "the stage 2 response" and the Ombudsman.
        "e5": (False, (), ()),
        # The stage 1 complaint: a complaint, and the broken communal door.
        "e13": (True, ("entry_by_intruders",), ()),
    },
    "clarion-202208650.json": {
        # Pregnant, with mobility issues; the engineer's absence stated as a fact is not, by
        # itself, dissatisfaction (the key raises no `complaint.not_logged`).
        "e6": (False, (), ("pregnancy", "mobility")),
        # The health visitor saw damp and mould: a health visitor means a child under five.
        "e15": (False, ("damp_mould",), ("infant",)),
        "e22": (True, ("damp_mould",), ()),
        "e26": (True, ("domestic_hygiene",), ()),
        # Worried about the mould and her two children: worry is not dissatisfaction (and the
        # call came during the open stage 2 complaint in any case).
        "e37": (False, ("damp_mould",), ("child",)),
    },
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_contact_of_the_seeds_reads_as_decided(name):
    events = _seed(name)
    contacts = {i for i, e in events.items() if e["kind"] in ("contact.in", "complaint.received")}
    assert contacts == set(SEEDS[name])
    for event_id, (dissatisfied, hazards, categories) in SEEDS[name].items():
        result = triage(events[event_id]["data"]["text"])
        assert result.dissatisfied is dissatisfied, event_id
        assert result.hazards == hazards, event_id
        assert result.vulnerabilities == categories, event_id


def test_no_seed_contact_in_expresses_dissatisfaction():
    """Bromford section C: no contact expresses dissatisfaction without a complaint opened;
    Clarion's keyed findings hold no `complaint.not_logged` either."""
    for name in SEEDS:
        events = _seed(name)
        for event in events.values():
            if event["kind"] == "contact.in":
                assert not triage(event["data"]["text"]).dissatisfied, event["id"]

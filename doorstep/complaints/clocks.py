"""A proposed extension judged by the clock engine's rule before it is recorded.

The record's clocks come from the case's home exported as a chronology and replayed (the
deadlines app does the same for every page); here the proposed `complaint.extended` is added to
those facts and judged by `clocks.engine.judge_proposed_extension`, which applies
`clocks.extensions.extension_problem`: one rule for a replay of the record and for the live
service, with the same clock, policy in force (the landlord's overrides on record) and calendar
(the days off announced).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.conf import settings

from doorstep.cases.models import Case
from doorstep.clocks.engine import ExtensionVerdict, judge_proposed_extension
from doorstep.clocks.facts import fact_from_event, facts_from_chronology
from doorstep.interchange.selectors import chronology_export_with_cases
from doorstep.policy.selectors import announced_days, overrides_all
from doorstep.timeline.when import When

PROPOSED = "proposed-extension"


def extension_verdict(*, case: Case, data: dict[str, Any], occurred: When) -> ExtensionVerdict:
    """What the rule says of an extension of `case`'s complaint with `data`, given on
    `occurred`, as a replay of the record with it added would judge it."""
    doc, _, refs = chronology_export_with_cases(
        landlord=settings.DOORSTEP_LANDLORD_NAME,
        household=case.household,
        case=case if case.household is None else None,
    )
    ref = next((r for r, pk in refs.items() if pk == case.pk), case.reference)
    facts = replace(
        facts_from_chronology(doc), overrides=tuple(overrides_all()), announced=announced_days()
    )
    proposed = fact_from_event(
        {
            "id": PROPOSED,
            "case": ref,
            "kind": "complaint.extended",
            "by": "landlord",
            "at": occurred.text,
            "data": data,
        },
        len(facts.events) + 1,
    )
    return judge_proposed_extension(
        facts, proposed=proposed, stage=int(data["stage"]), as_of=occurred.latest_date
    )

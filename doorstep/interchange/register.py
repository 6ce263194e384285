"""An imported `vulnerability.recorded` event, entered in the vulnerability register."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from doorstep.residents.models import Person
from doorstep.timeline.models import Event
from doorstep.timeline.when import When
from doorstep.vulnerabilities.choices import Source
from doorstep.vulnerabilities.models import Vulnerability
from doorstep.vulnerabilities.services import vulnerability_register_entry


def vulnerability_register(
    *, event: Event, entry: Mapping[str, Any], person: Person, doc: Mapping[str, Any]
) -> Vulnerability | None:
    """Enter an imported `vulnerability.recorded` event in the register, where its person is
    a member of the household it was recorded for and the register does not hold it already.

    The import's events are the file's, already written, so only the register entry is made
    (`vulnerability_register_entry`), dated as the file says: learned when first disclosed,
    recorded when the event says.
    """
    data = entry["data"]
    if event.household is None:
        return None
    disclosed = _first_disclosure(doc, data["person"], data["category"])
    return vulnerability_register_entry(
        household=event.household,
        person=person,
        category=data["category"],
        source=(disclosed or {}).get("data", {}).get("source") or Source.SELF,
        learned=When.parse(disclosed["at"] if disclosed else entry["at"]),
        recorded_on=When.parse(entry["at"]).latest_date,
    )


def _first_disclosure(doc: Mapping[str, Any], person: str, category: str) -> dict[str, Any] | None:
    """The file's earliest `vulnerability.disclosed` of this person and category."""
    found = [
        e
        for e in doc["events"]
        if e["kind"] == "vulnerability.disclosed"
        and (e.get("data") or {}).get("person") == person
        and e["data"].get("category") == category
    ]
    return min(found, key=lambda e: When.parse(e["at"]).earliest, default=None)

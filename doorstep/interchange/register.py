"""An imported `vulnerability.recorded` event, entered in the vulnerability register."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from doorstep.residents.models import Person
from doorstep.timeline.models import Event
from doorstep.timeline.when import When
from doorstep.vulnerabilities.choices import Source
from doorstep.vulnerabilities.models import Vulnerability


def vulnerability_register(
    *, event: Event, entry: Mapping[str, Any], person: Person, doc: Mapping[str, Any]
) -> Vulnerability | None:
    """Enter an imported `vulnerability.recorded` event in the register, where its person is
    a member of the household it was recorded for and the register does not hold it already.

    `vulnerabilities.services.vulnerability_record` writes its own events, dated now; an
    import's events are the file's, already written, so only the register row is written
    here, dated as the file says: learned when first disclosed (`learned_text` keeps the
    file's precision), recorded when the event says. The format carries no consent to record
    the detail, so the detail stays in the disclosure event alone (read by role, redacted).
    """
    data = entry["data"]
    household = event.household
    if household is None or not household.members.filter(person=person).exists():
        return None
    held = Vulnerability.objects.filter(
        person=person, household=household, category=data["category"], ended_on=None
    )
    if held.exists():
        return None
    disclosed = _first_disclosure(doc, data["person"], data["category"])
    learned = When.parse(disclosed["at"] if disclosed else entry["at"])
    source = (disclosed or {}).get("data", {}).get("source") or Source.SELF
    return Vulnerability.objects.create(
        person=person,
        household=household,
        category=data["category"],
        source=source,
        learned_text=learned.text,
        learned_on=learned.latest_date,
        recorded_on=When.parse(entry["at"]).latest_date,
        consent_to_record=False,
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

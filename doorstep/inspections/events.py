"""The event kind owned by inspections: `inspection.done`, a kind of the chronology format
(`shared/domain/chronology.md`, "Repairs and hazards"). Its data accepts everything the
published schema accepts for it (every member optional, nulls allowed, `recommends` a list of
texts or objects), so an imported record is kept whole. Doorstep's own inspections also carry
`inspection` (its reference) and `type` (inspection, survey or post-inspection). What staff
must give (who inspected, the findings) is insisted on by the services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field

from doorstep.repairs.events import FormatPayload, Text
from doorstep.timeline.kinds import EventKind, register

RefOrNull = Annotated[str | None, Field(strict=True, min_length=1)]


class DonePayload(FormatPayload):
    by: RefOrNull = None
    findings: Text = None
    cause: Text = None
    report: RefOrNull = None
    recommends: list[Any] | None = Field(default=None)
    appointment: RefOrNull = None


@register
class InspectionDone(EventKind):
    """An inspection or survey was done: by whom, what it found, the cause it gave, what it
    recommends, and its report document (`report`; null where none is on record, a gap the lens
    reports as `records.report_missing`). It concludes the investigation of a hazard on the
    case (Awaab's Law), and is an attendance for the pre-Awaab investigation clock."""

    kind = "inspection.done"
    label = "Inspection done"
    payload = DonePayload
    example = {
        "by": "Sam Surveyor (Damp Ltd)",
        "findings": "Mould on the bathroom ceiling; readings wet at low level.",
        "cause": "Failed extractor fan",
        "report": "DOC-2025-000001",
        "recommends": ["Replace the extractor fan", "Mould wash and stain block"],
        "appointment": None,
    }
    invalid_example = {"by": "", "recommends": "Replace the fan"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        by = f" by {data['by']}" if data.get("by") else ""
        findings = f": {str(data['findings'])[:200]}" if data.get("findings") else ""
        report = "" if data.get("report") else " (no report on record)"
        return f"Inspection done{by}{findings}{report}"

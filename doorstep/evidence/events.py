"""The event kind evidence packs own: a pack produced, and to whom it went. Doorstep's own kind
(the chronology format has none, so `doorstep export` leaves it out, as it leaves out every
kind the format does not list): the record says when its evidence left the landlord, for
whom and why, and which pack it was (the zip's checksum), as the Ombudsman expects a landlord
to account for the evidence it sent (Clarion 202208650: evidence requested and sent)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field

from doorstep.timeline.kinds import EventKind, Payload, register

Words = Annotated[str, Field(strict=True, min_length=1, max_length=300)]
Day = Annotated[str, Field(strict=True, pattern=r"^\d{4}-\d{2}-\d{2}$")]
Sha256 = Annotated[str, Field(strict=True, pattern=r"^[0-9a-f]{64}$")]


class ProducedPayload(Payload):
    to: Words
    purpose: Annotated[str, Field(strict=True, max_length=500)] = ""
    as_of: Day
    of: Words
    sha256: Sha256
    files: list[Words]
    special_category_detail: Annotated[str, Field(pattern="^(included|withheld)$")]


@register
class EvidenceProduced(EventKind):
    """An evidence pack of this case (or household) was produced as of a date and given to
    someone (the Housing Ombudsman, the resident, her solicitor...), for a purpose: the zip's
    SHA-256, the files in it, and whether special category detail went with it."""

    kind = "evidence.produced"
    label = "Evidence pack produced"
    payload = ProducedPayload
    example = {
        "to": "Housing Ombudsman",
        "purpose": "Evidence requested for complaint 202208650",
        "as_of": "2023-08-11",
        "of": "CMP-2023-000001",
        "sha256": "0" * 64,
        "files": ["chronology.json", "manifest.json", "pack.pdf"],
        "special_category_detail": "withheld",
    }
    invalid_example = {"to": "", "as_of": "August 2023", "sha256": "abc", "files": []}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        purpose = f" ({data.get('purpose')})" if data.get("purpose") else ""
        return f"Evidence pack as of {data.get('as_of')} produced for {data.get('to')}{purpose}"

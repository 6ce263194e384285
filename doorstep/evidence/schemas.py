"""What the API accepts to produce an evidence pack (`...In`); it answers with the zip itself.
Served by `doorstep/api/routers/evidence.py` (this app never imports the API)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from doorstep.timeline.schemas import In


class EvidencePackIn(In):
    """For whom the pack is, why, and the day it is of."""

    to: str = Field(
        min_length=1,
        max_length=200,
        description="Who the pack is for: 'Housing Ombudsman', 'The resident', a solicitor...",
    )
    purpose: str = Field(default="", max_length=500, description="Why it is produced")
    as_of: dt.date | None = Field(
        default=None, description="The day the pack is of (default: the day of the request)"
    )

"""Where a job stands, derived from its events. Pure: events in, status out.

A job is raised; `works.completed` naming it says it is done; a later `works.verified`
confirms it (`confirmed`) or finds it not done (`not_done`), which puts it back to work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from doorstep.repairs.choices import JobStatus


def job_status(events: Iterable[tuple[str, Mapping[str, Any]]]) -> str:
    """`events` are (kind, data) of the job's events, in timeline order; the last that says
    something about the job wins."""
    status = JobStatus.RAISED.value
    for kind, data in events:
        if kind == "works.completed":
            status = JobStatus.COMPLETED.value
        elif kind == "works.verified":
            confirmed = data.get("result") == "confirmed"
            status = JobStatus.VERIFIED.value if confirmed else JobStatus.NOT_DONE.value
    return status

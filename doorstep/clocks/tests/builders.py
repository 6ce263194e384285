"""Small chronologies for the clock tests: valid `doorstep-chronology/1` documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.clocks.engine import ClockResult, compute_clocks
from doorstep.clocks.facts import facts_from_chronology

CASE_TYPES = {
    "complaint": "complaint",
    "hazard": "hazard",
    "repair": "repair",
    "asb": "asb",
    "transfer": "transfer",
    "ombudsman": "ombudsman",
}


def ev(eid: str, at: str, kind: str, case: str | None = "C1", by: str = "landlord", **data: Any):
    """One event; `data` as keyword arguments."""
    event: dict[str, Any] = {"id": eid, "at": at, "case": case, "kind": kind, "by": by}
    event["summary"] = f"{kind} ({eid})"
    event["data"] = data
    return event


def chronology(*events, policy=None, cases=None, links=None, case_type="complaint"):
    """A chronology of `events`; every case they name exists (type `case_type` unless given in
    `cases`), with `links` {case: [cases]}."""
    refs = dict.fromkeys(e["case"] for e in events if e.get("case"))
    types = {**dict.fromkeys(refs, case_type), **(cases or {})}
    return {
        "format": "doorstep-chronology/1",
        "landlord": {"name": "Test Homes", "nation": "england", "policy": policy or {}},
        "properties": [{"ref": "P1", "uprn": None, "address": "1 Test Street", "kind": "flat"}],
        "people": [{"ref": "R1", "name": "Resident", "role": "tenant"}],
        "tenancies": [],
        "cases": [
            {"ref": ref, "type": kind, "links": list((links or {}).get(ref, []))}
            for ref, kind in types.items()
        ],
        "events": list(events),
    }


def clocks(doc, as_of: dt.date, name: str | None = None) -> list[ClockResult]:
    """The clocks of a chronology as of a date (only those named `name`, where given)."""
    found = compute_clocks(facts_from_chronology(doc), as_of=as_of)
    return [c for c in found if name is None or c.clock == name]


def one(doc, as_of: dt.date, name: str, **where: Any) -> ClockResult:
    """The single clock named `name` matching `where` (attribute values)."""
    found = [
        c for c in clocks(doc, as_of, name) if all(getattr(c, k) == v for k, v in where.items())
    ]
    assert len(found) == 1, f"expected one {name} clock matching {where}, found {found}"
    return found[0]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)

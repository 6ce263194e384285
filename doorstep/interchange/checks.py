"""Checks an import makes before writing anything, once the file meets the schema.

1. Every reference resolves inside the file: a property, person, tenancy or case that an entry
   or an event names must be defined in it. Jobs, appointments and commitments are not checked:
   the format lets them come into being at their first mention (chronology.md, "Events").
2. Every value fits where Doorstep keeps it (a UPRN is a number, a title is not longer than its
   column), so the import never fails half-way on a value it could have refused up front.

Each problem names the JSON path and the reason, like the schema's. Pure: no database.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from doorstep.interchange.validate import SchemaProblem, json_path
from doorstep.timeline.when import When

NOT_DEFINED = "{ref!r} is not {what} this file defines ({known})"
NOTHING_DEFINED = "{ref!r} is not {what} this file defines (it defines none)"
DEFINED_TWICE = "{ref!r} is defined twice (also at {other})"
PART_OF_ITSELF = "{ref!r} is part of itself, through {chain}"
LINKED_TO_ITSELF = "a case cannot be linked to itself"
NOT_BY = "{by!r} is neither 'landlord' nor a person this file defines ({known})"
TOO_LONG = "is {length} characters long; Doorstep keeps at most {limit} here"
BAD_UPRN = "{value!r} is not a UPRN: a whole number from 1 to 999999999999"
BAD_RENT = "{value!r} is not a weekly rent Doorstep can keep: pounds and pence, under £1,000,000"
TOO_MANY_BEDROOMS = "{value} bedrooms is more than Doorstep can keep"
ENDS_BEFORE_START = "the tenancy cannot end ({end}) before it starts ({start})"

WHAT = {
    "properties": "a property",
    "people": "a person",
    "tenancies": "a tenancy",
    "cases": "a case",
}
_SHOW_KNOWN = 12

# Column sizes (the models' max_length), checked up front: PostgreSQL would refuse a longer
# value half-way through the import, SQLite would keep it silently.
LIMITS: dict[str, dict[str, int]] = {
    "properties": {"ref": 100, "address": 200},
    "people": {"ref": 100, "name": 200, "organisation": 200},
    "tenancies": {"ref": 100},
    "cases": {"ref": 100, "title": 300},
    "events": {"id": 100, "by": 200, "summary": 500, "at": 40},
}
MAX_UPRN = 10**12 - 1
MAX_RENT = Decimal("999999.99")
MAX_BEDROOMS = 32767

# Event data members that name an entry of the file, by kind: `data.person` of a vulnerability
# event must be a person the file defines; `data.tenancy` of `tenancy.ended` a tenancy.
DATA_REFS: dict[str, tuple[tuple[str, str], ...]] = {
    "vulnerability.disclosed": (("person", "people"),),
    "vulnerability.recorded": (("person", "people"),),
    "vulnerability.reviewed": (("person", "people"),),
    "tenancy.ended": (("tenancy", "tenancies"),),
}

Path = tuple[str | int, ...]


def import_problems(doc: Mapping[str, Any]) -> list[SchemaProblem]:
    """Every reference that does not resolve and every value that does not fit, in that
    order (the document meets the schema already)."""
    return [
        SchemaProblem(json_path(path), reason)
        for path, reason in itertools.chain(_references(doc), _fits(doc))
    ]


# --- references -------------------------------------------------------------------------------


def _defined(doc: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    """Refs defined twice in a section (or event ids used twice)."""
    for section in ("properties", "people", "tenancies", "cases", "events"):
        member = "id" if section == "events" else "ref"
        seen: dict[str, int] = {}
        for index, entry in enumerate(doc.get(section, ())):
            ref = entry[member]
            if ref in seen:
                other = json_path((section, seen[ref], member))
                yield (section, index, member), DEFINED_TWICE.format(ref=ref, other=other)
            else:
                seen[ref] = index


def _refs(doc: Mapping[str, Any], section: str) -> list[str]:
    return [entry["ref"] for entry in doc.get(section, ())]


def _missing(known: Sequence[str], ref: Any, section: str) -> str | None:
    if ref is None or ref in known:
        return None
    if not known:
        return NOTHING_DEFINED.format(ref=ref, what=WHAT[section])
    shown = ", ".join(known[:_SHOW_KNOWN]) + (", ..." if len(known) > _SHOW_KNOWN else "")
    return NOT_DEFINED.format(ref=ref, what=WHAT[section], known=shown)


def _references(doc: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    yield from _defined(doc)
    known = {section: _refs(doc, section) for section in WHAT}

    def check(path: Path, ref: Any, section: str) -> Iterator[tuple[Path, str]]:
        reason = _missing(known[section], ref, section)
        if reason:
            yield path, reason

    for i, prop in enumerate(doc.get("properties", ())):
        yield from check(("properties", i, "part_of"), prop.get("part_of"), "properties")
    yield from _part_of_loops(doc)
    for i, person in enumerate(doc.get("people", ())):
        yield from check(("people", i, "acting_for"), person.get("acting_for"), "people")
    for i, tenancy in enumerate(doc.get("tenancies", ())):
        yield from check(("tenancies", i, "property"), tenancy["property"], "properties")
        for j, tenant in enumerate(tenancy.get("tenants", ())):
            yield from check(("tenancies", i, "tenants", j), tenant, "people")
    for i, case in enumerate(doc.get("cases", ())):
        yield from check(("cases", i, "property"), case.get("property"), "properties")
        for j, person in enumerate(case.get("people", ())):
            yield from check(("cases", i, "people", j), person, "people")
        for j, link in enumerate(case.get("links", ())):
            if link == case["ref"]:
                yield ("cases", i, "links", j), LINKED_TO_ITSELF
            yield from check(("cases", i, "links", j), link, "cases")
    for i, event in enumerate(doc.get("events", ())):
        yield from check(("events", i, "case"), event.get("case"), "cases")
        if event["by"] != "landlord" and event["by"] not in known["people"]:
            shown = ", ".join(known["people"][:_SHOW_KNOWN]) or "none"
            yield ("events", i, "by"), NOT_BY.format(by=event["by"], known=shown)
        data = event.get("data") or {}
        for member, section in DATA_REFS.get(event["kind"], ()):
            if member in data:
                yield from check(("events", i, "data", member), data[member], section)


def _part_of_loops(doc: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    parent = {p["ref"]: p.get("part_of") for p in doc.get("properties", ())}
    for i, prop in enumerate(doc.get("properties", ())):
        chain, current = [prop["ref"]], prop.get("part_of")
        while current in parent and current not in chain:
            chain.append(current)
            current = parent[current]
        if current == prop["ref"]:
            yield (
                ("properties", i, "part_of"),
                PART_OF_ITSELF.format(ref=prop["ref"], chain=" > ".join([*chain, current])),
            )


# --- fit ----------------------------------------------------------------------------------------


def _fits(doc: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    for section, limits in LIMITS.items():
        for i, entry in enumerate(doc.get(section, ())):
            for member, limit in limits.items():
                value = entry.get(member)
                if isinstance(value, str) and len(value) > limit:
                    reason = TOO_LONG.format(length=len(value), limit=limit)
                    yield (section, i, member), reason
    for i, prop in enumerate(doc.get("properties", ())):
        if prop.get("uprn") is not None and uprn_of(prop["uprn"]) is None:
            yield ("properties", i, "uprn"), BAD_UPRN.format(value=prop["uprn"])
        if (prop.get("bedrooms") or 0) > MAX_BEDROOMS:
            yield ("properties", i, "bedrooms"), TOO_MANY_BEDROOMS.format(value=prop["bedrooms"])
    for i, tenancy in enumerate(doc.get("tenancies", ())):
        yield from _tenancy_fits(i, tenancy)
    for i, event in enumerate(doc.get("events", ())):
        try:
            When.parse(event["at"])
        except ValueError as exc:
            yield ("events", i, "at"), str(exc)


def _tenancy_fits(i: int, tenancy: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    rent = tenancy.get("rent_weekly")
    if rent is not None and rent_of(rent) is None:
        yield ("tenancies", i, "rent_weekly"), BAD_RENT.format(value=rent)
    start, end = tenancy.get("start"), tenancy.get("end")
    if start and end and When.parse(end).latest < When.parse(start).earliest:
        yield ("tenancies", i, "end"), ENDS_BEFORE_START.format(end=end, start=start)


def uprn_of(value: Any) -> int | None:
    """A UPRN given as a number or as text, or None when it is not one."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_UPRN else None


def rent_of(value: Any) -> Decimal | None:
    """A weekly rent as Doorstep keeps it (pounds and pence), or None when it cannot be."""
    try:
        amount = Decimal(str(value))
        if not 0 <= amount <= MAX_RENT or amount != amount.quantize(Decimal("0.01")):
            return None
    except InvalidOperation:  # not a number at all (NaN, infinity)
        return None
    return amount.quantize(Decimal("0.01"))

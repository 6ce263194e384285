"""What an import keeps of each entry of a chronology, beyond Doorstep's own columns.

Doorstep's models hold the meaning of an entry (a tenancy's start as a date, a property's
address); the file's spelling of it (`"2020-10"`, a UPRN written as text, a member left out
rather than null) is kept beside the mapping (`ExternalRef.record`), so an export says it back
the way the landlord did. An export reads Doorstep's columns first: the file's spelling is used
only where it says the same thing (`spelled`), so a record changed in Doorstep since the import
is exported as it now stands.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from doorstep.timeline.when import When

# The members the format lets an entry leave out (shared/domain/chronology.md, the schema).
OPTIONAL: dict[str, tuple[str, ...]] = {
    "property": ("uprn", "address", "part_of", "bedrooms"),
    "person": ("name", "organisation", "acting_for"),
    "tenancy": ("tenants", "start", "end", "tenure", "rent_weekly"),
    "case": ("property", "people", "title", "links"),
    "event": ("case", "channel", "data"),
}

# The members Doorstep's own columns cannot hold (or hold only in another spelling).
KEPT: dict[str, tuple[str, ...]] = {
    "property": ("uprn",),
    "person": ("role", "acting_for"),
    "tenancy": ("start", "end", "rent_weekly"),
    "case": ("links",),
    "event": (),
}

# Free-text members. Doorstep keeps "nothing" as "" or, where a record needs words, as these.
TEXTS: dict[str, tuple[str, ...]] = {
    "property": ("address",),
    "person": ("name", "organisation"),
    "case": ("title",),
}
NOT_GIVEN = {
    "address": "Address not given (chronology {ref})",
    "name": "Name not given (chronology {ref})",
    "title": "{type} case (chronology {ref})",
}


def not_given(member: str, ref: str, case_type: str = "") -> str:
    """The words Doorstep keeps where the file gave no text for a member that needs some."""
    template = NOT_GIVEN.get(member)
    return template.format(ref=ref, type=case_type.capitalize()) if template else ""


def digest(entry: Any) -> str:
    """A fingerprint of an entry as the file gave it (member order does not matter)."""
    text = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def kept(kind: str, entry: Mapping[str, Any]) -> dict[str, Any]:
    """What to keep of `entry` beside its mapping: the members Doorstep's columns cannot hold,
    texts given as null or "" (Doorstep keeps both as nothing), and the optional members the
    file left out (so an export leaves them out too)."""
    record = {name: entry[name] for name in KEPT.get(kind, ()) if name in entry}
    record.update(
        {name: entry[name] for name in TEXTS.get(kind, ()) if name in entry and not entry[name]}
    )
    absent = [name for name in OPTIONAL.get(kind, ()) if name not in entry]
    if absent:
        record["absent"] = absent
    return record


def first_day(text: str | None) -> dt.date | None:
    """The first day a date of any precision allows (`2020-10` -> 1 October 2020): how a
    tenancy's start or end, or a policy's `effective_from`, is kept in a date column."""
    return When.parse(text).earliest_date if text else None


def same_date(spelled: Any, day: dt.date | None) -> bool:
    """Whether the file's date text names `day` as Doorstep keeps it (its first day)."""
    if spelled is None or day is None:
        return spelled is None and day is None
    try:
        return first_day(str(spelled)) == day
    except ValueError:
        return False


def same_amount(spelled: Any, amount: Decimal | None) -> bool:
    if spelled is None or amount is None:
        return spelled is None and amount is None
    try:
        return Decimal(str(spelled)) == amount
    except InvalidOperation:
        return False


def same_uprn(spelled: Any, uprn: int | None) -> bool:
    if spelled is None or uprn is None:
        return spelled is None and uprn is None
    return str(spelled).strip() == str(uprn)


def spelled(
    record: Mapping[str, Any], name: str, value: Any, same: Callable[[Any, Any], bool]
) -> Any:
    """The file's spelling of member `name` where it says the same as `value`, else `value`."""
    if name in record and same(record[name], value):
        return record[name]
    return value


def text_out(record: Mapping[str, Any], name: str, text: str, placeholder: str = "") -> Any:
    """A free-text member as the format says it. Doorstep's "nothing" (empty, or the words it
    put in for a text the file did not give) is said back as the file said it: null, "", or
    (where the file left the member out) null, which `drop_absent` then leaves out."""
    if text and text != placeholder:
        return text
    return record.get(name)


def drop_absent(record: Mapping[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """Leave out the members the file left out, where Doorstep still holds nothing for them."""
    for name in record.get("absent", ()):
        if entry.get(name) in (None, [], {}):
            entry.pop(name, None)
    return entry

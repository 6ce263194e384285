"""Check a chronology against the published schema of ``doorstep-chronology/1``.

The schema lives beside this module (``schema/doorstep-chronology-1.schema.json``) and is the
public contract; this module only runs it and turns each failure into a JSON path
(``$.events[12].data.priority``) and a reason a landlord's data officer can act on. Problems come
back in document order, so the first one is the first thing wrong in the file.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "doorstep-chronology-1.schema.json"
FORMAT = "doorstep-chronology/1"

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SHOW_LIMIT = 60
_JSON_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
    "object": "an object",
    "array": "a list",
}


@dataclass(frozen=True)
class SchemaProblem:
    """One way a chronology breaks the format: where (a JSON path) and why (plain English)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@functools.cache
def load_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12), read once. Treat it as read-only."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


KNOWN_KINDS: tuple[str, ...] = tuple(load_schema()["$defs"]["kind"]["enum"])

_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date", raises=ValueError)
def _is_real_date(instance: object) -> bool:
    # The schema's pattern fixes the shape (YYYY-MM-DD); this catches 2021-02-30.
    if isinstance(instance, str):
        date.fromisoformat(instance)
    return True


@_FORMATS.checks("date-time", raises=ValueError)
def _is_real_date_time(instance: object) -> bool:
    # ISO 8601 with an optional offset (the pattern fixes the shape); check the calendar day.
    if isinstance(instance, str):
        date.fromisoformat(instance[:10])
    return True


def _holds(check: Any) -> Any:
    """A format check as jsonschema-rs calls it: true or false, never an exception."""

    def holds(instance: object) -> bool:
        try:
            return bool(check(instance))
        except ValueError:
            return False

    return holds


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema(), format_checker=_FORMATS)


@functools.cache
def _gate() -> Any:
    """The same schema compiled by jsonschema-rs: only a fast "is this valid?" (ADR 16).

    Every document it passes, the explaining validator passes too (a property test holds the
    two to that); a document it fails goes to the explaining validator for its problems, so
    what a landlord is told never depends on the gate."""
    return jsonschema_rs.validator_for(
        load_schema(),
        formats={"date": _holds(_is_real_date), "date-time": _holds(_is_real_date_time)},
        validate_formats=True,
    )


def passes_gate(doc: object) -> bool:
    """Whether the fast validator finds `doc` valid (False where it cannot read it)."""
    try:
        return bool(_gate().is_valid(doc))
    except (ValueError, TypeError, OverflowError):
        return False


def validate_chronology(doc: object) -> list[SchemaProblem]:
    """Every way ``doc`` (a parsed JSON document) breaks the format, in document order.

    An empty list means the document is a valid ``doorstep-chronology/1`` file. Unknown members
    of an event's ``data`` are never a problem: they are kept.
    """
    if passes_gate(doc):
        return []
    key_problems = list(_non_text_keys(doc, ()))
    if key_problems:
        # Not a JSON document (JSON member names are always text); the schema cannot run.
        return [SchemaProblem(_json_path(path), reason) for path, reason in key_problems]
    return explained(doc)


def explained(doc: object) -> list[SchemaProblem]:
    """Every problem the explaining validator finds in `doc` (a JSON document), in document
    order; `validate_chronology` runs it only where the fast gate fails."""
    found: list[tuple[tuple[int, ...], int, SchemaProblem]] = []
    seen: set[SchemaProblem] = set()
    for error in _validator().iter_errors(doc):
        for path, reason in _explain(error):
            problem = SchemaProblem(_json_path(path), reason)
            if problem not in seen:
                seen.add(problem)
                found.append((_document_order(doc, path), len(found), problem))
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [problem for _, _, problem in found]


def validate_event_data(kind: str, data: object) -> list[SchemaProblem]:
    """How one event's ``data`` breaks the format for its kind, with paths from ``data``.

    Runs the same schema as a whole file, on a one-event document, and keeps the problems
    inside ``data`` (``data.priority``), so an event written by a service and one imported in
    a file are held to the same published rules.
    """
    doc = {
        "format": FORMAT,
        "landlord": {"name": "-", "nation": "england"},
        "properties": [],
        "people": [],
        "tenancies": [],
        "cases": [],
        "events": [
            {"id": "e", "at": "2000", "kind": kind, "by": "landlord", "summary": "", "data": data}
        ],
    }
    prefix = "$.events[0].data"
    return [
        SchemaProblem("data" + problem.path[len(prefix) :], problem.reason)
        for problem in validate_chronology(doc)
        if problem.path.startswith(prefix)
    ]


def first_problem(doc: object) -> SchemaProblem | None:
    """The first problem in document order, or None when ``doc`` is valid."""
    problems = validate_chronology(doc)
    return problems[0] if problems else None


# --- explaining one error -------------------------------------------------------------------


def _explain(error: ValidationError) -> Iterator[tuple[tuple[str | int, ...], str]]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    value = error.instance
    if keyword == "required" and isinstance(value, Mapping):
        for name in error.validator_value:
            if name not in value:
                yield path, f"the required member {_show(name)} is missing"
        return
    if keyword == "additionalProperties" and isinstance(value, Mapping):
        yield from _explain_unexpected(path, schema, value)
        return
    description = _describes(schema)
    if keyword in ("anyOf", "oneOf") and _only_format_failed(error):
        # The right shape, but no such day (2021-02-30).
        yield path, f"{_show(value)} is not a real calendar date"
        return
    if keyword in ("anyOf", "oneOf", "type", "pattern", "format") and description:
        subject = _show(value)
        if isinstance(value, Mapping | list):
            subject = "this object" if isinstance(value, Mapping) else "this list"
        yield path, f"{subject} is not {description}"
        return
    if keyword in ("anyOf", "oneOf") and error.context:
        # No description to lean on: report the alternative that came closest.
        yield from _explain(best_match(error.context))
        return
    if keyword == "enum":
        allowed = list(error.validator_value)
        if tuple(allowed) == KNOWN_KINDS:
            yield (
                path,
                f"{_show(value)} is not a kind Doorstep knows; the known kinds are "
                + ", ".join(KNOWN_KINDS),
            )
        else:
            yield path, f"{_show(value)} is not one of " + ", ".join(map(_plain, allowed))
        return
    if keyword == "const":
        yield path, f"must be {_show(error.validator_value)}, not {_show(value)}"
        return
    if keyword == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        yield path, f"expected {_or(_JSON_TYPES.get(n, n) for n in names)}, found {_show(value)}"
        return
    if keyword == "minimum":
        yield path, f"must be {_plain(error.validator_value)} or more, not {_show(value)}"
        return
    if keyword == "minLength":
        yield path, "must not be empty"
        return
    if keyword == "uniqueItems":
        yield path, "lists the same value more than once"
        return
    if keyword == "format":
        yield path, f"{_show(value)} is not a real {error.validator_value}"
        return
    yield path, error.message


def _only_format_failed(error: ValidationError) -> bool:
    """Whether some alternative of an anyOf failed on its format alone (the shape was right)."""
    by_branch: dict[object, set[object]] = {}
    for sub in error.context or ():
        branch = sub.relative_schema_path[0] if sub.relative_schema_path else None
        by_branch.setdefault(branch, set()).add(sub.validator)
    return any(keywords == {"format"} for keywords in by_branch.values())


def _explain_unexpected(
    path: tuple[str | int, ...], schema: Mapping[str, Any], value: Mapping[str, Any]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    named = list(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    is_policy = any("compensation" in p.pattern for p in patterns)
    is_event = "kind" in named and "at" in named
    for name in value:
        if name in named or any(p.search(name) for p in patterns):
            continue
        if is_policy:
            reason = (
                f"{_show(name)} is not a policy key Doorstep knows; the known keys are "
                + ", ".join(named)
                + ", and compensation.band.<name>"
            )
        else:
            reason = f"{_show(name)} is not allowed here; the members are " + ", ".join(named)
            if is_event:
                reason += " (put extra facts in data, where they are kept)"
        yield (*path, name), reason


def _describes(schema: Mapping[str, Any]) -> str | None:
    """A schema's description when it reads as a noun phrase ("a date: ..."), else None."""
    description = schema.get("description")
    if isinstance(description, str) and description.startswith(("a ", "an ")):
        return description
    return None


def _show(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= _SHOW_LIMIT else value[: _SHOW_LIMIT - 1] + "…"
        return f"'{text}'"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return _plain(value)


def _plain(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str) if isinstance(value, int | float) else str(value)


def _or(words: Iterable[str]) -> str:
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


# --- paths ----------------------------------------------------------------------------------


def json_path(path: Sequence[str | int]) -> str:
    """A JSON path from its steps: ("events", 12, "data") -> $.events[12].data."""
    return _json_path(path)


def _json_path(path: Sequence[str | int]) -> str:
    parts = ["$"]
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            parts.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "".join(parts)


def _document_order(doc: object, path: Sequence[str | int]) -> tuple[int, ...]:
    """Where ``path`` falls in the document: each step's position in its object or list."""
    order: list[int] = []
    node: object = doc
    for part in path:
        if isinstance(node, Mapping) and part in node:
            order.append(list(node).index(part))
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            order.append(part)
            node = node[part]
        else:
            order.append(1 << 30)
            node = None
    return tuple(order)


def _non_text_keys(node: object, path: tuple[str | int, ...]) -> Iterator[tuple[Any, str]]:
    if isinstance(node, Mapping):
        for key, child in node.items():
            if not isinstance(key, str):
                yield path, f"member names must be text, found {_show(key)}"
            else:
                yield from _non_text_keys(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _non_text_keys(child, (*path, index))

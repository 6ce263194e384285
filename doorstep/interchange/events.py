"""Event kinds of the chronology format that no Doorstep app declares a richer class for yet.

The format (`shared/domain/chronology.md`) names every kind a landlord's record may hold:
repairs, hazards, complaints, ASB, moves, commitments, the Ombudsman. Until the app that owns
a kind declares it with its own class (issues 4 to 6), it is registered here, its data held
to the published JSON Schema (`schema/doorstep-chronology-1.schema.json`), so an imported
chronology is kept whole and every kind's data meets the same public rules. A kind an app
registers itself is left alone: apps are loaded before this one (INSTALLED_APPS order).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from jsonschema import Draft202012Validator

from doorstep.interchange.validate import KNOWN_KINDS, load_schema, validate_event_data
from doorstep.timeline import kinds
from doorstep.timeline.kinds import EventKind, PayloadInvalid

DOC = (
    "A `{kind}` event of the chronology format, as `shared/domain/chronology.md` defines it. "
    "Its data is checked against the published JSON Schema; unknown fields are kept."
)


class SchemaKind(EventKind):
    """An event kind whose data the published chronology schema validates."""

    data_schema: ClassVar[Mapping[str, Any]] = {}

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        problems = validate_event_data(cls.kind, dict(data))
        if problems:
            raise PayloadInvalid(
                cls.kind, [{"field": p.path, "reason": p.reason} for p in problems]
            )
        return dict(data)

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        for field in ("text", "description", "action", "reason", "findings", "details"):
            if isinstance(data.get(field), str) and data[field]:
                return f"{cls.label}: {data[field][:200]}"
        return cls.label


def _data_schema(kind: str) -> Mapping[str, Any]:
    for branch in load_schema()["$defs"]["event"].get("allOf", []):
        if branch.get("if", {}).get("properties", {}).get("kind", {}).get("const") == kind:
            data: Mapping[str, Any] = branch["then"]["properties"]["data"]
            return data
    return {}


def _deref(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    defs = load_schema()["$defs"]
    while "$ref" in schema:
        schema = defs[schema["$ref"].split("/")[-1]]
    return schema


def _example(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A valid example: each required member with the first value its schema allows."""
    schema = _deref(schema)
    return {
        name: _value_for(schema.get("properties", {}).get(name, {}))
        for name in schema.get("required", [])
    }


CANDIDATES: tuple[Any, ...] = ("x", "damp_mould", "2021-03-30", 1, True, [], {}, None)


def _value_for(schema: Mapping[str, Any]) -> Any:
    """The first of a few plain values that the member's schema accepts."""
    schema = _deref(schema)
    if "enum" in schema:
        return next((v for v in schema["enum"] if v is not None), None)
    if "const" in schema:
        return schema["const"]
    check = Draft202012Validator({"$defs": load_schema()["$defs"], **schema})
    return next((value for value in CANDIDATES if check.is_valid(value)), "x")


def _invalid(schema: Mapping[str, Any]) -> dict[str, Any] | None:
    schema = _deref(schema)
    if schema.get("required"):
        return {}
    for name, prop in schema.get("properties", {}).items():
        if "enum" in prop:
            return {name: "not-a-value-the-format-knows"}
    return None


def _label(kind: str) -> str:
    return kind.replace(".", " ").replace("_", " ").capitalize()


def register_format_kinds() -> list[str]:
    """Register every format kind no app has declared. Returns the kinds registered here."""
    added = []
    for kind in KNOWN_KINDS:
        if kind in kinds.all_kinds():
            continue
        schema = _data_schema(kind)
        name = "".join(part.capitalize() for part in kind.replace(".", "_").split("_"))
        cls = type(
            name,
            (SchemaKind,),
            {
                "__doc__": DOC.format(kind=kind),
                "__module__": __name__,
                "kind": kind,
                "label": _label(kind),
                "data_schema": schema,
                "example": _example(schema),
                "invalid_example": _invalid(schema),
            },
        )
        kinds.register(cls)
        added.append(kind)
    return added


FORMAT_KINDS = register_format_kinds()

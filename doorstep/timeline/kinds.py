"""The registry of event kinds.

Every kind of event is a small class declaring its dotted name (as in the chronology format),
the shape of its data, the sentence it shows on a timeline, and which fields hold special
category data (health, disability, pregnancy...) that only some roles may read. Apps declare
their kinds in their own `events.py`; nothing else may write an event of an unknown kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from doorstep.core.errors import DomainError

UNKNOWN_KIND = "{kind!r} is not a kind of event Doorstep knows. Known kinds: {known}."
REDACTED = "[special category detail: your role does not show it]"


class Payload(BaseModel):
    """Base for event data. Unknown fields are kept, never dropped (chronology.md)."""

    model_config = ConfigDict(extra="allow")


class PayloadInvalid(DomainError):
    """An event's data does not fit its kind; `errors` names each field and the reason."""

    def __init__(self, kind: str, errors: list[dict[str, str]]) -> None:
        first = errors[0]
        super().__init__(
            f"{kind}: {first['field']}: {first['reason']}", field=first["field"], code="invalid"
        )
        self.errors = errors


class EventKind:
    """One kind of event. Subclasses set the class attributes and may override `sentence`."""

    kind: ClassVar[str]
    label: ClassVar[str]
    payload: ClassVar[type[Payload]] = Payload
    special_category_fields: ClassVar[tuple[str, ...]] = ()
    # A valid and an invalid example: the contract tests every kind inherits use them.
    example: ClassVar[dict[str, Any]] = {}
    invalid_example: ClassVar[dict[str, Any] | None] = None

    @classmethod
    def validate(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        try:
            model = cls.payload.model_validate(dict(data))
        except ValidationError as exc:
            raise PayloadInvalid(cls.kind, errors_from(exc, prefix="data")) from exc
        return model.model_dump(mode="json", exclude_unset=True)

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        """What the timeline shows. Default: the summary, or the label."""
        return summary or cls.label

    @classmethod
    def redact(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        """The data as a person without the special category permission sees it."""
        return {
            key: (REDACTED if key in cls.special_category_fields and value else value)
            for key, value in data.items()
        }


def errors_from(exc: ValidationError, *, prefix: str) -> list[dict[str, str]]:
    """Pydantic's errors as [{field, reason}], the field a dotted path from `prefix`."""
    out = []
    for error in exc.errors():
        path = ".".join(str(p) for p in (prefix, *error["loc"]) if p != "")
        out.append({"field": path, "reason": error["msg"]})
    return out


_REGISTRY: dict[str, type[EventKind]] = {}


def register(cls: type[EventKind]) -> type[EventKind]:
    if cls.kind in _REGISTRY and _REGISTRY[cls.kind] is not cls:
        raise RuntimeError(f"Event kind {cls.kind} is registered twice.")
    if not cls.__doc__:
        raise RuntimeError(f"Event kind {cls.kind} needs a docstring saying what it means.")
    _REGISTRY[cls.kind] = cls
    return cls


def get(kind: str) -> type[EventKind]:
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise DomainError(
            UNKNOWN_KIND.format(kind=kind, known=", ".join(sorted(_REGISTRY))),
            field="kind",
            code="unknown_kind",
        ) from None


def all_kinds() -> dict[str, type[EventKind]]:
    return dict(sorted(_REGISTRY.items()))

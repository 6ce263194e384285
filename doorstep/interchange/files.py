"""Reading a chronology file for the commands: plain JSON, its errors said plainly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NOT_FOUND = "{path}: no such file."
NOT_READABLE = "{path}: cannot be read ({reason})."
NOT_JSON = "{path} is not JSON: {reason} (line {line}, column {column})."
NOT_AN_OBJECT = "{path} is not a chronology: it holds {found}, not a JSON object."


class FileRefused(Exception):
    """The file could not be read as a chronology document; the message says why."""


def load_chronology(path: str | Path) -> dict[str, Any]:
    """The parsed document (not yet checked against the format)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileRefused(NOT_FOUND.format(path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FileRefused(NOT_READABLE.format(path=path, reason=exc)) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRefused(
            NOT_JSON.format(path=path, reason=exc.msg, line=exc.lineno, column=exc.colno)
        ) from None
    if not isinstance(doc, dict):
        raise FileRefused(NOT_AN_OBJECT.format(path=path, found=type(doc).__name__))
    return doc

"""Reading a chronology file for the commands: plain JSON, its errors said plainly."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

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


# Many chronologies at once (`doorstep import DIR`, `doorstep import FILE.jsonl`, `-`): each
# record as raw bytes with where it came from; parsing is the bulk import's, so that a record
# that is not JSON is refused with its reason rather than stopping the rest.
JSON_LINES = (".jsonl", ".ndjson")
STDIN = "-"
LINE = "{name} line {number}"


def is_bulk(path: str) -> bool:
    """Whether `path` names many chronologies: a directory, a JSON Lines file or stdin."""
    return path == STDIN or Path(path).is_dir() or Path(path).suffix.lower() in JSON_LINES


def _lines(name: str, stream: Iterable[bytes]) -> Iterator[tuple[str, bytes]]:
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield LINE.format(name=name, number=number), line.rstrip(b"\r\n")


def _file_lines(where: Path) -> Iterator[tuple[str, bytes]]:
    """A JSON Lines file read line by line, never whole (a stream may be large)."""
    with where.open("rb") as stream:
        yield from _lines(where.name, stream)


def chronology_records(
    path: str, stdin: BinaryIO | None = None
) -> tuple[Iterator[tuple[str, bytes]], int | None]:
    """The records `path` holds, in a fixed order (a directory's `*.json` files by name, a
    stream's lines as they come), and how many there are where that is known in advance (not
    for stdin). Raises `FileRefused` if the path itself cannot be read."""
    if path == STDIN:
        return _lines("stdin", stdin if stdin is not None else sys.stdin.buffer), None
    where = Path(path)
    try:
        if where.is_dir():
            files = sorted(p for p in where.glob("*.json") if p.is_file())
            return ((p.name, p.read_bytes()) for p in files), len(files)
        if where.suffix.lower() in JSON_LINES:
            with where.open("rb") as stream:  # counted first for the progress bar
                total = sum(1 for line in stream if line.strip())
            return _file_lines(where), total
        return iter([(where.name, where.read_bytes())]), 1
    except FileNotFoundError:
        raise FileRefused(NOT_FOUND.format(path=path)) from None
    except OSError as exc:
        raise FileRefused(NOT_READABLE.format(path=path, reason=exc)) from None

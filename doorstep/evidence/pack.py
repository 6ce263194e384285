"""The evidence pack as one zip, and its check.

The zip holds `pack.pdf`, `chronology.json` (doorstep-chronology/1), `documents/<ref>-<name>`
(the stored files) and `manifest.json`: the pack's format, what it is of, as of when, for whom,
where the record's hash chain stood, and every other file with its SHA-256 and size.

Reproducible: the entries in name order, each dated from the pack's as-of day (never the wall
clock), one compression, JSON with sorted keys. The same contents give the same bytes. Pure: no
Django, no clock (`pack_verify` needs only the bytes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

from doorstep.evidence.contents import PackContents
from doorstep.interchange.validate import FORMAT as CHRONOLOGY_FORMAT
from doorstep.interchange.validate import first_problem

FORMAT = "doorstep-evidence-pack/1"
MANIFEST = "manifest.json"
PDF = "pack.pdf"
CHRONOLOGY = "chronology.json"
# Zip dates start in 1980: an earlier as-of day is dated 1 January 1980.
ZIP_EPOCH = dt.date(1980, 1, 1)

NOT_A_ZIP = "It is not a zip file: {error}"
NO_MANIFEST = "It has no manifest.json."
BAD_MANIFEST = "manifest.json is not JSON: {error}"
WRONG_FORMAT = "manifest.json says format {said!r}; this Doorstep reads {wanted!r}."
MISSING_FILE = "{name} is listed in the manifest but not in the zip."
WRONG_HASH = "{name} does not match its checksum: the manifest says {said}, the file is {found}."
WRONG_SIZE = "{name} is {found} bytes; the manifest says {said}."
UNLISTED_FILE = "{name} is in the zip but not listed in the manifest."
NOT_CHRONOLOGY = "chronology.json is not a valid {format} document: {problem}"


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack_files(contents: PackContents, pdf: bytes) -> dict[str, bytes]:
    """Every file of the pack but the manifest, by its name in the zip."""
    files = {PDF: pdf, CHRONOLOGY: _json(contents.chronology_doc)}
    files.update(contents.files)
    return files


def manifest(contents: PackContents, files: Mapping[str, bytes]) -> dict[str, Any]:
    """What the pack is, and each file with its checksum and size."""
    return {
        "format": FORMAT,
        "of": {
            "subject": contents.subject,
            "reference": contents.reference,
            "title": contents.title,
            "household": contents.household or None,
            "property": contents.address,
        },
        "landlord": contents.landlord,
        "as_of": contents.as_of.isoformat(),
        "produced_for": contents.produced_for,
        "purpose": contents.purpose,
        "special_category_detail": "included" if contents.detail_shown else "withheld",
        "chronology_format": CHRONOLOGY_FORMAT,
        "record": {
            "stream": contents.head.stream,
            "length": contents.head.length,
            "last_event": contents.head.last_event or None,
            "chain_hash": contents.head.head_hash,
        },
        "files": [
            {"name": name, "sha256": _sha256(data), "size": len(data)}
            for name, data in sorted(files.items())
        ],
    }


def build_zip(contents: PackContents, pdf: bytes) -> bytes:
    """The pack's zip: the same contents and PDF give the same bytes."""
    files = pack_files(contents, pdf)
    files[MANIFEST] = _json(manifest(contents, files))
    day = max(contents.as_of, ZIP_EPOCH)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whichever machine writes it
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def read_manifest(zip_bytes: bytes) -> dict[str, Any]:
    """The pack's manifest (raises `KeyError`, `zipfile.BadZipFile` or `ValueError`)."""
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        return dict(json.loads(archive.read(MANIFEST)))


def pack_verify(zip_bytes: bytes) -> list[str]:
    """Every problem with a pack, in plain words: none where each file listed in its manifest
    is there with the checksum and size the manifest gives, nothing is there unlisted, and its
    chronology is a valid doorstep-chronology/1 document."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile as error:
        return [NOT_A_ZIP.format(error=error)]
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            return [NO_MANIFEST]
        try:
            said = json.loads(archive.read(MANIFEST))
        except ValueError as error:
            return [BAD_MANIFEST.format(error=error)]
        if said.get("format") != FORMAT:
            return [WRONG_FORMAT.format(said=said.get("format"), wanted=FORMAT)]
        problems: list[str] = []
        listed = set()
        for entry in said.get("files") or ():
            name = str(entry.get("name"))
            listed.add(name)
            if name not in names:
                problems.append(MISSING_FILE.format(name=name))
                continue
            data = archive.read(name)
            if _sha256(data) != entry.get("sha256"):
                problems.append(
                    WRONG_HASH.format(name=name, said=entry.get("sha256"), found=_sha256(data))
                )
            if len(data) != entry.get("size"):
                problems.append(
                    WRONG_SIZE.format(name=name, said=entry.get("size"), found=len(data))
                )
        for name in sorted(names - listed - {MANIFEST}):
            problems.append(UNLISTED_FILE.format(name=name))
        if CHRONOLOGY in names and CHRONOLOGY in listed:
            problem: object = None
            try:
                problem = first_problem(json.loads(archive.read(CHRONOLOGY)))
            except ValueError as error:
                problem = error
            if problem is not None:
                problems.append(NOT_CHRONOLOGY.format(format=CHRONOLOGY_FORMAT, problem=problem))
        return problems

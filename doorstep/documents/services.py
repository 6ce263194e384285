"""Adding documents. Checked by content and size; stored once, outside the web root."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.documents import contents
from doorstep.documents.choices import EXTENSIONS, SIGNATURES, TEXT_TYPES, DocumentType
from doorstep.documents.models import Document
from doorstep.residents.models import Household
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.services import event_append
from doorstep.timeline.verify import HeldCheck
from doorstep.timeline.when import When

EMPTY_FILE = "The file is empty."
TOO_LARGE = "The file is {size}; a document can be at most {limit}."
UNKNOWN_TYPE = (
    "Doorstep accepts PDF, PNG, JPEG, GIF, Word (.docx), MP3, WAV, plain text and email "
    "files. This file's content is none of these."
)
NO_TITLE = "Give the document a title."
CASE_OTHER_HOUSEHOLD = "That case belongs to another household."


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def sniff_content_type(content: bytes) -> str | None:
    """What the file is, judged by its bytes."""
    for content_type, signatures in SIGNATURES.items():
        if any(content.startswith(sig) for sig in signatures):
            if content_type == "audio/wav" and content[8:12] != b"WAVE":
                continue
            return content_type
    try:
        text = content[:65536].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    head = text[:2000].lower()
    if "\nsubject:" in head and ("\nfrom:" in head or head.startswith("from:")):
        return "message/rfc822"
    return "text/plain"


def _store(content: bytes, content_type: str, at: dt.datetime) -> str:
    relative = Path(f"{at:%Y/%m}") / f"{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"
    path = Path(settings.DOCUMENTS_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:  # "x": never overwrite a stored document
        handle.write(content)
    return str(relative)


@transaction.atomic
def document_add(
    *,
    actor: Any,
    content: bytes,
    original_name: str,
    doc_type: str,
    title: str,
    at: dt.datetime,
    household: Household | None = None,
    case: Case | None = None,
    dated: dt.date | None = None,
    about: dict[str, str] | None = None,
) -> Document:
    """Attach a document to a household or a case, and record it on the timeline. `about`
    adds Doorstep's own fields to the `document.added` event (e.g. the inspection a report is
    of), beside the format's."""
    DocumentType(doc_type)
    if not title.strip():
        raise DomainError(NO_TITLE, field="title")
    if not content:
        raise DomainError(EMPTY_FILE, field="file")
    limit = settings.DOCUMENT_MAX_BYTES
    if len(content) > limit:
        raise DomainError(
            TOO_LARGE.format(size=_megabytes(len(content)), limit=_megabytes(limit)), field="file"
        )
    content_type = sniff_content_type(content)
    if (
        content_type is None
        or content_type not in EXTENSIONS
        or (content_type not in TEXT_TYPES and content_type not in SIGNATURES)
    ):
        raise DomainError(UNKNOWN_TYPE, field="file")
    refused = contents.problem(content_type, content)
    if refused is not None:
        raise DomainError(refused, field="file")
    if case is not None and household is not None and case.household_id not in (None, household.pk):
        raise DomainError(CASE_OTHER_HOUSEHOLD, field="case")
    household = household or (case.household if case else None)
    prop = case.property if case else household.property  # type: ignore[union-attr]
    document = Document.objects.create(
        reference=next_reference("DOC", at.year),
        doc_type=doc_type,
        title=title.strip(),
        household=household,
        property=prop,
        case=case,
        original_name=original_name[:255],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_path=_store(content, content_type, at),
        uploaded_by=actor,
        uploaded_by_name=actor_name_of(actor),
        uploaded_at=at,
        dated=dated,
    )
    data = {
        "document": document.reference,
        "type": doc_type,
        "title": document.title,
        "sha256": document.sha256,
        **(about or {}),
    }
    summary = f"{document.get_doc_type_display()} added: {document.title}"
    if case is not None:
        record_on_case(
            case=case, kind="document.added", actor=actor, at=at, data=data, summary=summary
        )
    else:
        event_append(
            kind="document.added",
            occurred=When.at(at),
            recorded_at=at,
            actor=actor,
            actor_name=actor_name_of(actor),
            channel="internal",
            data=data,
            summary=summary,
            household=household,
            property=prop,
        )
    return document


def document_open(*, document: Document) -> bytes:
    """The stored bytes, checked against the checksum taken when it was added."""
    content = (Path(settings.DOCUMENTS_ROOT) / document.storage_path).read_bytes()
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise DomainError(
            f"Document {document.reference} no longer matches its checksum.", code="tampered"
        )
    return content


def documents_verify() -> HeldCheck:
    """Every document's file is where the record says, with the checksum taken when it was
    added (for `doorstep verify`, and after a restore from backup)."""
    root = Path(settings.DOCUMENTS_ROOT)
    problems: list[str] = []
    checked = 0
    rows = Document.objects.order_by("pk").values_list("reference", "storage_path", "sha256")
    for reference, storage_path, sha256 in rows.iterator(chunk_size=2000):
        checked += 1
        path = root / storage_path
        try:
            digest = hashlib.sha256()
            with path.open("rb") as stored:
                while block := stored.read(1 << 20):
                    digest.update(block)
        except OSError:
            problems.append(f"document {reference}: its file is missing ({storage_path})")
            continue
        if digest.hexdigest() != sha256:
            problems.append(f"document {reference}: its file no longer matches its checksum")
    return HeldCheck(name="documents", checked=checked, problems=problems)

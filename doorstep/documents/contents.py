"""What is inside a file, judged by its bytes: a Word file is a real one and not an archive
bomb or a carrier of macros; a PDF holds no script or embedded program. Each check returns
the reason to refuse the file, or None.

These are checks of content, not a virus scanner: a landlord who needs one runs it on the
documents folder too (docs/security.md)."""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import re
import zipfile
import zlib

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"

# A Word file unpacks to at most this, in at most this many parts; any part more than this
# many times its packed size is a bomb (a normal document packs 2 to 20 times).
MAX_UNPACKED = 100 * 1024 * 1024
MAX_PARTS = 2000
MAX_RATIO = 200

NOT_WORD = (
    "This file starts as a Word (.docx) file does but is not one: {why}. Save it from Word "
    "again, or as a PDF, and send it again."
)
WORD_BOMB = (
    "This Word file unpacks to more than {limit} MB, or is packed far tighter than any "
    "document is: Doorstep does not open files built to exhaust a computer."
)
WORD_MACROS = (
    "This Word file holds macros (code that runs when it is opened): Doorstep does not keep "
    "files that can run code. Save it as a .docx without macros, or as a PDF."
)
WORD_NESTED = (
    "This Word file holds another archive or a program inside it ({part}): Doorstep does not "
    "keep files that can carry code. Save it without the embedded file, or as a PDF."
)
WORD_FETCHES = (
    "This Word file fetches a template or an object from elsewhere when it is opened: "
    "Doorstep does not keep files that reach out. Save it as a plain .docx, or as a PDF."
)
RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
FETCHED = re.compile(rb"/(attachedTemplate|oleObject|frame|subDocument|package)\b", re.IGNORECASE)
PDF_ENCRYPTED = (
    "This PDF is encrypted (it has a password, or its contents are locked): Doorstep cannot "
    "check what is inside. Save or print it without the password and send that."
)
PDF_FILTER = (
    "This PDF packs its contents in an old or unusual way ({filter}) that Doorstep cannot "
    "check. Print it to a new PDF (or scan it) and send that."
)
PDF_ACTIVE = (
    "This PDF holds {what}: Doorstep does not keep documents that can run code or carry "
    "other files. Print it to a new PDF (or scan it) and send that."
)

# The PDF names of active content, and what to call them.
ACTIVE = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "an action that starts a program",
    b"EmbeddedFile": "an embedded file",
    b"EmbeddedFiles": "embedded files",
    b"RichMedia": "embedded media that can run code",
    b"XFA": "an XFA form (which can run scripts)",
}
NAME = re.compile(rb"/([A-Za-z0-9#_.+-]{1,127})")
HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
# Decompressing a PDF's streams to look inside stops here (a bomb of its own).
MAX_INFLATED = 64 * 1024 * 1024
CODE_SUFFIXES = (".zip", ".exe", ".dll", ".js", ".vbs", ".bat", ".cmd", ".ps1", ".jar", ".msi")


def problem(content_type: str, content: bytes) -> str | None:
    if content_type == DOCX:
        return docx_problem(content)
    if content_type == PDF:
        return pdf_problem(content)
    return None


def docx_problem(content: bytes) -> str | None:
    """Why a Word file is refused, or None. An archive is built by whoever sent it, so any
    failure to read it, of whatever kind, is a refusal with its reason, never a crash."""
    try:
        return _docx_problem(content)
    # Untrusted archive: every failure, of whatever kind, is a refusal.
    except Exception as error:
        return NOT_WORD.format(why=f"it cannot be read ({type(error).__name__}: {error})")


def _docx_problem(content: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        return NOT_WORD.format(why=f"its archive cannot be read ({error})")
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        return NOT_WORD.format(why="it has no Word document inside")
    if len(parts) > MAX_PARTS:
        return WORD_BOMB.format(limit=MAX_UNPACKED // (1024 * 1024))
    for part in parts:
        lowered = part.filename.lower()
        if "vba" in lowered:
            return WORD_MACROS
        # Binary parts are macros, ActiveX controls or embedded OLE objects: none is text.
        if lowered.endswith(CODE_SUFFIXES) or lowered.endswith(".bin"):
            return WORD_NESTED.format(part=part.filename)
    unpacked = 0
    for part in parts:
        # Read, never trust the sizes the archive declares: count what actually comes out.
        try:
            with archive.open(part) as stream:
                size = 0
                while chunk := stream.read(1 << 16):
                    size += len(chunk)
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED:
                        return WORD_BOMB.format(limit=MAX_UNPACKED // (1024 * 1024))
        except (
            zipfile.BadZipFile,
            zlib.error,
            NotImplementedError,
            RuntimeError,
            OSError,
            EOFError,
            ValueError,
        ) as e:
            return NOT_WORD.format(why=f"its part {part.filename} cannot be read ({e})")
        if size > 1024 * 1024 and size > MAX_RATIO * max(part.compress_size, 1):
            return WORD_BOMB.format(limit=MAX_UNPACKED // (1024 * 1024))
    return _word_links_problem(archive)


def _word_links_problem(archive: zipfile.ZipFile) -> str | None:
    """Macros declared in the content types; a template, object, frame or sub-document
    fetched from elsewhere when opened (`TargetMode="External"`)."""
    types = archive.read("[Content_Types].xml").lower()
    if b"macroenabled" in types or b"vbaproject" in types:
        return WORD_MACROS
    for name in archive.namelist():
        if not name.endswith(".rels"):
            continue
        for relationship in RELATIONSHIP.findall(archive.read(name)):
            if b'targetmode="external"' in relationship.lower() and FETCHED.search(relationship):
                return WORD_FETCHES
    return None


def _names(data: bytes) -> set[bytes]:
    """Every PDF name in `data`, with `#xx` escapes undone (`/J#61vaScript` is /JavaScript)."""
    return {
        HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw) for raw in NAME.findall(data)
    }


def _unwrapped(data: bytes) -> list[bytes]:
    """A stream's bytes as they may be wrapped: as they are, and undone from ASCII hex or
    ASCII85 (which may wrap a deflated stream)."""
    found = [data]
    text = data.strip()
    with contextlib.suppress(binascii.Error, ValueError):
        found.append(binascii.unhexlify(re.sub(rb"\s", b"", text).removesuffix(b">")))
    with contextlib.suppress(ValueError):
        found.append(
            base64.a85decode(text.removeprefix(b"<~"), adobe=False, ignorechars=b" \t\r\n~>")
        )
    return found


def _inflated(content: bytes) -> list[bytes]:
    """The PDF's streams, undone from ASCII hex or ASCII85 and inflated (up to `MAX_INFLATED`
    in all); a stream that is none of these, or is broken, is read as it is."""
    found: list[bytes] = []
    budget = MAX_INFLATED
    for match in STREAM.finditer(content):
        for data in _unwrapped(match.group(1)):
            if budget <= 0:
                return found
            found.append(data)
            try:
                inflated = zlib.decompressobj().decompress(data, budget)
            except zlib.error:
                continue
            budget -= len(inflated)
            found.append(inflated)
    return found


def pdf_problem(content: bytes) -> str | None:
    names = _names(content)
    if b"Encrypt" in names:
        return PDF_ENCRYPTED
    for name in (b"LZWDecode", b"LZW", b"Crypt"):
        if name in names:
            return PDF_FILTER.format(filter=name.decode())
    for data in _inflated(content):  # object streams hide names from a plain reading
        names |= _names(data)
    for name, what in ACTIVE.items():
        if name in names:
            return PDF_ACTIVE.format(what=what)
    return None

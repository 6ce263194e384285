"""Reading a pack back as a person would: its PDF's text, page by page (pypdfium2, which
does not share ReportLab's code), and its files."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pypdfium2 as pdfium


def files(zip_bytes: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest_of(zip_bytes: bytes) -> dict[str, Any]:
    return dict(json.loads(files(zip_bytes)["manifest.json"]))


def pages(pdf: bytes) -> list[str]:
    """The text of each page, its lines joined by spaces."""
    document = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in document:
            text = page.get_textpage().get_text_range()
            out.append(" ".join(text.split()))
        return out
    finally:
        document.close()


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))

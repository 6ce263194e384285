"""Uploads checked by what is inside them (`documents/contents.py`): a Word file that is not
one, an archive bomb, macros, an embedded program, a PDF with script or an embedded file are
each refused with their own reason; and no upload whatever its bytes crashes `document_add`."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorstep.core.errors import DomainError
from doorstep.documents import contents
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.testing.factories import HouseholdFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n"


def docx(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Dear Ms Okafor</w:document>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def add(content: bytes, at, household=None) -> Document:
    return document_add(
        actor=None,
        content=content,
        original_name="upload",
        doc_type="letter",
        title="Letter",
        at=at,
        household=household or HouseholdFactory(),
    )


def refusal(content: bytes, at) -> str:
    with pytest.raises(DomainError) as refused:
        add(content, at)
    assert refused.value.field == "file"
    assert not Document.objects.exists()
    return str(refused.value)


def test_a_real_word_file_and_a_plain_pdf_are_kept(at):
    assert add(docx(), at).content_type == contents.DOCX
    assert add(PDF, at).content_type == contents.PDF
    # An opening action alone (a zoom, a page) is not code.
    assert add(PDF.replace(b"/Catalog", b"/Catalog /OpenAction [3 0 R /Fit]"), at)


def test_an_archive_that_is_not_a_word_file_is_refused(at):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "it has no Word document inside" in refusal(buffer.getvalue(), at)
    assert "its archive cannot be read" in refusal(b"PK\x03\x04" + b"\x00" * 64, at)


def test_an_archive_bomb_is_refused(at):
    # 4 MB of zeros packs to a few kilobytes: no document is packed a thousand times.
    assert "built to exhaust a computer" in refusal(
        docx({"word/media/blank": b"\0" * 4_000_000}), at
    )


def test_the_bomb_check_counts_what_comes_out_not_what_the_archive_declares(monkeypatch, at):
    monkeypatch.setattr(contents, "MAX_UNPACKED", 50_000)
    monkeypatch.setattr(contents, "MAX_RATIO", 10**9)
    content = docx({"word/media/noise": bytes(range(256)) * 400})
    assert "unpacks to more than" in refusal(content, at)


def test_ole_objects_activex_external_templates_and_macro_types_are_refused(at):
    assert "another archive or a program" in refusal(
        docx({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}), at
    )
    assert "another archive or a program" in refusal(
        docx({"word/activeX/activeX1.bin": b"\xd0\xcf"}), at
    )
    template = (
        b'<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm"'
        b' TargetMode="External"/></Relationships>'
    )
    assert "fetches a template" in refusal(docx({"word/_rels/settings.xml.rels": template}), at)
    # An ordinary link to a web page is not a fetch.
    link = template.replace(b"attachedTemplate", b"hyperlink")
    assert add(docx({"word/_rels/document.xml.rels": link}), at)


def test_a_word_file_whose_parts_lie_about_their_size_is_refused_not_a_crash(at):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/a.txt", b"x" * 100)
    content = bytearray(buffer.getvalue())
    # The central directory declares a stored part far longer than the bytes that follow it.
    entry = content.rindex(b"PK\x01\x02", 0, content.rindex(b"word/media/a.txt"))
    content[entry + 20 : entry + 28] = (10**6).to_bytes(4, "little") * 2
    assert "cannot be read" in refusal(bytes(content), at)


def test_macros_and_embedded_programs_are_refused(at):
    assert "holds macros" in refusal(docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), at)
    content = docx({"word/embeddings/tool.exe": b"MZ\x90\x00"})
    assert "(word/embeddings/tool.exe)" in refusal(content, at)


@pytest.mark.parametrize(
    ("active", "what"),
    [
        (b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "JavaScript"),
        (b"/AA << /O << /S /J#61vaScript /J#53 (x) >> >>", "JavaScript"),  # escaped names
        (b"/OpenAction << /S /Launch /F (cmd.exe) >>", "an action that starts a program"),
        (b"/Names << /EmbeddedFiles 5 0 R >>", "embedded files"),
    ],
)
def test_a_pdf_that_can_run_code_or_carries_files_is_refused(active, what, at):
    reason = refusal(PDF.replace(b"/Catalog", b"/Catalog " + active), at)
    assert reason == contents.PDF_ACTIVE.format(what=what)


def test_script_hidden_in_ascii_hex_or_ascii85_streams_is_found(at):
    import base64

    for wrapped in (
        zlib.compress(b"<< /S /JavaScript >>").hex().encode() + b">",
        base64.a85encode(zlib.compress(b"<< /S /JavaScript >>")) + b"~>",
        b"<< /S /JavaScript >>".hex().encode(),
    ):
        pdf = PDF.replace(
            b"trailer", b"4 0 obj << >>\nstream\n" + wrapped + b"\nendstream\ntrailer"
        )
        assert "JavaScript" in refusal(pdf, at)


def test_an_encrypted_pdf_or_one_packed_with_lzw_is_refused(at):
    assert "encrypted" in refusal(PDF.replace(b"trailer<<", b"trailer<< /Encrypt 9 0 R"), at)
    lzw = refusal(PDF.replace(b"/Catalog", b"/Catalog /Filter /LZWDecode"), at)
    assert "(LZWDecode)" in lzw


def test_script_hidden_in_a_compressed_object_stream_is_found(at):
    hidden = zlib.compress(b"2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj")
    pdf = PDF.replace(
        b"trailer",
        b"3 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + hidden + b"\nendstream\n"
        b"endobj\ntrailer",
    )
    assert "JavaScript" in refusal(pdf, at)


PREFIXES = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"RIFF", b"ID3", b"GIF89a"]
REAL_WORD = docx({"word/media/note.txt": b"Kitchen tap leaking " * 20})


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=3000),
    also=st.sampled_from([b"", b"/JavaScript", b"stream\n\x78\x9c", b"[Content_Types].xml"]),
)
def test_any_bytes_are_kept_or_refused_with_a_reason_never_a_crash(prefix, body, also, at):
    check(prefix + body + also, at)


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.lists(
        st.tuples(st.integers(0, len(REAL_WORD) - 1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_a_real_word_file_with_any_bytes_changed_is_kept_or_refused_never_a_crash(changes, at):
    content = bytearray(REAL_WORD)
    for where, value in changes:
        content[where] = value
    check(bytes(content), at)


def check(content: bytes, at) -> None:
    try:
        document = add(content, at)
    except DomainError as refused:
        assert refused.field == "file"
        assert str(refused).endswith((".", "again.", "PDF.", "that."))
    else:
        assert document.size == len(content)

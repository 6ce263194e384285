from django.db import models


class DocumentType(models.TextChoices):
    """The document types of the chronology format."""

    SURVEY_REPORT = "survey_report", "Survey report"
    INSPECTION_REPORT = "inspection_report", "Inspection report"
    PHOTO = "photo", "Photo"
    LETTER = "letter", "Letter"
    MEDICAL_EVIDENCE = "medical_evidence", "Medical evidence"
    CALL_RECORD = "call_record", "Call record"
    OTHER = "other", "Other"


# What a file's first bytes must be for each content type we accept. Checked by content,
# never by the name the uploader gave it.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "audio/mpeg": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    "audio/wav": (b"RIFF",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
}
TEXT_TYPES = {"text/plain", "message/rfc822"}
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "audio/mpeg": "mp3",
    "audio/wav": "wav",
    "text/plain": "txt",
    "message/rfc822": "eml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}

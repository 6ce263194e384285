"""Documents: list a case's or a household's, upload one (multipart), download one.

Uploads are checked by content, not by name, and stored once; a download is checked against
the checksum taken when the document was added.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import DocumentIn, DocumentOut, ErrorOut, Reference, responds
from doorstep.documents.models import Document
from doorstep.documents.services import document_add, document_open

router = Router(tags=["documents"])

BINARY = {
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
}


@router.get(
    "/cases/{reference}/documents",
    response=responds(200, list[DocumentOut]),
    auth=requires("documents.view_document"),
)
@paginate(LimitOffsetPagination)
def case_document_list(request: HttpRequest, reference: Reference) -> Any:
    case = selectors.case_for(user=caller(request), reference=reference)
    return selectors.case_documents(case=case)


@router.get(
    "/households/{reference}/documents",
    response=responds(200, list[DocumentOut]),
    auth=requires("documents.view_document"),
)
@paginate(LimitOffsetPagination)
def household_document_list(request: HttpRequest, reference: Reference) -> Any:
    user = caller(request)
    household = selectors.household_for(user=user, reference=reference)
    return selectors.household_documents_for(user=user, household=household)


def _uploaded(
    request: HttpRequest, first: IntakeRecord, reference: Reference, **_: Any
) -> Document:
    return only(selectors.document_uploaded_by(user=caller(request), moment=first.received_at))


def _added(request: HttpRequest, payload: DocumentIn, file: UploadedFile, **where: Any) -> Any:
    """One upload, to a case or a household (`where`), through `document_add`."""
    document = document_add(
        actor=caller(request),
        content=file.read(),
        original_name=file.name or "",
        doc_type=payload.doc_type,
        title=payload.title,
        dated=payload.dated,
        at=received_at(request),
        **where,
    )
    return Status(201, document)


@router.post(
    "/cases/{reference}/documents",
    response=responds(201, DocumentOut),
    auth=requires("documents.add_document"),
)
@idempotent(_uploaded)
def case_document_create(
    request: HttpRequest, reference: Reference, payload: Form[DocumentIn], file: File[UploadedFile]
) -> Any:
    """Upload a document to a case (multipart/form-data: `file`, `doc_type`, `title`)."""
    case = selectors.case_for(user=caller(request), reference=reference)
    return _added(request, payload, file, case=case)


@router.post(
    "/households/{reference}/documents",
    response=responds(201, DocumentOut),
    auth=requires("documents.add_document"),
)
@idempotent(_uploaded)
def household_document_create(
    request: HttpRequest, reference: Reference, payload: Form[DocumentIn], file: File[UploadedFile]
) -> Any:
    """Upload a document to a household's record (multipart/form-data)."""
    household = selectors.household_record_for(user=caller(request), reference=reference)
    return _added(request, payload, file, household=household)


@router.get(
    "/documents/{reference}",
    response=responds(200, DocumentOut),
    auth=requires("documents.view_document"),
)
def document_read(request: HttpRequest, reference: Reference) -> Any:
    return selectors.document_for(user=caller(request), reference=reference)


@router.get(
    "/documents/{reference}/content",
    response={404: ErrorOut},
    auth=requires("documents.view_document"),
    openapi_extra={"responses": {200: BINARY}},
)
def document_download(request: HttpRequest, reference: Reference) -> HttpResponse:
    """The document's bytes, as stored, checked against its checksum."""
    document = selectors.document_for(user=caller(request), reference=reference)
    response = HttpResponse(document_open(document=document), content_type=document.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=document.original_name)
        or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

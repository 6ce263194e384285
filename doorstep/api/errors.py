"""The one error envelope, and the one place exceptions become HTTP responses.

Every refusal the API gives has the same shape, whatever raised it:

    {"error": {"code": "invalid", "message": "...",
               "fields": [{"field": "body.address_line_1", "reason": "Field required"}]}}

`field` is a dotted path from where the input came from: `body.` for a JSON body, `form.` for
a multipart upload, `query.` for a query string. Services name fields without a location
(`DomainError(field="uprn")`); the location is added here, from the request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from doorstep.core.errors import DomainError
from doorstep.timeline.kinds import PayloadInvalid

logger = logging.getLogger(__name__)

INVALID = "The request is not valid: each field below says why."
NOT_FOUND = "There is no {thing} with that reference, or your role cannot see it."
UNAUTHENTICATED = "Send a valid API token: 'Authorization: Bearer <token>'."
FORBIDDEN = "Your role does not allow this: it needs the permission {permission}."
SERVER_ERROR = "Something went wrong on our side. The request id identifies it."

# Statuses for the DomainError codes that are not a plain refusal of the input (422).
CODE_STATUS = {"forbidden": 403, "tampered": 500}


class ApiError(Exception):
    """A refusal the API itself makes (a reused idempotency key), outside any service."""

    def __init__(self, status: int, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


def envelope(code: str, message: str, fields: Sequence[dict[str, str]] = ()) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": list(fields)}}


def input_location(request: HttpRequest) -> str:
    """Where a request's input came from, for naming the field a service refused."""
    if request.method == "GET":
        return "query"
    if (request.content_type or "").startswith("multipart/"):
        return "form"
    return "body"


def field_path(loc: Iterable[Any]) -> str:
    """ninja's `loc` as a dotted path: ('body', 'payload', 'uprn') -> 'body.uprn'.

    Every operation names its body parameter `payload`, so that segment says nothing and is
    dropped. An uploaded file's source ('file', 'file') is reported as the form field it is.
    """
    parts = [str(p) for p in loc]
    if parts[:2] in (["body", "payload"], ["form", "payload"]):
        del parts[1]
    if parts and parts[0] == "file":
        parts[0] = "form"
    return ".".join(parts)


def _located(request: HttpRequest, field: str | None) -> str:
    return f"{input_location(request)}.{field}" if field else ""


@contextmanager
def fields_named(**names: str) -> Iterator[None]:
    """Name a service's refusal by the operation's own input, where the two differ:
    `with fields_named(from_event="from_contact"):` (as a form's `domain_fields` does)."""
    try:
        yield
    except DomainError as exc:
        exc.field = names.get(exc.field or "", exc.field)
        raise


def register_handlers(api: NinjaAPI) -> None:
    """Turn every exception the API can meet into the envelope. Called once, on the api."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = [
            {"field": field_path(e.get("loc", ())), "reason": e.get("msg", "")} for e in exc.errors
        ]
        return respond(request, 422, envelope("invalid", INVALID, fields))

    def payload_invalid(request: HttpRequest, exc: PayloadInvalid) -> HttpResponse:
        fields = [
            {"field": _located(request, e["field"]), "reason": e["reason"]} for e in exc.errors
        ]
        return respond(request, 422, envelope(exc.code, exc.message, fields))

    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        status = CODE_STATUS.get(exc.code, 422)
        fields = (
            [{"field": _located(request, exc.field), "reason": exc.message}] if exc.field else []
        )
        return respond(request, status, envelope(exc.code, exc.message, fields))

    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        fields = [{"field": exc.field, "reason": exc.message}] if exc.field else []
        return respond(request, exc.status, envelope(exc.code, exc.message, fields))

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        thing = (
            type(exc).__qualname__.split(".")[0].lower()
            if isinstance(exc, ObjectDoesNotExist)
            else "record"
        )
        return respond(request, 404, envelope("not_found", NOT_FOUND.format(thing=thing)))

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, 401, envelope("unauthenticated", UNAUTHENTICATED))
        response["WWW-Authenticate"] = "Bearer"
        return response

    def forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return respond(request, 403, envelope("forbidden", exc.message))

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = "bad_request" if exc.status_code == 400 else f"http_{exc.status_code}"
        return respond(request, exc.status_code, envelope(code, exc.message))

    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error in the API", exc_info=exc)
        return respond(request, 500, envelope("server_error", SERVER_ERROR))

    handlers: dict[type[Exception], Callable[..., HttpResponse]] = {
        ValidationError: validation,
        PayloadInvalid: payload_invalid,
        DomainError: domain,
        ApiError: api_error,
        ObjectDoesNotExist: not_found,
        Http404: not_found,
        AuthenticationError: unauthenticated,
        AuthorizationError: forbidden,
        HttpError: http_error,
        Exception: unexpected,
    }
    for exc_class, handler in handlers.items():
        api.add_exception_handler(exc_class, handler)

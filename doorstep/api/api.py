"""The JSON API (django-ninja) at /api/v1/, and the intake log that keeps every request.

One API, one router per domain, one error envelope (`errors.py`), bearer-token auth with the
permission each operation needs declared beside it (`auth.py`), and every write request kept
in the intake log as received (`intake.py`). OpenAPI at /api/v1/openapi.json, docs at
/api/v1/docs; the schema is checked against `openapi.snapshot.json` by the tests.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from doorstep.api.auth import operations, permission_of
from doorstep.api.errors import register_handlers
from doorstep.api.intake import intake
from doorstep.api.routers import (
    appointments,
    asb,
    cases,
    commitments,
    complaints,
    deadlines,
    documents,
    evidence,
    findings,
    hazards,
    inspections,
    learning,
    moves,
    ombudsman,
    permits,
    policy,
    properties,
    remedies,
    repairs,
    repeats,
    reports,
    residents,
    responses,
    timeline,
)

DESCRIPTION = """
The record of a social housing landlord: properties, households, cases, their timeline and
documents. Authenticate with an API token: `Authorization: Bearer <token>`. Each operation
needs one permission of the caller's role. Every refusal has the same shape:
`{"error": {"code", "message", "fields": [{"field", "reason"}]}}`. Send an `Idempotency-Key`
header on a create to make a retry safe. Every write request is kept, as received.
"""


IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "Send the same key again to retry safely: the first response's resource "
    "is returned and nothing is created twice.",
}


class DoorstepAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Operation ids are the handlers' names (`property_create`): stable, and readable."""
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """ninja's schema, plus each operation's permission and, on creates, Idempotency-Key."""
        schema = super().get_openapi_schema(**kwargs)
        by_id = operations(self)
        for methods in schema["paths"].values():
            for details in methods.values():
                operation = by_id[details["operationId"]]
                details["x-permission"] = permission_of(operation)
                if getattr(operation.view_func, "idempotent", False):
                    details["parameters"] = [*details["parameters"], IDEMPOTENCY_HEADER]
        return schema


api = DoorstepAPI(
    title="Doorstep API", version="1", urls_namespace="api", description=DESCRIPTION.strip()
)
register_handlers(api)
api.add_decorator(intake, mode="view")
for domain in (
    properties,
    residents,
    cases,
    timeline,
    documents,
    policy,
    deadlines,
    repairs,
    repeats,
):
    api.add_router("", domain.router)
api.add_router("", commitments.router)
api.add_router("", hazards.router)
api.add_router("", inspections.router)
api.add_router("", appointments.router)
api.add_router("", remedies.router)
api.add_router("", responses.router)
api.add_router("", complaints.router)
api.add_router("", asb.router)
api.add_router("", ombudsman.router)
api.add_router("", moves.router)
api.add_router("", learning.router)
api.add_router("", evidence.router)
api.add_router("", permits.router)
api.add_router("", findings.router)
api.add_router("", reports.router)

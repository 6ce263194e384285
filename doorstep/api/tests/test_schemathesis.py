"""Bad input everywhere: Schemathesis generates requests for every operation of the OpenAPI
document (valid and invalid bodies, paths and queries), sends them through the WSGI app as a
manager with an API token, and checks each answer: never a server error (5xx), always the
content type and the body the document declares for that status.

Bounded and repeatable: a few examples an operation, derandomized (the same requests each
run), so a failure here is reproducible and CI's time is known."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from doorstep.staff.roles import Role
from doorstep.staff.services import api_token_create, staff_create

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
EXAMPLES = 6


@pytest.fixture(autouse=True)
def _one_connection():
    """Requests go through Django's own WSGI handler, which closes the database connection
    around each request; the test's transaction lives on that connection (as Django's test
    client does, keep it open)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, at):
    manager = staff_create(username="fuzz", password="a long test password", role=Role.MANAGER)
    _, raw = api_token_create(user=manager, name="schemathesis", at=at)
    return raw


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_fails_or_answers_outside_its_schema(case, token):
    # The document declares bearer auth, and Schemathesis fills the header in itself (empty,
    # or missing on purpose): a real token here, so every request reaches the operation.
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
    response = case.call()
    case.validate_response(response, checks=CHECKS)

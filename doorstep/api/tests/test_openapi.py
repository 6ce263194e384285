"""The OpenAPI document is a contract: it changes only on purpose, with the snapshot."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from ninja.responses import NinjaJSONEncoder

from doorstep.api.api import api

SNAPSHOT = Path(__file__).resolve().parent.parent / "openapi.snapshot.json"
UPDATE = "DOORSTEP_UPDATE_OPENAPI_SNAPSHOT"
REGENERATE = (
    f"The API's OpenAPI schema differs from {SNAPSHOT.name}. If the change is intended, "
    f"regenerate the snapshot and commit it with the change:\n\n"
    f"    {UPDATE}=1 .venv/bin/pytest doorstep/api/tests/test_openapi.py\n\n"
    "Review its diff: a removed or renamed field or operation breaks callers.\n"
)


def live_schema() -> str:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, cls=NinjaJSONEncoder, indent=2, sort_keys=True) + "\n"


def test_the_schema_matches_the_committed_snapshot():
    live = live_schema()
    if os.environ.get(UPDATE):
        SNAPSHOT.write_text(live)
    committed = SNAPSHOT.read_text() if SNAPSHOT.exists() else ""
    if live != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    live.splitlines(keepends=True),
                    fromfile=f"{SNAPSHOT.name} (committed)",
                    tofile="live schema",
                )
            )[:80]
        )
        pytest.fail(REGENERATE + "\n" + diff, pytrace=False)


@pytest.mark.django_db
def test_the_schema_and_docs_are_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    served = response.json()
    assert served["info"]["title"] == "Doorstep API"
    assert served == json.loads(live_schema())
    assert client.get("/api/v1/docs").status_code == 200


def test_every_operation_documents_its_bearer_auth_and_error_envelope():
    schema = json.loads(live_schema())
    assert schema["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"}
    }
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert operation["security"] == [{"BearerToken": []}], (path, method)
            assert operation["x-permission"], (path, method)
            assert "422" in operation["responses"] or "404" in operation["responses"]


def test_no_two_api_schemas_share_a_name():
    """The OpenAPI document names each schema by its class: two apps' `CommitmentIn` would
    silently leave one of them undocumented (the later replaces the earlier). (Enums are not
    held to it yet: `Purpose` and `Outcome` are each two apps' choices.)"""
    from ninja import Schema

    json.loads(live_schema())  # every router's schemas are imported

    def subclasses(cls: type) -> list[type]:
        found = []
        for sub in cls.__subclasses__():
            found += [sub, *subclasses(sub)]
        return found

    named: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("doorstep.") and ".tests." not in cls.__module__:
            named.setdefault(cls.__name__, set()).add(f"{cls.__module__}.{cls.__qualname__}")
    shared = {name: where for name, where in named.items() if len(where) > 1}
    schema_names = set(json.loads(live_schema())["components"]["schemas"])
    assert {n: w for n, w in shared.items() if n in schema_names} == {}

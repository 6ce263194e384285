"""Bad input to the importer: whatever a record holds (bytes that are not text, text that is
not JSON, JSON that is not a chronology, a real chronology with one value changed anywhere),
the bulk import takes it or refuses it with a JSON path and a reason, keeps the refused record
exactly as received, and never crashes or stops the records after it."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorstep.generate.synth import portfolio
from doorstep.interchange.services import chronologies_import
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)
GENERATED = list(portfolio(seed=5, homes=4, years=1))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document a value sits."""
    found = [here]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*here, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:6]):
            found += _paths(inner, (*here, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(GENERATED)))
    where = draw(st.sampled_from(_paths(doc)[1:]))
    parent = doc
    for step in where[:-1]:
        parent = parent[step]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent[where[-1]] = draw(JSON)
    return doc


RECORDS = (
    st.binary(max_size=200)
    | st.text(max_size=200)
    | JSON.map(lambda v: json.dumps(v))
    | mutated().map(lambda d: json.dumps(d, ensure_ascii=False))
)


@settings(
    max_examples=80,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=st.lists(RECORDS, min_size=1, max_size=3))
def test_every_record_is_taken_or_refused_with_a_reason_and_kept_as_received(records):
    named = [(f"line {n + 1}", raw) for n, raw in enumerate(records)]
    report = chronologies_import(records=named, at=AT, scheme="fuzz")
    assert report.read == len(records)
    assert report.imported + report.unchanged + len(report.refused) == len(records)
    by_source = dict(named)
    for refusal in report.refused:
        assert refusal.path.startswith("$") or refusal.path == ""
        assert refusal.reason
        raw = by_source[refusal.source]
        data = raw.encode("utf-8") if isinstance(raw, str) else raw
        assert refusal.sha256 == hashlib.sha256(data).hexdigest()
        kept = (
            base64.b64decode(refusal.received)
            if refusal.encoding == "base64"
            else refusal.received.encode("utf-8")
        )
        assert kept == data

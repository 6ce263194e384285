"""Tamper evidence: each event's hash covers its content and the previous hash in its stream.

Changing, removing or reordering any stored event breaks every hash after it, and
`doorstep verify` names the first event whose stored hash no longer matches.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """One spelling of a JSON value: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(content: Mapping[str, Any], prev_hash: str) -> str:
    body = canonical_json({"content": dict(content), "prev": prev_hash})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()

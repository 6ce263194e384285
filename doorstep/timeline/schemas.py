"""What every API input shares, for the apps that declare their own schemas (they never import
the API): a base that refuses fields it does not know, and the check of a date given at any
precision of the chronology format."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict
from pydantic_core import PydanticCustomError

from doorstep.timeline.when import When

OCCURRED = (
    "When it happened, as precisely as known: 2021, 2021-03, 2021-03-04 or an ISO 8601 date "
    "and time. Default: now."
)


class In(Schema):
    """An API input: a field it does not know is refused, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


def when_text(value: str | None) -> str | None:
    """A chronology date as text, refused here (with its reason) if it cannot be read."""
    if value is not None:
        try:
            When.parse(value)
        except ValueError as exc:
            raise PydanticCustomError("when", str(exc)) from None
    return value

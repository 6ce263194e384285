"""Event kinds for the vulnerability register (names from the chronology format)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import Field

from doorstep.timeline.kinds import EventKind, Payload, register
from doorstep.vulnerabilities.choices import Category, Source


class DisclosedPayload(Payload):
    person: str = Field(min_length=1)
    category: Category
    detail: str | None = ""
    source: Source = Source.SELF


@register
class VulnerabilityDisclosed(EventKind):
    """The landlord learned of a vulnerability: a resident said so, a third party told it, or
    staff saw it. Learning is not recording: the Ombudsman looks for both dates."""

    kind = "vulnerability.disclosed"
    label = "Vulnerability disclosed"
    payload = DisclosedPayload
    special_category_fields = ("detail",)
    example = {
        "person": "R1",
        "category": "pregnancy",
        "detail": "Due in September",
        "source": "self",
    }
    invalid_example = {"person": "R1", "category": "tired"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Landlord told of a vulnerability ({Category(data['category']).label})"


class RecordedPayload(Payload):
    person: str = Field(min_length=1)
    category: Category
    detail: str | None = ""
    review_on: dt.date | None = None


@register
class VulnerabilityRecorded(EventKind):
    """A vulnerability entered the register, where everyone working the household's cases sees
    that it exists."""

    kind = "vulnerability.recorded"
    label = "Vulnerability recorded"
    payload = RecordedPayload
    special_category_fields = ("detail",)
    example = {"person": "R1", "category": "disability"}
    invalid_example = {"category": "disability"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Vulnerability recorded ({Category(data['category']).label})"


class ReviewedPayload(Payload):
    person: str = ""
    category: Category | None = None
    outcome: str = ""
    next_review_on: dt.date | None = None


@register
class VulnerabilityReviewed(EventKind):
    """A recorded vulnerability was reviewed: still current, changed or ended."""

    kind = "vulnerability.reviewed"
    label = "Vulnerability reviewed"
    payload = ReviewedPayload
    special_category_fields = ("outcome",)
    example = {"person": "R1", "category": "mental_health", "outcome": "Still current"}
    invalid_example = {"category": "grumpy"}

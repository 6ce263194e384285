"""Event kinds owned by permissions: a tenant asked for the landlord's permission, and the
landlord decided (or later withdrew a permission granted).

Both are kinds of the chronology format (`shared/domain/chronology.md`, "Moves and
permissions"), so their data accepts everything the published schema
(`interchange/schema/doorstep-chronology-1.schema.json`) accepts for them: `subject` (pet,
alteration or other) and `detail` on a request, `outcome` (text) on a decision; unknown members
kept. Doorstep's own members: on a request, `pet` {species, number, description} and
`alteration` {what, where}; on a decision, `conditions` (a list of text), `reason` and
`review_on` (a date). A decision with outcome `withdrawn` ends a permission granted. What staff
must give (a pet's species and number, at least one condition on a grant with conditions, the
reason for a refusal or a withdrawal) is insisted on by the services, not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, StrictInt

from doorstep.repairs.events import FormatPayload, Text, WhenText
from doorstep.timeline.kinds import EventKind, Payload, register

SUBJECT_WORDS = {"pet": "keep a pet", "alteration": "make an alteration", "other": "permission"}


def _short(value: Any, limit: int = 200) -> str:
    return str(value or "")[:limit]


class PetDetails(Payload):
    """The animal a request is for (Doorstep's)."""

    species: Text = None
    number: StrictInt | None = Field(None, ge=0)
    description: Text = None


class AlterationDetails(Payload):
    """The alteration a request is for (Doorstep's): what, and where in the home."""

    what: Text = None
    where: Text = None


class RequestedPayload(FormatPayload):
    subject: Literal["pet", "alteration", "other"]
    detail: Text = None
    pet: PetDetails | None = None
    alteration: AlterationDetails | None = None


@register
class PermissionRequested(EventKind):
    """The tenant asked for the landlord's permission: to keep a pet, to make an alteration to
    the home, or something else, in their words (`detail`), with the animal (`pet`: species,
    how many, a description) or the alteration (`alteration`: what, where). The request is a
    permission case; the permission decided on it is on the tenancy's record, and a neighbour's
    report about a pet is checked against it."""

    kind = "permission.requested"
    label = "Permission asked for"
    payload = RequestedPayload
    example = {
        "subject": "pet",
        "detail": "I would like to keep my daughter's dog, a small terrier, at the flat.",
        "pet": {"species": "dog", "number": 1, "description": "Small terrier"},
    }
    invalid_example = {"subject": "car", "pet": {"number": "two"}}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        what = SUBJECT_WORDS.get(str(data.get("subject")), "permission")
        detail = f": {_short(data.get('detail'))}" if data.get("detail") else ""
        return f"Permission asked for ({what}){detail}"


class DecidedPayload(FormatPayload):
    outcome: Text = None
    # A list of text (Doorstep's); a file's single text is kept as it is.
    conditions: list[Text] | Text = Field(default_factory=list)
    reason: Text = None
    review_on: WhenText | None = None


@register
class PermissionDecided(EventKind):
    """The landlord decided a request for permission: `granted`, `granted_with_conditions` (the
    `conditions` the tenant must keep to) or `refused` (with the `reason`), with the date the
    permission is to be reviewed where there is one (`review_on`). A later decision with outcome
    `withdrawn` (and its `reason`) ends a permission granted: from that day it is no longer in
    force."""

    kind = "permission.decided"
    label = "Permission decided"
    payload = DecidedPayload
    example = {
        "outcome": "granted_with_conditions",
        "conditions": [
            "The dog is kept on a lead in the communal areas",
            "Any fouling is cleared up at once",
        ],
        "review_on": "2026-11-04",
    }
    invalid_example = {"outcome": 3, "conditions": [1], "review_on": "next year"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        outcome = str(data.get("outcome") or "decided").replace("_", " ")
        conditions = data.get("conditions")
        shown = (
            ": " + "; ".join(_short(c, 120) for c in conditions[:5])
            if isinstance(conditions, list) and conditions
            else ""
        )
        reason = f" ({_short(data.get('reason'))})" if data.get("reason") else ""
        return f"Permission {outcome}{shown}{reason}"

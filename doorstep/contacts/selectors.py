"""Reading the contact log."""

from __future__ import annotations

from dataclasses import dataclass

from doorstep.residents.models import Household
from doorstep.timeline.models import Event


@dataclass(frozen=True)
class ContactEntry:
    event: Event
    opened_case: str | None


def contact_log(*, household: Household) -> list[ContactEntry]:
    """Every contact for the household, newest first, with the case each one opened."""
    contacts = list(
        Event.objects.filter(household=household, kind__startswith="contact.")
        .select_related("case")
        .order_by("-occurred_earliest", "-id")
    )
    opened = {
        e.data.get("from_event"): e.data.get("reference")
        for e in Event.objects.filter(household=household, kind="case.opened").exclude(
            data__from_event=None
        )
    }
    return [ContactEntry(e, opened.get(str(e.uid))) for e in contacts]

"""What the hazards tests read back: the kinds a case's timeline holds, in order."""

from __future__ import annotations

from doorstep.cases.models import Case


def kinds_on(case: Case) -> list[str]:
    return list(case.events.order_by("id").values_list("kind", flat=True))

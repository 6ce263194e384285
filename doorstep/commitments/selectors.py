"""Reading the promise ledger: every commitment still owed, by due date, across all cases; a
case's commitments; one commitment.

Where each stands (overdue, claimed but not verified, contradicted, open) depends on the date
asked about, so it comes from the pure ledger as of that date (`projections.standings`), never
from a rule repeated here. The `Commitment` rows narrow the question to the promises that may
still be owed, and carry what the list shows (household, case, who made it, the owner).

A contractor sees only the commitments on its own cases (`cases.selectors.cases_visible_to`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from doorstep.cases.selectors import cases_visible_to
from doorstep.clocks.ledger import CommitmentState
from doorstep.commitments.choices import CLOSED, OWED_STANDINGS, Standing
from doorstep.commitments.models import Commitment
from doorstep.commitments.projections import standings


@dataclass(frozen=True)
class CommitmentAsOf:
    """A commitment and where it stands as of a date, with the events that standing rests on."""

    commitment: Commitment
    standing: str
    as_of: dt.date
    events: tuple[str, ...] = ()

    @property
    def standing_label(self) -> str:
        return str(Standing(self.standing).label)

    @property
    def owed(self) -> bool:
        return self.standing in OWED_STANDINGS

    def sort_key(self) -> tuple[bool, dt.date, dt.date, int]:
        """By due date, the undated last; then the oldest promise first."""
        c = self.commitment
        return (c.due_date is None, c.due_date or dt.date.max, c.made_on, c.pk)


def commitments_visible_to(*, user: Any) -> QuerySet[Commitment]:
    """The commitments on the cases this person may see (a contractor: its own cases')."""
    rows = Commitment.objects.all()
    if getattr(user, "contractor_id", None) is not None:
        rows = rows.filter(case__in=cases_visible_to(user=user))
    return rows.select_related(
        "case__owner_team", "case__officer", "household__property", "owner", "stream__property"
    )


def _as_of(rows: Iterable[Commitment], as_of: dt.date) -> list[CommitmentAsOf]:
    rows = list(rows)
    found: dict[tuple[int, str], CommitmentState] = standings(
        {r.stream_id for r in rows}, as_of=as_of
    )
    out = []
    for row in rows:
        state = found.get((row.stream_id, row.ref))
        if state is not None:
            out.append(CommitmentAsOf(row, state.state, as_of, state.events))
    return out


def open_commitments(
    *, user: Any, as_of: dt.date, standing: str | None = None, team: str | None = None
) -> list[CommitmentAsOf]:
    """Every commitment still owed as of `as_of` that this person may see, by due date (the
    undated last): overdue, claimed but not verified, contradicted (claimed, found not done),
    or open. Each with its household, case, who made it and its owner. `standing` keeps one of
    those; `team` (a team's slug) keeps the commitments on that team's cases.

    Cost: a few queries, plus one for the events of every history with a commitment owed;
    the ledger's work is in memory."""
    # Closed before `as_of` means closed then too: a later closure may not yet have happened.
    closed = Q(state__in=CLOSED, state_since__lte=as_of)
    rows = commitments_visible_to(user=user).filter(made_on__lte=as_of).exclude(closed)
    if team:
        rows = rows.filter(case__owner_team__slug=team)
    found = [c for c in _as_of(rows, as_of) if c.owed]
    if standing:
        found = [c for c in found if c.standing == standing]
    return sorted(found, key=CommitmentAsOf.sort_key)


def case_commitments(*, case: Any, as_of: dt.date) -> list[CommitmentAsOf]:
    """Every commitment made on the case by `as_of`, owed or not, by due date."""
    rows = Commitment.objects.filter(case=case).select_related("owner")
    return sorted(_as_of(rows, as_of), key=CommitmentAsOf.sort_key)


def commitments_of_cases(
    *, cases: Iterable[Any], as_of: dt.date
) -> dict[int, list[CommitmentAsOf]]:
    """`case_commitments` for many cases at once, by case id (a list's page: one query for the
    rows, one for their histories' events)."""
    rows = Commitment.objects.filter(case__in=list(cases)).select_related("owner")
    found: dict[int, list[CommitmentAsOf]] = {}
    for item in sorted(_as_of(rows, as_of), key=CommitmentAsOf.sort_key):
        if item.commitment.case_id is not None:
            found.setdefault(item.commitment.case_id, []).append(item)
    return found


def commitment_visible(*, pk: int, user: Any) -> Commitment:
    """One commitment, if this person may see it; `Commitment.DoesNotExist` otherwise (a
    contractor asking for another firm's is told it does not exist)."""
    return commitments_visible_to(user=user).get(pk=pk)


def commitment_as_of(*, commitment: Commitment, as_of: dt.date) -> CommitmentAsOf | None:
    """Where one commitment stands as of `as_of` (None: not yet made then)."""
    found = _as_of([commitment], as_of)
    return found[0] if found else None

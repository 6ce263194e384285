"""Which events make up each clock, family by family (complaints, hazards, repairs, ASB, moves,
promises, Ombudsman orders). Each family turns the facts into `ClockSpec`s; the engine times
them all the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from doorstep.clocks.families import (
    asb,
    commitments,
    complaints,
    hazards,
    ombudsman,
    repairs,
    transfers,
)
from doorstep.clocks.specs import ClockSpec, Context

Family = Callable[[Context], Iterable[ClockSpec]]

FAMILIES: tuple[Family, ...] = (
    complaints.specs,
    hazards.specs,
    repairs.specs,
    asb.specs,
    transfers.specs,
    commitments.specs,
    ombudsman.specs,
)

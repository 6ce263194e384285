"""Awaab's Law's scope as data: which hazards it covers, from which date, phase by phase.

Source: Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025, under
section 10A of the Landlord and Tenant Act 1985 (`shared/domain/regulation.md`, "Awaab's Law").

- Phase 1, in force 27 October 2025: significant hazards of damp and mould; emergency hazards
  of every HHSRS hazard except crowding and space.
- Phase 2 (announced for 2026) and phase 3 (announced for 2027) widen the significant hazards.
  Their commencement dates are not confirmed against the regulations, so `in_force_from` is
  None and they never apply: Doorstep does not guess a statutory date. When a date is
  confirmed, set it here with its citation and every clock follows.

Pure: no Django. The clock engine (`doorstep.clocks.families.hazards`) reads it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorstep.policy.defaults import AWAAB, AWAABS_LAW

# The 29 hazards of the Housing Health and Safety Rating System (Housing Act 2004, Part 1), by
# the snake_case names the chronology format uses.
HHSRS: dict[str, str] = {
    "damp_mould": "Damp and mould growth",
    "excess_cold": "Excess cold",
    "excess_heat": "Excess heat",
    "asbestos_mmf": "Asbestos and manufactured mineral fibres",
    "biocides": "Biocides",
    "carbon_monoxide": "Carbon monoxide and fuel combustion products",
    "lead": "Lead",
    "radiation": "Radiation",
    "uncombusted_fuel_gas": "Uncombusted fuel gas",
    "volatile_organic_compounds": "Volatile organic compounds",
    "crowding_space": "Crowding and space",
    "entry_by_intruders": "Entry by intruders",
    "lighting": "Lighting",
    "noise": "Noise",
    "domestic_hygiene": "Domestic hygiene, pests and refuse",
    "food_safety": "Food safety",
    "personal_hygiene": "Personal hygiene, sanitation and drainage",
    "water_supply": "Water supply",
    "falls_baths": "Falls associated with baths etc.",
    "falls_level": "Falling on level surfaces",
    "falls_stairs": "Falling on stairs etc.",
    "falls_between_levels": "Falling between levels",
    "electrical": "Electrical hazards",
    "fire": "Fire",
    "flames_hot_surfaces": "Flames, hot surfaces etc.",
    "collision_entrapment": "Collision and entrapment",
    "explosions": "Explosions",
    "amenities": "Position and operability of amenities",
    "structural_collapse": "Structural collapse and falling elements",
}
# Other spellings met in records, mapped to the names above.
ALIASES: dict[str, str] = {"crowding": "crowding_space", "crowding_and_space": "crowding_space"}
FALLS = frozenset({"falls", "falls_baths", "falls_level", "falls_stairs", "falls_between_levels"})
PHASE_2 = FALLS | {
    "excess_cold",
    "excess_heat",
    "structural_collapse",
    "explosions",
    "fire",
    "electrical",
    "domestic_hygiene",
    "personal_hygiene",
    "food_safety",
}
NOT_CONFIRMED = "commencement date not yet confirmed; Doorstep does not apply it until it is"


@dataclass(frozen=True)
class Phase:
    """One phase of Awaab's Law: the hazards it brings into scope, and from when.

    `in_force_from` None: the phase's commencement is not confirmed, so it applies to nothing.
    `emergency_all_but`: where set, emergencies of every hazard but these are in scope.
    """

    number: int
    in_force_from: dt.date | None
    expected: str
    significant: frozenset[str]
    emergency_all_but: frozenset[str] | None
    source: str

    def in_force(self, on: dt.date) -> bool:
        return self.in_force_from is not None and on >= self.in_force_from

    def covers_significant(self, hazard: str) -> bool:
        return canonical_hazard(hazard) in self.significant

    def covers_emergency(self, hazard: str) -> bool:
        excluded = self.emergency_all_but
        return excluded is not None and canonical_hazard(hazard) not in excluded


PHASES: tuple[Phase, ...] = (
    Phase(
        1,
        AWAABS_LAW,
        "27 October 2025",
        frozenset({"damp_mould"}),
        frozenset({"crowding_space"}),
        f"{AWAAB}: phase 1, significant damp and mould hazards and emergency hazards of every "
        "HHSRS hazard except crowding and space",
    ),
    Phase(
        2,
        None,
        f"2026 ({NOT_CONFIRMED})",
        PHASE_2,
        None,
        f"{AWAAB}: phase 2, as announced (excess cold and heat, falls, structural collapse and "
        "explosions, fire, electrical, domestic and personal hygiene, food safety)",
    ),
    Phase(
        3,
        None,
        f"2027 ({NOT_CONFIRMED})",
        frozenset(HHSRS) - PHASE_2 - {"damp_mould", "crowding_space"},
        None,
        f"{AWAAB}: phase 3, as announced (the remaining HHSRS hazards except crowding and space)",
    ),
)


def canonical_hazard(hazard: str) -> str:
    return ALIASES.get(hazard, hazard)


def significant_in_scope(hazard: str, on: dt.date) -> Phase | None:
    """The phase under which a significant hazard reported on `on` is in scope, if any."""
    return next((p for p in PHASES if p.in_force(on) and p.covers_significant(hazard)), None)


def emergency_in_scope(hazard: str, on: dt.date) -> Phase | None:
    """The phase under which an emergency of this hazard reported on `on` is in scope, if any."""
    return next((p for p in PHASES if p.in_force(on) and p.covers_emergency(hazard)), None)

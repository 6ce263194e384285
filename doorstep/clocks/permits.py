"""Permissions a tenant asked the landlord for (keep a pet, make an alteration, other), read
from the record, and the check of a neighbour's report about a pet against them.

The format's kinds (`shared/domain/chronology.md`, "Moves and permissions"):
`permission.requested` {subject: pet|alteration|other, detail} and `permission.decided`
{outcome}, with Doorstep's own members: on a request, `pet` {species, number, description} or
`alteration` {what, where}; on a decision, `outcome` granted | granted_with_conditions |
refused | withdrawn, `conditions` (a list of text), `reason` and `review_on`. A later
`permission.decided` with outcome `withdrawn` ends a permission granted.

A file from elsewhere may word its outcome its own way ("approved", "declined subject to ...");
`outcome_state` reads the words it can and keeps the rest as `decided`.

`permission_cases(facts, as_of)` reads each request of a replay: its subject and detail, its
decision with the conditions, and where it stands as of the day. `pet_verdict` says whether a
pet permission was in force on the day of a report about a pet, with its conditions, and
whether the report names animals the permission does not cover (Bromford 202109189, Pets 8:
the landlord kept no record of any pet permission, so it could not say whether the pets were
allowed).

Pure: no Django, no database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from doorstep.clocks.facts import Fact, Facts

REQUESTED = "permission.requested"
DECIDED = "permission.decided"
KINDS = (REQUESTED, DECIDED)

# Where a request stands.
PENDING = "pending"
GRANTED = "granted"
GRANTED_WITH_CONDITIONS = "granted_with_conditions"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
DECIDED_OTHERWISE = "decided"  # an outcome in words this module cannot read
GRANTS = (GRANTED, GRANTED_WITH_CONDITIONS)
STATES = (PENDING, GRANTED, GRANTED_WITH_CONDITIONS, REFUSED, WITHDRAWN, DECIDED_OTHERWISE)

SUBJECTS = ("pet", "alteration", "other")

# The words of an outcome, most telling first.
_OUTCOME_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (WITHDRAWN, ("withdraw", "revoke", "rescind", "cancel")),
    (REFUSED, ("refus", "declin", "reject", "not granted", "not approved", "denied")),
    (GRANTED_WITH_CONDITIONS, ("condition",)),
    (GRANTED, ("grant", "approv", "allow", "agree", "permit")),
)

# The animals a report may name, each word read as the species a permission names.
SPECIES_WORDS: Mapping[str, str] = {
    "dog": "dog",
    "dogs": "dog",
    "puppy": "dog",
    "puppies": "dog",
    "cat": "cat",
    "cats": "cat",
    "kitten": "cat",
    "kittens": "cat",
    "rabbit": "rabbit",
    "rabbits": "rabbit",
    "bird": "bird",
    "birds": "bird",
    "parrot": "bird",
    "parrots": "bird",
    "budgie": "bird",
    "budgies": "bird",
    "snake": "snake",
    "snakes": "snake",
    "reptile": "reptile",
    "reptiles": "reptile",
    "ferret": "ferret",
    "ferrets": "ferret",
    "hamster": "hamster",
    "hamsters": "hamster",
    "guinea pig": "guinea pig",
    "guinea pigs": "guinea pig",
}
NUMBER_WORDS: Mapping[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 2,
    "many": 2,
    "multiple": 2,
}
_SPECIES = "|".join(sorted((re.escape(w) for w in SPECIES_WORDS), key=len, reverse=True))
_NUMBER = r"\d+|" + "|".join(NUMBER_WORDS)
_NAMED = re.compile(rf"\b(?:({_NUMBER})\s+(?:\w+\s+)?)?({_SPECIES})\b", re.IGNORECASE)

NO_PERMISSION = "No pet permission on record for {household}"
IN_FORCE = "Pet permission for {household}: granted on {granted} for {what}"
CONDITIONS = ", conditions: {conditions}"
NO_CONDITIONS = ", no conditions"
NOT_IN_FORCE_ON = "; it was not in force on {day}, the day of the report"
WITHDRAWN_ON = "; withdrawn on {day}"
REVIEW_DUE = "; its review was due on {day}"
NOT_COVERED = "; the report names {animals}, more than the permission covers"
ONLY_REFUSED = "Pet permission for {household}: refused on {day}"
ONLY_PENDING = "Pet permission for {household}: asked for on {day}, not yet decided"


def long_date(day: dt.date) -> str:
    """'4 November 2025', as a housing officer writes the day."""
    return f"{day.day} {day:%B %Y}"


def outcome_state(outcome: Any, conditions: Sequence[str] = ()) -> str:
    """Where a decision leaves a request, from its outcome's words (Doorstep's own outcome
    names, or a file's words); a grant with conditions is a grant with conditions."""
    words = str(outcome or "").strip().lower().replace("_", " ")
    for state, stems in _OUTCOME_WORDS:
        if any(stem in words for stem in stems):
            if state == GRANTED and conditions:
                return GRANTED_WITH_CONDITIONS
            return state
    return DECIDED_OTHERWISE


def text_list(value: Any) -> tuple[str, ...]:
    """A list of text from a file, as given: a single text is one item; blanks are dropped."""
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    return ()


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _number(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


@dataclass(frozen=True)
class Decision:
    """One `permission.decided` on a request."""

    event: str
    on: dt.date
    outcome: str
    state: str
    conditions: tuple[str, ...]
    reason: str
    review_on: dt.date | None
    imprecise: bool


@dataclass(frozen=True)
class PermissionCase:
    """One request for permission as of a day: what was asked, and what was decided."""

    case: str | None
    event: str
    requested: dt.date
    subject: str
    detail: str
    pet_species: str
    pet_number: int | None
    pet_description: str
    alteration: Mapping[str, Any]
    decisions: tuple[Decision, ...]
    imprecise: bool

    @property
    def state(self) -> str:
        """Where it stands: pending, granted (with conditions), refused, withdrawn."""
        return self.decisions[-1].state if self.decisions else PENDING

    @property
    def decision(self) -> Decision | None:
        """The decision on the request itself (not a later withdrawal)."""
        found = [d for d in self.decisions if d.state != WITHDRAWN]
        return found[0] if found else None

    @property
    def withdrawal(self) -> Decision | None:
        found = [d for d in self.decisions if d.state == WITHDRAWN]
        return found[-1] if found else None

    @property
    def granted_on(self) -> dt.date | None:
        decision = self.decision
        return decision.on if decision is not None and decision.state in GRANTS else None

    @property
    def conditions(self) -> tuple[str, ...]:
        decision = self.decision
        return decision.conditions if decision is not None else ()

    @property
    def review_on(self) -> dt.date | None:
        decision = self.decision
        return decision.review_on if decision is not None else None

    def in_force_on(self, day: dt.date) -> bool:
        """Granted on or before `day`, and not withdrawn by then."""
        granted = self.granted_on
        if granted is None or granted > day:
            return False
        withdrawal = self.withdrawal
        return withdrawal is None or withdrawal.on > day

    @property
    def what(self) -> str:
        """'1 dog', '2 cats (Persian)', or the request's own words."""
        if self.subject == "pet" and self.pet_species:
            number = self.pet_number if self.pet_number is not None else 1
            species = self.pet_species if number == 1 else _plural(self.pet_species)
            described = f" ({self.pet_description})" if self.pet_description else ""
            return f"{number} {species}{described}"
        return self.detail


def _plural(species: str) -> str:
    return species if species.endswith("s") else f"{species}s"


def _decision(fact: Fact) -> Decision:
    conditions = text_list(fact.data.get("conditions"))
    return Decision(
        event=fact.id,
        on=fact.earliest_date,
        outcome=str(fact.data.get("outcome") or ""),
        state=outcome_state(fact.data.get("outcome"), conditions),
        conditions=conditions,
        reason=str(fact.data.get("reason") or ""),
        review_on=_date(fact.data.get("review_on")),
        imprecise=fact.imprecise,
    )


def _request(fact: Fact, decisions: Iterable[Fact]) -> PermissionCase:
    data = fact.data
    pet = _mapping(data.get("pet"))
    return PermissionCase(
        case=fact.case,
        event=fact.id,
        requested=fact.latest_date,
        subject=str(data.get("subject") or "other"),
        detail=str(data.get("detail") or ""),
        pet_species=str(pet.get("species") or "").strip().lower(),
        pet_number=_number(pet.get("number")),
        pet_description=str(pet.get("description") or ""),
        alteration=dict(_mapping(data.get("alteration"))),
        decisions=tuple(_decision(f) for f in decisions),
        imprecise=fact.imprecise,
    )


def permission_cases(facts: Facts, *, as_of: dt.date) -> list[PermissionCase]:
    """Each request for permission in a replay as of `as_of`, in the order asked: the first
    `permission.requested` of each case (a second one in the same case is a request of its
    own, decided by what follows it), with the decisions that follow it in that case."""
    found = facts.as_of(as_of).of_kind(*KINDS)
    cases: list[PermissionCase] = []
    open_by_case: dict[str | None, tuple[Fact, list[Fact]]] = {}
    order: list[tuple[Fact, list[Fact]]] = []
    for fact in found:
        if fact.kind == REQUESTED:
            entry: tuple[Fact, list[Fact]] = (fact, [])
            open_by_case[fact.case] = entry
            order.append(entry)
        elif fact.case in open_by_case:
            open_by_case[fact.case][1].append(fact)
    for request, decisions in order:
        cases.append(_request(request, decisions))
    return cases


def permission_json(item: PermissionCase) -> dict[str, Any]:
    """One request as the replay's JSON (member `permissions`)."""
    decision, withdrawal = item.decision, item.withdrawal
    return {
        "case": item.case,
        "event": item.event,
        "requested": item.requested.isoformat(),
        "subject": item.subject,
        "detail": item.detail,
        "pet": {
            "species": item.pet_species or None,
            "number": item.pet_number,
            "description": item.pet_description or None,
        }
        if item.subject == "pet"
        else None,
        "alteration": dict(item.alteration) or None,
        "state": item.state,
        "outcome": decision.outcome if decision else None,
        "decided": decision.on.isoformat() if decision else None,
        "decided_event": decision.event if decision else None,
        "conditions": list(item.conditions),
        "reason": (decision.reason or None) if decision else None,
        "review_on": item.review_on.isoformat() if item.review_on else None,
        "withdrawn": withdrawal.on.isoformat() if withdrawal else None,
        "withdrawn_event": withdrawal.event if withdrawal else None,
        "withdrawal_reason": (withdrawal.reason or None) if withdrawal else None,
        "imprecise": item.imprecise or any(d.imprecise for d in item.decisions),
    }


def permission_line(item: Mapping[str, Any]) -> str:
    """One request in the replay's text."""
    what = item["detail"] or item["subject"]
    head = f"  {item['case'] or '-'} {item['subject']}: {what}, asked {item['requested']}"
    state = str(item["state"]).replace("_", " ")
    words = [f"{head}: {state}"]
    if item["decided"]:
        words.append(f"decided {item['decided']}")
    if item["conditions"]:
        words.append("conditions: " + "; ".join(item["conditions"]))
    if item["reason"]:
        words.append(f"reason: {item['reason']}")
    if item["review_on"]:
        words.append(f"review on {item['review_on']}")
    if item["withdrawn"]:
        words.append(f"withdrawn {item['withdrawn']} ({item['withdrawal_reason'] or 'no reason'})")
    return "; ".join(words)


# --- the check of a report about a pet -------------------------------------------------------


@dataclass(frozen=True)
class AnimalsNamed:
    """Animals a report names: a species and how many (None where it gives no number)."""

    species: str
    number: int | None


def animals_named(words: str) -> tuple[AnimalsNamed, ...]:
    """The animals a report's words name, each species once with the largest number given:
    'as many as five dogs, and kittens' -> dog 5, cat (no number)."""
    found: dict[str, int | None] = {}
    for match in _NAMED.finditer(words or ""):
        number_word, animal = match.group(1), match.group(2).lower()
        species = SPECIES_WORDS[animal]
        number: int | None = None
        if number_word:
            lowered = number_word.lower()
            number = int(lowered) if lowered.isdigit() else NUMBER_WORDS.get(lowered)
        previous = found.get(species)
        if species not in found or (number is not None and (previous or 0) < number):
            found[species] = number
    return tuple(AnimalsNamed(s, n) for s, n in found.items())


@dataclass(frozen=True)
class PetVerdict:
    """What the record says about a household's pets on the day of a report."""

    household: str
    on: dt.date | None
    in_force: tuple[PermissionCase, ...]
    on_record: tuple[PermissionCase, ...]
    not_covered: tuple[AnimalsNamed, ...] = field(default=())

    @property
    def any_on_record(self) -> bool:
        return bool(self.on_record)

    @property
    def conditions(self) -> tuple[str, ...]:
        return tuple(c for p in self.in_force for c in p.conditions)

    @property
    def words(self) -> str:
        """One sentence for the officer reading the report."""
        if not self.on_record:
            return NO_PERMISSION.format(household=self.household)
        shown = self.in_force or tuple(p for p in self.on_record if p.granted_on is not None)
        if not shown:
            latest = self.on_record[-1]
            if latest.state == PENDING:
                return ONLY_PENDING.format(
                    household=self.household, day=long_date(latest.requested)
                )
            decision = latest.decision
            day = decision.on if decision else latest.requested
            return ONLY_REFUSED.format(household=self.household, day=long_date(day))
        sentences = [self._granted(p) for p in shown]
        text = ". ".join(sentences)
        if self.not_covered:
            text += NOT_COVERED.format(animals=_animals(self.not_covered))
        return text

    def _granted(self, permit: PermissionCase) -> str:
        granted = permit.granted_on
        text = IN_FORCE.format(
            household=self.household,
            granted=long_date(granted) if granted else "an unknown date",
            what=permit.what,
        )
        text += (
            CONDITIONS.format(conditions="; ".join(permit.conditions))
            if permit.conditions
            else NO_CONDITIONS
        )
        withdrawal = permit.withdrawal
        if withdrawal is not None:
            text += WITHDRAWN_ON.format(day=long_date(withdrawal.on))
        if self.on is not None and not permit.in_force_on(self.on):
            text += NOT_IN_FORCE_ON.format(day=long_date(self.on))
        elif self.on is not None and permit.review_on is not None and permit.review_on < self.on:
            text += REVIEW_DUE.format(day=long_date(permit.review_on))
        return text


def _animals(items: Iterable[AnimalsNamed]) -> str:
    return ", ".join(
        f"{a.number} {a.species if a.number == 1 else _plural(a.species)}"
        if a.number is not None
        else _plural(a.species)
        for a in items
    )


def _not_covered(
    named: Iterable[AnimalsNamed], in_force: Sequence[PermissionCase]
) -> tuple[AnimalsNamed, ...]:
    """The animals a report names beyond what the permissions in force allow: a species none
    of them names, or more of one than they allow together."""
    allowed: dict[str, int | None] = {}
    for permit in in_force:
        species = permit.pet_species
        if not species:
            continue
        number = permit.pet_number if permit.pet_number is not None else 1
        allowed[species] = (allowed.get(species) or 0) + number
    beyond = []
    for animal in named:
        permitted = allowed.get(animal.species)
        if permitted is None or (animal.number is not None and animal.number > permitted):
            beyond.append(animal)
    return tuple(beyond)


def pet_verdict(
    permits: Iterable[PermissionCase],
    *,
    household: str,
    on: dt.date | None = None,
    words: str = "",
) -> PetVerdict:
    """Whether a pet permission was in force for the household on `on` (the day of the
    report; None: whether one stands at all), with its conditions, and the animals the report's
    `words` name beyond what it covers. Requests about other subjects are ignored."""
    pets = tuple(p for p in permits if p.subject == "pet")
    if on is None:
        in_force = tuple(p for p in pets if p.state in GRANTS and p.granted_on is not None)
    else:
        in_force = tuple(p for p in pets if p.in_force_on(on))
    named = animals_named(words)
    beyond = _not_covered(named, in_force) if pets else ()
    return PetVerdict(household, on, in_force, pets, beyond)

"""Every clock of the live record as of a date: of a case, across a household, in a queue.

Built the slow and certain way, until issue 8 adds a projection: each case's "home" is exported
as a chronology (a household case's household; a communal case's property, as `export_scope`
does), the homes of a page in chunks (`interchange.selectors.chronologies_of_homes`, a bounded
number of queries per chunk, each document exactly what `chronology_export_with_cases` gives
for the home alone), each document is replayed by the clock engine exactly as a file would be,
and the format's case refs are read back onto Doorstep's cases (an imported case goes by its
file's ref, others by their own reference). A case's clocks therefore always come from the same
export, whichever page asks, and the live record and its exported file cannot disagree.

The replay is `doorstep.clocks.replay`'s, with two things a file cannot carry: every policy
override on record (the format holds one value per key, the latest; a clock that started under
an earlier value is judged by that value, ADR 7), and the days off announced after the published
bank holidays, each counted from its announcement (`policy.selectors.announced_days`).

Time is an argument: `as_of` is the day the replay is asked about. Only views and API handlers
read the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from doorstep.cases.choices import CaseStatus
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_references, cases_for_household, cases_visible_to
from doorstep.clocks.facts import LONDON, facts_from_chronology
from doorstep.clocks.lens import Finding, finding_from_json, first_disclosed
from doorstep.clocks.redress import TopicSummary, summarise, summary_json
from doorstep.clocks.replay import replay_facts, settled_from
from doorstep.core.batches import in_chunks
from doorstep.core.processes import can_share, shared_out
from doorstep.deadlines.kept import (
    ClockVerdict,
    Kept,
    clocks_kept,
    due_moment,
    keep,
    keeping,
    kept_for,
    settled_for,
)
from doorstep.deadlines.words import clock_name, commitment_state, status_words
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.selectors import HomeExport, chronologies_of_homes
from doorstep.interchange.stamps import home_stamps, snapshot
from doorstep.policy.resolve import Override
from doorstep.policy.selectors import announced_days, overrides_all
from doorstep.residents.models import Household
from doorstep.timeline.models import Event
from doorstep.workdays import AnnouncedDay

logger = logging.getLogger(__name__)

NOT_WORKED_OUT = (
    "The clocks of {home} could not be worked out: {problem} This is a fault in Doorstep; "
    "the record itself is unchanged."
)
QUEUE_LIMIT = 200
# Homes exported together: each chunk's records are held in memory while it is replayed.
HOMES_PER_CHUNK = 200
# Homes whose kept clocks are read together (no replay is held in memory, only stamps).
SETTLED_PER_CHUNK = 2000

Home = tuple[str, int]  # ("household", pk) or ("property", pk): which export a case's clocks use


def _iso(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class CaseClock:
    """One clock of a live case as of a date: the replay's JSON for it (`data`, its `case`
    the Doorstep reference), with its name in plain English and where it stands ("due in 3
    working days", "overdue by 60 working days", "met")."""

    case: Case
    data: Mapping[str, Any]

    @property
    def clock(self) -> str:
        return str(self.data["clock"])

    @property
    def name(self) -> str:
        return clock_name(self.clock)

    @property
    def subject(self) -> str:
        return str(self.data["subject"] or "")

    @property
    def status(self) -> str:
        return status_words(self.data)

    @property
    def started(self) -> dt.date | None:
        return _iso(self.data["started"])

    @property
    def due(self) -> dt.date | None:
        return _iso(self.data["due"])

    @property
    def due_at(self) -> dt.datetime | None:
        due_at = self.data["due_at"]
        return dt.datetime.fromisoformat(due_at).astimezone(LONDON) if due_at else None

    @property
    def original_due(self) -> dt.date | None:
        return _iso(self.data["original_due"])

    @property
    def stopped(self) -> dt.date | None:
        return _iso(self.data["stopped"])

    @property
    def running(self) -> bool:
        return self.data["stopped"] is None

    @property
    def breached(self) -> bool:
        return bool(self.data["breached"])

    @property
    def imprecise(self) -> bool:
        return bool(self.data["imprecise"])

    @property
    def explanation(self) -> list[str]:
        return list(self.data["explanation"]["lines"])

    @property
    def due_moment(self) -> dt.datetime:
        """When it falls due: the hour for an hour clock, else the end of the due day."""
        return due_moment(self.due, self.due_at)

    def as_json(self) -> dict[str, Any]:
        """The replay's JSON for the clock, with its name in plain English and where it
        stands (members the format welcomes beyond its minimum)."""
        return {**self.data, "name": self.name, "status": self.status}

    def sort_key(self) -> tuple[bool, dt.datetime, str, str, Natural, str, dt.date]:
        """What breaches first: overdue before not yet due; of the overdue, the earliest due
        (the most overdue in elapsed time, whatever each clock's unit); then the soonest due;
        then by case, clock, subject (its numbers as numbers: `natural`) and start, so that
        the order is the same whichever way the clocks were read (`work_queue`)."""
        return _queue_order(
            self.breached,
            self.due_moment,
            self.case.reference,
            self.clock,
            self.subject,
            self.started,
        )


@dataclass(frozen=True)
class CaseCommitment:
    """One promise made on a live case, as of a date (the replay's JSON for it)."""

    case: Case
    data: Mapping[str, Any]

    @property
    def state(self) -> str:
        return commitment_state(str(self.data["state"]))

    @property
    def due(self) -> dt.date | None:
        return _iso(self.data["due"])

    @property
    def made(self) -> dt.date | None:
        return _iso(self.data["made"])


@dataclass(frozen=True)
class CaseVisit:
    """One appointment on a live case as of a date: its history, where it stands and its
    failures (the replay's JSON for it, `clocks.appointments`)."""

    case: Case
    data: Mapping[str, Any]

    @property
    def date(self) -> dt.date | None:
        return _iso(self.data["date"])

    @property
    def state(self) -> str:
        return str(self.data["state"]).replace("_", " ")

    @property
    def failures(self) -> list[Mapping[str, Any]]:
        return list(self.data["failures"])


@dataclass(frozen=True)
class CaseRepeat:
    """A job or hazard on a live case for a defect already on record in another case
    (`clocks.repeats`): proposed, accepted or rejected. `earlier` is the other case, where it
    is in the same record."""

    case: Case
    earlier: Case | None
    data: Mapping[str, Any]

    @property
    def proposed(self) -> bool:
        return self.data["status"] == "proposed"


@dataclass(frozen=True)
class CaseComplaint:
    """One complaint on a live case as of a date: its stages with their clocks, its responses'
    promises and claims, and the offers made on it (the replay's JSON, `clocks.complaints`)."""

    case: Case
    data: Mapping[str, Any]

    def stage(self, n: int) -> Mapping[str, Any] | None:
        return next((s for s in self.data["stages"] if s["stage"] == n), None)


@dataclass(frozen=True)
class CaseCompensation:
    """A compensation offer, or a request for compensation, on a live case as of a date, with
    its failures (the replay's JSON for it, `clocks.compensation`)."""

    case: Case
    data: Mapping[str, Any]

    @property
    def failures(self) -> list[Mapping[str, Any]]:
        return list(self.data["failures"])


@dataclass(frozen=True)
class CaseTransfer:
    """One move request on a live case as of a date: its requests, the evidence asked for and
    received, whether evidence it waits on may already be on record, its decisions and the
    other routes offered (the replay's JSON for it, `clocks.moves`)."""

    case: Case
    data: Mapping[str, Any]

    @property
    def evidence_on_record(self) -> Mapping[str, Any] | None:
        return self.data["evidence_on_record"]


@dataclass(frozen=True)
class CaseAsb:
    """One ASB case as of a date: its reports, the decision to open or decline it (with whether
    the policy allowed the reason), its risk assessments, interventions (with any taken inside
    the reporter's delay) and the ASB case review threshold (the replay's JSON,
    `clocks.asb`)."""

    case: Case
    data: Mapping[str, Any]


@dataclass(frozen=True)
class CasePermission:
    """A request for permission on a live case as of a date: what was asked, the decision with
    its conditions, and where it stands (the replay's JSON for it, `clocks.permits`)."""

    case: Case
    data: Mapping[str, Any]

    @property
    def state(self) -> str:
        return str(self.data["state"])

    @property
    def conditions(self) -> list[str]:
        return list(self.data["conditions"])


@dataclass(frozen=True)
class CaseFinding:
    """One finding of the Ombudsman lens on the live record as of a date (the replay's JSON for
    it, `clocks.lens`): on a case, or (`case` None) on the household itself, such as a
    vulnerability disclosed in a contact and never recorded."""

    case: Case | None
    household: Household | None
    data: Mapping[str, Any]
    events: tuple[tuple[str, str | None], ...] = ()  # (the event's ref, its timeline uid)

    @property
    def code(self) -> str:
        return str(self.data["code"])

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def topic(self) -> str:
        return str(self.data["topic"])

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.data["date"])

    @property
    def resolved(self) -> dt.date | None:
        return _iso(self.data["resolved"])

    @property
    def ongoing(self) -> bool:
        return bool(self.data["ongoing"])

    @property
    def severity(self) -> str:
        return str(self.data["severity"])

    @property
    def explanation(self) -> str:
        return str(self.data["explanation"])

    @property
    def rests_on(self) -> list[str]:
        """What the finding rests on beyond the record's plain facts, in words."""
        return [words for member, words in RESTS_ON if self.data.get(member)]

    def finding(self) -> Finding:
        return finding_from_json(self.data)


RESTS_ON = (
    ("imprecise", "an imprecise date"),
    ("assumed", "an assumed value"),
    ("disputed", "a disputed fact"),
    ("absence_of_records", "the absence of a record"),
    ("inferred", "the words of a contact, read by the triage rules"),
)


# The members of `Clocks` that hold what the replays found, case by case.
MEMBERS = (
    "clocks",
    "commitments",
    "appointments",
    "repeats",
    "complaints",
    "compensation",
    "compensation_requests",
    "asb",
    "transfers",
    "permissions",
    "findings",
)


@dataclass
class Clocks:
    """The clocks, commitments, appointments, recurring defects, complaints, compensation
    offers and move requests of some live cases as of a date, and notes on anything that
    could not be worked out."""

    as_of: dt.date
    clocks: list[CaseClock] = field(default_factory=list)
    commitments: list[CaseCommitment] = field(default_factory=list)
    appointments: list[CaseVisit] = field(default_factory=list)
    repeats: list[CaseRepeat] = field(default_factory=list)
    complaints: list[CaseComplaint] = field(default_factory=list)
    compensation: list[CaseCompensation] = field(default_factory=list)
    compensation_requests: list[CaseCompensation] = field(default_factory=list)
    asb: list[CaseAsb] = field(default_factory=list)
    transfers: list[CaseTransfer] = field(default_factory=list)
    permissions: list[CasePermission] = field(default_factory=list)
    findings: list[CaseFinding] = field(default_factory=list)
    vulnerable_from: dict[int, dt.date] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    policy: LivePolicy | None = None

    @property
    def running(self) -> list[CaseClock]:
        """The clocks not yet stopped, what breaches first first."""
        return sorted((c for c in self.clocks if c.running), key=CaseClock.sort_key)

    def take(self, other: Clocks) -> None:
        """Add another chunk's clocks, commitments, findings and notes to these."""
        for member in MEMBERS:
            getattr(self, member).extend(getattr(other, member))
        self.notes.extend(other.notes)
        self.vulnerable_from.update(other.vulnerable_from)

    def keep_only(self, members: Collection[str]) -> None:
        """Forget every member not named (the notes and the household dates are kept)."""
        for member in MEMBERS:
            if member not in members:
                getattr(self, member).clear()

    def of_open_cases(self) -> Clocks:
        """The same, with only the clocks of the cases still open."""
        return replace(self, clocks=[c for c in self.clocks if c.case.status == CaseStatus.OPEN])


@dataclass(frozen=True)
class LivePolicy:
    """What a replay of the live record needs beyond the file: every override on record and
    every day off announced later. Read once per request."""

    overrides: tuple[Override, ...]
    announced: tuple[AnnouncedDay, ...]

    def digest(self) -> str:
        """What a kept replay's stamp says of the policy (`interchange.stamps`): every override
        and announced day, and the landlord's name, which the export writes."""
        said = repr((settings.DOORSTEP_LANDLORD_NAME, self.overrides, self.announced))
        return hashlib.sha256(said.encode()).hexdigest()[:16]


def live_policy() -> LivePolicy:
    return LivePolicy(tuple(overrides_all()), announced_days())


def home_of(case: Case) -> Home:
    """The export a case's clocks come from: its household's, or (communal) its property's."""
    return _home(case.household_id, case.property_id)


def _home(household: int | None, prop: int | None) -> Home:
    if household is not None:
        return ("household", household)
    return ("property", prop)  # type: ignore[return-value]


def _home_words(case: Case) -> str:
    if case.household is not None:
        return f"household {case.household.reference}"
    return f"the communal cases of {case.property.reference}"


def clocks_of(
    cases: Iterable[Case],
    *,
    as_of: dt.date,
    policy: LivePolicy | None = None,
    chunk: int = HOMES_PER_CHUNK,
    timings: dict[str, float] | None = None,
    workers: int = 1,
    only: Collection[str] | None = None,
    on_chunk: Callable[[int, int], None] | None = None,
) -> Clocks:
    """The clocks and commitments of these cases as of `as_of`: one replay per home
    (household, or communal property) among them, the homes exported `chunk` at a time
    (`interchange.selectors.chronologies_of_homes`: a bounded number of queries per chunk, not
    per home). Each case should come with its household and property (`select_related`).
    `timings`, where given, gathers the seconds spent exporting, replaying and reading the
    replays back onto the cases (the sweep's figures).

    For a read of the whole landlord (the yearly reports): `workers` above one shares the
    chunks among that many forked processes (`core.processes`; in this process where they
    could not see what it reads), and `only` keeps of each chunk only the members named
    (`("clocks",)`), so the rest of every home's replay is not held in memory. The chunks'
    members come in the order of the homes either way. `on_chunk(homes done, homes)` is told
    after each chunk (a long read by hand shows where it is)."""
    policy = policy or live_policy()
    by_home: dict[Home, dict[int, Case]] = {}
    for case in cases:
        by_home.setdefault(home_of(case), {})[case.pk] = case
    homes = list(by_home)
    parts = [
        _Part(
            as_of,
            policy,
            tuple(only) if only is not None else None,
            [(home, by_home[home]) for home in homes[start : start + chunk]],
        )
        for start in range(0, len(homes), chunk)
    ]
    found = Clocks(as_of=as_of, policy=policy)
    spent = timings if timings is not None else {}
    workers = workers if workers > 1 and can_share() else 1
    done = 0
    for (part, seconds), asked in zip(
        shared_out(_clocks_part, parts, workers=workers), parts, strict=True
    ):
        found.take(part)
        for name, value in seconds.items():
            spent[name] = spent.get(name, 0.0) + value
        done += len(asked.homes)
        if on_chunk is not None:
            on_chunk(done, len(homes))
    return found


@dataclass
class Verdicts:
    """The clocks of some cases as of a day, as the reports read them (each one's start, due
    date, stop and breach), with notes on any home whose clocks could not be worked out, and
    how many homes' clocks were read from those kept beside their replays and how many were
    replayed."""

    as_of: dt.date
    clocks: list[ClockVerdict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    homes_kept: int = 0
    homes_made: int = 0


def clock_verdicts_of(
    case_ids: Iterable[int] | QuerySet[Case],
    *,
    as_of: dt.date,
    workers: int = 1,
    chunk: int = SETTLED_PER_CHUNK,
    on_chunk: Callable[[int, int], None] | None = None,
    running: bool = False,
) -> Verdicts:
    """The clocks of these cases as of `as_of`, each one's start, due date, stop and breach:
    exactly what `clocks_of` gives, read where it can be from the clocks kept beside the
    replays (ADR 19, slice 3). A home's are read from the latest replay kept whose stamp holds
    now (`interchange.stamps`, in one snapshot with the clocks read) and that answers for
    `as_of`: kept as of `as_of`, or as of an earlier day on or after the day its facts settled
    on (`clocks.replay.settled_from`; `deadlines.kept.settled_for`). The other homes are
    replayed (`clocks_of`, which keeps them), and every home is where no snapshot can be had
    (inside a transaction at READ COMMITTED on PostgreSQL). Read `chunk` homes at a time: a
    stamp's few queries a chunk, and one a day kept. `case_ids` may be a query of cases (read
    as a subquery: a list of tens of thousands of ids costs seconds to send); `running`: only
    the clocks not stopped."""
    policy = live_policy()
    salt = policy.digest()
    by_home: dict[Home, set[int]] = {}
    chosen = case_ids.values("pk") if isinstance(case_ids, QuerySet) else set(case_ids)
    for pk, household, prop in Case.objects.filter(pk__in=chosen).values_list(
        "pk", "household_id", "property_id"
    ):
        by_home.setdefault(_home(household, prop), set()).add(pk)
    homes = list(by_home)
    found = Verdicts(as_of)
    answered: set[Home] = set()
    for start in range(0, len(homes), chunk):
        part = homes[start : start + chunk]
        with snapshot() as consistent:
            # The kept replays and their clocks are read by two statements: only where one
            # snapshot holds both (a replay forgotten or kept again between them would leave
            # its home with no clocks, or another day's).
            settled = settled_for(part, as_of=as_of) if consistent else {}
            now = home_stamps(settled, salt=salt, read={h: s.read for h, s in settled.items()})
            holds = {home: s.as_of for home, s in settled.items() if now.get(home) == s.stamp}
            found.clocks.extend(clocks_kept(holds, cases=by_home, running=running))
        answered |= holds.keys()
        if on_chunk is not None:
            on_chunk(len(answered), len(homes))
    found.homes_kept = len(answered)
    misses = [pk for home in homes if home not in answered for pk in by_home[home]]
    found.homes_made = len(homes) - len(answered)
    if not misses:
        return found

    def told(done: int, total: int) -> None:
        if on_chunk is not None:
            on_chunk(len(answered) + done, len(homes))

    # Where no home was answered from the clocks kept (a new day before the sweep, or after a
    # release), the cases asked about, as they were asked (a subquery where they were one).
    missed = Case.objects.filter(pk__in=misses if answered else chosen)
    replayed = clocks_of(
        missed.select_related("household", "property"),
        as_of=as_of,
        policy=policy,
        workers=workers,
        only=("clocks",),
        on_chunk=told,
    )
    found.clocks.extend(
        ClockVerdict(
            clock.case.pk,
            clock.clock,
            clock.subject,
            clock.started,
            clock.due,
            clock.stopped,
            clock.breached,
            clock.due_at,
        )
        for clock in replayed.clocks
        if not running or clock.running
    )
    found.notes.extend(replayed.notes)
    return found


@dataclass(frozen=True)
class _Part:
    """A chunk of homes to replay, each with the cases wanted of it, and what to keep."""

    as_of: dt.date
    policy: LivePolicy
    only: tuple[str, ...] | None
    homes: list[tuple[Home, dict[int, Case]]]


def _clocks_part(part: _Part) -> tuple[Clocks, dict[str, float]]:
    """One chunk's clocks (its homes exported together, each replayed, the replays read onto
    the cases), with the seconds spent in each step and how many homes' replays were kept ones
    (`deadlines.kept`: used where the home's stamp holds; those made are kept)."""
    found = Clocks(as_of=part.as_of, policy=part.policy)
    began = time.perf_counter()
    homes = [home for home, _ in part.homes]
    salt = part.policy.digest()
    kept = kept_for(homes, as_of=part.as_of)
    with snapshot() as consistent:
        now = home_stamps(kept, salt=salt, read={h: k.read for h, k in kept.items()})
        hits = {home: one for home, one in kept.items() if now.get(home) == one.stamp}
        misses = [home for home in homes if home not in hits]
        exports = (
            chronologies_of_homes(misses, landlord=settings.DOORSTEP_LANDLORD_NAME)
            if misses
            else {}
        )
        made = (
            home_stamps(exports, salt=salt, read={h: e.read for h, e in exports.items()})
            if consistent and exports and keeping()
            else {}
        )
    exported = time.perf_counter()
    replays: list[_Replayed] = []
    fresh: dict[Home, Kept] = {}
    for home, wanted in part.homes:
        hit = hits.get(home)
        if hit is not None:
            household = next(iter(wanted.values())).household
            replays.append(_Replayed(wanted, household, hit.cases, hit.replay, hit.disclosed))
        elif replayed := _replay_home(found, wanted, exports.get(home), part.policy):
            replays.append(replayed)
            if home in made:
                read = exports[home].read
                fresh[home] = Kept(
                    made[home],
                    read,
                    replayed.refs,
                    replayed.disclosed,
                    replayed.replay,
                    replayed.settled_from,
                )
    replayed_at = time.perf_counter()
    keep(fresh, as_of=part.as_of)
    kept_at = time.perf_counter()
    _read_replays(found, replays)
    if part.only is not None:
        found.keep_only(part.only)
    return found, {
        "export": exported - began,
        "replay": replayed_at - exported,
        "keep": kept_at - replayed_at,
        "read": time.perf_counter() - kept_at,
        "homes kept": float(len(hits)),
        "homes made": float(len(homes) - len(hits)),
    }


@dataclass(frozen=True)
class _Replayed:
    """One home's replay, waiting to be read onto Doorstep's cases with the rest of its chunk."""

    wanted: Mapping[int, Case]
    household: Household | None
    refs: Mapping[str, int]
    replay: Mapping[str, Any]
    disclosed: dt.date | None
    settled_from: dt.date | None = None

    @property
    def cases(self) -> dict[str, Case]:
        return {ref: self.wanted[pk] for ref, pk in self.refs.items() if pk in self.wanted}


def _replay_home(
    found: Clocks, wanted: Mapping[int, Case], export: HomeExport | None, policy: LivePolicy
) -> _Replayed | None:
    first = next(iter(wanted.values()))
    if export is None or export.problem is not None:
        problem = export.problem if export is not None else "the record could not be found."
        logger.error("Clocks of %s not worked out: %s", _home_words(first), problem)
        found.notes.append(NOT_WORKED_OUT.format(home=_home_words(first), problem=problem))
        return None
    facts = replace(
        facts_from_chronology(export.doc), overrides=policy.overrides, announced=policy.announced
    )
    replay = replay_facts(facts, as_of=found.as_of)
    disclosed = first_disclosed(facts.as_of(found.as_of))
    settled = settled_from(facts, replay)
    return _Replayed(wanted, first.household, export.cases, replay, disclosed, settled)


def _read_replays(found: Clocks, replays: list[_Replayed]) -> None:
    """Each member of the replays onto Doorstep's cases, the file's case ref replaced by the
    case's own reference (the repeats, which name a second case, are read apart): two queries
    for the lot, whatever the number of homes."""
    uids = _event_uids(replays)
    earlier = _earlier_cases(replays)
    for one in replays:
        _read_replay(found, one, uids, earlier)


def _read_replay(
    found: Clocks,
    one: _Replayed,
    uids: Mapping[tuple[int | None, str], str],
    earlier: Mapping[int, Case],
) -> None:
    cases = one.cases
    replay = one.replay
    household = one.household
    members: tuple[tuple[str, list[Any], Callable[[Case, Mapping[str, Any]], Any]], ...] = (
        ("clocks", found.clocks, CaseClock),
        ("commitments", found.commitments, CaseCommitment),
        ("appointments", found.appointments, CaseVisit),
        ("complaints", found.complaints, CaseComplaint),
        ("compensation", found.compensation, CaseCompensation),
        ("compensation_requests", found.compensation_requests, CaseCompensation),
        ("asb", found.asb, CaseAsb),
        ("transfers", found.transfers, CaseTransfer),
        ("permissions", found.permissions, CasePermission),
    )
    for member, into, wrap in members:
        for item in replay[member]:
            case = cases.get(item["case"])
            if case is not None:
                into.append(wrap(case, {**item, "case": case.reference}))
    _read_repeats(found, replay["repeats"], cases, one.refs, earlier)
    owner = household.pk if household is not None else None
    for item in replay["findings"]:
        case = cases.get(item["case"])
        links = tuple(
            (ref, ref if _is_uuid(ref) else uids.get((owner, ref))) for ref in item["events"]
        )
        if case is not None:
            data = {**item, "case": case.reference}
            found.findings.append(CaseFinding(case, household, data, links))
        elif item["case"] is None and household is not None:
            found.findings.append(CaseFinding(None, household, item, links))
    if household is not None and one.disclosed is not None:
        found.vulnerable_from[household.pk] = one.disclosed


def _event_uids(replays: Iterable[_Replayed]) -> dict[tuple[int | None, str], str]:
    """The timeline entry (its uid) of each event a finding rests on, by household: an event
    recorded in Doorstep is exported by its uid; an imported one by its file's ref (one query
    for all the homes)."""
    wanted: dict[int, set[str]] = {}
    for one in replays:
        if one.household is None:
            continue
        for item in one.replay["findings"]:
            refs = {ref for ref in item["events"] if not _is_uuid(ref)}
            if refs:
                wanted.setdefault(one.household.pk, set()).update(refs)
    if not wanted:
        return {}
    # The households' events first, then their references by event: PostgreSQL plans the join
    # from the references' side as a scan of every reference (13 million at 125,000 homes,
    # 1.3 s a chunk of 200 homes).
    events = {
        pk: (household, uid)
        for pk, household, uid in Event.objects.filter(household__in=list(wanted)).values_list(
            "pk", "household_id", "uid"
        )
    }
    refs = set().union(*wanted.values())
    found: dict[tuple[int | None, str], str] = {}
    for chunk in in_chunks(sorted(events)):
        for event, ref in ExternalRef.objects.filter(
            kind=RefKind.EVENT, event__in=chunk, ref__in=refs
        ).values_list("event_id", "ref"):
            household, uid = events[event]
            if ref in wanted.get(household, ()):
                found[(household, ref)] = str(uid)
    return found


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _earlier_cases(replays: Iterable[_Replayed]) -> dict[int, Case]:
    """The earlier case each repeat of the replays names (one query for all the homes)."""
    wanted = {
        one.refs[item["earlier_case"]]
        for one in replays
        for item in one.replay["repeats"]
        if item["case"] in one.cases and item["earlier_case"] in one.refs
    }
    return Case.objects.in_bulk(wanted) if wanted else {}


def _read_repeats(
    found: Clocks,
    items: Iterable[Mapping[str, Any]],
    cases: Mapping[str, Case],
    refs: Mapping[str, int],
    others: Mapping[int, Case],
) -> None:
    """The replay's repeats onto Doorstep's cases: each with the earlier case."""
    mine = [item for item in items if item["case"] in cases]
    for item in mine:
        case = cases[item["case"]]
        earlier = others.get(refs.get(item["earlier_case"], 0))
        data = {
            **item,
            "case": case.reference,
            "earlier_case": earlier.reference if earlier else item["earlier_case"],
        }
        found.repeats.append(CaseRepeat(case, earlier, data))


def case_clocks(*, case: Case, as_of: dt.date) -> Clocks:
    """Every clock of the case as of `as_of`, running or stopped, in order of start, and its
    commitments. A case of a type the format has no type for (an enquiry) has none."""
    return clocks_of([case], as_of=as_of)


def case_replay(*, case: Case, as_of: dt.date) -> dict[str, Any]:
    """The case's clocks, commitments and the lens's findings as of `as_of` in the replay's
    JSON shape (each `case` the Doorstep reference), with the notes of anything not worked
    out."""
    found = case_clocks(case=case, as_of=as_of)
    lens = lens_of(found, case=case)
    return {
        "as_of": as_of.isoformat(),
        "case": case.reference,
        "clocks": [c.as_json() for c in found.clocks],
        "commitments": [dict(c.data) for c in found.commitments],
        "findings": [dict(f.data) for f in lens.findings],
        "topics": [summary_json(t) for t in lens.topics],
        "notes": found.notes,
    }


def household_clocks(*, household: Household, as_of: dt.date) -> Clocks:
    """The clocks of the household's open cases, including the communal cases of the
    buildings it lives in (as its page lists them); `running` gives them worst first. Costs
    one export for the household and one for each building with an open communal case."""
    cases = cases_for_household(household=household, open_only=True).select_related("household")
    return clocks_of(cases, as_of=as_of)


@dataclass(frozen=True)
class WorkQueue:
    """The running clocks of the open cases a person may see, what breaches first first:
    the first `limit` of `total`."""

    as_of: dt.date
    items: list[CaseClock]
    total: int
    notes: list[str]


Natural = tuple[tuple[str, int, str], ...]
_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> Natural:
    """Text in the order a person reads it: its runs of digits compared as numbers, so that
    "job J-9" comes before "job J-10" (as text it would come after). A number is compared by
    its length without leading zeros, then its digits, so a run of any length is read (never
    `int()`, which refuses more than 4,300 digits)."""
    parts = _DIGITS.split(text)
    key = []
    for i in range(0, len(parts), 2):
        digits = parts[i + 1].lstrip("0") if i + 1 < len(parts) else None
        key.append((parts[i], -1 if digits is None else len(digits), digits or ""))
    return tuple(key)


def _queue_order(
    breached: bool,
    due: dt.datetime,
    reference: str,
    clock: str,
    subject: str,
    started: dt.date | None,
) -> tuple[bool, dt.datetime, str, str, Natural, str, dt.date]:
    return (not breached, due, reference, clock, natural(subject), subject, started or dt.date.min)


def work_queue(*, user: Any, as_of: dt.date, limit: int = QUEUE_LIMIT) -> WorkQueue:
    """Every running clock on the open cases `user` may see (a contractor: its own cases),
    sorted by what breaches first: overdue first, the most overdue first, then the soonest
    due. Each item has its case (with household, property, officer and team).

    Every home with an open case the person may see must be read before the sort, since the
    last may hold the most urgent clock, but only the first `limit` clocks are shown. So the
    clocks are sorted as the reports read them (`clock_verdicts_of`: from the clocks kept
    beside the day's replays, after the nightly sweep, or kept from an earlier day once a
    home's clocks have settled; the other homes replayed and kept), and only the homes of the
    clocks shown are read whole (`clocks_of`: from the replays kept for the day, or replayed
    and kept where a home was answered from an earlier day's clocks). Should a clock shown
    stop between the two reads, both are made again once."""
    visible = cases_visible_to(user=user).filter(status=CaseStatus.OPEN)
    for _ in range(2):
        verdicts = clock_verdicts_of(visible, as_of=as_of, running=True)
        references = case_references(v.case for v in verdicts.clocks)
        running = sorted(
            verdicts.clocks,
            key=lambda v: _queue_order(
                v.breached, v.due_moment, references[v.case], v.clock, v.subject, v.started
            ),
        )
        shown = running[:limit]
        found = clocks_of(
            visible.filter(pk__in={v.case for v in shown})
            .select_related("household__property", "property", "officer", "owner_team")
            .order_by("pk"),
            as_of=as_of,
        )
        wanted = {(v.case, v.clock, v.subject, v.started) for v in shown}
        items = [c for c in found.running if (c.case.pk, c.clock, c.subject, c.started) in wanted]
        if len(items) >= len(shown):
            break
        # A clock shown stopped, or its case closed, between the two reads: read again, so
        # that the next one takes its place and the total counts without it.
    notes = list(dict.fromkeys([*verdicts.notes, *found.notes]))
    return WorkQueue(as_of=as_of, items=items[:limit], total=len(running), notes=notes)


@dataclass(frozen=True)
class Lens:
    """The Ombudsman lens on some of the live record as of a date: the findings, oldest first,
    and the same findings by topic with the redress each pattern suggests."""

    as_of: dt.date
    findings: list[CaseFinding]
    topics: list[TopicSummary]
    notes: list[str]

    @property
    def ongoing(self) -> list[CaseFinding]:
        return [f for f in self.findings if f.ongoing]


def lens_of(found: Clocks, *, case: Case | None = None) -> Lens:
    """The lens of clocks already worked out: findings oldest first, then by topic; only the
    case's own, where one is given (a household's own findings belong to its page)."""
    mine = [f for f in found.findings if case is None or f.case == case]
    findings = sorted(mine, key=lambda f: (f.date, f.code, str(f.data["key"])))
    first = min(found.vulnerable_from.values(), default=None)
    topics = summarise(
        [f.finding() for f in findings],
        as_of=found.as_of,
        vulnerable_from=first,
        overrides=(found.policy or live_policy()).overrides,
    )
    return Lens(found.as_of, findings, topics, found.notes)


def case_lens(*, case: Case, as_of: dt.date) -> Lens:
    """What the Ombudsman would find on this case as of `as_of`."""
    return lens_of(clocks_of([case], as_of=as_of), case=case)


def household_record(*, household: Household, as_of: dt.date) -> Clocks:
    """Everything worked out for the household's record as of `as_of`: every case of it, open
    or closed, and the communal cases of its buildings (one export per home)."""
    cases = cases_for_household(household=household, open_only=False).select_related(
        "household", "property"
    )
    return clocks_of(cases, as_of=as_of)


def household_lens(*, household: Household, as_of: dt.date) -> Lens:
    """What the Ombudsman would find across the household's record as of `as_of`: every case
    of it, open or closed, the communal cases of its building, and the household itself."""
    return lens_of(household_record(household=household, as_of=as_of))

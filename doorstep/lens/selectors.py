"""What the Ombudsman would find across every case a person may see: the portfolio view.

The lens (`clocks.lens`) reads one household's record as an Ombudsman investigator would. This
gathers its findings across the landlord: every case the person may see, open or closed, and
the household-level findings (a vulnerability disclosed and never recorded) of every household
with such a case. A manager sees where the landlord is failing now, not two years later.

By default the list holds what matters now: every finding still going on, and every finding
that arose on or after `since` (90 days before `as_of` unless asked otherwise), resolved or
not; `include_resolved` shows every finding, whenever it arose. Within that, the findings can
be narrowed by topic, team (the case's owning team), officer, code and age (how long ago the
finding arose, counted back from `as_of`), and each of those is counted: the counts of one
facet are taken with every other facet's filter applied, so each count is the length of the
list its link shows.

Redress is suggested per household and topic (`clocks.redress.summarise`, with that household's
first disclosure of a vulnerability): the Ombudsman's remedies guidance is about what one
household suffered, so it is never summed across households.

Cost: one replay per household with a case the person may see (and per building with a
communal case), as `deadlines.selectors.work_queue` does; the homes exported in chunks (some
20 queries per chunk of up to 200 homes, however many households and findings), plus a fixed
few for the policy. The whole record is replayed on each request (`lens.sweep` does it for
every open case at once); the page and the API then filter the findings in memory. A
contractor sees nothing here (the permission refuses it too): the lens reads a whole
household's record, and a contractor sees only its own cases.

Time is an argument: `as_of` is the day the record is read as of.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_visible_to
from doorstep.clocks.catalogue import TOPICS
from doorstep.clocks.redress import TopicSummary, summarise
from doorstep.deadlines.selectors import CaseFinding, LivePolicy, clocks_of, live_policy
from doorstep.residents.models import Household
from doorstep.staff.models import Team, User

RECENT_DAYS = 90
NONE = "none"  # the filter value for a finding with no team, or no officer


@dataclass(frozen=True)
class AgeBand:
    """How long ago a finding arose, counted back from the day the record is read as of."""

    key: str
    label: str
    low: int
    high: int | None  # days; the band holds low <= age < high

    def holds(self, days: int) -> bool:
        return days >= self.low and (self.high is None or days < self.high)


AGE_BANDS = (
    AgeBand("under_30", "Under 30 days", 0, 30),
    AgeBand("30_to_90", "30 to 89 days", 30, 90),
    AgeBand("90_to_365", "90 days to a year", 90, 365),
    AgeBand("over_365", "A year or more", 365, None),
)
AGES = {band.key: band for band in AGE_BANDS}


def age_band(arose: dt.date, as_of: dt.date) -> AgeBand:
    """The band of a finding that arose on `arose`, as of `as_of` (a finding dated after it,
    which a replay never makes, counts as new)."""
    days = max((as_of - arose).days, 0)
    return next(band for band in AGE_BANDS if band.holds(days))


@dataclass(frozen=True)
class PortfolioFinding:
    """One finding in the portfolio: the lens's finding on a live case (or a household), with
    the case's team and officer and how long ago it arose."""

    found: CaseFinding
    as_of: dt.date

    @property
    def data(self) -> Mapping[str, Any]:
        return self.found.data

    @property
    def code(self) -> str:
        return self.found.code

    @property
    def topic(self) -> str:
        return self.found.topic

    @property
    def topic_label(self) -> str:
        return TOPICS.get(self.topic, self.topic)

    @property
    def title(self) -> str:
        return self.found.title

    @property
    def date(self) -> dt.date:
        return self.found.date

    @property
    def resolved(self) -> dt.date | None:
        return self.found.resolved

    @property
    def ongoing(self) -> bool:
        return self.found.ongoing

    @property
    def lasted_days(self) -> int:
        """How long the failure lasted, to its resolution or to `as_of` (0: a single event)."""
        return int(self.data["lasted_days"])

    @property
    def severity(self) -> str:
        return self.found.severity

    @property
    def explanation(self) -> str:
        return self.found.explanation

    @property
    def rests_on(self) -> list[str]:
        return self.found.rests_on

    @property
    def case(self) -> Case | None:
        return self.found.case

    @property
    def household(self) -> Household | None:
        if self.case is not None:
            return self.case.household
        return self.found.household

    @property
    def team(self) -> Team | None:
        return self.case.owner_team if self.case is not None else None

    @property
    def officer(self) -> User | None:
        return self.case.officer if self.case is not None else None

    @property
    def age(self) -> AgeBand:
        return age_band(self.date, self.as_of)

    def sort_key(self) -> tuple[dt.date, str, str, str]:
        case = self.case.reference if self.case is not None else ""
        return (self.date, case, self.code, str(self.data["key"]))

    def as_json(self) -> dict[str, Any]:
        """The replay's JSON for the finding, with where it sits in the landlord."""
        case, household = self.case, self.household
        return {
            **self.data,
            "case": case.reference if case is not None else None,
            "household": household.reference if household is not None else None,
            "property": _property_reference(self),
            "team": self.team.slug if self.team is not None else None,
            "officer": self.officer.username if self.officer is not None else None,
            "age": self.age.key,
            "rests_on": self.rests_on,
        }


def _property_reference(finding: PortfolioFinding) -> str | None:
    if finding.case is not None:
        return finding.case.property.reference if finding.case.property_id else None
    household = finding.household
    return household.property.reference if household is not None else None


def _officer_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


# Each facet: its name (the filter's and the query parameter's) and, for a finding, its value
# and the value's words.
Facet = Callable[[PortfolioFinding], tuple[str, str]]
FACETS: dict[str, Facet] = {
    "topic": lambda f: (f.topic, f.topic_label),
    "team": lambda f: (f.team.slug, f.team.name) if f.team else (NONE, "No team"),
    "officer": lambda f: (
        (f.officer.username, _officer_name(f.officer)) if f.officer else (NONE, "No officer")
    ),
    "code": lambda f: (f.code, f.title),
    "age": lambda f: (f.age.key, f.age.label),
}


@dataclass(frozen=True)
class Filters:
    """What the list is narrowed to: None, anything. `team` is a team's slug and `officer` a
    username, or `NONE` for a finding with none (household-level findings have neither)."""

    topic: str | None = None
    team: str | None = None
    officer: str | None = None
    code: str | None = None
    age: str | None = None

    def chosen(self, facet: str) -> str | None:
        value: str | None = getattr(self, facet)
        return value or None

    def match(self, finding: PortfolioFinding, *, apart_from: str = "") -> bool:
        return all(
            self.chosen(name) in (None, facet(finding)[0])
            for name, facet in FACETS.items()
            if name != apart_from
        )


@dataclass(frozen=True)
class Count:
    """How many findings have this value of a facet (the list its link shows)."""

    facet: str
    value: str
    label: str
    count: int
    chosen: bool


@dataclass(frozen=True)
class HouseholdRedress:
    """The redress suggested for one household's listed findings, by topic. `household` None:
    the communal cases of a building (`label` names it)."""

    household: Household | None
    label: str
    topics: list[TopicSummary]


@dataclass(frozen=True)
class Portfolio:
    """The findings across every case a person may see, as of a date: those in the window
    (`since`, `include_resolved`) narrowed by `filters`, oldest first; each facet counted; the
    redress suggested per household and topic; and notes on any household whose record could
    not be read."""

    as_of: dt.date
    since: dt.date
    include_resolved: bool
    filters: Filters
    findings: list[PortfolioFinding]
    in_window: int
    counts: dict[str, list[Count]]
    redress: list[HouseholdRedress]
    households: int  # households (and buildings with communal cases) read
    notes: list[str]

    @property
    def by_topic(self) -> list[Count]:
        return self.counts["topic"]

    @property
    def by_team(self) -> list[Count]:
        return self.counts["team"]

    @property
    def by_officer(self) -> list[Count]:
        return self.counts["officer"]

    @property
    def by_code(self) -> list[Count]:
        return self.counts["code"]

    @property
    def by_age(self) -> list[Count]:
        return self.counts["age"]

    @property
    def ongoing(self) -> int:
        return sum(1 for f in self.findings if f.ongoing)


def portfolio_cases(*, user: Any) -> Any:
    """Every case, open or closed, the person may see, with what the list shows of it; none
    for a contractor."""
    if getattr(user, "contractor_id", None) is not None:
        return Case.objects.none()
    return (
        cases_visible_to(user=user)
        .select_related("household__property", "property", "officer", "owner_team")
        .order_by("pk")
    )


def _counts(facet: str, findings: Iterable[PortfolioFinding], filters: Filters) -> list[Count]:
    values: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for finding in findings:
        if filters.match(finding, apart_from=facet):
            value, label = FACETS[facet](finding)
            values[value] += 1
            labels[value] = label
    chosen = filters.chosen(facet)
    if facet == "age":  # every band, in order, even where none arose then
        return [Count(facet, b.key, b.label, values[b.key], chosen == b.key) for b in AGE_BANDS]
    if facet == "topic":
        order = {topic: n for n, topic in enumerate(TOPICS)}
        keys = sorted(values, key=lambda v: (-values[v], order.get(v, len(order))))
    else:
        keys = sorted(values, key=lambda v: (-values[v], v == NONE, labels[v].lower()))
    return [Count(facet, v, labels[v], values[v], chosen == v) for v in keys]


def _home(finding: PortfolioFinding) -> tuple[Household | None, int, str]:
    """Whose redress a finding counts towards: its household, or (a communal case) the
    building's communal cases: (household, pk, label)."""
    household = finding.household
    if household is not None:
        return household, household.pk, household.reference
    case = cast(Case, finding.case)  # a finding with no household is on a communal case
    return None, -case.property_id, f"Communal cases of {case.property.reference}"


def _redress(
    findings: list[PortfolioFinding],
    *,
    as_of: dt.date,
    vulnerable_from: Mapping[int, dt.date],
    policy: LivePolicy,
) -> list[HouseholdRedress]:
    by_home: dict[int, list[PortfolioFinding]] = {}
    for finding in findings:
        by_home.setdefault(_home(finding)[1], []).append(finding)
    out = []
    for items in by_home.values():
        household, _, label = _home(items[0])
        topics = summarise(
            [f.found.finding() for f in items],
            as_of=as_of,
            vulnerable_from=vulnerable_from.get(household.pk) if household else None,
            overrides=policy.overrides,
        )
        out.append(HouseholdRedress(household, label, topics))
    return sorted(out, key=lambda r: (-sum(t.ongoing for t in r.topics), r.label))


def portfolio(
    *,
    user: Any,
    as_of: dt.date,
    topic: str | None = None,
    team: str | None = None,
    officer: str | None = None,
    code: str | None = None,
    age: str | None = None,
    since: dt.date | None = None,
    include_resolved: bool = False,
    policy: LivePolicy | None = None,
) -> Portfolio:
    """What the Ombudsman would find across every case `user` may see, as of `as_of`: the
    findings still going on and those that arose on or after `since` (default: 90 days before
    `as_of`), or every finding with `include_resolved`; narrowed by topic, team (slug), officer
    (username), code and age band (`AGE_BANDS` keys); oldest first. Costs one replay per
    household (see the module's docstring), never a query per finding."""
    since = since or as_of - dt.timedelta(days=RECENT_DAYS)
    policy = policy or live_policy()
    cases = list(portfolio_cases(user=user))
    found = clocks_of(cases, as_of=as_of, policy=policy)
    everything = [PortfolioFinding(f, as_of) for f in found.findings]
    window = [f for f in everything if include_resolved or f.ongoing or f.date >= since]
    filters = Filters(topic=topic, team=team, officer=officer, code=code, age=age)
    listed = sorted((f for f in window if filters.match(f)), key=PortfolioFinding.sort_key)
    homes = {("h", c.household_id) if c.household_id else ("p", c.property_id) for c in cases}
    return Portfolio(
        as_of=as_of,
        since=since,
        include_resolved=include_resolved,
        filters=filters,
        findings=listed,
        in_window=len(window),
        counts={facet: _counts(facet, window, filters) for facet in FACETS},
        redress=_redress(listed, as_of=as_of, vulnerable_from=found.vulnerable_from, policy=policy),
        households=len(homes),
        notes=found.notes,
    )

"""A synthetic landlord: one `doorstep-chronology/1` document per household.

`portfolio(seed=, homes=, years=, until=)` yields the households in order. Each household's
randomness comes from its own `random.Random` seeded with the seed and its index, so a
household is the same whatever the number of homes, and the same seed gives the same bytes.
Events fall in the `years` ending at `until` (an argument, never today). The rates are in
`rates.py`, with their sources in docs/generate.md. Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Iterator
from typing import Any

from doorstep.generate import rates as r

FORMAT = "doorstep-chronology/1"
LANDLORD = "Synthetic Homes"
UNTIL = dt.date(2026, 10, 31)
# Cases start at least this long before `until`, so each has time to run its course.
SETTLE_DAYS = 90
AWAABS_LAW = dt.date(2025, 10, 27)
# The member of an event's `data` naming the lens's finding the generator meant it to cause
# (the format keeps unknown members): tests replay those households and look for it.
MEANT = "synthetic_failure"

POLICY: dict[str, Any] = {
    "compensation.band.service_failure": {"min": 50, "max": 250, "examples": "delay, poor contact"},
    "compensation.band.significant": {"min": 250, "max": 700, "examples": "repeated failures"},
}
STREETS = ("Elm", "Oak", "Ash", "Birch", "Rowan", "Hazel", "Willow", "Alder", "Cedar", "Holly")
ELEMENTS = (
    ("kitchen", "kitchen tap", "Dripping kitchen tap"),
    ("kitchen", "kitchen sink waste", "Kitchen sink blocked"),
    ("kitchen", "worktop", "Worktop edge lifting"),
    ("kitchen", "cupboard door", "Kitchen cupboard door hanging off"),
    ("kitchen", "cooker point", "Cooker point not working"),
    ("bathroom", "bath tap", "Bath tap dripping"),
    ("bathroom", "wash basin", "Wash basin cracked"),
    ("bathroom", "shower", "Shower not working"),
    ("bathroom", "floor covering", "Bathroom floor lifting"),
    ("hall", "smoke alarm", "Smoke alarm beeping"),
    ("hall", "stair banister", "Banister loose"),
    ("hall", "internal door", "Internal door sticking"),
    ("bedroom", "window catch", "Window catch broken"),
    ("bedroom", "plaster", "Ceiling plaster cracked"),
    ("bedroom", "socket", "Socket not working"),
    ("living room", "light switch", "Light switch broken"),
    ("living room", "skirting", "Skirting board loose"),
    ("outside", "gutter", "Gutter leaking"),
    ("outside", "fence panel", "Fence panel down"),
    ("outside", "gate", "Gate will not close"),
    ("outside", "downpipe", "Downpipe blocked"),
    ("roof", "roof tiles", "Slipped roof tiles"),
    ("bathroom", "bath seal", "Bath seal failed"),
    ("bathroom", "toilet cistern", "Toilet cistern not filling"),
    ("hall", "front door lock", "Front door lock stiff"),
    ("bedroom", "window hinge", "Bedroom window will not close"),
    ("living room", "radiator valve", "Radiator not heating"),
    ("kitchen", "extractor fan", "Extractor fan not working"),
    ("hall", "electrics", "Light fitting sparking"),
    ("boiler cupboard", "boiler", "No heating or hot water"),
)
ASB_CATEGORIES = ("noise", "noise", "noise", "drugs", "harassment", "fly_tipping", "pets", "hate")
VULNERABILITIES = (
    (r.DISABILITY_SHARE, "disability", "Uses a wheelchair"),
    (r.AGE_65_SHARE, "age", "Aged over 65"),
    (r.CHILDREN_SHARE, "child", "Young children in the home"),
    (r.MENTAL_HEALTH_SHARE, "mental_health", "Anxiety and depression"),
)


def portfolio(
    *, seed: int, homes: int, years: int, until: dt.date = UNTIL
) -> Iterator[dict[str, Any]]:
    """The households of a portfolio of `homes` homes, in order."""
    for index in range(homes):
        yield household(seed=seed, index=index, years=years, until=until)


def jsonl(doc: dict[str, Any]) -> str:
    """One document as one JSON line (keys in a fixed order, so bytes are stable)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def household(*, seed: int, index: int, years: int, until: dt.date = UNTIL) -> dict[str, Any]:
    """Household `index` of the portfolio built from `seed`."""
    rng = random.Random(f"{seed}:{index}")  # noqa: S311 (synthetic data, not secrets)
    return _Household(rng, index, years, until).build()


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method: fine for the small means used here)."""
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class _Household:
    def __init__(self, rng: random.Random, index: int, years: int, until: dt.date) -> None:
        self.rng, self.index, self.until = rng, index, until
        self.start = until - dt.timedelta(days=365 * years)
        self.years = years
        self.h = f"H{index + 1:06d}"
        self.properties: list[dict[str, Any]] = []
        self.people: list[dict[str, Any]] = []
        self.cases: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.tenant = f"{self.h}-R1"
        self.vulnerable_from: dt.date | None = None
        self.home = ""
        self.order = list(ELEMENTS)
        rng.shuffle(self.order)

    # -- records ---------------------------------------------------------------------------

    def ref(self, prefix: str, number: int) -> str:
        return f"{self.h}-{prefix}{number}"

    def event(
        self,
        at: dt.date | str,
        kind: str,
        case: str | None,
        summary: str,
        data: dict[str, Any] | None = None,
        *,
        by: str = "landlord",
        channel: str | None = None,
    ) -> None:
        ev: dict[str, Any] = {
            "id": f"{self.h}-e{len(self.events) + 1}",
            "at": at.isoformat() if isinstance(at, dt.date) else at,
            "case": case,
            "kind": kind,
            "by": by,
            "channel": channel,
            "summary": summary,
        }
        if data is not None:
            ev["data"] = data
        self.events.append(ev)

    def meant(self, code: str) -> None:
        """Mark the last event as the one meant to cause the lens's `code`."""
        self.events[-1].setdefault("data", {})[MEANT] = code

    def case(self, kind: str, title: str, *, prop: str | None = None) -> str:
        ref = self.ref("C", len(self.cases) + 1)
        self.cases.append(
            {
                "ref": ref,
                "type": kind,
                "property": prop or self.home,
                "people": [self.tenant],
                "title": title,
                "links": [],
            }
        )
        return ref

    def day(self) -> dt.date:
        """A day for something to start: in the years, leaving time for it to run its course."""
        span = (self.until - self.start).days - SETTLE_DAYS
        return self.start + dt.timedelta(days=self.rng.randrange(max(span, 1)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def count(self, per_year: float) -> int:
        return poisson(self.rng, per_year * self.years)

    # -- the household ---------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        self.stock()
        self.residents()
        for _ in range(self.count(r.REPAIRS_PER_HOME_YEAR)):
            self.repair(self.day())
        if self.chance(r.REPEAT_ELEMENT_SHARE * self.years):
            self.repeats(self.day())
        for _ in range(self.count(r.DAMP_PER_HOME_YEAR)):
            self.damp(self.day())
        for _ in range(self.count(r.STAGE1_PER_HOME_YEAR)):
            self.complaint(self.day())
        for _ in range(self.count(r.UNLOGGED_PER_HOME_YEAR)):
            when = self.day()
            self.event(
                when,
                "contact.in",
                None,
                "Unhappy with the service",
                {
                    "from": self.tenant,
                    "text": "I am very unhappy and I want to make a complaint "
                    "about how my repair has been handled, it is unacceptable.",
                    MEANT: "complaint.not_logged",
                },
                by=self.tenant,
                channel="phone",
            )
        for _ in range(self.count(r.ASB_PER_HOME_YEAR)):
            self.asb(self.day())
        for _ in range(self.count(r.TRANSFER_PER_HOME_YEAR)):
            self.transfer(self.day())
        for _ in range(self.count(r.OMBUDSMAN_PER_HOME_YEAR)):
            self.ombudsman(self.day())
        return {
            "format": FORMAT,
            "landlord": {"name": LANDLORD, "nation": "england", "policy": POLICY},
            "properties": self.properties,
            "people": self.people,
            "tenancies": [
                {
                    "ref": self.ref("T", 1),
                    "property": self.home,
                    "tenants": [self.tenant],
                    "start": (
                        self.start - dt.timedelta(days=self.rng.randrange(30, 3650))
                    ).isoformat(),
                    "end": None,
                    "tenure": self.rng.choice(("assured", "assured", "secure", "starter")),
                    "rent_weekly": round(self.rng.uniform(85, 140), 2),
                }
            ],
            "cases": self.cases,
            "events": self.events,
        }

    def stock(self) -> None:
        """Estates of blocks of flats, and houses. The format has no estate: an estate is in
        its blocks' and houses' addresses. Blocks are shared by reference across households."""
        per_estate = r.FLATS_PER_BLOCK * r.BLOCKS_PER_ESTATE
        estate_no, block_no = divmod(self.index // r.FLATS_PER_BLOCK, r.BLOCKS_PER_ESTATE)
        estate = f"{STREETS[estate_no % len(STREETS)]} Estate {estate_no // len(STREETS) + 1}"
        roll = self.rng.random()
        bedrooms = self.rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        if roll < r.FLAT_SHARE:
            block = f"E{estate_no + 1}-B{block_no + 1}"
            self.properties.append(
                {
                    "ref": block,
                    "uprn": None,
                    "address": f"Block {block_no + 1}, {estate}",
                    "kind": "block",
                    "part_of": None,
                    "bedrooms": None,
                }
            )
            kind, address, part_of = (
                "flat",
                f"Flat {self.index % per_estate + 1}, Block {block_no + 1}, {estate}",
                block,
            )
            bedrooms = min(bedrooms, 3)
        else:
            kind = "bungalow" if roll < r.FLAT_SHARE + r.BUNGALOW_SHARE else "house"
            address, part_of = f"{self.index + 1} {estate} Road", None
        self.home = self.ref("P", 1)
        self.properties.append(
            {
                "ref": self.home,
                "uprn": None,
                "address": address,
                "kind": kind,
                "part_of": part_of,
                "bedrooms": bedrooms,
            }
        )

    def residents(self) -> None:
        self.people.append({"ref": self.tenant, "name": f"Tenant {self.h}", "role": "tenant"})
        for share, category, detail in VULNERABILITIES:
            if not self.chance(share):
                continue
            person = self.tenant
            if category == "child":
                person = self.ref("R", len(self.people) + 1)
                self.people.append(
                    {"ref": person, "name": f"Child {self.h}", "role": "household_member"}
                )
            if not self.chance(r.VULNERABILITY_DISCLOSED_SHARE):
                continue
            when = self.day()
            self.vulnerable_from = min(self.vulnerable_from or when, when)
            self.event(
                when,
                "vulnerability.disclosed",
                None,
                f"Told us: {detail.lower()}",
                {"person": person, "category": category, "detail": detail, "source": "self"},
                by=self.tenant,
                channel="phone",
            )
            if self.chance(r.VULNERABILITY_UNRECORDED_SHARE):
                self.meant("vulnerability.not_recorded")
            else:
                self.event(
                    when,
                    "vulnerability.recorded",
                    None,
                    "Entered in the register",
                    {"person": person, "category": category},
                )

    # -- repairs ---------------------------------------------------------------------------

    def priority(self) -> str:
        roll, total = self.rng.random(), 0.0
        for name, share in r.PRIORITY_SHARE.items():
            total += share
            if roll < total:
                return name
        return "routine"

    def repair(
        self,
        when: dt.date,
        *,
        element: tuple[str, str, str] | None = None,
        case: str | None = None,
        unverified: bool = False,
    ) -> str:
        if element is None:
            element = self.order[len(self.cases) % len(self.order)]
        location, part, text = element
        priority = self.priority()
        case = case or self.case("repair", text)
        job = self.ref("J", len(self.events) + 1)
        self.event(
            when,
            "repair.reported",
            case,
            text,
            {
                "priority": priority,
                "location": location,
                "description": text,
                "communal": False,
                "job": job,
                "element": part,
            },
            by=self.tenant,
            channel=self.rng.choice(("phone", "portal", "email")),
        )
        self.event(
            when,
            "works.raised",
            case,
            f"Job raised: {text}",
            {
                "job": job,
                "items": [{"id": "1", "description": text, "element": part}],
                "priority": priority,
                "target": None,
            },
        )
        if priority == "emergency":
            # Due within 24 hours: done the day reported, or, when late, days later.
            late = self.chance(r.EMERGENCY_LATE_SHARE)
            done = when + dt.timedelta(days=self.rng.randint(2, 4) if late else 0)
        else:
            target = {"urgent": 4, "routine": 21}[priority]
            late = self.chance(r.REPAIR_OVERDUE_SHARE)
            done = when + dt.timedelta(days=self.rng.randint(0, target) + (45 if late else 0))
        if priority != "emergency" and self.chance(r.APPOINTMENT_SHARE):
            done = self.appointments(case, job, when, done)
        self.event(
            done,
            "works.completed",
            case,
            "Job completed",
            {"job": job, "items": ["1"], "completed_on": done.isoformat()},
        )
        if late:
            self.meant("repair.overdue")
        if unverified or self.chance(r.UNVERIFIED_SHARE):
            if not unverified:
                self.meant("commitment.claimed_not_verified")
            return case
        inspected = self.chance(r.VERIFIED_SHARE)
        self.event(
            done + dt.timedelta(days=self.rng.randint(1, 7)),
            "works.verified",
            case,
            "Post-inspection" if inspected else "Resident confirmed the repair",
            {
                "job": job,
                "items": ["1"],
                "method": "post_inspection" if inspected else "resident_confirmed",
                "result": "confirmed",
            },
        )
        return case

    def appointments(self, case: str, job: str, when: dt.date, done: dt.date) -> dt.date:
        """Book the visit for the day the job is done; sometimes moved, missed or not fixed
        first time. Returns the day the work is finished."""
        n = 1
        visit = self.ref("A", len(self.events) + 1)
        booked = max(done, when + dt.timedelta(days=1))
        self.event(
            when,
            "appointment.booked",
            case,
            "Appointment booked",
            {"appointment": visit, "for": job, "date": booked.isoformat()},
        )
        if self.chance(r.APPOINTMENT_MOVED):
            booked += dt.timedelta(days=self.rng.randint(1, 3))
            told = not self.chance(r.MOVED_WITHOUT_NOTICE)
            self.event(
                booked - dt.timedelta(days=1),
                "appointment.moved",
                case,
                "Appointment moved",
                {
                    "appointment": visit,
                    "date": booked.isoformat(),
                    "by": "landlord",
                    "resident_informed": told,
                },
            )
            if not told:
                self.meant("appointment.changed_without_notice")
        if self.chance(r.APPOINTMENT_MISSED_BY_LANDLORD):
            self.event(
                booked,
                "appointment.missed",
                case,
                "Operative did not attend",
                {"appointment": visit, "by": "landlord"},
            )
            self.meant("appointment.missed_by_landlord")
            n += 1
            visit = self.ref("A", len(self.events) + 1)
            booked += dt.timedelta(days=2)
            self.event(
                booked - dt.timedelta(days=2),
                "appointment.booked",
                case,
                "Appointment rebooked",
                {"appointment": visit, "for": job, "date": booked.isoformat()},
            )
        if self.chance(r.NOT_FIRST_TIME_FIX):
            self.event(
                booked,
                "appointment.attended",
                case,
                "Part done: parts ordered",
                {"appointment": visit, "outcome": "partial", "reason": "parts needed"},
            )
            self.meant("appointment.not_first_time_fix")
            visit = self.ref("A", len(self.events) + 1)
            booked += dt.timedelta(days=3)
            self.event(
                booked - dt.timedelta(days=3),
                "appointment.booked",
                case,
                "Return visit booked",
                {"appointment": visit, "for": job, "date": booked.isoformat()},
            )
        self.event(
            booked,
            "appointment.attended",
            case,
            "Attended and fixed",
            {"appointment": visit, "outcome": "completed", "reason": ""},
        )
        return booked

    def repeats(self, when: dt.date) -> None:
        """The same part of the home fails three times in a year: the later reports are new
        cases, not linked to the first, and nobody inspects for the cause."""
        element = self.rng.choice(ELEMENTS)
        when = max(self.start, when - dt.timedelta(days=130))
        for gap in (0, 60, 120):
            self.repair(when + dt.timedelta(days=gap), element=element, unverified=True)
        self.meant("repair.repeat_without_diagnosis")
        self.event(
            when + dt.timedelta(days=121),
            "note",
            self.cases[-1]["ref"],
            "Third report of the same defect",
            {"text": "Raised again as a new job.", MEANT: "records.repeat_not_linked"},
        )

    # -- hazards ---------------------------------------------------------------------------

    def damp(self, when: dt.date) -> None:
        """A damp and mould report: inspected, assessed, summarised, made safe, the further
        work done and verified; now and then one step late (under Awaab's Law from 27 October
        2025, before it the landlord's appointment time) or the survey report not kept."""
        case = self.case("hazard", "Damp and mould in the bedroom")
        self.event(
            when,
            "hazard.reported",
            case,
            "Black mould in the bedroom",
            {
                "hazard": "damp_mould",
                "location": "bedroom",
                "description": "Black mould on the wall behind the wardrobe",
            },
            by=self.tenant,
            channel="phone",
        )
        vulnerable = self.vulnerable_from is not None and self.vulnerable_from <= when
        awaab = when >= AWAABS_LAW
        emergency = self.chance(r.HAZARD_EMERGENCY_SHARE)
        fail = None
        if self.chance(r.HAZARD_LATE_SHARE):
            steps = ["investigation", "verify"]
            if awaab:
                steps += ["summary", "safety", "further"] + (["emergency"] if emergency else [])
            fail = self.rng.choice(steps)
        inspected = when + dt.timedelta(days=(0 if emergency else self.rng.randint(1, 5)))
        if fail == "investigation":
            inspected += dt.timedelta(days=self.rng.randint(35, 60))
            self.meant("hazard.investigation_late")
            if vulnerable:
                self.meant("hazard.vulnerable_not_prioritised")
        report = None
        if self.chance(r.INSPECTION_WITHOUT_REPORT):
            missing = True
        else:
            missing = False
            report = self.ref("D", len(self.events) + 1)
            self.event(
                inspected,
                "document.added",
                case,
                "Inspection report",
                {"document": report, "type": "inspection_report", "title": "Damp and mould survey"},
            )
        self.event(
            inspected,
            "inspection.done",
            case,
            "Surveyor inspected",
            {
                "by": "Surveyor",
                "findings": "Condensation mould, poor ventilation",
                "cause": "condensation",
                "report": report,
                "recommends": ["Mould wash", "Fit extractor fan"],
            },
        )
        if missing:
            self.meant("records.report_missing")
        severity = "emergency" if emergency else "significant"
        self.event(
            inspected,
            "hazard.assessed",
            case,
            f"Assessed: {severity}",
            {"severity": severity, "cause": "condensation"},
        )
        self.event(
            inspected + dt.timedelta(days=8 if fail == "summary" else 1),
            "hazard.summary_sent",
            case,
            "Written summary sent",
            {"to": self.tenant},
        )
        if fail == "summary":
            self.meant("hazard.summary_late")
        if emergency:
            self.event(
                inspected + dt.timedelta(days=3 if fail == "emergency" else 0),
                "hazard.made_safe",
                case,
                "Made safe",
                {},
            )
            if fail == "emergency":
                self.meant("hazard.emergency_late")
        job = self.ref("J", len(self.events) + 1)
        safety = inspected + dt.timedelta(days=14 if fail == "safety" else 2)
        self.event(
            inspected,
            "works.raised",
            case,
            "Mould wash",
            {
                "job": job,
                "items": [{"id": "1", "description": "Mould wash", "element": "bedroom wall"}],
                "priority": "urgent",
                "target": None,
                "purpose": "safety",
            },
        )
        self.event(
            safety,
            "works.completed",
            case,
            "Mould wash done",
            {"job": job, "items": ["1"], "completed_on": safety.isoformat()},
        )
        if fail == "safety":
            self.meant("hazard.safety_work_late")
        self.event(
            safety + dt.timedelta(days=1),
            "works.verified",
            case,
            "Resident confirmed",
            {"job": job, "items": ["1"], "method": "resident_confirmed", "result": "confirmed"},
        )
        further = self.ref("J", len(self.events) + 1)
        start = inspected + dt.timedelta(days=120 if fail == "further" else 2)
        self.event(
            start,
            "works.raised",
            case,
            "Fit extractor fan",
            {
                "job": further,
                "items": [
                    {"id": "1", "description": "Extractor fan", "element": "bedroom extractor fan"}
                ],
                "priority": "routine",
                "target": None,
                "purpose": "further",
            },
        )
        if fail == "further":
            self.meant("hazard.further_work_late")
        visit = self.ref("A", len(self.events) + 1)
        fitted = start + dt.timedelta(days=7)
        self.event(
            start,
            "appointment.booked",
            case,
            "Fan fitting booked",
            {"appointment": visit, "for": further, "date": fitted.isoformat()},
        )
        self.event(
            fitted,
            "appointment.attended",
            case,
            "Fan fitted",
            {"appointment": visit, "outcome": "completed", "reason": ""},
        )
        self.event(
            fitted,
            "works.completed",
            case,
            "Fan fitted",
            {"job": further, "items": ["1"], "completed_on": fitted.isoformat()},
        )
        self.event(
            fitted + dt.timedelta(days=5),
            "works.verified",
            case,
            "Post-inspection",
            {
                "job": further,
                "items": ["1"],
                "method": "post_inspection",
                "result": "not_done" if fail == "verify" else "confirmed",
            },
        )
        if fail == "verify":
            self.meant("commitment.claim_contradicted")

    # -- complaints ------------------------------------------------------------------------

    def complaint(self, when: dt.date) -> None:
        """A stage 1 complaint: acknowledged and answered, mostly in time; some escalated to
        stage 2; promises in the responses, kept or not; compensation offered or not."""
        case = self.case("complaint", "Complaint about a repair")
        self.event(
            when,
            "complaint.received",
            case,
            "Complaint about a repair",
            {"stage": 1, "text": "My repair has taken too long."},
            by=self.tenant,
            channel="email",
        )
        asked = self.chance(r.COMPENSATION_REQUESTED)
        if asked:
            self.event(
                when,
                "compensation.requested",
                case,
                "Asked for compensation",
                {"text": "I want compensation", "amount": None},
                by=self.tenant,
            )
        unanswered = self.chance(r.NEVER_ANSWERED)
        if self.chance(r.NOT_ACKNOWLEDGED):
            late = True  # no acknowledgement: the response comes late too
        else:
            late = not self.chance(r.STAGE1_IN_TIME)
            self.event(
                when + dt.timedelta(days=self.rng.randint(0, 3)),
                "complaint.acknowledged",
                case,
                "Acknowledged",
                {"stage": 1},
            )
        if unanswered:
            self.meant("complaint.no_response")
            return
        respond = when + dt.timedelta(
            days=self.rng.randint(25, 50) if late else self.rng.randint(3, 12)
        )
        if late and self.chance(r.EXTENDED_SHARE * 4):
            self.event(
                when + dt.timedelta(days=10),
                "complaint.extended",
                case,
                "Extended",
                {
                    "stage": 1,
                    "new_due": (when + dt.timedelta(days=60)).isoformat(),
                    "reason": "",
                    "agreed_with_resident": False,
                },
            )
            self.meant("complaint.extension_invalid")
        self.response(case, 1, respond, asked)
        if late:
            self.meant("complaint.stage1_late")
        if not any(
            e["kind"] == "complaint.acknowledged" and e["case"] == case for e in self.events
        ):
            self.meant("complaint.not_acknowledged")
        if self.chance(r.ESCALATION_SHARE):
            escalated = respond + dt.timedelta(days=self.rng.randint(3, 20))
            self.event(
                escalated,
                "complaint.escalated",
                case,
                "Asked for stage 2",
                {"stage": 2, "text": "Still not fixed."},
                by=self.tenant,
            )
            self.event(
                escalated + dt.timedelta(days=2),
                "complaint.acknowledged",
                case,
                "Stage 2 acknowledged",
                {"stage": 2},
            )
            late = not self.chance(r.STAGE2_IN_TIME)
            answered = escalated + dt.timedelta(
                days=self.rng.randint(40, 60) if late else self.rng.randint(10, 25)
            )
            self.response(case, 2, answered, False)
            if late:
                self.meant("complaint.stage2_late")
            if self.chance(r.OFFER_AFTER_FINAL):
                self.offer(case, answered + dt.timedelta(days=30), outside=True)

    def response(self, case: str, stage: int, at: dt.date, asked: bool) -> None:
        outcome = self.rng.choice(("upheld", "partly_upheld", "partly_upheld", "not_upheld"))
        commitments = []
        broken = False
        if outcome != "not_upheld" and self.chance(r.COMMITMENT_SHARE):
            k = self.ref("K", len(self.events) + 1)
            due = at + dt.timedelta(days=14)
            commitments.append(
                {
                    "commitment": k,
                    "action": "Complete the outstanding repair",
                    "due": due.isoformat(),
                }
            )
            broken = self.chance(r.COMMITMENT_BROKEN)
        self.event(
            at,
            "complaint.response",
            case,
            f"Stage {stage} response",
            {
                "stage": stage,
                "outcome": outcome,
                "text": "Our response.",
                "commitments": commitments,
                "claims_done": [],
            },
        )
        if broken:
            self.meant("commitment.overdue")
        for item in commitments:
            if not broken:
                self.event(
                    at + dt.timedelta(days=self.rng.randint(1, 13)),
                    "commitment.kept",
                    case,
                    "Promise kept",
                    {"commitment": item["commitment"], "evidence": "Job completed"},
                )
        if asked and self.chance(r.REQUEST_IGNORED):
            self.meant("compensation.request_unanswered")
        elif asked or (outcome != "not_upheld" and self.chance(r.COMPENSATION_SHARE)):
            self.offer(case, at)

    def offer(self, case: str, at: dt.date, *, outside: bool = False) -> None:
        below = self.chance(r.BELOW_BAND)
        amount = 30 if below else self.rng.choice((50, 75, 100, 150, 250))
        offset = self.chance(r.RENT_OFFSET)
        self.event(
            at,
            "compensation.offered",
            case,
            f"Offered £{amount}",
            {
                "amount": amount,
                "components": [{"amount": amount, "for": "delay", "band": "service_failure"}],
                "kind": "compensation",
                "counted_as_compensation": True,
                "method": "rent_account" if offset else "direct",
                "resident_asked_for_offset": False,
            },
        )
        for meant, code in (
            (below, "compensation.below_policy"),
            (offset, "compensation.offset_without_request"),
            (outside, "compensation.outside_process"),
        ):
            if meant:
                self.meant(code)
        if self.chance(r.REFUND_AS_COMPENSATION):
            self.event(
                at,
                "compensation.offered",
                case,
                "Refund of recharge",
                {
                    "amount": 40,
                    "components": [{"amount": 40, "for": "recharge refund"}],
                    "kind": "refund",
                    "counted_as_compensation": True,
                    "method": "direct",
                    "resident_asked_for_offset": False,
                },
            )
            self.meant("compensation.refund_as_compensation")

    # -- ASB, moves, the Ombudsman ---------------------------------------------------------

    def asb(self, when: dt.date) -> None:
        category = self.rng.choice(ASB_CATEGORIES)
        case = self.case("asb", f"Report of {category.replace('_', ' ')}")
        delay = 14 if self.chance(0.03) else None
        data: dict[str, Any] = {
            "category": category,
            "text": "Reported a neighbour",
            "police_involved": self.chance(0.3),
        }
        if delay:
            data["informant_delay_requested_days"] = delay
            data["delay_basis"] = "The reporter asked for two weeks before any letter"
        self.event(
            when, "asb.reported", case, "ASB reported", data, by=self.tenant, channel="phone"
        )
        if self.chance(r.ASB_DECLINED_SHARE):
            wrong = self.chance(r.ASB_WRONGLY_DECLINED)
            self.event(
                when + dt.timedelta(days=2),
                "asb.case_declined",
                case,
                "Declined",
                {
                    "reason": "Not ASB",
                    "reason_code": "not_reported_to_police" if wrong else "not_asb",
                },
            )
            if wrong:
                self.meant("asb.case_wrongly_declined")
            return
        fail = self.chance(r.ASB_FAILURE_SHARE)
        which = self.rng.choice(("first", "risk", "review")) if fail else None
        opened = when + dt.timedelta(days=12 if which == "first" else self.rng.randint(0, 3))
        self.event(opened, "asb.case_opened", case, "Case opened", {})
        if which == "first":
            self.meant("asb.first_response_late")
        if which != "risk":
            self.event(
                opened,
                "asb.risk_assessed",
                case,
                "Risk assessed",
                {"level": self.rng.choice(("low", "low", "medium", "high"))},
            )
        else:
            self.meant("asb.not_risk_assessed")
        self.event(
            opened + dt.timedelta(days=1),
            "asb.action",
            case,
            "Letter to neighbour",
            {"type": "letter", "against": "neighbour", "details": "Warning letter"},
        )
        if delay:
            self.meant("asb.informant_request_ignored")
        last = opened
        for _ in range(self.rng.randint(1 if which == "review" else 0, 3)):
            last += dt.timedelta(days=50 if which == "review" else self.rng.randint(7, 13))
            self.event(last, "asb.reviewed", case, "Case reviewed", {})
            if which == "review":
                self.meant("asb.review_overdue")
                which = None
        self.event(
            last + dt.timedelta(days=self.rng.randint(5, 13)),
            "asb.closed",
            case,
            "Case closed",
            {"reason": "resolved"},
        )

    def transfer(self, when: dt.date) -> None:
        case = self.case("transfer", "Management move request")
        self.event(
            when,
            "transfer.requested",
            case,
            "Asked to move",
            {"reason": "overcrowding"},
            by=self.tenant,
        )
        if self.chance(r.TRANSFER_UNDECIDED):
            self.meant("transfer.not_decided")
        else:
            self.event(
                when + dt.timedelta(days=self.rng.randint(5, 25)),
                "transfer.decided",
                case,
                "Decided",
                {
                    "outcome": self.rng.choice(("approved", "declined")),
                    "reason": "Assessed against policy",
                },
            )

    def ombudsman(self, when: dt.date) -> None:
        case = self.case("ombudsman", "Referred to the Housing Ombudsman")
        self.event(when, "ombudsman.referred", case, "Referred", {})
        k = self.ref("K", len(self.events) + 1)
        decided = when + dt.timedelta(days=30)
        self.event(
            decided,
            "ombudsman.determination",
            case,
            "Determination",
            {
                "findings": [{"topic": "complaint_handling", "outcome": "maladministration"}],
                "orders": [
                    {
                        "commitment": k,
                        "action": "Pay £200",
                        "due": (decided + dt.timedelta(days=28)).isoformat(),
                    }
                ],
            },
        )
        if self.chance(r.ORDER_OVERDUE):
            self.meant("ombudsman.order_overdue")
        else:
            self.event(
                decided + dt.timedelta(days=20),
                "ombudsman.order_complied",
                case,
                "Complied",
                {"commitment": k},
            )

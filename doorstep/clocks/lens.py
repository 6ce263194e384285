"""The Ombudsman lens: the record read as an investigator would read it, as of a date.

Every finding of `shared/domain/findings.md`, computed from what the replay already worked out
(the clocks, the commitment ledger, the appointments, compensation, ASB cases and recurring
defects) and from the facts themselves (reports missing, vulnerabilities never recorded,
vulnerable households not prioritised, the same defect repaired again and again). Each finding
has a stable code, the date it arose (always a full date; a clock's the day after its due date),
the date it was resolved where the failure has ended, the events it rests on, one sentence with
the dates and counts, the rule with its source, a severity, and whether it rests on an imprecise
date, an assumed or disputed value, or an absence of records.

Rules that keep the lens honest:
- **Once arisen, always there.** A finding is a function of the facts in the replay as of the
  date, and facts only accumulate; a later replay keeps it, with `resolved` set when the
  failure ends. One finding changes its code as the record grows, never its key or its date: an
  unanswered stage is `complaint.no_response` until a late response arrives, then
  `complaint.stageN_late` (findings.md: "not also `_late` for the same stage").
- **Quiet where the landlord did well.** A met clock, a valid extension, a verified claim, a
  kept promise or an offer inside its band makes no finding.
- **Never a verdict.** Severity orders what to look at first; maladministration is the
  Ombudsman's judgement (`remedies.py` suggests, it does not decide).

Pure: facts and the replay's workings in, findings out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from doorstep.clocks.appointments import Visit
from doorstep.clocks.catalogue import (
    ASB,
    COMMITMENTS,
    HAZARDS,
    REPAIRS,
    code_of,
    raised,
)
from doorstep.clocks.compensation import Failure as CompensationFailure
from doorstep.clocks.compensation import Offer, Request
from doorstep.clocks.engine import ClockResult
from doorstep.clocks.explain import show
from doorstep.clocks.facts import Fact, Facts
from doorstep.clocks.families.jobs import job_of
from doorstep.clocks.repeats import ACCEPTED, CLAIMED, FOUND_NOT_DONE, OPEN, PROPOSED, Repeat
from doorstep.clocks.triage import DISSATISFACTION, VULNERABILITY, triage
from doorstep.clocks.triage import RULES_VERSION as TRIAGE_VERSION
from doorstep.policy.resolve import resolve
from doorstep.workdays import Calendar, calendar_for

ONE_DAY = dt.timedelta(days=1)
PRIORITISED = frozenset({"emergency", "urgent"})
NOT_PRIORITISED = frozenset({"routine", "planned"})
REPEAT_JOBS = 3
REPEAT_WINDOW_DAYS = 365

# A clock, breached, is a finding of this code (a response clock: `_late` once answered,
# `no_response` while not).
CLOCK_CODES: dict[str, str] = {
    "complaint.stage1.acknowledgement": "complaint.not_acknowledged",
    "complaint.stage2.acknowledgement": "complaint.not_acknowledged",
    "complaint.stage1.response": "complaint.stage1_late",
    "complaint.stage2.response": "complaint.stage2_late",
    "hazard.emergency": "hazard.emergency_late",
    "hazard.investigation": "hazard.investigation_late",
    "hazard.summary": "hazard.summary_late",
    "hazard.safety_work": "hazard.safety_work_late",
    "hazard.further_work": "hazard.further_work_late",
    "hazard.further_work_start": "hazard.further_work_late",
    "repair.target": "repair.overdue",
    "asb.first_response": "asb.first_response_late",
    "asb.risk_assessment": "asb.not_risk_assessed",
    "asb.review": "asb.review_overdue",
    "transfer.decision": "transfer.not_decided",
    "commitment.due": "commitment.overdue",
    "commitment.verification": "commitment.claimed_not_verified",
    "ombudsman.order": "ombudsman.order_overdue",
}
RESPONSE_CLOCKS = frozenset({"complaint.stage1.response", "complaint.stage2.response"})
NO_RESPONSE = "complaint.no_response"

CLOCK_WORDS: dict[str, str] = {
    "complaint.stage1.acknowledgement": "Acknowledgement of the complaint",
    "complaint.stage2.acknowledgement": "Acknowledgement of the escalation",
    "complaint.stage1.response": "Stage 1 response",
    "complaint.stage2.response": "Stage 2 response",
    "hazard.emergency": "Making the emergency hazard safe",
    "hazard.investigation": "Investigation of the hazard",
    "hazard.summary": "Written summary of the investigation",
    "hazard.safety_work": "Safety work",
    "hazard.further_work": "Beginning the further work",
    "hazard.further_work_start": "Starting the further work",
    "repair.target": "Repair",
    "asb.first_response": "First response to the ASB report",
    "asb.risk_assessment": "Risk assessment of the ASB report",
    "asb.review": "Review of the ASB case",
    "transfer.decision": "Decision on the move request",
    "commitment.due": "Promise",
    "commitment.verification": "Verification of the claim that it was done",
    "ombudsman.order": "Ombudsman order",
}
DONE_WORDS: dict[str, str] = {
    "complaint.stage1.acknowledgement": "acknowledged",
    "complaint.stage2.acknowledgement": "acknowledged",
    "complaint.stage1.response": "answered",
    "complaint.stage2.response": "answered",
    "commitment.due": "kept",
    "commitment.verification": "checked",
    "ombudsman.order": "complied with",
    "transfer.decision": "decided",
}
IMPRECISE = " It rests on an imprecise date."
INFERRED = " It rests on the triage rules' reading of the words (rules {version})."
ASSUMED = " It rests on an assumed priority (the source does not state it)."
DISPUTED = " The fact it rests on is disputed."
ABSENT = " Nothing on record stopped it: it rests on the absence of a record."


@dataclass(frozen=True)
class Finding:
    """One failure the lens finds, as of the replay date."""

    code: str
    date: dt.date
    case: str | None
    events: tuple[str, ...]
    explanation: str
    rule: str
    source: str
    key: str
    resolved: dt.date | None = None
    imprecise: bool = False
    assumed: bool = False
    disputed: bool = False
    absence: bool = False
    inferred: bool = False
    ongoing: bool = True
    subject: str = ""
    severity: str = ""

    @property
    def topic(self) -> str:
        return code_of(self.code).topic

    @property
    def title(self) -> str:
        return code_of(self.code).title

    def lasted_days(self, as_of: dt.date) -> int:
        """How long the failure has lasted (to its resolution, or to the replay date): 0 for a
        failure that is a single event."""
        if not self.ongoing and self.resolved is None:
            return 0
        end = self.resolved or as_of
        return max((end - self.date).days, 0)


def finding_json(finding: Finding, *, as_of: dt.date) -> dict[str, Any]:
    """A finding as the replay's JSON (`chronology.md`, "Replay output", with more members)."""
    return {
        "code": finding.code,
        "topic": finding.topic,
        "title": finding.title,
        "date": finding.date.isoformat(),
        "resolved": finding.resolved.isoformat() if finding.resolved else None,
        "ongoing": finding.ongoing and finding.resolved is None,
        "lasted_days": finding.lasted_days(as_of),
        "case": finding.case,
        "subject": finding.subject,
        "events": list(finding.events),
        "explanation": finding.explanation,
        "rule": finding.rule,
        "source": finding.source,
        "severity": finding.severity,
        "imprecise": finding.imprecise,
        "assumed": finding.assumed,
        "disputed": finding.disputed,
        "absence_of_records": finding.absence,
        "inferred": finding.inferred,
        "key": finding.key,
    }


def finding_from_json(data: Mapping[str, Any]) -> Finding:
    """A finding read back from its JSON (a live page regroups the findings of several
    replays)."""
    resolved = data.get("resolved")
    return Finding(
        code=str(data["code"]),
        date=dt.date.fromisoformat(str(data["date"])),
        case=data.get("case"),
        events=tuple(data.get("events") or ()),
        explanation=str(data.get("explanation") or ""),
        rule=str(data.get("rule") or ""),
        source=str(data.get("source") or ""),
        key=str(data.get("key") or ""),
        resolved=dt.date.fromisoformat(str(resolved)) if resolved else None,
        imprecise=bool(data.get("imprecise")),
        assumed=bool(data.get("assumed")),
        disputed=bool(data.get("disputed")),
        absence=bool(data.get("absence_of_records")),
        inferred=bool(data.get("inferred")),
        ongoing=bool(data.get("ongoing", True)) or bool(resolved),
        subject=str(data.get("subject") or ""),
        severity=str(data.get("severity") or ""),
    )


def _split_rule(text: str) -> tuple[str, str]:
    """A clock's rule ("Respond ... within 10 working days. Source: the landlord's policy")
    as the rule and its source."""
    rule, _, source = text.partition(". Source: ")
    return rule.rstrip("."), source.rstrip(".")


def _amount(clock: ClockResult) -> str:
    unit = str(clock.unit)
    if unit == "working_days":
        return f"{clock.overdue_working_days} working days"
    if unit == "hours" and clock.overdue_hours is not None and clock.overdue_days < 2:
        return f"{clock.overdue_hours} hours"
    return f"{clock.overdue_days} days"


def _clock_sentence(clock: ClockResult, code: str, as_of: dt.date) -> str:
    what = CLOCK_WORDS.get(clock.clock, clock.clock)
    subject = f" ({clock.subject})" if clock.subject else ""
    due = show(clock.due)
    if clock.original_due is not None:
        due += f" (extended from {show(clock.original_due)})"
    start = f"{show(clock.started)} ({clock.start_event})"
    head = f"{what}{subject}, counted from {start}, was due {due}"
    if clock.stopped is not None:
        done = DONE_WORDS.get(clock.clock, "done")
        tail = f"{done} {show(clock.stopped)} ({clock.stop_event}), {_amount(clock)} late"
    else:
        tail = f"not done as of {show(as_of)}: {_amount(clock)} overdue"
    sentence = f"{head}; {tail}."
    if clock.extension_valid is False:
        sentence += " An extension on record is not valid, so the original date stands."
    return sentence


def _from_clock(clock: ClockResult, *, as_of: dt.date) -> Finding | None:
    code = CLOCK_CODES.get(clock.clock)
    if code is None or not clock.breached or clock.arises is None:
        return None
    if clock.clock in RESPONSE_CLOCKS and clock.stopped is None:
        code = NO_RESPONSE
    rule, source = _split_rule(clock.rule)
    assumed = "priority_assumed" in clock.flags
    disputed = "disputed" in clock.flags
    absent = clock.stopped is None
    explanation = _clock_sentence(clock, code, as_of)
    explanation += (
        (IMPRECISE if clock.imprecise else "")
        + (ASSUMED if assumed else "")
        + (DISPUTED if disputed else "")
        + (ABSENT if absent else "")
    )
    return Finding(
        code=code,
        date=clock.arises,
        case=clock.case,
        events=tuple(clock.events),
        explanation=explanation,
        rule=rule,
        source=source or clock.source,
        key=f"{clock.case}|{clock.clock}|{clock.start_event}|{clock.subject}",
        resolved=clock.stopped,
        imprecise=clock.imprecise,
        assumed=assumed,
        disputed=disputed,
        absence=absent,
        subject=clock.subject,
    )


def _contradictions(clocks: Iterable[ClockResult]) -> list[Finding]:
    """`commitment.claim_contradicted`: a claim's verification found the work not done."""
    found = []
    catalogue = code_of("commitment.claim_contradicted")
    for clock in clocks:
        if clock.clock != "commitment.verification" or clock.stop_outcome != "not_done":
            continue
        if clock.stopped is None:  # a stop outcome always comes with its stop
            continue
        found.append(
            Finding(
                code="commitment.claim_contradicted",
                date=clock.stopped,
                case=clock.case,
                events=tuple(dict.fromkeys((clock.start_event, *clock.events))),
                explanation=(
                    f"{clock.subject[:1].upper()}{clock.subject[1:]} was said to be done "
                    f"({clock.start_event}, {show(clock.started)}) and found not done "
                    f"{show(clock.stopped)} ({clock.stop_event})."
                    + (IMPRECISE if clock.imprecise else "")
                ),
                rule=catalogue.rule,
                source=catalogue.source,
                key=f"{clock.case}|contradicted|{clock.start_event}|{clock.subject}",
                imprecise=clock.imprecise,
                ongoing=False,
                subject=clock.subject,
            )
        )
    return found


def _extensions(facts: Facts, clocks: Iterable[ClockResult]) -> list[Finding]:
    """`complaint.extension_invalid`: an extension the Code does not allow (the response
    clock's `extension_valid` is false); dated at the extension."""
    found = []
    catalogue = code_of("complaint.extension_invalid")
    for clock in clocks:
        if clock.clock not in RESPONSE_CLOCKS or clock.extension_valid is not False:
            continue
        stage = 1 if clock.clock == "complaint.stage1.response" else 2
        extensions = [
            f
            for f in facts.of_kind("complaint.extended", cases=[clock.case])
            if int(f.data.get("stage") or 1) == stage and f.latest_date >= clock.started
        ]
        why = [line for line in clock.explanation.lines if "is not valid" in line]
        for extension in extensions:
            found.append(
                Finding(
                    code="complaint.extension_invalid",
                    date=extension.earliest_date,
                    case=clock.case,
                    events=(clock.start_event, extension.id),
                    explanation=(why[0] if why else f"The extension {extension.id} is not valid.")
                    + f" The response stays due {show(clock.due)}."
                    + (IMPRECISE if extension.imprecise else ""),
                    rule=catalogue.rule,
                    source=catalogue.source,
                    key=f"{clock.case}|extension|{extension.id}",
                    imprecise=extension.imprecise,
                    ongoing=False,
                    subject=f"stage {stage}",
                )
            )
    return found


def _appointments(visits: Iterable[Visit]) -> list[Finding]:
    found = []
    for visit in visits:
        for failure in visit.failures:
            catalogue = code_of(failure.code)
            found.append(
                Finding(
                    code=failure.code,
                    date=failure.date,
                    case=failure.case,
                    events=tuple(failure.events),
                    explanation=failure.explanation,
                    rule=catalogue.rule,
                    source=failure.rule,
                    key=f"{failure.case}|{failure.code}|{visit.appointment}|{failure.events[-1]}",
                    imprecise=failure.imprecise,
                    assumed=failure.assumed,
                    disputed=failure.disputed,
                    absence=failure.absence,
                    ongoing=False,
                    subject=f"appointment {visit.appointment}",
                )
            )
    return found


def _compensation(offers: Iterable[Offer], requests: Iterable[Request]) -> list[Finding]:
    failures: list[CompensationFailure] = [f for o in offers for f in o.failures]
    failures += [f for r in requests for f in r.failures]
    found = []
    for failure in failures:
        catalogue = code_of(failure.code)
        found.append(
            Finding(
                code=failure.code,
                date=failure.date,
                case=failure.case,
                events=tuple(failure.events),
                explanation=failure.explanation + (IMPRECISE if failure.imprecise else ""),
                rule=catalogue.rule,
                source=failure.rule,
                key=f"{failure.case}|{failure.code}|{'/'.join(failure.events)}",
                resolved=failure.resolved,
                imprecise=failure.imprecise,
                ongoing=failure.code == "compensation.request_unanswered",
            )
        )
    return found


def _asb(cases: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """Declines for a reason the policy does not allow; actions inside the reporter's delay."""
    found = []
    declined = code_of("asb.case_wrongly_declined")
    ignored = code_of("asb.informant_request_ignored")
    for case in cases:
        for decline in case["declines"]:
            if decline["allowed"]:
                continue
            declined_on = dt.date.fromisoformat(decline["date"])
            found.append(
                Finding(
                    code=declined.code,
                    date=declined_on,
                    case=case["case"],
                    events=(decline["event"],),
                    explanation=(
                        f"The ASB case was declined on {show(declined_on)}"
                        f" ({decline['reason_code'].replace('_', ' ')}). {decline['problem']}"
                    ),
                    rule=declined.rule,
                    source=declined.source,
                    key=f"{case['case']}|declined|{decline['event']}",
                    ongoing=False,
                    subject=decline["reason_code"],
                )
            )
        for action in case["actions"]:
            if not action["inside_delay_until"] or action["override_reason"]:
                continue
            day = dt.date.fromisoformat(action["date"])
            until = dt.date.fromisoformat(action["inside_delay_until"])
            found.append(
                Finding(
                    code=ignored.code,
                    date=day,
                    case=case["case"],
                    events=(action["event"],),
                    explanation=(
                        f"A {action['type'].replace('_', ' ')} was taken on {show(day)}, inside "
                        f"the delay the reporter asked for (until {show(until)}), with no "
                        "manager's override on record."
                    ),
                    rule=ignored.rule,
                    source=ignored.source,
                    key=f"{case['case']}|delay|{action['event']}",
                    ongoing=False,
                    subject=action["type"],
                )
            )
    return found


def _reports_missing(facts: Facts) -> list[Finding]:
    """`records.report_missing`: an inspection or survey with no report document. A later
    inspection report naming the visit (`document.added` whose `inspection` is the event)
    resolves it."""
    found = []
    catalogue = code_of("records.report_missing")
    added = facts.of_kind("document.added")
    for inspection in facts.of_kind("inspection.done"):
        if inspection.data.get("report"):
            continue
        later = [
            d
            for d in added
            if d.data.get("inspection") == inspection.id
            or (
                d.data.get("type") in ("inspection_report", "survey_report")
                and d.case == inspection.case
                and d.data.get("visit") == inspection.data.get("appointment")
                and inspection.data.get("appointment")
            )
        ]
        day = inspection.earliest_date
        by = inspection.data.get("by")
        found.append(
            Finding(
                code=catalogue.code,
                date=day,
                case=inspection.case,
                events=(inspection.id, *(d.id for d in later[:1])),
                explanation=(
                    f"The inspection of {show(day)}{f' by {by}' if by else ''} ({inspection.id})"
                    " has no report document on record."
                    + (IMPRECISE if inspection.imprecise else "")
                    + " It rests on the absence of a record."
                ),
                rule=catalogue.rule,
                source=catalogue.source,
                key=f"{inspection.case}|report_missing|{inspection.id}",
                resolved=later[0].earliest_date if later else None,
                imprecise=inspection.imprecise,
                absence=True,
                subject="inspection",
            )
        )
    return found


def _repeats(items: Iterable[Repeat]) -> list[Finding]:
    """`records.repeat_not_linked`: a new job or case for a defect already on record and left
    open or unverified, not linked to it (an officer's "not a repeat" decision ends it; a
    link resolves it)."""
    found = []
    catalogue = code_of("records.repeat_not_linked")
    for item in items:
        if item.earlier_left not in (OPEN, CLAIMED, FOUND_NOT_DONE):
            continue
        if item.status not in (PROPOSED, ACCEPTED):
            continue
        resolved = item.decided_on if item.status == ACCEPTED else None
        found.append(
            Finding(
                code=catalogue.code,
                date=item.raised,
                case=item.case,
                events=tuple(e for e in (item.event, item.earlier_event, item.decided_event) if e),
                explanation=item.explanation
                + ("" if resolved else " It is not linked to it.")
                + (IMPRECISE if item.imprecise else ""),
                rule=catalogue.rule,
                source=catalogue.source,
                key=f"{item.case}|repeat|{item.event}",
                resolved=resolved,
                imprecise=item.imprecise,
                subject=item.matched,
            )
        )
    return found


def _element_jobs(facts: Facts) -> dict[str, list[Fact]]:
    """The first `works.raised` of each job, by the element its items name."""
    by_element: dict[str, list[Fact]] = {}
    seen: set[str] = set()
    for raised_fact in facts.of_kind("works.raised"):
        job = job_of(raised_fact)
        if job is None or job in seen:
            continue
        seen.add(job)
        elements = {
            " ".join(str(item.get("element") or "").lower().split())
            for item in raised_fact.data.get("items") or ()
            if isinstance(item, Mapping)
        } - {""}
        for element in elements:
            by_element.setdefault(element, []).append(raised_fact)
    return by_element


def _repeat_without_diagnosis(facts: Facts) -> list[Finding]:
    """`repair.repeat_without_diagnosis`: a third job for the same element at the home within
    12 months, with no `inspection.done` recording a cause in the cases of those jobs. A later
    inspection with a cause resolves it."""
    found = []
    catalogue = code_of("repair.repeat_without_diagnosis")
    inspections = [f for f in facts.of_kind("inspection.done") if f.data.get("cause")]
    for element, jobs in _element_jobs(facts).items():
        for index in range(REPEAT_JOBS - 1, len(jobs)):
            window = jobs[index - REPEAT_JOBS + 1 : index + 1]
            first, third = window[0], window[-1]
            if (third.latest_date - first.earliest_date).days > REPEAT_WINDOW_DAYS:
                continue
            cases = {j.case for j in window}
            diagnosed = [i for i in inspections if i.case in cases]
            before = [i for i in diagnosed if i.earliest <= third.latest]
            if before:
                continue
            after = [i for i in diagnosed if i.earliest > third.latest]
            imprecise = any(j.imprecise for j in window)
            found.append(
                Finding(
                    code=catalogue.code,
                    date=third.latest_date,
                    case=third.case,
                    events=tuple(j.id for j in window) + tuple(a.id for a in after[:1]),
                    explanation=(
                        f"Job {job_of(third)} ({show(third.latest_date)}) is the "
                        f"{REPEAT_JOBS}rd job for '{element}' since {show(first.earliest_date)} "
                        f"({', '.join(str(job_of(j)) for j in window)}), and no inspection on "
                        "record found the cause." + (IMPRECISE if imprecise else "")
                    ),
                    rule=catalogue.rule,
                    source=catalogue.source,
                    key=f"{third.case}|repeat_without_diagnosis|{third.id}",
                    resolved=after[0].earliest_date if after else None,
                    imprecise=imprecise,
                    absence=True,
                    subject=element,
                )
            )
            break
    return found


def _vulnerabilities(facts: Facts) -> list[Finding]:
    """`vulnerability.not_recorded`: a vulnerability disclosed (each person and category) and
    not entered in the register by the end of the day it was disclosed; dated at the
    disclosure's earliest possible moment, resolved by the later entry."""
    found = []
    catalogue = code_of("vulnerability.not_recorded")
    recorded: dict[tuple[str, str], Fact] = {}
    for fact in facts.of_kind("vulnerability.recorded"):
        key = (str(fact.data.get("person")), str(fact.data.get("category")))
        recorded.setdefault(key, fact)
    seen: set[tuple[str, str]] = set()
    for disclosed in facts.of_kind("vulnerability.disclosed"):
        key = (str(disclosed.data.get("person")), str(disclosed.data.get("category")))
        if key in seen:
            continue
        seen.add(key)
        entry = recorded.get(key)
        if entry is not None and entry.earliest_date <= disclosed.latest_date:
            continue
        day = disclosed.earliest_date
        person, category = key
        found.append(
            Finding(
                code=catalogue.code,
                date=day,
                case=disclosed.case,
                events=(disclosed.id, *((entry.id,) if entry else ())),
                explanation=(
                    f"{person}'s {category.replace('_', ' ')} was disclosed {disclosed.at} "
                    f"({disclosed.id}) and "
                    + (
                        f"entered in the register only on {show(entry.earliest_date)}."
                        if entry
                        else "never entered in the register."
                    )
                    + (IMPRECISE if disclosed.imprecise else "")
                ),
                rule=catalogue.rule,
                source=catalogue.source,
                key=f"{disclosed.case}|vulnerability|{person}|{category}",
                resolved=entry.earliest_date if entry else None,
                imprecise=disclosed.imprecise,
                absence=entry is None,
                subject=f"{person} {category}",
            )
        )
    return found


@dataclass(frozen=True)
class _Job:
    """A job raised in a case: its first record, its priority (whether assumed), and every
    event that raised or reported it."""

    first: Fact
    name: str
    priority: str | None
    assumed: bool
    events: tuple[str, ...]


def _jobs_of_case(facts: Facts, case: str | None) -> list[_Job]:
    """Each job raised in the case: by its `works.raised`, or a report that names its job (the
    first priority on record wins; a later one fills a missing one)."""
    jobs: dict[str, _Job] = {}
    for fact in facts.of_kind("works.raised", "repair.reported", cases=[case]):
        name = job_of(fact)
        if name is None:
            continue
        priority = str(fact.data.get("priority") or "") or None
        assumed = fact.data.get("priority_assumed") is True
        known = jobs.get(name)
        if known is None:
            jobs[name] = _Job(fact, name, priority, assumed, (fact.id,))
            continue
        if known.priority is None and priority:
            known = replace(known, priority=priority, assumed=assumed)
        jobs[name] = replace(known, events=(*known.events, fact.id))
    return sorted(jobs.values(), key=lambda j: j.first.sort_key())


def _vulnerable_not_prioritised(facts: Facts) -> list[Finding]:
    """`hazard.vulnerable_not_prioritised`: in each hazard case, a household whose vulnerability
    was disclosed before a job was raised for the hazard, and the jobs at routine or planned
    priority. Dated at the first such job (its latest possible moment: "no later than")."""
    found = []
    catalogue = code_of("hazard.vulnerable_not_prioritised")
    disclosures = facts.of_kind("vulnerability.disclosed")
    hazard_cases = list(dict.fromkeys(f.case for f in facts.of_kind("hazard.reported")))
    for case in hazard_cases:
        reports = facts.of_kind("hazard.reported", cases=[case])
        jobs = _jobs_of_case(facts, case)
        slow = [
            job
            for job in jobs
            if job.priority in NOT_PRIORITISED
            and any(d.starts_at <= job.first.latest for d in disclosures)
        ]
        if not slow:
            continue
        first = slow[0].first
        categories = sorted({str(d.data.get("category")).replace("_", " ") for d in disclosures})
        assumed = any(job.assumed for job in slow)
        later = [
            job for job in jobs if job.priority in PRIORITISED and job.first.earliest > first.latest
        ]
        names = ", ".join(f"{job.name} ({job.priority})" for job in slow)
        events = [r.id for r in reports] + [d.id for d in disclosures]
        events += [e for job in slow for e in job.events]
        found.append(
            Finding(
                code=catalogue.code,
                date=first.latest_date,
                case=case,
                events=tuple(dict.fromkeys(events)),
                explanation=(
                    f"The household had disclosed {', '.join(categories)}, and every job for the "
                    f"hazard raised after a disclosure was at routine or planned priority: "
                    f"{names}. The first, {slow[0].name}, was raised no later than "
                    f"{show(first.latest_date)}."
                    + (IMPRECISE if first.imprecise else "")
                    + (" It rests on priorities the source does not state." if assumed else "")
                ),
                rule=catalogue.rule,
                source=catalogue.source,
                key=f"{case}|vulnerable_not_prioritised",
                resolved=later[0].first.earliest_date if later else None,
                imprecise=first.imprecise,
                assumed=assumed,
                subject="hazard jobs",
            )
        )
    return found


def first_disclosed(facts: Facts) -> dt.date | None:
    """The first day the household is known to have disclosed a vulnerability."""
    disclosed = [f.earliest_date for f in facts.of_kind("vulnerability.disclosed")]
    return min(disclosed) if disclosed else None


LOGGING_WINDOW_KEY = "complaints.stage1.acknowledgement_working_days"


def _complaint_windows(facts: Facts) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """When a complaint was open at each stage: from its receipt (or the escalation) to that
    stage's response (or refusal); None: not answered yet."""
    windows: list[tuple[dt.datetime, dt.datetime | None]] = []
    for case in dict.fromkeys(f.case for f in facts.of_kind("complaint.received")):
        for stage, opener in ((1, "complaint.received"), (2, "complaint.escalated")):
            openers = facts.of_kind(opener, cases=[case])
            if not openers:
                continue
            answers = [
                f
                for f in facts.of_kind("complaint.response", "complaint.refused", cases=[case])
                if int(f.data.get("stage") or 1) == stage and f.could_follow(openers[0])
            ]
            windows.append((openers[0].earliest, answers[0].latest if answers else None))
    return windows


def _not_logged(facts: Facts, calendar: Calendar) -> list[Finding]:
    """`complaint.not_logged`: a contact received whose words the triage rules read as
    dissatisfaction, when no complaint was open, and no complaint (or escalation) was logged
    within the acknowledgement window after it; arises the day after that window, resolved by
    a complaint logged later. Rests on the rules' reading (`inferred`)."""
    found = []
    catalogue = code_of("complaint.not_logged")
    windows = _complaint_windows(facts)
    logged = facts.of_kind("complaint.received", "complaint.escalated")
    for contact in facts.of_kind("contact.in"):
        reading = triage(str(contact.data.get("text") or ""))
        if not reading.dissatisfied:
            continue
        moment = contact.latest
        if any(start <= moment and (end is None or moment <= end) for start, end in windows):
            continue
        day = contact.latest_date
        n = int(resolve(LOGGING_WINDOW_KEY, day, facts.overrides).value)
        due = calendar.add_working_days(day, n)
        after = [c for c in logged if c.could_follow(contact)]
        if after and after[0].earliest_date <= due:
            continue
        words = "; ".join(f"'{c.phrase}'" for c in reading.cues if c.kind == DISSATISFACTION)
        found.append(
            Finding(
                code=catalogue.code,
                date=due + ONE_DAY,
                case=contact.case,
                events=(contact.id, *(a.id for a in after[:1])),
                explanation=(
                    f"The contact of {show(day)} ({contact.id}) expresses dissatisfaction "
                    f"({words}), and no complaint was open or logged within {n} working days "
                    f"(by {show(due)})"
                    + (f"; one was logged {show(after[0].earliest_date)}." if after else ".")
                    + (IMPRECISE if contact.imprecise else "")
                    + INFERRED.format(version=TRIAGE_VERSION)
                ),
                rule=catalogue.rule,
                source=catalogue.source,
                key=f"{contact.case}|not_logged|{contact.id}",
                resolved=after[0].earliest_date if after else None,
                imprecise=contact.imprecise,
                absence=not after,
                inferred=True,
                subject="contact",
            )
        )
    return found


def _inferred_vulnerabilities(facts: Facts) -> list[Finding]:
    """`vulnerability.not_recorded`, read from a contact's words: a vulnerability cue in a
    contact received, of a category the household had not disclosed by then (a disclosure on
    record covers it, and makes its own finding where it is not recorded), and not entered in
    the register by the end of that day. Resolved by a later register entry of the category."""
    found = []
    catalogue = code_of("vulnerability.not_recorded")
    known = facts.of_kind("vulnerability.disclosed", "vulnerability.recorded")
    seen: set[str] = set()
    for contact in facts.of_kind("contact.in"):
        reading = triage(str(contact.data.get("text") or ""))
        for category in reading.vulnerabilities:
            if category in seen:
                continue
            same = [k for k in known if str(k.data.get("category")) == category]
            if any(
                k.earliest <= contact.latest or k.earliest_date <= contact.latest_date for k in same
            ):
                continue
            seen.add(category)
            entries = [k for k in same if k.kind == "vulnerability.recorded"]
            words = "; ".join(
                f"'{c.phrase}'"
                for c in reading.cues
                if c.kind == VULNERABILITY and c.value == category
            )
            day = contact.earliest_date
            found.append(
                Finding(
                    code=catalogue.code,
                    date=day,
                    case=contact.case,
                    events=(contact.id, *(e.id for e in entries[:1])),
                    explanation=(
                        f"The contact of {show(day)} ({contact.id}) tells of "
                        f"{category.replace('_', ' ')} ({words}), and it "
                        + (
                            f"was entered in the register only on {show(entries[0].earliest_date)}."
                            if entries
                            else "was never entered in the register."
                        )
                        + (IMPRECISE if contact.imprecise else "")
                        + INFERRED.format(version=TRIAGE_VERSION)
                    ),
                    rule=catalogue.rule,
                    source=catalogue.source,
                    key=f"{contact.case}|vulnerability_cue|{contact.id}|{category}",
                    resolved=entries[0].earliest_date if entries else None,
                    imprecise=contact.imprecise,
                    absence=not entries,
                    inferred=True,
                    subject=category,
                )
            )
    return found


def _severities(findings: Iterable[Finding], facts: Facts) -> list[Finding]:
    """Each finding's severity: the code's, raised one level where the household had disclosed
    a vulnerability before the finding arose and the failure could harm it."""
    first = first_disclosed(facts)
    out = []
    for finding in findings:
        severity = code_of(finding.code).severity
        if first is not None and first <= finding.date and finding.topic in HARMFUL:
            severity = raised(severity)
        out.append(replace(finding, severity=severity))
    return out


HARMFUL = frozenset({HAZARDS, REPAIRS, ASB, COMMITMENTS})


def lens(
    facts: Facts,
    *,
    as_of: dt.date,
    clocks: Sequence[ClockResult],
    visits: Iterable[Visit],
    offers: Iterable[Offer],
    requests: Iterable[Request],
    asb: Iterable[Mapping[str, Any]],
    repeats: Iterable[Repeat],
) -> list[Finding]:
    """Every finding as of `as_of`, in the order they arose."""
    seen = facts.as_of(as_of)
    found = [f for f in (_from_clock(c, as_of=as_of) for c in clocks) if f is not None]
    found += _contradictions(clocks)
    found += _extensions(seen, clocks)
    found += _appointments(visits)
    found += _compensation(offers, requests)
    found += _asb(asb)
    found += _reports_missing(seen)
    found += _repeats(repeats)
    found += _repeat_without_diagnosis(seen)
    found += _vulnerabilities(seen)
    found += _vulnerable_not_prioritised(seen)
    found += _not_logged(seen, calendar_for(facts.nation))
    found += _inferred_vulnerabilities(seen)
    found = [
        replace(f, resolved=f.resolved if f.resolved and f.resolved <= as_of else None)
        for f in found
        if f.date <= as_of
    ]
    return sorted(_severities(found, seen), key=lambda f: (f.date, f.code, f.case or "", f.key))

"""Doorstep's default policy: each number with the date it took effect and its source.

Numbers and sources follow `shared/domain/regulation.md`, which wins over memory. Keys are part
of the public chronology format (`shared/domain/chronology.md`). "Doorstep default" marks a
number no statute or Code sets: Doorstep chose it and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    WEEKS = "weeks"
    CHOICES = "choices"
    BAND = "band"
    TEXT = "text"
    YES_NO = "yes_no"
    MONTHS = "months"
    SCORE = "score"


@dataclass(frozen=True)
class Version:
    """A value in force from a date (None: throughout), with where it comes from."""

    effective_from: dt.date | None
    value: Any
    source: str


@dataclass(frozen=True)
class PolicyKey:
    """One policy setting.

    `overridable`: whether a landlord may set its own value. `statutory_from`: from this date
    the default is the law or the statutory Code, so a landlord's value applies only where it
    is stricter (a shorter timescale). `derived_from`: the key has no number of its own by
    default; it takes that key's value (the landlord's, where set) unless the landlord sets
    this one. `shortens`: the key is the landlord's shorter timescale for that key, applied
    where a vulnerability was disclosed in the household before the clock started; value None
    means the landlord has set none.
    """

    key: str
    unit: Unit
    meaning: str
    versions: tuple[Version, ...]
    overridable: bool = True
    statutory_from: dt.date | None = None
    derived_from: str | None = None
    shortens: str | None = None


CODE_2024 = dt.date(2024, 4, 1)
AWAABS_LAW = dt.date(2025, 10, 27)
# Anti-social Behaviour, Crime and Policing Act 2014, Part 6 (the ASB case review, sections
# 104-105), in force from 20 October 2014.
ASB_CASE_REVIEW = dt.date(2014, 10, 20)

CHC_EARLIER = (
    "Housing Ombudsman Complaint Handling Code (2020, revised 2022), for complaints received "
    "before 1 April 2024"
)
CHC_2024 = (
    "Housing Ombudsman Complaint Handling Code 2024 (statutory from 1 April 2024, Social "
    "Housing (Regulation) Act 2023)"
)
AWAAB = (
    "Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025 "
    "(Awaab's Law), in force 27 October 2025; Landlord and Tenant Act 1985 s.10A"
)
DOORSTEP = "Doorstep default (no statute or Code sets this number; the landlord may override it)"
VULNERABLE = (
    "Doorstep default: none (no statute or Code sets a shorter timescale for a vulnerable "
    "household); the landlord's policy may set it"
)


def _code(stage1_or_2: str, earlier: int, current: int, what: str) -> tuple[Version, ...]:
    return (
        Version(None, earlier, f"{CHC_EARLIER}: {what}"),
        Version(CODE_2024, current, f"{CHC_2024}, section {stage1_or_2}: {what}"),
    )


KEYS: tuple[PolicyKey, ...] = (
    PolicyKey(
        "complaints.stage1.acknowledgement_working_days",
        Unit.WORKING_DAYS,
        "Acknowledge, define and log a stage 1 complaint within this many working days of receipt.",
        _code("5", 5, 5, "acknowledge and log within 5 working days of receipt"),
        statutory_from=CODE_2024,
    ),
    PolicyKey(
        "complaints.stage1.response_working_days",
        Unit.WORKING_DAYS,
        "Respond in full at stage 1 within this many working days (2024 Code: of the "
        "acknowledgement; earlier Code, Doorstep counts from receipt).",
        _code("5", 10, 10, "stage 1 response within 10 working days"),
        statutory_from=CODE_2024,
    ),
    PolicyKey(
        "complaints.stage1.extension_max_working_days",
        Unit.WORKING_DAYS,
        "The most a stage 1 response may be extended without a good reason recorded.",
        _code("5", 10, 10, "extension of no more than a further 10 working days"),
        statutory_from=CODE_2024,
    ),
    PolicyKey(
        "complaints.stage2.acknowledgement_working_days",
        Unit.WORKING_DAYS,
        "Acknowledge an escalation to stage 2 within this many working days of the request.",
        _code("6", 5, 5, "acknowledge the escalation within 5 working days"),
        statutory_from=CODE_2024,
    ),
    PolicyKey(
        "complaints.stage2.response_working_days",
        Unit.WORKING_DAYS,
        "Respond in full at stage 2 within this many working days (2024 Code: of the "
        "acknowledgement; earlier Code, Doorstep counts from the escalation request).",
        _code("6", 20, 20, "stage 2 response within 20 working days"),
        statutory_from=CODE_2024,
    ),
    PolicyKey(
        "complaints.stage2.extension_max_working_days",
        Unit.WORKING_DAYS,
        "The most a stage 2 response may be extended without a good reason recorded.",
        _code("6", 20, 20, "extension of no more than a further 20 working days"),
        statutory_from=CODE_2024,
    ),
    PolicyKey(
        "complaints.extension.resident_agreement_required",
        Unit.YES_NO,
        "Whether extending a complaint response needs the resident's agreement. The Code asks "
        "only that the reasons and the new date are given to the resident in writing; a "
        "landlord's policy may also ask for agreement.",
        (
            Version(
                None,
                True,
                f"{DOORSTEP}: the Complaint Handling Code 2024 (sections 5.8 and 6.6: an "
                "extension is agreed with the resident only where the landlord's policy asks for "
                "it; reasons and the new date are always given in writing) leaves it to the "
                "landlord; Doorstep asks for agreement unless the landlord's policy says not, as "
                "the chronology format records it (`agreed_with_resident`)",
            ),
        ),
    ),
    PolicyKey(
        "hazards.emergency.hours",
        Unit.HOURS,
        "Investigate and make safe an emergency hazard within this many hours of awareness.",
        (Version(AWAABS_LAW, 24, f"{AWAAB}: emergency hazards, 24 hours"),),
        overridable=False,
    ),
    PolicyKey(
        "hazards.investigation_working_days",
        Unit.WORKING_DAYS,
        "Investigate a significant hazard within this many working days of awareness.",
        (Version(AWAABS_LAW, 10, f"{AWAAB}: investigate within 10 working days"),),
        overridable=False,
    ),
    PolicyKey(
        "hazards.summary_working_days",
        Unit.WORKING_DAYS,
        "Give the tenant a written summary within this many working days of the investigation "
        "concluding.",
        (Version(AWAABS_LAW, 3, f"{AWAAB}: written summary within 3 working days"),),
        overridable=False,
    ),
    PolicyKey(
        "hazards.safety_work_working_days",
        Unit.WORKING_DAYS,
        "Begin relevant safety work within this many working days of the investigation concluding.",
        (Version(AWAABS_LAW, 5, f"{AWAAB}: safety work within 5 working days"),),
        overridable=False,
    ),
    PolicyKey(
        "hazards.further_work_working_days",
        Unit.WORKING_DAYS,
        "Begin further (preventative) work, or take steps to, within this many working days of "
        "the investigation concluding.",
        (Version(AWAABS_LAW, 5, f"{AWAAB}: further work begun within 5 working days"),),
        overridable=False,
    ),
    PolicyKey(
        "hazards.further_work_start_weeks",
        Unit.WEEKS,
        "Where further work could not begin in time, physically start it within this many weeks.",
        (Version(AWAABS_LAW, 12, f"{AWAAB}: physically started within 12 weeks"),),
        overridable=False,
    ),
    PolicyKey(
        "repairs.emergency.hours",
        Unit.HOURS,
        "Attend and make safe an emergency repair.",
        (Version(None, 24, f"{DOORSTEP}; common landlord practice and Awaab's Law's 24 hours"),),
    ),
    PolicyKey(
        "repairs.urgent.working_days",
        Unit.WORKING_DAYS,
        "Complete an urgent repair.",
        (Version(None, 5, DOORSTEP),),
    ),
    PolicyKey(
        "repairs.routine.working_days",
        Unit.WORKING_DAYS,
        "Complete a routine repair.",
        (Version(None, 20, DOORSTEP),),
    ),
    PolicyKey(
        "repairs.planned.days",
        Unit.CALENDAR_DAYS,
        "Complete planned work.",
        (Version(None, 90, DOORSTEP),),
    ),
    *(
        PolicyKey(
            key,
            unit,
            f"Complete {what} for a household in which a vulnerability was disclosed before the "
            "repair was reported, where that is sooner than the usual target. Not set: the "
            "usual target applies.",
            (Version(None, None, VULNERABLE),),
            shortens=usual,
        )
        for key, unit, what, usual in (
            (
                "repairs.emergency.vulnerable_hours",
                Unit.HOURS,
                "an emergency repair",
                "repairs.emergency.hours",
            ),
            (
                "repairs.urgent.vulnerable_working_days",
                Unit.WORKING_DAYS,
                "an urgent repair",
                "repairs.urgent.working_days",
            ),
            (
                "repairs.routine.vulnerable_working_days",
                Unit.WORKING_DAYS,
                "a routine repair",
                "repairs.routine.working_days",
            ),
            (
                "repairs.planned.vulnerable_days",
                Unit.CALENDAR_DAYS,
                "planned work",
                "repairs.planned.days",
            ),
        )
    ),
    PolicyKey(
        "repairs.communal_security.make_safe_hours",
        Unit.HOURS,
        "Make safe a fault that leaves a home or block insecure (reported with security: true).",
        (Version(None, 24, f"{DOORSTEP} (Bromford's policy)"),),
    ),
    PolicyKey(
        "repairs.non_emergency.appointment_days",
        Unit.CALENDAR_DAYS,
        "Attend a non-emergency repair or inspection appointment; pre-Awaab hazard clocks use it.",
        (Version(None, 28, f"{DOORSTEP} (Clarion's policy; a common landlord standard)"),),
    ),
    PolicyKey(
        "asb.first_response_days",
        Unit.CALENDAR_DAYS,
        "First response to a report of ASB.",
        (Version(None, 5, f"{DOORSTEP} (Bromford's policy); no statute sets it"),),
    ),
    PolicyKey(
        "asb.risk_assessment_days",
        Unit.CALENDAR_DAYS,
        "Assess the reporter's risk within this many days of the report. Unless the landlord "
        "sets it, it is the first-response time (asb.first_response_days).",
        (),
        derived_from="asb.first_response_days",
    ),
    PolicyKey(
        "asb.review_interval_days",
        Unit.CALENDAR_DAYS,
        "Review an open ASB case, and update the reporter, at least this often.",
        (Version(None, 28, f"{DOORSTEP}; landlords commonly review monthly"),),
    ),
    PolicyKey(
        "asb.decline_reasons_allowed",
        Unit.CHOICES,
        "The reasons for which a report may be declined as an ASB case. Not having reported it "
        "to the police is never one.",
        (
            Version(
                None,
                ["insufficient_evidence", "not_asb", "civil_matter", "out_of_time"],
                f"{DOORSTEP}; Bromford determination, ASB paragraphs 8 and 12.2",
            ),
        ),
    ),
    PolicyKey(
        "asb.high_risk.review_interval_days",
        Unit.CALENDAR_DAYS,
        "Review an ASB case whose reporter was last assessed at high risk, and update the "
        "reporter, at least this often (shorter than asb.review_interval_days).",
        (
            Version(
                None,
                14,
                f"{DOORSTEP}; a high risk raises the review frequency (Regulator of Social "
                "Housing, Neighbourhood and Community Standard 2024: support victims, taking "
                "their vulnerability into account)",
            ),
        ),
    ),
    PolicyKey(
        "asb.risk.medium_from_score",
        Unit.SCORE,
        "The risk-assessment score (vulnerability, repeat victimisation, impact and hate "
        "motivation, each scored 0 to 2) from which the reporter's risk is medium.",
        (Version(None, 3, f"{DOORSTEP}; after the Home Office ASB risk assessment matrix"),),
    ),
    PolicyKey(
        "asb.risk.high_from_score",
        Unit.SCORE,
        "The risk-assessment score from which the reporter's risk is high.",
        (Version(None, 5, f"{DOORSTEP}; after the Home Office ASB risk assessment matrix"),),
    ),
    PolicyKey(
        "asb.case_review.threshold_reports",
        Unit.SCORE,
        "The ASB case review (community trigger) threshold: this many reports of separate "
        "incidents within asb.case_review.window_months. The reporter is told of the case review "
        "when it is met.",
        (
            Version(
                None,
                3,
                "Anti-social Behaviour, Crime and Policing Act 2014, sections 104-105; the local "
                "threshold may be no higher than three complaints in six months (regulation.md)",
            ),
        ),
        statutory_from=ASB_CASE_REVIEW,
    ),
    PolicyKey(
        "asb.case_review.window_months",
        Unit.MONTHS,
        "The window in which asb.case_review.threshold_reports reports meet the ASB case review "
        "threshold.",
        (
            Version(
                None,
                6,
                "Anti-social Behaviour, Crime and Policing Act 2014, sections 104-105 (three "
                "complaints in six months, regulation.md)",
            ),
        ),
        overridable=False,
    ),
    PolicyKey(
        "transfers.decision_working_days",
        Unit.WORKING_DAYS,
        "Decide a request to move within this many working days of the request (or of the "
        "evidence arriving, where evidence was requested).",
        (Version(None, 20, DOORSTEP),),
    ),
    PolicyKey(
        "commitments.verify_within_working_days",
        Unit.WORKING_DAYS,
        "Verify a claimed completion (post-inspection or the resident's confirmation) within "
        "this many working days.",
        (
            Version(
                None, 10, f"{DOORSTEP}; the Ombudsman expects post-inspection (Clarion, order 8)"
            ),
        ),
    ),
    PolicyKey(
        "reminders.working_days_before",
        Unit.WORKING_DAYS,
        "Remind a case's officer (or, with none, its team) of a running clock this many "
        "working days before it falls due; a clock due sooner, hours clocks among them, is "
        "reminded of at once.",
        (Version(None, 2, DOORSTEP),),
    ),
)

BY_KEY: dict[str, PolicyKey] = {k.key: k for k in KEYS}
BAND_PREFIX = "compensation.band."
# The key a landlord sets to shorten a timescale for a vulnerable household, by the key it
# shortens.
SHORTER_FOR_VULNERABLE: dict[str, str] = {k.shortens: k.key for k in KEYS if k.shortens}


def _check_declarations() -> None:
    """A derived or shortening key names a key that exists, in the same unit."""
    for definition in KEYS:
        for other in (definition.derived_from, definition.shortens):
            if other is not None and BY_KEY[other].unit is not definition.unit:
                raise ValueError(f"{definition.key} and {other} must share a unit")
        if not definition.versions and definition.derived_from is None:
            raise ValueError(f"{definition.key} has no default and derives from no key")


_check_declarations()

"""Every clock Doorstep watches, as a small declaration: what starts it, what stops it, what
extends it, its unit, and where its number comes from.

The clock names are fixed by the chronology format (`shared/domain/chronology.md`, "Clocks");
the numbers are policy keys of `doorstep.policy.defaults`, named here exactly as there, or
fixed by statute (`statutory`, with the source in the class docstring). Which events of which
cases relate to one clock (the same stage, job, commitment, linked cases) is decided by the
family modules in `doorstep.clocks.families`; when the clock is due, stopped and breached is
decided once, for all clocks, by `doorstep.clocks.engine`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from doorstep.policy.defaults import CODE_2024


class Unit(StrEnum):
    """How a clock counts. DATE: due on a date the record itself gives (a promise, an order)."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    WEEKS = "weeks"
    DATE = "date"


class ClockDefinition:
    """A clock: the declaration the engine and the documentation both read."""

    name: ClassVar[str]
    unit: ClassVar[Unit]
    starts: ClassVar[tuple[str, ...]]
    stops: ClassVar[tuple[str, ...]]
    extends: ClassVar[tuple[str, ...]] = ()
    policy_key: ClassVar[str | None] = None
    statutory: ClassVar[int | None] = None
    rule: ClassVar[str]

    @classmethod
    def citation(cls) -> str:
        """The rule as the docstring states it, on one line."""
        return " ".join((cls.__doc__ or "").split())


Definition = type[ClockDefinition]

# --- complaints ---------------------------------------------------------------------------

COMPLAINT_STOPS_1 = ("complaint.acknowledged", "complaint.response", "complaint.refused")


class Stage1Acknowledgement(ClockDefinition):
    """Acknowledge, define and log a stage 1 complaint within 5 working days of receipt
    (Complaint Handling Code 2024, section 5; the 2020/2022 Code asked the same, which Doorstep
    applies as its default to earlier complaints: regulation.md). Stopped by a
    `complaint.acknowledged` at stage 1, or a stage 1 `complaint.response` (or refusal): inside
    the window it is the acknowledgement, after it it ends the failure. A `contact.out` is not
    an acknowledgement."""

    name = "complaint.stage1.acknowledgement"
    unit = Unit.WORKING_DAYS
    starts = ("complaint.received",)
    stops = COMPLAINT_STOPS_1
    policy_key = "complaints.stage1.acknowledgement_working_days"
    statutory = 5
    rule = "Acknowledge a stage 1 complaint within {n} working days of receipt"


class Stage2Acknowledgement(ClockDefinition):
    """Acknowledge an escalation to stage 2 within 5 working days of the request (Complaint
    Handling Code 2024, section 6; Doorstep's default for the earlier Code). Stopped as the stage
    1 acknowledgement is, at stage 2."""

    name = "complaint.stage2.acknowledgement"
    unit = Unit.WORKING_DAYS
    starts = ("complaint.escalated",)
    stops = COMPLAINT_STOPS_1
    policy_key = "complaints.stage2.acknowledgement_working_days"
    statutory = 5
    rule = "Acknowledge an escalation to stage 2 within {n} working days of the request"


class Stage1Response(ClockDefinition):
    """Respond in full at stage 1 within 10 working days. Complaint Handling Code 2024 (received
    on or after 1 April 2024), section 5: of the acknowledgement, or of when it was due where
    none is on record (a late acknowledgement cannot push the start past that day). Earlier Code
    (2020, revised 2022): Doorstep counts from receipt. The Code is the one in force when the
    complaint was received. Stopped only by a stage 1 `complaint.response` (or refusal). A
    `complaint.extended` moves `due` where valid: agreed with the resident with a reason, sent
    inside the original timescale, no more than 10 working days further (section 5)."""

    name = "complaint.stage1.response"
    unit = Unit.WORKING_DAYS
    starts = ("complaint.received", "complaint.acknowledged")
    stops = ("complaint.response", "complaint.refused")
    extends = ("complaint.extended",)
    policy_key = "complaints.stage1.response_working_days"
    statutory = 10
    rule = "Respond at stage 1 within {n} working days of {start}"


class Stage2Response(ClockDefinition):
    """Respond in full at stage 2 within 20 working days. 2024 Code, section 6: of the
    acknowledgement of the escalation (or of when it was due); earlier Code: Doorstep counts from
    the escalation request. The escalation keeps the Code of the complaint. A stage 2 response
    does not answer stage 1. Extension: no more than a further 20 working days (section 6)."""

    name = "complaint.stage2.response"
    unit = Unit.WORKING_DAYS
    starts = ("complaint.escalated", "complaint.acknowledged")
    stops = ("complaint.response", "complaint.refused")
    extends = ("complaint.extended",)
    policy_key = "complaints.stage2.response_working_days"
    statutory = 20
    rule = "Respond at stage 2 within {n} working days of {start}"


# --- hazards ------------------------------------------------------------------------------

ATTENDANCE = ("appointment.attended", "inspection.done")
CONCLUSION = ("hazard.assessed", "inspection.done")


class HazardInvestigation(ClockDefinition):
    """Before Awaab's Law (27 October 2025), or for a hazard outside its phase: attend within the
    landlord's `repairs.non_emergency.appointment_days` (calendar days; Doorstep default 28,
    Clarion's policy) of the report, stopped by the first ATTENDANCE (an `appointment.attended`
    of any outcome, or an `inspection.done`) in the hazard's case or a case linked to it. A
    booking, a missed or a cancelled appointment does not stop it. Under Awaab's Law (Hazards in
    Social Housing (Prescribed Requirements) (England) Regulations 2025): investigate within 10
    working days of awareness, concluded by the first `hazard.assessed` or `inspection.done`."""

    name = "hazard.investigation"
    unit = Unit.CALENDAR_DAYS
    starts = ("hazard.reported",)
    stops = ATTENDANCE
    policy_key = "repairs.non_emergency.appointment_days"
    statutory = 10
    rule = "Attend a reported hazard within {n} calendar days of the report"


class AwaabInvestigation(HazardInvestigation):
    """Awaab's Law: investigate a hazard in scope within 10 working days of becoming aware of it
    (Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025; Landlord and
    Tenant Act 1985 s.10A). Concluded by the first `hazard.assessed` or `inspection.done` in the
    hazard's case or a linked case. Statutory: not overridable."""

    unit = Unit.WORKING_DAYS
    stops = CONCLUSION
    policy_key = "hazards.investigation_working_days"
    rule = "Investigate a hazard within {n} working days of becoming aware of it (Awaab's Law)"


class HazardEmergency(ClockDefinition):
    """Awaab's Law: investigate and make safe an emergency hazard (any HHSRS hazard but crowding
    and space) within 24 hours of becoming aware of it, or secure suitable alternative
    accommodation in the same window. Stopped by `hazard.made_safe` or `decant.started`. A
    date-only report counts from the end of its day."""

    name = "hazard.emergency"
    unit = Unit.HOURS
    starts = ("hazard.reported",)
    stops = ("hazard.made_safe", "decant.started")
    policy_key = "hazards.emergency.hours"
    statutory = 24
    rule = "Make an emergency hazard safe within {n} hours of becoming aware of it (Awaab's Law)"


class HazardSummary(ClockDefinition):
    """Awaab's Law: a written summary of the investigation's findings to the tenant within 3
    working days of the investigation concluding. Stopped by `hazard.summary_sent`."""

    name = "hazard.summary"
    unit = Unit.WORKING_DAYS
    starts = CONCLUSION
    stops = ("hazard.summary_sent",)
    policy_key = "hazards.summary_working_days"
    statutory = 3
    rule = "Send the written summary within {n} working days of the investigation (Awaab's Law)"


class HazardSafetyWork(ClockDefinition):
    """Awaab's Law: relevant safety work on a significant hazard within 5 working days of the
    investigation concluding. Stopped by `hazard.made_safe` or the completion of a job raised
    with `purpose: safety`."""

    name = "hazard.safety_work"
    unit = Unit.WORKING_DAYS
    starts = CONCLUSION
    stops = ("hazard.made_safe", "works.completed")
    policy_key = "hazards.safety_work_working_days"
    statutory = 5
    rule = "Complete relevant safety work within {n} working days of the investigation"


class HazardFurtherWork(ClockDefinition):
    """Awaab's Law: further (supplementary preventative) work begun, or steps taken to begin it,
    within 5 working days of the investigation concluding. It has begun when a job with
    `purpose: further` is raised with an appointment booked."""

    name = "hazard.further_work"
    unit = Unit.WORKING_DAYS
    starts = CONCLUSION
    stops = ("works.raised", "appointment.booked")
    policy_key = "hazards.further_work_working_days"
    statutory = 5
    rule = "Begin further work within {n} working days of the investigation (Awaab's Law)"


class HazardFurtherWorkStart(ClockDefinition):
    """Awaab's Law: where further work could not begin within 5 working days, physically start it
    within 12 weeks of the investigation concluding. Stopped by the first attended appointment of
    a `purpose: further` job."""

    name = "hazard.further_work_start"
    unit = Unit.WEEKS
    starts = CONCLUSION
    stops = ("appointment.attended",)
    policy_key = "hazards.further_work_start_weeks"
    statutory = 12
    rule = "Physically start further work within {n} weeks of the investigation (Awaab's Law)"


# --- repairs, ASB, moves, promises, orders ---------------------------------------------------


class RepairTarget(ClockDefinition):
    """A repair done by its target: the job's own `target`, else the landlord's policy for its
    priority (`repairs.emergency.hours`, `repairs.urgent.working_days`,
    `repairs.routine.working_days`, `repairs.planned.days`), else Doorstep's defaults; where the
    report has `security: true`, `repairs.communal_security.make_safe_hours`. From the
    `repair.reported` (or the `works.raised`, where no report names the job). Stopped by
    `works.completed` (at `completed_on` where given), unless a later `works.verified` found it
    not done. No priority and no target: no clock."""

    name = "repair.target"
    unit = Unit.WORKING_DAYS
    starts = ("repair.reported", "works.raised")
    stops = ("works.completed",)
    rule = "Complete the repair by its target"


class AsbFirstResponse(ClockDefinition):
    """First response to a report of anti-social behaviour within `asb.first_response_days`
    calendar days (Doorstep default 5, Bromford's policy; no statute sets it). Stopped by the
    landlord's first answer in the case: an `asb.action`, `asb.case_opened`, `asb.case_declined`
    (the Bromford key counts a decline as the first response), `asb.risk_assessed`, or a
    `contact.out`."""

    name = "asb.first_response"
    unit = Unit.CALENDAR_DAYS
    starts = ("asb.reported",)
    stops = (
        "asb.action",
        "asb.case_opened",
        "asb.case_declined",
        "asb.risk_assessed",
        "contact.out",
    )
    policy_key = "asb.first_response_days"
    rule = "Respond to a report of ASB within {n} calendar days"


class AsbRiskAssessment(ClockDefinition):
    """Assess the reporter's risk within `asb.risk_assessment_days` of the report (Doorstep
    default: the first-response time; the Regulator's Neighbourhood and Community Standard asks
    landlords to take the victim's vulnerability into account). Stopped only by
    `asb.risk_assessed`: declining the case does not assess the risk."""

    name = "asb.risk_assessment"
    unit = Unit.CALENDAR_DAYS
    starts = ("asb.reported",)
    stops = ("asb.risk_assessed",)
    policy_key = "asb.risk_assessment_days"
    rule = "Assess the risk to the reporter within {n} calendar days of the report"


class AsbReview(ClockDefinition):
    """Review an open ASB case at least every `asb.review_interval_days` (Doorstep default 28;
    Bromford: monthly, encoded 30): from `asb.case_opened`, then from each `asb.reviewed`, until
    `asb.closed`. Where the reporter's risk was last assessed high, at least every
    `asb.high_risk.review_interval_days` (Doorstep default 14) instead."""

    name = "asb.review"
    unit = Unit.CALENDAR_DAYS
    starts = ("asb.case_opened", "asb.reviewed")
    stops = ("asb.reviewed", "asb.closed")
    policy_key = "asb.review_interval_days"
    rule = "Review an open ASB case within {n} calendar days of {start}"


class TransferDecision(ClockDefinition):
    """Decide a request to move within `transfers.decision_working_days` (Doorstep default 20):
    from `transfer.requested`, or from `transfer.evidence_received` where evidence was requested
    (while the evidence is awaited, no clock runs). Stopped by `transfer.decided`."""

    name = "transfer.decision"
    unit = Unit.WORKING_DAYS
    starts = ("transfer.requested", "transfer.evidence_received")
    stops = ("transfer.decided",)
    policy_key = "transfers.decision_working_days"
    rule = "Decide a request to move within {n} working days of {start}"


class CommitmentDue(ClockDefinition):
    """A promise kept by its own `due` (a month or a year ends on its last day). Stopped by
    `commitment.kept`, `commitment.dropped`, or a `works.verified` that confirms its job's items
    done. A claim that it is done does not keep it."""

    name = "commitment.due"
    unit = Unit.DATE
    starts = ("commitment.made", "complaint.response")
    stops = ("commitment.kept", "commitment.dropped", "works.verified")
    rule = "Keep the promise by its due date"


class CommitmentVerification(ClockDefinition):
    """A completion claim (`works.completed`, a response's `claims_done`) verified within
    `commitments.verify_within_working_days` (Doorstep default 10; the Ombudsman expects a
    post-inspection or the resident's confirmation: Clarion, CH 7 and order 8). Closed by a
    `works.verified` (of any result: `not_done` contradicts the claim) or `commitment.kept`. A
    claim of an action (`{action}`) has nothing in the format that can verify it."""

    name = "commitment.verification"
    unit = Unit.WORKING_DAYS
    starts = ("works.completed", "complaint.response")
    stops = ("works.verified", "commitment.kept")
    policy_key = "commitments.verify_within_working_days"
    rule = "Verify a claimed completion within {n} working days of the claim"


class OmbudsmanOrder(ClockDefinition):
    """An order of the Housing Ombudsman complied with by its `due` (Housing Ombudsman Scheme;
    deadlines counted from the determination). Stopped by `ombudsman.order_complied`."""

    name = "ombudsman.order"
    unit = Unit.DATE
    starts = ("ombudsman.determination",)
    stops = ("ombudsman.order_complied",)
    rule = "Comply with the Ombudsman's order by its deadline"


DEFINITIONS: dict[str, Definition] = {
    d.name: d
    for d in (
        Stage1Acknowledgement,
        Stage1Response,
        Stage2Acknowledgement,
        Stage2Response,
        HazardEmergency,
        HazardInvestigation,
        HazardSummary,
        HazardSafetyWork,
        HazardFurtherWork,
        HazardFurtherWorkStart,
        RepairTarget,
        AsbFirstResponse,
        AsbRiskAssessment,
        AsbReview,
        TransferDecision,
        CommitmentDue,
        CommitmentVerification,
        OmbudsmanOrder,
    )
}

# --- the Codes and the law in force ----------------------------------------------------------

CHC_2024_FROM = CODE_2024
# Awaab's Law's scope (which hazards, from when) is policy data: `doorstep.policy.awaab`.


def complaint_code_2024(received: dt.date) -> bool:
    """Whether a complaint received on this day falls under the 2024 Code."""
    return received >= CHC_2024_FROM

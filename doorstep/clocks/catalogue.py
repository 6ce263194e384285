"""The lens's finding codes: each with its topic, a title in plain English, the rule it applies
(statute, Code paragraph or landlord policy) with its source, and its base severity.

The codes are stable (`shared/domain/findings.md` lists the minimum set; Doorstep adds
`hazard.emergency_late` for Awaab's Law's 24-hour clock; every code here is one the lens can
raise, and `docs/lens.md` documents each). A finding made from a clock carries the rule
of the clock itself (the policy value in force when it started, with its source); the rule here
is for findings that no clock makes.

Severity is Doorstep's ordering of what to look at first, never a verdict: the lens does not
decide maladministration (that is the Ombudsman's judgement, Housing Ombudsman Scheme
paragraph 52). `high` where a household may come to harm (hazards, a vulnerability ignored, a
reporter's safety), `medium` for failures of the service itself, `low` for failures of record
or process that have not yet cost the resident anything by themselves. A finding about a
household with a vulnerability disclosed before it arose is raised one level (`lens.py`).

Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPLAINT_HANDLING = "complaint_handling"
REPAIRS = "repairs"
HAZARDS = "hazards"
ASB = "asb"
RECORDS = "records"
MOVES = "moves"
COMPENSATION = "compensation"
COMMITMENTS = "commitments"

TOPICS: dict[str, str] = {
    COMPLAINT_HANDLING: "Complaint handling",
    REPAIRS: "Repairs and appointments",
    HAZARDS: "Hazards (damp, mould and the rest)",
    ASB: "Anti-social behaviour",
    RECORDS: "Record keeping and vulnerability",
    MOVES: "Moves",
    COMPENSATION: "Compensation",
    COMMITMENTS: "Promises (commitments and orders)",
}

LOW, MEDIUM, HIGH = "low", "medium", "high"
SEVERITIES = (LOW, MEDIUM, HIGH)

CODE_2024 = "Complaint Handling Code (Housing Ombudsman, 2024)"
KIM = (
    "Housing Ombudsman, Spotlight report on knowledge and information management (May 2023): "
    "a single accurate record; surveys and inspection reports retained; vulnerabilities recorded"
)
REMEDIES = "Housing Ombudsman, Guidance on remedies"


@dataclass(frozen=True)
class Code:
    code: str
    topic: str
    title: str
    severity: str
    rule: str
    source: str


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


CODES: dict[str, Code] = _codes(
    Code(
        "complaint.not_acknowledged",
        COMPLAINT_HANDLING,
        "Complaint not acknowledged in time",
        LOW,
        "Acknowledge a complaint (and an escalation) within 5 working days",
        f"{CODE_2024}, sections 5 (stage 1) and 6 (stage 2); the earlier Code asked the same",
    ),
    Code(
        "complaint.stage1_late",
        COMPLAINT_HANDLING,
        "Stage 1 response late",
        MEDIUM,
        "Respond at stage 1 within 10 working days",
        f"{CODE_2024}, section 5; the earlier Code (2020, 2022), 10 working days",
    ),
    Code(
        "complaint.stage2_late",
        COMPLAINT_HANDLING,
        "Stage 2 response late",
        MEDIUM,
        "Respond at stage 2 within 20 working days",
        f"{CODE_2024}, section 6; the earlier Code (2020, 2022), 20 working days",
    ),
    Code(
        "complaint.no_response",
        COMPLAINT_HANDLING,
        "Complaint never answered",
        HIGH,
        "Every complaint, and every escalation, gets a response at that stage",
        f"{CODE_2024}, sections 5 and 6",
    ),
    Code(
        "complaint.extension_invalid",
        COMPLAINT_HANDLING,
        "Extension not valid",
        LOW,
        "Extend only with reasons and the new date given to the resident, within the Code's limit",
        f"{CODE_2024}, sections 5 and 6 (extensions)",
    ),
    Code(
        "complaint.not_logged",
        COMPLAINT_HANDLING,
        "Dissatisfaction not logged as a complaint",
        MEDIUM,
        "An expression of dissatisfaction, however made, is a complaint; the resident need not "
        "use the word",
        f"{CODE_2024}, section 1 (definitions)",
    ),
    Code(
        "repair.overdue",
        REPAIRS,
        "Repair past its target",
        MEDIUM,
        "Complete a repair within its target (the job's own, else the landlord's for its priority)",
        "The landlord's repairs policy; Doorstep defaults where it is silent",
    ),
    Code(
        "repair.repeat_without_diagnosis",
        REPAIRS,
        "Same defect repaired again without finding its cause",
        MEDIUM,
        "A third job for the same part of the home within 12 months calls for an inspection "
        "that records the cause",
        "Housing Ombudsman, Spotlight on damp and mould (October 2021): treat recurrence as a "
        "signal to investigate the cause; Doorstep policy (3 jobs, 12 months)",
    ),
    Code(
        "appointment.missed_by_landlord",
        REPAIRS,
        "Appointment missed by the landlord",
        MEDIUM,
        "Keep appointments made with the resident",
        "Housing Ombudsman, Clarion 202208650, CH 2",
    ),
    Code(
        "appointment.changed_without_notice",
        REPAIRS,
        "Appointment changed without telling the resident",
        MEDIUM,
        "Tell the resident when an appointment is moved or cancelled",
        "Housing Ombudsman, Clarion 202208650, SE 7, 17",
    ),
    Code(
        "appointment.not_first_time_fix",
        REPAIRS,
        "Visit left the job unfinished",
        LOW,
        "Plan a visit so the work can be done in one attendance",
        "The landlord's 'first time fix' aim (Clarion 202208650, A&F 3, SE 18)",
    ),
    Code(
        "hazard.investigation_late",
        HAZARDS,
        "Hazard not investigated in time",
        HIGH,
        "Investigate a significant hazard within 10 working days of becoming aware (Awaab's "
        "Law); before it, attend within the landlord's appointment time",
        "Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025; the "
        "landlord's repairs policy before 27 Oct 2025",
    ),
    Code(
        "hazard.emergency_late",
        HAZARDS,
        "Emergency hazard not made safe in 24 hours",
        HIGH,
        "Investigate and make an emergency hazard safe within 24 hours",
        "Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025",
    ),
    Code(
        "hazard.summary_late",
        HAZARDS,
        "Written summary of the investigation late",
        MEDIUM,
        "Send the written summary within 3 working days of the investigation concluding",
        "Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025",
    ),
    Code(
        "hazard.safety_work_late",
        HAZARDS,
        "Safety work late",
        HIGH,
        "Do the relevant safety work within 5 working days of the investigation concluding",
        "Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025",
    ),
    Code(
        "hazard.further_work_late",
        HAZARDS,
        "Further work not begun in time",
        MEDIUM,
        "Begin further work within 5 working days, or physically start it within 12 weeks",
        "Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025",
    ),
    Code(
        "hazard.vulnerable_not_prioritised",
        HAZARDS,
        "Vulnerable household's hazard not prioritised",
        HIGH,
        "Respond to a hazard with urgency proportionate to the household's vulnerability",
        "Housing Ombudsman, Spotlight on damp and mould (October 2021); Awaab's Law (the "
        "occupiers' characteristics count)",
    ),
    Code(
        "commitment.overdue",
        COMMITMENTS,
        "Promise past its date",
        MEDIUM,
        "Do what was promised by the date promised",
        f"{CODE_2024}, sections 5 and 6 (outstanding actions tracked to completion)",
    ),
    Code(
        "commitment.claimed_not_verified",
        COMMITMENTS,
        "Said to be done, never checked",
        MEDIUM,
        "Verify a completion claim (post-inspection or the resident's confirmation)",
        "Housing Ombudsman, Clarion 202208650, CH 7 and order 8",
    ),
    Code(
        "commitment.claim_contradicted",
        COMMITMENTS,
        "Said to be done, found not done",
        HIGH,
        "Do not report work as done until it is",
        "Housing Ombudsman, Clarion 202208650, CH 7, RK 1",
    ),
    Code(
        "ombudsman.order_overdue",
        COMMITMENTS,
        "Ombudsman order past its deadline",
        HIGH,
        "Comply with the Ombudsman's orders by their deadlines and evidence it",
        "Housing Ombudsman Scheme; the determination's orders and their deadlines",
    ),
    Code(
        "records.report_missing",
        RECORDS,
        "Inspection or survey with no report on record",
        LOW,
        "Keep surveys and inspection reports against the property",
        KIM,
    ),
    Code(
        "records.repeat_not_linked",
        RECORDS,
        "Old defect raised as a new job, not linked",
        MEDIUM,
        "Recognise a defect already on record and track it as the same issue",
        "Housing Ombudsman, Clarion 202208650, RK 1, 4",
    ),
    Code(
        "vulnerability.not_recorded",
        RECORDS,
        "Vulnerability disclosed, never recorded",
        HIGH,
        "Record vulnerabilities consistently and use them",
        KIM,
    ),
    Code(
        "asb.not_risk_assessed",
        ASB,
        "ASB report not risk-assessed",
        HIGH,
        "Assess the reporter's risk within the landlord's time",
        "The landlord's ASB policy; Regulator of Social Housing, Neighbourhood and Community "
        "Standard (2024)",
    ),
    Code(
        "asb.first_response_late",
        ASB,
        "ASB report not answered in time",
        MEDIUM,
        "Respond to an ASB report within the landlord's time",
        "The landlord's ASB policy",
    ),
    Code(
        "asb.review_overdue",
        ASB,
        "ASB case not reviewed in time",
        MEDIUM,
        "Review an open ASB case at the landlord's interval",
        "The landlord's ASB policy",
    ),
    Code(
        "asb.case_wrongly_declined",
        ASB,
        "ASB case declined for a reason the policy does not allow",
        MEDIUM,
        "Decline an ASB case only for a reason the policy allows; not having gone to the "
        "police is never one",
        "The landlord's ASB policy; Housing Ombudsman, Bromford 202109189, ASB 8, 12.2",
    ),
    Code(
        "asb.informant_request_ignored",
        ASB,
        "Reporter's request for a delay ignored",
        HIGH,
        "Respect a reporter's request for time before action that could identify them",
        "Housing Ombudsman, Bromford 202109189, ASB 9, 10.2, 12.4",
    ),
    Code(
        "transfer.not_decided",
        MOVES,
        "Move request not decided in time",
        MEDIUM,
        "Decide a management move request within the landlord's time",
        "The landlord's allocations policy; Doorstep default 20 working days",
    ),
    Code(
        "compensation.request_unanswered",
        COMPENSATION,
        "Request for compensation not answered",
        LOW,
        "Answer a request for compensation in the response at that stage",
        REMEDIES,
    ),
    Code(
        "compensation.offset_without_request",
        COMPENSATION,
        "Compensation set against rent without being asked",
        MEDIUM,
        "Pay compensation to the resident, not against the rent account, unless she asks",
        f"{REMEDIES}; Bromford 202109189, orders",
    ),
    Code(
        "compensation.refund_as_compensation",
        COMPENSATION,
        "A refund counted as compensation",
        MEDIUM,
        "A refund of the resident's own money is not compensation",
        f"{REMEDIES}; Bromford 202109189, CH 6",
    ),
    Code(
        "compensation.outside_process",
        COMPENSATION,
        "Compensation offered after the complaint closed",
        LOW,
        "Make remedies inside the complaint process",
        f"{REMEDIES}; Bromford 202109189, CH 6, 8.4",
    ),
    Code(
        "compensation.below_policy",
        COMPENSATION,
        "Compensation below the landlord's own band",
        MEDIUM,
        "Offer at least the minimum of the band the landlord's policy names for the failure",
        "The landlord's compensation policy",
    ),
)


def code_of(code: str) -> Code:
    """The catalogue entry of a code (KeyError for a code the lens does not know)."""
    return CODES[code]


def raised(severity: str) -> str:
    """One level up (high stays high)."""
    return SEVERITIES[min(SEVERITIES.index(severity) + 1, len(SEVERITIES) - 1)]

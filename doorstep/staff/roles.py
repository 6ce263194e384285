"""The roles and what each may do: one table, read by the sync command and the tests.

A role is a Django group holding model permissions. Views and API operations check a
permission, never a role name, so a landlord can adjust the table without touching code.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    HOUSING_OFFICER = "Housing officer"
    REPAIRS_COORDINATOR = "Repairs coordinator"
    COMPLAINTS_OFFICER = "Complaints officer"
    ASB_OFFICER = "ASB officer"
    MANAGER = "Manager"
    AUDITOR = "Auditor (read only)"
    CONTRACTOR = "Contractor"


READ_RECORD = [
    # Every staff role but the contractor reads the policy in force (timescales, announced
    # days off): it is what their cases are judged by.
    "policy.view_policyoverride",
    "properties.view_property",
    "residents.view_household",
    "residents.view_person",
    "cases.view_case",
    "timeline.view_event",
    "documents.view_document",
    "vulnerabilities.view_vulnerability",
    "commitments.view_commitment",
    "remedies.view_compensation",
    "responses.view_responsedraft",
    "complaints.view_complaint",
    "asb.view_asbcase",
    "moves.view_moverequest",
    "permits.view_tenancypermission",
]
WRITE_RECORD = [
    "cases.add_case",
    "cases.change_case",
    "timeline.add_event",
    "documents.add_document",
]
PEOPLE_AND_PLACES = [
    "properties.add_property",
    "residents.add_household",
    "residents.add_person",
    "residents.change_household",
    # Inviting a member of the household to the residents' portal (issue 9).
    "portal.invite_portalaccount",
]
# The promise ledger: officers, coordinators and managers record promises, claims and their
# checks. A contractor may claim its own works done, never verify them: its word is the claim
# (Clarion 202208650, CH 7). Dropping a promise is a manager's decision.
COMMITMENTS = [
    "commitments.add_commitment",
    "commitments.change_commitment",
    "commitments.claim_commitment",
]
# Repairs: reporting a repair and raising a job (work order) are the repairs coordinator's and
# the housing officer's; everyone who reads the record reads jobs and the Schedule of Rates.
READ_REPAIRS = ["repairs.view_job", "repairs.view_sorcode"]
WRITE_REPAIRS = ["repairs.report_repair", "repairs.add_job"]
# Hazards and inspections: reporting a hazard (opens a hazard case), assessing it and the rest
# (made safe, written summary, decants), and recording inspections and surveys with their
# reports are the housing officer's and the repairs coordinator's; everyone who reads the record
# reads them. A contractor records its own inspections and sends their reports (on its cases).
READ_HAZARDS = ["hazards.view_hazard", "inspections.view_inspection"]
WRITE_HAZARDS = [
    "hazards.report_hazard",
    "hazards.change_hazard",
    "inspections.add_inspection",
    "inspections.change_inspection",
]
INSPECT = [
    "inspections.view_inspection",
    "inspections.add_inspection",
    "inspections.change_inspection",
]
# Appointments: officers and coordinators book, move and cancel visits and record what
# happened; everyone who reads the record reads them. A contractor reads, and records attended
# or missed, only the appointments of its own firm's jobs (`appointments.selectors`).
READ_APPOINTMENTS = ["appointments.view_appointment"]
WRITE_APPOINTMENTS = [
    "appointments.add_appointment",
    "appointments.change_appointment",
    "appointments.attend_appointment",
]
# Remedies: any officer records a resident's request for compensation; offers are made by the
# complaints officer, the housing officer and the manager; a payment (money leaving the
# landlord) is recorded by the complaints officer and the manager. A contractor does none.
REQUEST_COMPENSATION = ["remedies.request_compensation"]
OFFER_COMPENSATION = ["remedies.request_compensation", "remedies.offer_compensation"]
PAY_COMPENSATION = ["remedies.pay_compensation"]
# Complaint responses: drafting and sending them is the complaints officer's, the housing
# officer's (many landlords' stage 1) and the manager's (stage 2 is often a manager's review);
# everyone who reads the record reads them. A contractor never sees a complaint's response.
WRITE_RESPONSES = [
    "responses.add_responsedraft",
    "responses.change_responsedraft",
    "responses.send_response",
]
# Complaints (Complaint Handling Code): a complaint may be made to anyone, so every officer
# records one (or a service request instead); handling it (acknowledge, extend, escalate,
# refuse, name the officer) is the complaints officer's and the manager's.
RECEIVE_COMPLAINTS = ["complaints.receive_complaint"]
HANDLE_COMPLAINTS = ["complaints.receive_complaint", "complaints.handle_complaint"]
# The Housing Ombudsman and learning from complaints: every staff role reads referrals and
# learning; complaints officers and managers refer a complaint, record the Ombudsman's steps,
# its determination and orders, and record learning. Whoever owns a change records it done.
READ_OMBUDSMAN = ["ombudsman.view_referral", "learning.view_learning"]
WRITE_OMBUDSMAN = [
    "ombudsman.add_referral",
    "ombudsman.change_referral",
    "ombudsman.record_determination",
    "learning.add_learning",
    "learning.change_learning",
]
# Anti-social behaviour: the ASB officer and the housing officer report ASB, open or decline a
# case, assess the reporter's risk, record actions, review and close; the manager does all that
# and alone may act inside the delay a reporter asked for, with a reason. Everyone reading the
# record reads ASB cases; a contractor never sees them (`asb.selectors.asb_cases_visible_to`).
WRITE_ASB = ["asb.report_asb", "asb.handle_asb"]
OVERRIDE_ASB_DELAY = ["asb.override_delay"]
# Management moves: housing officers and managers record a request to move, ask for and record
# evidence and offer other routes. Deciding (approving, declining, referring to the panel) is the
# manager's: someone senior to the officer gathering the evidence weighs it, so a vulnerable
# household's request is not declined by the officer alone (Bromford 202109189: the request was
# declined as the ASB was "very minor", without its medical grounds being weighed). Everyone who
# reads the record reads moves; a contractor never.
HANDLE_MOVES = ["moves.request_move", "moves.handle_move"]
DECIDE_MOVES = ["moves.decide_move"]
# Permissions (a pet, an alteration, anything else): the housing officer and the manager record
# a tenant's request and decide it (and withdraw a permission granted); everyone who reads the
# record reads permissions, so whoever takes a neighbour's report about a pet can check it.
WRITE_PERMITS = ["permits.request_permit", "permits.decide_permit"]
# Evidence packs: producing one sends the record out of the landlord (to the Ombudsman, the
# resident, her solicitor), so it is for those who handle cases and complaints, managers and the
# auditor (an Ombudsman investigator takes the pack away; producing it records to whom). Not a
# repairs coordinator (jobs, not the case's whole story) and never a contractor.
EVIDENCE = ["evidence.produce_evidence_pack"]
# The Ombudsman lens across every case one may see (/lens/, `GET /findings`): the manager sees
# where the landlord is failing now; the complaints officer which complaints will come back; an
# officer or a coordinator the findings on their own team's and their own cases; an auditor (an
# Ombudsman investigator) what it would find. Each finding is already on a case page the role
# reads; the portfolio gathers them. A contractor never: the lens reads a whole household's
# record, and a contractor sees only its own cases.
READ_LENS = ["lens.view_portfolio"]
# The landlord's reports (/reports/, `GET /reports/...`): the Tenant Satisfaction Measures from
# records and the cases behind each figure, across the whole landlord. A manager (who answers
# for them) and an auditor; not an officer (its cases are a team's), never a contractor.
READ_REPORTS = ["reports.view_reports"]
SPECIAL_CATEGORY = [
    "vulnerabilities.view_vulnerability_detail",
    "vulnerabilities.add_vulnerability",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.HOUSING_OFFICER: READ_RECORD
    + WRITE_RECORD
    + PEOPLE_AND_PLACES
    + SPECIAL_CATEGORY
    + COMMITMENTS
    + READ_REPAIRS
    + WRITE_REPAIRS
    + READ_HAZARDS
    + WRITE_HAZARDS
    + READ_APPOINTMENTS
    + WRITE_APPOINTMENTS
    + OFFER_COMPENSATION
    + WRITE_RESPONSES
    + RECEIVE_COMPLAINTS
    + WRITE_ASB
    + READ_OMBUDSMAN
    + HANDLE_MOVES
    + WRITE_PERMITS
    + EVIDENCE
    + READ_LENS
    + ["learning.change_learning"],
    # Repairs staff need to know a home is vulnerable to prioritise, not the medical detail.
    Role.REPAIRS_COORDINATOR: READ_RECORD
    + WRITE_RECORD
    + COMMITMENTS
    + ["vulnerabilities.add_vulnerability"]
    + READ_REPAIRS
    + WRITE_REPAIRS
    + ["repairs.add_sorschedule"]
    + READ_HAZARDS
    + WRITE_HAZARDS
    + READ_APPOINTMENTS
    + WRITE_APPOINTMENTS
    + REQUEST_COMPENSATION
    + RECEIVE_COMPLAINTS
    + READ_OMBUDSMAN
    + READ_LENS
    + ["learning.change_learning"],
    Role.COMPLAINTS_OFFICER: READ_RECORD
    + WRITE_RECORD
    + SPECIAL_CATEGORY
    + COMMITMENTS
    + READ_REPAIRS
    + READ_HAZARDS
    + READ_APPOINTMENTS
    + OFFER_COMPENSATION
    + PAY_COMPENSATION
    + WRITE_RESPONSES
    + HANDLE_COMPLAINTS
    + READ_OMBUDSMAN
    + WRITE_OMBUDSMAN
    + EVIDENCE
    + READ_LENS,
    Role.ASB_OFFICER: READ_RECORD
    + WRITE_RECORD
    + SPECIAL_CATEGORY
    + COMMITMENTS
    + READ_REPAIRS
    + READ_HAZARDS
    + READ_APPOINTMENTS
    + REQUEST_COMPENSATION
    + RECEIVE_COMPLAINTS
    + WRITE_ASB
    + READ_OMBUDSMAN
    + EVIDENCE
    + READ_LENS
    + ["learning.change_learning"],
    Role.MANAGER: READ_RECORD
    + WRITE_RECORD
    + PEOPLE_AND_PLACES
    + SPECIAL_CATEGORY
    + COMMITMENTS
    + READ_REPAIRS
    + READ_HAZARDS
    + READ_APPOINTMENTS
    + OFFER_COMPENSATION
    + PAY_COMPENSATION
    + WRITE_RESPONSES
    + HANDLE_COMPLAINTS
    + WRITE_ASB
    + OVERRIDE_ASB_DELAY
    + READ_OMBUDSMAN
    + WRITE_OMBUDSMAN
    + HANDLE_MOVES
    + DECIDE_MOVES
    + WRITE_PERMITS
    + EVIDENCE
    + READ_LENS
    + READ_REPORTS
    + [
        "repairs.add_sorschedule",
        "vulnerabilities.view_specialcategoryaccess",
        "audit.view_accessrefusal",
        "policy.add_policyoverride",
        "commitments.drop_commitment",
    ],
    # An Ombudsman investigator reads everything the landlord holds, and writes nothing but the
    # record that it took an evidence pack away (`evidence.produced`).
    Role.AUDITOR: [
        *READ_RECORD,
        *READ_REPAIRS,
        *READ_HAZARDS,
        *READ_APPOINTMENTS,
        *READ_OMBUDSMAN,
        *EVIDENCE,
        *READ_LENS,
        *READ_REPORTS,
        "vulnerabilities.view_vulnerability_detail",
        "vulnerabilities.view_specialcategoryaccess",
        "audit.view_accessrefusal",
    ],
    # A contractor sees its own cases (filtered by `cases_visible_to`) and may add to them, and
    # its own jobs (filtered by `repairs.selectors.jobs_visible_to`).
    Role.CONTRACTOR: [
        "repairs.view_job",
        "cases.view_case",
        "timeline.view_event",
        "timeline.add_event",
        "documents.view_document",
        "documents.add_document",
        "commitments.view_commitment",
        "commitments.claim_commitment",
        *INSPECT,
        "appointments.view_appointment",
        "appointments.attend_appointment",
    ],
}

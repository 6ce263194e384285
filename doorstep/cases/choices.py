from django.db import models


class CaseType(models.TextChoices):
    """The case types of the chronology format, with the reference prefix each uses."""

    REPAIR = "repair", "Repair"
    HAZARD = "hazard", "Hazard (damp, mould and others)"
    COMPLAINT = "complaint", "Complaint"
    ASB = "asb", "Anti-social behaviour"
    TRANSFER = "transfer", "Move or transfer"
    PERMISSION = "permission", "Permission"
    OMBUDSMAN = "ombudsman", "Ombudsman referral"
    ENQUIRY = "enquiry", "Enquiry or service request"


PREFIX = {
    CaseType.REPAIR: "REP",
    CaseType.HAZARD: "HAZ",
    CaseType.COMPLAINT: "CMP",
    CaseType.ASB: "ASB",
    CaseType.TRANSFER: "TRF",
    CaseType.PERMISSION: "PRM",
    CaseType.OMBUDSMAN: "OMB",
    CaseType.ENQUIRY: "ENQ",
}


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"

"""The words of complaint handling under the Housing Ombudsman's Complaint Handling Code: where
a complaint stands, which Code applies, the reasons a landlord may give for not accepting one,
and how a resident was told of an extension."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The Code's own definitions (Complaint Handling Code 2024, section 1), shown on the form that
# makes the officer choose between them.
COMPLAINT_DEFINITION = _(
    "A complaint is an expression of dissatisfaction, however made, about the standard of "
    "service, actions or lack of action by the landlord, its own staff, or those acting on its "
    "behalf, affecting a resident or group of residents. The resident does not have to use the "
    "word 'complaint'."
)
SERVICE_REQUEST_DEFINITION = _(
    "A service request is a request from a resident to the landlord requiring action to be "
    "taken to put something right. It is not a complaint, but it is recorded, monitored and "
    "reviewed. If the resident is unhappy with how a service request was handled, that is a "
    "complaint."
)

# The Housing Ombudsman's details, given to the resident with every extension and refusal
# (Complaint Handling Code 2024, sections 4.1, 5.7 and 6.5).
OMBUDSMAN_DETAILS = (
    "Housing Ombudsman Service, PO Box 1484, Unit D, Preston, PR2 0ET; telephone 0300 111 3000; "
    "info@housing-ombudsman.org.uk; www.housing-ombudsman.org.uk"
)


class Classification(models.TextChoices):
    """What the officer decided the resident's words are (Code 2024, section 1)."""

    COMPLAINT = "complaint", _("A complaint")
    SERVICE_REQUEST = "service_request", _("A service request")


class ComplaintStatus(models.TextChoices):
    """Where a complaint stands, projected from its events."""

    STAGE1_OPEN = "stage1_open", _("Stage 1: open")
    STAGE1_ANSWERED = "stage1_answered", _("Stage 1: answered")
    STAGE2_OPEN = "stage2_open", _("Stage 2: open")
    STAGE2_ANSWERED = "stage2_answered", _("Stage 2: answered (final response)")
    REFUSED = "refused", _("Not accepted")


OPEN_STATUSES = (ComplaintStatus.STAGE1_OPEN, ComplaintStatus.STAGE2_OPEN)


class CodeVersion(models.TextChoices):
    """The Complaint Handling Code in force when the complaint was received; its escalation
    keeps it (`shared/domain/regulation.md`)."""

    CODE_2024 = "2024", _("Complaint Handling Code 2024 (statutory)")
    EARLIER = "2020", _("Complaint Handling Code 2020 (revised 2022)")


class RefusalReason(models.TextChoices):
    """The reasons a landlord may decline to accept a complaint, as its policy sets them out in
    line with the Code (Complaint Handling Code 2024, section 4: e.g. the issue arose, or the
    resident became aware of it, more than 12 months before; legal proceedings have started;
    it was already handled under the complaints procedure). A service request is not a
    complaint. Any other reason must be explained."""

    OUT_OF_TIME = "over_12_months", _("The issue arose more than 12 months ago")
    LEGAL_PROCEEDINGS = "legal_proceedings", _("Legal proceedings have started")
    ALREADY_HANDLED = "already_handled", _("Already handled under the complaints procedure")
    SERVICE_REQUEST = "service_request", _("Not a complaint: a service request")
    OTHER = "other", _("Another reason (explain it)")


class NotifiedHow(models.TextChoices):
    """How the resident was given an extension's reasons and new date. The Code requires it in
    writing: told only by phone or in person, the extension is not valid."""

    NOTIFIER = "notifier", _("Sent by email or text message through Doorstep")
    LETTER = "letter", _("Letter sent")
    NOT_IN_WRITING = "not_in_writing", _("Told by phone or in person only (not in writing)")

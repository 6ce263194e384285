"""The words of a complaint response: the decision on a point, the overall outcome, and the
Housing Ombudsman's details every stage 2 response gives (Complaint Handling Code 2024, s.6)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

STAGES = (1, 2)


class ResponseDecision(models.TextChoices):
    """The decision on one point raised, and the overall outcome (the format's `outcome`)."""

    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")


# The Housing Ombudsman's contact details, as its website publishes them
# (housing-ombudsman.org.uk, "Contact us"; checked on 6 Dec 2026 against landlords' published
# complaints policies quoting them, e.g. manchester.gov.uk and welhat.gov.uk). A landlord edits
# the wording in each draft; this is the starting text.
OMBUDSMAN_DETAILS = (
    "Housing Ombudsman Service, PO Box 1484, Unit D, Preston, PR2 0ET; telephone 0300 111 3000; "
    "info@housing-ombudsman.org.uk; www.housing-ombudsman.org.uk"
)
STAGE1_ESCALATION = _(
    "If you are not satisfied with this response, you can ask us to escalate your complaint "
    "to stage 2. Tell us why you are not satisfied, by letter, email or phone, and your "
    "complaint will be reviewed by someone not involved at stage 1. You can also contact the "
    "Housing Ombudsman for advice at any time: {ombudsman}."
)
STAGE2_OMBUDSMAN = _(
    "This is our final response. If you are not satisfied, you can refer your complaint to "
    "the Housing Ombudsman, who can investigate it independently. You can do so now; the "
    "Ombudsman asks that complaints are referred within 12 months of this final response. "
    "{ombudsman}."
)


def escalation_wording(stage: int) -> str:
    """The starting wording of how to escalate (stage 1) or go to the Ombudsman (stage 2)."""
    text = STAGE1_ESCALATION if stage == 1 else STAGE2_OMBUDSMAN
    return str(text).format(ombudsman=OMBUDSMAN_DETAILS)

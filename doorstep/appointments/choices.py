"""The words of appointments: what a visit is for, its slot, where it stands, who moved,
cancelled or missed it, what happened at it, and how the resident was told of a change.
The values of `By` and `Outcome` are the chronology format's."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    WORKS = "works", _("Works (a job)")
    INSPECTION = "inspection", _("Inspection")
    SURVEY = "survey", _("Survey")


class Slot(models.TextChoices):
    AM = "am", _("Morning (8am to 1pm)")
    PM = "pm", _("Afternoon (12pm to 6pm)")
    ALL_DAY = "all_day", _("All day")
    WINDOW = "window", _("A time window")


class Status(models.TextChoices):
    """Where an appointment stands: the last of its events."""

    BOOKED = "booked", _("Booked")
    MOVED = "moved", _("Moved")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Missed")


# An appointment in one of these states is still to happen: it can be moved, cancelled,
# attended or missed. The others are over.
PENDING = (Status.BOOKED, Status.MOVED)


class By(models.TextChoices):
    LANDLORD = "landlord", _("The landlord (or its contractor)")
    RESIDENT = "resident", _("The resident")


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    PARTIAL = "partial", _("Partly done")
    NO_ACCESS = "no_access", _("No access")
    NOT_STARTED = "not_started", _("Not started")


class InformedHow(models.TextChoices):
    """How the resident was told of a change. `doorstep`: Doorstep sends the message now,
    through the landlord's notifier (`appointments.notify`)."""

    DOORSTEP = "doorstep", _("Send a message through Doorstep now")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    SMS = "sms", _("Text message")
    IN_PERSON = "in_person", _("In person")

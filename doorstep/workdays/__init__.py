"""Working days in the UK: bank holidays per nation, a landlord's closures, one counting rule.

Pure Python, no Django: every clock in Doorstep is computed here.

The counting convention (the Complaint Handling Code's, and the chronology format's):
**day 1 is the first working day after the start.** So a complaint received on Thursday
30 June 2022 has its 10th working day on Thursday 14 July 2022. Where the start is itself a
working day, counting it too gives one more; the clocks' explanations state both.

Days announced later (a bank holiday declared at short notice, a landlord's closure) carry
their announcement date: `calendar_as_known(base, announced, on)` is the calendar as it was
known on a date.
"""

from doorstep.workdays.announced import AnnouncedDay, DayKind, calendar_as_known, known_days
from doorstep.workdays.calendar import Calendar, Nation, calendar_for

__all__ = [
    "AnnouncedDay",
    "Calendar",
    "DayKind",
    "Nation",
    "calendar_as_known",
    "calendar_for",
    "known_days",
]

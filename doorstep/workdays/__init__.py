"""Working days in the UK: bank holidays per nation, a landlord's closures, one counting rule.

Pure Python, no Django: every clock in Doorstep is computed here.

The counting convention (the Complaint Handling Code's, and the chronology format's):
**day 1 is the first working day after the start.** So a complaint received on Thursday
30 June 2022 has its 10th working day on Thursday 14 July 2022. Where the start is itself a
working day, counting it too gives one more; `explain_count` states both.
"""

from doorstep.workdays.calendar import Calendar, Nation, calendar_for

__all__ = ["Calendar", "Nation", "calendar_for"]

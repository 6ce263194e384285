"""Reading the access log: the reads of special category detail (`vulnerabilities`) and the
refusals (`audit`), newest first, narrowed by day, by who and by whom about."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from doorstep.audit.models import AccessRefusal
from doorstep.timeline.when import LONDON
from doorstep.vulnerabilities.models import SpecialCategoryAccess


@dataclass(frozen=True)
class Window:
    """From the start of `since` to the end of `until` (London days); `who` narrows to a
    member of staff or resident by their name or username; `about` to a person's reference."""

    since: dt.date
    until: dt.date
    who: str = ""
    about: str = ""

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        start = dt.datetime.combine(self.since, dt.time(), tzinfo=LONDON)
        end = dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time(), tzinfo=LONDON)
        return start, end


def _who(who: str) -> Q:
    return Q(user_name__icontains=who) | Q(user__username__iexact=who)


def special_category_reads(window: Window) -> QuerySet[SpecialCategoryAccess]:
    start, end = window.bounds()
    found = SpecialCategoryAccess.objects.filter(at__gte=start, at__lt=end)
    if window.who:
        found = found.filter(_who(window.who))
    if window.about:
        found = found.filter(person__reference=window.about)
    return found.select_related("person").order_by("-at", "-id")


def refusals(window: Window) -> QuerySet[AccessRefusal]:
    start, end = window.bounds()
    found = AccessRefusal.objects.filter(at__gte=start, at__lt=end)
    if window.who:
        found = found.filter(_who(window.who))
    return found.order_by("-at", "-id")

"""When something happened, with the precision the source gives.

A landlord's records often say only "March 2021" or "2021". Doorstep keeps that precision
instead of inventing a day: `When.parse("2021-03")` is a month, whose earliest moment is
1 March 2021 00:00 and latest 31 March 2021 23:59:59.999999 (Europe/London). The chronology
format (shared/domain/chronology.md) uses the same rules.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

BAD_WHEN = (
    "Give the date as YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 date and time; "
    "{value!r} is none of these."
)

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    TIME = "time"


@dataclass(frozen=True)
class When:
    """A point or period in time, as precisely as it is known."""

    text: str
    precision: Precision
    earliest: dt.datetime
    latest: dt.datetime

    @property
    def is_precise(self) -> bool:
        return self.precision in (Precision.DAY, Precision.TIME)

    @property
    def earliest_date(self) -> dt.date:
        return self.earliest.astimezone(LONDON).date()

    @property
    def latest_date(self) -> dt.date:
        return self.latest.astimezone(LONDON).date()

    @classmethod
    def parse(cls, value: str) -> When:
        text = value.strip()
        try:
            if _YEAR.match(text):
                year = int(text)
                return cls._period(text, Precision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))
            if _MONTH.match(text):
                year, month = (int(p) for p in text.split("-"))
                last = calendar.monthrange(year, month)[1]
                return cls._period(
                    text, Precision.MONTH, dt.date(year, month, 1), dt.date(year, month, last)
                )
            if _DAY.match(text):
                day = dt.date.fromisoformat(text)
                return cls._period(text, Precision.DAY, day, day)
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError(BAD_WHEN.format(value=value)) from exc
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=LONDON)
        return cls(text=text, precision=Precision.TIME, earliest=moment, latest=moment)

    @classmethod
    def at(cls, moment: dt.datetime) -> When:
        """A precise moment, as a service records one happening now."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=LONDON)
        return cls(
            text=moment.isoformat(), precision=Precision.TIME, earliest=moment, latest=moment
        )

    @classmethod
    def on(cls, day: dt.date) -> When:
        return cls._period(day.isoformat(), Precision.DAY, day, day)

    @classmethod
    def _period(cls, text: str, precision: Precision, first: dt.date, last: dt.date) -> When:
        return cls(
            text=text,
            precision=precision,
            earliest=dt.datetime.combine(first, dt.time.min, tzinfo=LONDON),
            latest=dt.datetime.combine(last, dt.time.max, tzinfo=LONDON),
        )

    def display(self) -> str:
        """As a housing officer would write it: '3 March 2022', 'March 2021', '2021'."""
        local = self.earliest.astimezone(LONDON)
        if self.precision is Precision.YEAR:
            return f"{local.year}"
        if self.precision is Precision.MONTH:
            return local.strftime("%B %Y")
        if self.precision is Precision.DAY:
            return f"{local.day} {local.strftime('%B %Y')}"
        return f"{local.day} {local.strftime('%B %Y, %H:%M')}"

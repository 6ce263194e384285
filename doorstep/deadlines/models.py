"""Replays kept for a day (ADR 19): a copy of what the record says, never the record.

A home's replay as of a day is kept with the stamp of everything its export read
(`interchange.stamps`), and used again, by a page or the nightly sweep or the reminders, only
while the home's stamp now is the same. A kept replay is thrown away and made again at will:
deleting every row changes what no page shows, only how long it takes.
"""

from __future__ import annotations

from django.db import models


class KeptReplay(models.Model):
    """One home's replay (a household's, or a communal property's) as of one day."""

    home_kind = models.CharField(max_length=10)  # "household" or "property"
    home_id = models.PositiveBigIntegerField()
    as_of = models.DateField()
    stamp = models.CharField(max_length=64)
    # What the export read beyond the home's own stream and buildings' (`stamps.Read`).
    read = models.JSONField()
    # The file's case refs, each with the Doorstep case it names.
    cases = models.JSONField()
    # The first vulnerability disclosed in the record as of the day, if any.
    disclosed = models.DateField(null=True, blank=True)
    # The first day from which a replay of its export shows every clock as on any later day
    # (`clocks.replay.settled_from`; None where it held no entry): where it is on or before
    # `as_of`, its clocks (`KeptClock`) answer for any later day while the stamp holds.
    settled_from = models.DateField(null=True, blank=True)
    # The replay's JSON, compressed (zlib): some 68 KB of text a home over five years, 8 KB
    # kept, never queried inside (`deadlines.kept`; docs/performance.md).
    replay = models.BinaryField()
    made_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["home_kind", "home_id", "as_of"], name="deadlines_kept_replay_home_day"
            )
        ]
        indexes = [models.Index(fields=["as_of"], name="deadlines_kept_replay_day")]

    def __str__(self) -> str:
        return f"{self.home_kind} {self.home_id} as of {self.as_of}"


class KeptClock(models.Model):
    """A clock of a kept replay, one row each: narrow, for the reports to read in SQL without
    reading the replay back (ADR 19, slice 3): which case, which clock, when it started, was due
    and stopped, and whether it was breached as of the replay's day. From the day its replay's
    export settles (`KeptReplay.settled_from`) none of these changes with the day, so while the
    home's stamp holds the row answers for any later day too. Written and forgotten with its
    replay (`deadlines.kept`)."""

    home_kind = models.CharField(max_length=10)
    home_id = models.PositiveBigIntegerField()
    as_of = models.DateField()
    case_id = models.PositiveBigIntegerField()  # a Doorstep case; no constraint on a copy
    clock = models.CharField(max_length=60)
    subject = models.TextField()
    started = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    stopped = models.DateField(null=True, blank=True)  # None: running as of the day
    breached = models.BooleanField()
    # An hour clock's due moment (an emergency repair's, an Awaab's Law emergency's): what the
    # work queue sorts by (`CaseClock.due_moment`).
    due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["home_kind", "home_id", "as_of"], name="deadlines_kept_clock_home"
            ),
            models.Index(fields=["as_of"], name="deadlines_kept_clock_day"),
        ]

    def __str__(self) -> str:
        return f"{self.clock} of case {self.case_id} as of {self.as_of}"

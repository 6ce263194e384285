"""`doorstep sweep [--as-of DATE] [--workers N] [--chunk N]`: the Ombudsman lens over every open
case (`lens.sweep.portfolio_sweep`): how many homes and cases, how fast, and the findings by
code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from doorstep.clocks.catalogue import CODES
from doorstep.deadlines.selectors import HOMES_PER_CHUNK
from doorstep.lens.sweep import portfolio_sweep

SWEPT = (
    "Swept {homes} homes ({cases} open cases) as of {as_of} in {seconds:.1f} s with "
    "{workers} process(es): {rate:.0f} homes/s."
)
SPENT = "Time in each step, summed over the processes: {steps}."
FOUND = "{findings} findings ({ongoing} still going on):"


class Command(BaseCommand):
    help = "The Ombudsman lens over every open case: homes/s and the findings by code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            help="The day the record is read as of (default: today).",
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="Processes to share the homes among (1)."
        )
        parser.add_argument(
            "--chunk",
            type=int,
            default=HOMES_PER_CHUNK,
            help=f"Homes exported together ({HOMES_PER_CHUNK}).",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress, only the summary.")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = options["as_of"] or timezone.localdate()

        def progress(done: int, total: int) -> None:
            if not options["quiet"]:
                self.stderr.write(f"\r{done}/{total} homes", ending="")

        sweep = portfolio_sweep(
            as_of=as_of, workers=options["workers"], chunk=options["chunk"], on_chunk=progress
        )
        if not options["quiet"]:
            self.stderr.write("")
        self.stdout.write(
            SWEPT.format(
                homes=sweep.homes,
                cases=sweep.cases,
                as_of=as_of.isoformat(),
                seconds=sweep.seconds,
                workers=sweep.workers,
                rate=sweep.homes_per_second,
            )
        )
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in sweep.timings.items())
        self.stdout.write(SPENT.format(steps=steps or "none"))
        self.stdout.write(FOUND.format(findings=len(sweep.findings), ongoing=sweep.ongoing))
        for code, count in sorted(sweep.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            title = CODES[code].title if code in CODES else code
            self.stdout.write(f"  {code:<28} {count:>7}  {title}")
        for note in sweep.notes:
            self.stdout.write(f"Note: {note}")

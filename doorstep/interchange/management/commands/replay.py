"""`doorstep replay FILE`: a chronology's clocks, commitments, appointments, recurring defects,
compensation, complaints and vulnerabilities as of a date."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.interchange.files import FileRefused, load_chronology
from doorstep.interchange.replay import replay, replay_text
from doorstep.interchange.validate import first_problem

REFUSED = "{file} breaks the doorstep-chronology/1 format at {path}: {reason}"
BAD_DAY = "{value!r} is not a date: give it as YYYY-MM-DD"
HEADING = "Replay of {file} ({landlord}, {events} events)"


def day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(BAD_DAY.format(value=value)) from None


class Command(BaseCommand):
    help = (
        "Replay a chronology file (doorstep-chronology/1) as of a date: every clock (what "
        "started it, when it was due, whether it was stopped or breached and by how much), "
        "every commitment, every appointment (with each time it failed the resident: missed, "
        "moved or cancelled without notice, left unfinished), each job or hazard raised again "
        "for a defect already on record (proposed or decided as a repeat), each compensation "
        "offer (its kind, method and each component against the landlord's band), each "
        "complaint (its stages with their acknowledgement and response due dates and breaches, "
        "and the promises and claims its responses made), and the household's vulnerabilities, "
        "and the Ombudsman lens's findings (each with the date it arose, the date it was "
        "resolved, the events it rests on, the rule and its source) and the findings by topic "
        "with a suggested range of redress, computed from the file alone (the database is "
        "never read)."
    )
    # Pure computation from a file: no system checks, no database.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The chronology file (JSON).")
        parser.add_argument(
            "--as-of",
            type=day,
            default=None,
            metavar="YYYY-MM-DD",
            help="Replay as of this date (default: today, in Europe/London).",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text for people (default), json for machines (the format's Replay output).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = Path(options["file"]).name
        try:
            doc = load_chronology(options["file"])
        except FileRefused as refused:
            raise CommandError(str(refused)) from None
        problem = first_problem(doc)
        if problem is not None:
            raise CommandError(REFUSED.format(file=name, path=problem.path, reason=problem.reason))
        as_of = options["as_of"] or timezone.localdate()
        result = replay(doc, as_of=as_of)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
            return
        heading = HEADING.format(
            file=name, landlord=doc["landlord"]["name"], events=len(doc["events"])
        )
        self.stdout.write(f"{heading}\n\n{replay_text(result)}", ending="")

"""`doorstep export`: a household (or a case's household or property) as a chronology file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.core.errors import DomainError
from doorstep.interchange.scope import export_subject
from doorstep.interchange.selectors import chronology_export

WROTE = "Wrote {events} events of {subject} to {file}."


class Command(BaseCommand):
    help = (
        "Export a household, or a case's household (for a communal case, its property), as a "
        "chronology file (doorstep-chronology/1): the landlord and its policy, the properties, "
        "people, tenancies, cases and every event in timeline order, each with its date at its "
        "own precision. Records that came from an import keep the file's references."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--household", metavar="REF", help="A household reference (HH-2026-000001)."
        )
        which.add_argument(
            "--case",
            metavar="REF",
            help="A case reference (CMP-2026-000001), or an imported case's own reference.",
        )
        parser.add_argument(
            "--out", metavar="FILE", help="Write to this file (default: standard output)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            household, case = export_subject(household=options["household"], case=options["case"])
            doc, notes = chronology_export(
                landlord=settings.DOORSTEP_LANDLORD_NAME, household=household, case=case
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        for note in notes:
            self.stderr.write(f"Note: {note}")
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        if not options["out"]:
            self.stdout.write(text, ending="")
            return
        Path(options["out"]).write_text(text, encoding="utf-8")
        subject = options["household"] or options["case"]
        self.stdout.write(
            WROTE.format(events=len(doc["events"]), subject=subject, file=options["out"])
        )

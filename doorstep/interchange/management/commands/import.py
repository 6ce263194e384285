"""`doorstep import PATH`: chronologies into the record, each whole or not at all, once.

One file is imported as before (refused whole with its path and reason, an error). A directory
of `*.json` files, a JSON Lines file (`.jsonl`, `.ndjson`) or `-` (JSON Lines on stdin) is a
bulk import (`services.chronologies_import`): each chronology in its own transaction, a
refused one reported and the rest carried on, a progress bar on stderr when it is a terminal,
and a summary at the end.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.core.errors import DomainError
from doorstep.interchange.bulk import BulkReport
from doorstep.interchange.files import (
    FileRefused,
    chronology_records,
    is_bulk,
    load_chronology,
)
from doorstep.interchange.lanes import processes_argument
from doorstep.interchange.models import RefKind
from doorstep.interchange.services import (
    ChronologyRefused,
    chronologies_import,
    chronology_import,
)

REFUSED = "Refused {file}; nothing was imported. {path}: {reason}"
DONE = "Imported {file}: {new} new events ({existing} already on record)."
OTHER_LANDLORD = (
    "Note: {file} is {landlord}'s record, but this Doorstep is {ours}'s "
    "(DOORSTEP_LANDLORD_NAME); its policy values now apply here too."
)
SUMMARY = (
    "Read {read} {noun}: {imported} imported, {unchanged} already imported (unchanged), "
    "{refused} refused."
)
EVENTS = (
    "Events: {new} imported, {existing} already on record; {seconds:.1f} s ({rate:.1f} events/s)."
)
NOTHING_NEW = "Nothing new: everything read was already imported."
REFUSAL = "Refused {source}: {path}: {reason}"
REPORT_WRITTEN = "The refused records, as received, with their reasons: {file}."
SOME_REFUSED = "{count} of {read} chronologies refused; the others were imported."
BAR_WIDTH = 30
NOUNS = {
    RefKind.POLICY: ("policy value", "policy values"),
    RefKind.PROPERTY: ("property", "properties"),
    RefKind.PERSON: ("person", "people"),
    RefKind.TENANCY: ("tenancy", "tenancies"),
    RefKind.CASE: ("case", "cases"),
}


class Command(BaseCommand):
    help = (
        "Import a chronology file (doorstep-chronology/1) into the record: the landlord's "
        "policy, properties, people, households and tenancies, cases and every event, each with "
        "its own date and precision. The whole file is checked first and written in one "
        "transaction: anything wrong refuses it whole, naming the JSON path and the reason. "
        "Importing the same file again changes nothing. "
        "PATH may also hold many chronologies: a directory (its *.json files, by name), a JSON "
        "Lines file (.jsonl or .ndjson: one chronology a line) or - (JSON Lines on stdin). Each "
        "is then imported in its own transaction: a refused one is reported (source, JSON path, "
        "reason) and the rest go on. A progress bar shows on stderr when it is a terminal; a "
        "summary ends the run (read, imported, already imported, refused; events, time, "
        "events/s); --report FILE keeps every refused record as received, with its reason. "
        "The command exits with an error if any record was refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            metavar="PATH",
            help="A chronology file (JSON), a directory of them, a JSON Lines file, or - .",
        )
        parser.add_argument(
            "--report",
            default=None,
            metavar="FILE",
            help="Write a JSON report of the run: its summary and every refused record (its "
            "source, landlord and tenancy references, JSON path, reason, sha256 and the record "
            "as received).",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="No progress bar (it shows only on a terminal)."
        )
        parser.add_argument(
            "--scheme",
            default=None,
            help="Whose references the file uses (default: chronology:<landlord name>). Give "
            "another where two files of one landlord use the same references (P1, R1) for "
            "different things.",
        )
        parser.add_argument(
            "--processes",
            type=processes_argument,
            default=1,
            metavar="N",
            help="Share a directory's or a JSON Lines file's households among N processes "
            "(PostgreSQL; one per core is the most that helps). Default 1.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["report"] or is_bulk(options["file"]):
            self._bulk(options)
            return
        name = Path(options["file"]).name
        try:
            doc = load_chronology(options["file"])
        except FileRefused as refused:
            raise CommandError(str(refused)) from None
        try:
            report = chronology_import(
                doc=doc, source_name=name, at=timezone.now(), scheme=options["scheme"]
            )
        except ChronologyRefused as refused:
            raise CommandError(
                REFUSED.format(file=name, path=refused.path, reason=refused.reason)
            ) from None
        except DomainError as error:
            raise CommandError(error.message) from None
        existing = report.existing[RefKind.EVENT]
        self.stdout.write(DONE.format(file=name, new=report.new_events, existing=existing))
        made = [
            f"{report.new[kind]} {nouns[report.new[kind] != 1]}"
            for kind, nouns in NOUNS.items()
            if report.new[kind]
        ]
        if made:
            self.stdout.write("New: " + ", ".join(made) + ".")
        if report.households:
            self.stdout.write("Households: " + ", ".join(report.households) + ".")
        landlord = doc["landlord"]["name"]
        if landlord != settings.DOORSTEP_LANDLORD_NAME:
            self.stderr.write(
                OTHER_LANDLORD.format(
                    file=name, landlord=landlord, ours=settings.DOORSTEP_LANDLORD_NAME
                )
            )

    def _bulk(self, options: dict[str, Any]) -> None:
        try:
            records, total = chronology_records(options["file"])
        except FileRefused as refused:
            raise CommandError(str(refused)) from None
        bar = options["quiet"] is False and self.stderr.isatty()
        started = time.monotonic()
        try:
            report = chronologies_import(
                records=records,
                at=timezone.now(),
                scheme=options["scheme"],
                processes=options["processes"],
                on_progress=(lambda done, source: self._bar(done, total, source)) if bar else None,
            )
        except DomainError as error:  # a scheme too long: nothing could be imported
            raise CommandError(error.message) from None
        seconds = time.monotonic() - started
        if bar:
            self.stderr.write("")
        self._summary(report, seconds)
        if options["report"]:
            document = {
                "summary": report.summary(),
                "refused": [refusal.as_json() for refusal in report.refused],
            }
            Path(options["report"]).write_text(
                json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            if report.refused:
                self.stdout.write(REPORT_WRITTEN.format(file=options["report"]))
        if report.refused:
            raise CommandError(SOME_REFUSED.format(count=len(report.refused), read=report.read))

    def _bar(self, done: int, total: int | None, source: str) -> None:
        if total:
            filled = BAR_WIDTH * done // total
            line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {source}"
        else:
            line = f"{done} read: {source}"
        self.stderr.write("\r\x1b[K" + line[:120], ending="")
        self.stderr.flush()

    def _summary(self, report: BulkReport, seconds: float) -> None:
        self.stdout.write(
            SUMMARY.format(
                read=report.read,
                noun="chronology" if report.read == 1 else "chronologies",
                imported=report.imported,
                unchanged=report.unchanged,
                refused=len(report.refused),
            )
        )
        self.stdout.write(
            EVENTS.format(
                new=report.new_events,
                existing=report.existing_events,
                seconds=seconds,
                rate=report.new_events / seconds if seconds > 0 else 0.0,
            )
        )
        if report.read and report.imported == 0 and not report.refused:
            self.stdout.write(NOTHING_NEW)
        for refusal in report.refused:
            self.stderr.write(
                REFUSAL.format(source=refusal.source, path=refusal.path, reason=refusal.reason)
            )

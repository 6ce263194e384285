"""`doorstep evidence CASE --out DIR`: the evidence pack of a case (or a household) as a zip,
recorded on its timeline; `doorstep evidence --verify ZIP` checks a pack against its manifest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.core.errors import DomainError
from doorstep.evidence.pack import pack_verify
from doorstep.evidence.selectors import pack_name
from doorstep.evidence.services import evidence_produce
from doorstep.interchange.scope import export_subject
from doorstep.timeline.actors import writing_as

ACTOR = "Command line (doorstep evidence)"
WROTE = "Wrote the evidence pack of {subject} as of {as_of} for {to} to {file}."
VERIFIED = "{file}: every file matches the manifest."
NOT_VERIFIED = "{file}: {count} problem(s)."
NAME_ONE = "Name a case (or a household, with --household), or give --verify ZIP."
NO_OUT = "Give --out DIR: the folder to write the pack into."


class Command(BaseCommand):
    help = (
        "Produce the evidence pack of a case (or, with --household, a household) as of a date: "
        "one zip holding a readable PDF (chronology, clocks, commitments, vulnerabilities, "
        "findings, compensation, documents), the chronology as doorstep-chronology/1, the "
        "documents themselves and a manifest of checksums. The pack is recorded on the "
        "timeline (evidence.produced), with whom it is for. The same record gives the same "
        "pack. With --verify ZIP, check a pack against its manifest instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "reference",
            nargs="?",
            help="The case (or household) reference; an imported "
            "case's own reference (C2) where only one import used it.",
        )
        parser.add_argument("--out", metavar="DIR", help="The folder to write the zip into.")
        parser.add_argument(
            "--as-of",
            metavar="DATE",
            type=dt.date.fromisoformat,
            default=None,
            help="The day the pack is as of (YYYY-MM-DD; default today).",
        )
        parser.add_argument(
            "--to",
            metavar="WHO",
            default="Housing Ombudsman",
            help="Who the pack is for (default: Housing Ombudsman).",
        )
        parser.add_argument("--purpose", default="", help="Why it is produced.")
        parser.add_argument(
            "--household", action="store_true", help="The reference names a household."
        )
        parser.add_argument("--verify", metavar="ZIP", help="Check a pack against its manifest.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verify"]:
            self._verify(options["verify"])
            return
        if not options["reference"]:
            raise CommandError(NAME_ONE)
        if not options["out"]:
            raise CommandError(NO_OUT)
        at = timezone.now()
        as_of = options["as_of"] or timezone.localdate(at)
        ref = options["reference"]
        try:
            household, case = export_subject(
                household=ref if options["household"] else None,
                case=None if options["household"] else ref,
            )
            with writing_as(ACTOR):
                data, _ = evidence_produce(
                    actor=None,
                    case=case,
                    household=household,
                    to=options["to"],
                    purpose=options["purpose"],
                    as_of=as_of,
                    at=at,
                )
        except DomainError as error:
            raise CommandError(error.message) from None
        subject = case.reference if case is not None else household.reference  # type: ignore[union-attr]
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        file = out / pack_name(reference=subject, as_of=as_of)
        file.write_bytes(data)
        self.stdout.write(
            WROTE.format(subject=subject, as_of=as_of.isoformat(), to=options["to"], file=file)
        )

    def _verify(self, name: str) -> None:
        try:
            data = Path(name).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {name}: {error.strerror}") from None
        problems = pack_verify(data)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(NOT_VERIFIED.format(file=name, count=len(problems)))
        self.stdout.write(VERIFIED.format(file=name))

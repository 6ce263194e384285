"""`doorstep import FILE`: a chronology into the record, whole or not at all, once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.core.errors import DomainError
from doorstep.interchange.files import FileRefused, load_chronology
from doorstep.interchange.models import RefKind
from doorstep.interchange.services import ChronologyRefused, chronology_import

REFUSED = "Refused {file}; nothing was imported. {path}: {reason}"
DONE = "Imported {file}: {new} new events ({existing} already on record)."
OTHER_LANDLORD = (
    "Note: {file} is {landlord}'s record, but this Doorstep is {ours}'s "
    "(DOORSTEP_LANDLORD_NAME); its policy values now apply here too."
)
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
        "Importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The chronology file (JSON).")
        parser.add_argument(
            "--scheme",
            default=None,
            help="Whose references the file uses (default: chronology:<landlord name>). Give "
            "another where two files of one landlord use the same references (P1, R1) for "
            "different things.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
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

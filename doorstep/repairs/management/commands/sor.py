"""`doorstep sor FILE`: load the landlord's Schedule of Rates from CSV, whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.core.errors import DomainError
from doorstep.repairs.services import SorRefused, sor_load_csv

DONE = "Loaded {count} codes from {file}: the Schedule of Rates in force from now."
REFUSED = "Refused {file}; nothing was loaded. {count} problem{s}:\n{problems}"
UNREADABLE = "Cannot read {file}: {reason}"


class Command(BaseCommand):
    help = (
        "Load the landlord's Schedule of Rates from a CSV file (UTF-8) with the columns code, "
        "description, trade, unit and rate (other columns are ignored). The whole file is "
        "checked first: any bad row refuses it whole, naming each row, column and reason. The "
        "schedule loaded is in force from now; earlier jobs keep the codes they were priced "
        "with."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The Schedule of Rates, as CSV.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            with path.open("rb") as file:
                schedule = sor_load_csv(
                    actor=None, file=file, at=timezone.now(), source_name=path.name
                )
        except OSError as error:
            raise CommandError(UNREADABLE.format(file=path, reason=error.strerror)) from None
        except SorRefused as refused:
            problems = "\n".join(f"  {p}" for p in refused.problems)
            count = len(refused.problems)
            s = "" if count == 1 else "s"
            raise CommandError(
                REFUSED.format(file=path.name, count=count, s=s, problems=problems)
            ) from None
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(DONE.format(count=schedule.code_count, file=path.name))

"""`doorstep triage-measure [--set PATH] [--json] [--misses]`: how well contact triage's rules
read a labelled set of contacts (precision, recall, F1 and support per family and per value)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

import doorstep.clocks
from doorstep.clocks.triage_measure import labelled_rows, measure, table

# The development set the rules were written against, and the set held out from it.
SETS = Path(doorstep.clocks.__file__).parent / "tests" / "data"
DEFAULT_SET = SETS / "triage_labelled.jsonl"
UNREADABLE = "Cannot read {file}: {reason}"
BAD_ROW = "{file} is not a labelled set (JSON Lines of text, dissatisfied, hazards, "
BAD_ROW += "vulnerabilities): {reason}"


class Command(BaseCommand):
    help = (
        "Measure contact triage (the rules of doorstep/clocks/triage.py) on a labelled set of "
        "contacts in JSON Lines, each {text, dissatisfied, hazards, vulnerabilities, note}: "
        "precision, recall, F1 and support for dissatisfaction, hazards and vulnerability "
        "cues, and for each value. Without --set, the development set "
        "(doorstep/clocks/tests/data/triage_labelled.jsonl)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--set", dest="path", default=str(DEFAULT_SET), help="The set.")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument(
            "--misses", action="store_true", help="Also list each contact read wrongly."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            rows = labelled_rows(path.read_text(encoding="utf-8").splitlines())
        except OSError as error:
            raise CommandError(UNREADABLE.format(file=path, reason=error.strerror)) from None
        except (ValueError, KeyError, TypeError) as error:
            raise CommandError(BAD_ROW.format(file=path, reason=error)) from None
        scores = measure(rows)
        if options["json"]:
            self.stdout.write(json.dumps(scores.as_dict(), indent=2))
            return
        self.stdout.write(table(scores))
        if options["misses"]:
            self.stdout.write("\nRead wrongly:")
            for miss in scores.misses:
                self.stdout.write(f"  {miss.how:<6} {miss.family}:{miss.value}  {miss.text}")

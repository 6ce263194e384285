"""`doorstep generate --homes N --years Y --seed S --out FILE.jsonl [--import]`: a synthetic
landlord's households as chronologies (`doorstep.generate.synth`), one JSON line each, the same
bytes for the same seed; `--import` imports them through `chronologies_import` as well."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.generate.synth import UNTIL, jsonl, portfolio
from doorstep.interchange.lanes import processes_argument
from doorstep.interchange.services import chronologies_import

NEED_OUT = "Give --out FILE.jsonl, --import, or both."
WROTE = "Wrote {homes} households ({years} years to {until}, seed {seed}) to {out}."
IMPORTED = "Imported {imported}, {unchanged} already imported, {refused} refused."


class Command(BaseCommand):
    help = "Generate a synthetic landlord's households as chronologies (JSON Lines)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--homes", type=int, required=True, help="How many homes.")
        parser.add_argument("--years", type=int, default=5, help="Years of history (5).")
        parser.add_argument("--seed", type=int, default=1, help="The seed (1).")
        parser.add_argument(
            "--until",
            type=dt.date.fromisoformat,
            default=UNTIL,
            help=f"The last day of the history (default {UNTIL.isoformat()}; never today).",
        )
        parser.add_argument("--out", type=Path, help="The JSON Lines file to write.")
        parser.add_argument(
            "--import", dest="do_import", action="store_true", help="Import them as well."
        )
        parser.add_argument(
            "--processes",
            type=processes_argument,
            default=1,
            metavar="N",
            help="With --import: share the households among N processes (PostgreSQL). 1.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"]) if options["out"] else None
        if out is None and not options["do_import"]:
            raise CommandError(NEED_OUT)
        kwargs = {
            "seed": options["seed"],
            "homes": options["homes"],
            "years": options["years"],
            "until": options["until"],
        }
        if out is not None:
            with out.open("w", encoding="utf-8", newline="\n") as stream:
                for doc in portfolio(**kwargs):
                    stream.write(jsonl(doc))
            self.stdout.write(WROTE.format(out=out, **kwargs))
        if options["do_import"]:
            report = chronologies_import(
                records=(
                    (f"synthetic household {n + 1}", doc)
                    for n, doc in enumerate(portfolio(**kwargs))
                ),
                at=timezone.now(),
                processes=options["processes"],
            )
            self.stdout.write(IMPORTED.format(**report.summary()))
            for refusal in report.refused[:10]:
                sys.stderr.write(f"Refused {refusal.source}: {refusal.path}: {refusal.reason}\n")

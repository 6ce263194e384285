"""`doorstep verify`: check every history's hash chain and name the first entry that breaks it."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from doorstep.timeline.verify import verify_all


class Command(BaseCommand):
    help = (
        "Check every household's and property's history for tampering: each entry's hash must "
        "match its content and the entry before it. Names the first entry that does not match."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_all()
        for problem in report.breaks:
            self.stderr.write(
                f"BROKEN {problem.stream} entry {problem.seq} (event {problem.event_uid or '-'}): "
                f"{problem.reason}"
            )
        for check in report.held:
            for held in check.problems:
                self.stderr.write(f"BROKEN {held}")
        held = "".join(f" and {c.checked} {c.name}" for c in report.held)
        summary = f"Checked {report.events} events in {report.streams} histories{held}."
        if not report.ok:
            failed = [f"{len(report.breaks)} history(ies) do not verify"] + [
                f"{len(c.problems)} of the {c.name} do not match" for c in report.held if c.problems
            ]
            raise CommandError(f"{summary} {'; '.join(failed)}.")
        self.stdout.write(
            f"{summary} Every chain verifies. Everything held beside the histories matches."
        )
